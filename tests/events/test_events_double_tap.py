"""A second tap on a button that redraws its own message asks for the screen already shown;
Telegram refuses such an edit ("message is not modified"), and that must not become an error."""

from __future__ import annotations

import logging

import pytest
from aiogram.methods import EditMessageText

from db.enums import Role
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


async def test_second_tap_on_subjects_done_does_not_pass_the_schools_step(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.conftest import ADMIN_ID

    await add_people(harness, [ADMIN_ID], Role.METHODIST, name_prefix="Методист")
    me = ADMIN_ID
    await harness.send(me, "/new_event")
    await harness.send(me, "Семинар «Оценивание»")
    await harness.press(me, "семинар")
    await harness.press(me, "функциональная грамотность")
    await harness.press(me, "очно")
    await harness.send(me, "25 декабря с 15:00 до 16:30")
    await harness.press(me, "Да, верно")
    await harness.send(me, "СШ № 2, кабинет 5")
    await harness.send(me, "25")
    await harness.press(me, "Пропустить")
    await harness.press(me, "педагоги")
    subjects_done = harness.find_button(me, "Готово")
    await harness.callback(me, subjects_done)
    assert "Только для некоторых школ" in harness.last_text(me)
    with caplog.at_level(logging.WARNING):
        await harness.callback(me, subjects_done)
    # Still asking about schools: the stale tap was told so and chose nothing for the person.
    assert "Только для некоторых школ" in harness.last_text(me)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    await harness.press(me, "Готово")
    assert "опишите мероприятие" in harness.last_text(me)
