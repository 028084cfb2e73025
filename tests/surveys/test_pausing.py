"""Leaving the diagnostics in the middle: /cancel says the survey is paused and how to go on,
typed text gets the survey's own hint with the question again, and nothing is lost."""

from __future__ import annotations

from tests.support.harness import BotHarness
from tests.surveys.survey_support import TEACHER, launch_default


async def _at_question_two(harness: BotHarness) -> None:
    await harness.onboard_teacher(TEACHER)
    await launch_default(harness)
    await harness.send(TEACHER, "📋 Опросы")
    await harness.press(TEACHER, "Начать")
    await harness.press(TEACHER, "Серьёзные")
    assert "Вопрос 2/14" in harness.last_text(TEACHER)


async def test_cancel_in_the_middle_of_the_diagnostics_pauses_it(
    harness: BotHarness, schools: list[int]
) -> None:
    await _at_question_two(harness)
    await harness.send(TEACHER, "/cancel")
    answer = harness.last_text(TEACHER)
    assert "нечего отменять" not in answer
    assert "Опрос на паузе" in answer and "/survey" in answer

    await harness.send(TEACHER, "/survey")
    await harness.press(TEACHER, "Продолжить (1/14)")
    assert "Вопрос 2/14" in harness.last_text(TEACHER)


async def test_text_typed_at_a_button_question_says_how_to_go_on(
    harness: BotHarness, schools: list[int]
) -> None:
    await _at_question_two(harness)
    sent = await harness.send(TEACHER, "а можно потом?")
    said = [str(getattr(r, "text", "")) for r in sent]
    assert not any("не понял" in text for text in said)
    assert any("Ответы сохранены" in text and "/survey" in text for text in said)
    assert "Вопрос 2/14" in harness.last_text(TEACHER)  # the question again, with its buttons
    await harness.press(TEACHER, "Серьёзные")
    assert "Вопрос 3/14" in harness.last_text(TEACHER)


async def test_a_menu_button_during_the_survey_still_opens_its_screen(
    harness: BotHarness, schools: list[int]
) -> None:
    await _at_question_two(harness)
    await harness.send(TEACHER, "📅 Мероприятия")
    assert "Ответы сохранены" not in harness.last_text(TEACHER)
