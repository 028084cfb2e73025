"""A double tap on a button that redraws its own message asks for the screen already shown:
Telegram refuses that edit ("message is not modified"), and the person must see no error."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage

from db.enums import Role
from tests.consultations.test_consult_helpers import PARENT, PSY, add_slot, person
from tests.support.harness import BotHarness


def _no_error_shown(sent: list[Any]) -> None:
    assert not [r for r in sent if isinstance(r, SendMessage)]
    assert not [r for r in sent if isinstance(r, AnswerCallbackQuery) and r.show_alert]


async def test_a_double_tap_on_a_psychologist_and_on_a_day_shows_no_error(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    await add_slot(harness, psy, timedelta(days=3))
    harness.api.refuse_identical_edits = True
    await harness.send(PARENT, "/consult")

    psychologist = harness.find_button(PARENT, "Соколова")
    first = await harness.callback(PARENT, psychologist)
    assert [r for r in first if isinstance(r, EditMessageText)]
    again = await harness.callback(PARENT, psychologist)
    # The same screen was asked for once more: Telegram refused the identical edit.
    assert [r for r in again if isinstance(r, EditMessageText)]
    _no_error_shown(again)

    day = harness.find_button(PARENT, "1 окно")
    first = await harness.callback(PARENT, day)
    assert "Соколова" in harness.last_text(PARENT)
    again = await harness.callback(PARENT, day)
    assert [r for r in again if isinstance(r, EditMessageText)]
    _no_error_shown(again)
