"""A person without a finished profile is led back to the step where they stopped, also when
the conversation state was lost (a restart with the in-memory storage)."""

from __future__ import annotations

from aiogram.fsm.storage.base import StorageKey

from tests.support.fakes import BOT_ID
from tests.support.harness import BotHarness, texts

TEACHER = 160_001
STAFF = 160_002
PARENT = 160_003


async def restart(harness: BotHarness, telegram_id: int) -> None:
    """What a restart does to a conversation kept in memory: it is gone."""
    key = StorageKey(bot_id=BOT_ID, chat_id=telegram_id, user_id=telegram_id)
    await harness.dp.storage.set_state(key, None)
    await harness.dp.storage.set_data(key, {})


async def test_text_after_a_restart_at_the_school_step_asks_for_the_school(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.send(TEACHER, "/start")
    await harness.press(TEACHER, "Русский")
    await harness.press(TEACHER, "педагог")
    await harness.press(TEACHER, "Согласен")
    await harness.send(TEACHER, "Иванова Мария")
    assert "школе" in harness.last_text(TEACHER)
    await restart(harness, TEACHER)

    replies = texts(await harness.send(TEACHER, "любавич"))
    assert not any("не понял" in r.lower() for r in replies)
    assert "продолжим" in replies[0] and "школе" in replies[-1]
    assert "👤 Профиль" not in harness.reply_keyboard(TEACHER)
    # The step works again: the search, the school, and on to the subjects.
    await harness.send(TEACHER, "любавич")
    await harness.press(TEACHER, "Любавичская")
    assert "предметы" in harness.last_text(TEACHER)


async def test_a_sticker_after_a_restart_at_the_position_step_asks_for_the_position(
    harness: BotHarness,
) -> None:
    await harness.send(STAFF, "/start")
    await harness.press(STAFF, "Русский")
    await harness.press(STAFF, "сотрудник центра")
    await harness.press(STAFF, "Согласен")
    await harness.send(STAFF, "Методистова Мила")
    await restart(harness, STAFF)
    replies = texts(await harness.send(STAFF, sticker=True))
    assert "должность в центре" in replies[-1]
    await harness.press(STAFF, "методист")
    assert "<code>160002</code>" in harness.last_text(STAFF)


async def test_a_finished_profile_still_gets_the_ordinary_answer(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    await restart(harness, PARENT)
    replies = texts(await harness.send(PARENT, "какой-то текст"))
    assert replies and "продолжим" not in replies[0]


async def test_a_profile_button_from_before_the_restart_asks_its_question_again(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.send(TEACHER, "/start")
    await harness.press(TEACHER, "Русский")
    await harness.press(TEACHER, "педагог")
    await harness.press(TEACHER, "Согласен")
    await harness.send(TEACHER, "Иванова Мария")
    await harness.press(TEACHER, "СШ № 1")
    await harness.press(TEACHER, "математика")
    await restart(harness, TEACHER)
    replies = texts(await harness.press(TEACHER, "Готово"))
    assert not any("устарела" in r for r in replies)
    assert "продолжим" in replies[0] and "предметы" in replies[-1]
    await harness.press(TEACHER, "математика")
    await harness.press(TEACHER, "Готово")
    assert "стаж" in harness.last_text(TEACHER)
