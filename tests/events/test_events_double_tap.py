"""A second tap on a button that redraws its own message asks for the screen already shown;
Telegram refuses such an edit ("message is not modified"), and that must not become an error."""

from __future__ import annotations

import logging

import pytest
from aiogram.methods import EditMessageText

from tests.support.events_support import add_people, create_event, draft, staff_actor
from tests.support.harness import BotHarness, texts

TEACHER = 510_001


async def test_double_tap_on_the_type_filter_gets_no_error(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, [TEACHER])
    await create_event(harness, staff, draft(now=harness.clock.now))
    harness.api.refuse_identical_edits = True

    await harness.send(TEACHER, "/events")
    type_filter = harness.find_button(TEACHER, "Тип")
    first = await harness.callback(TEACHER, type_filter)
    with caplog.at_level(logging.WARNING):
        second = await harness.callback(TEACHER, type_filter)

    assert any(isinstance(r, EditMessageText) for r in first)
    assert [type(r) for r in second if isinstance(r, EditMessageText)] == [EditMessageText]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # Nothing but the refused edit (and the tap's answer) reached the chat: no error message.
    assert texts([r for r in second if not isinstance(r, EditMessageText)]) == []
