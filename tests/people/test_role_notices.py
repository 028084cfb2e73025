"""Role grants told to the person (their language, their new menu and commands), the admin's
card edited in place, ids shown as code and typed with spaces, an ADMIN_IDS admin without a
profile asked to /start at the first command, refusals that say whom to ask."""

from __future__ import annotations

import pytest
from aiogram.methods import EditMessageText, SendMessage, SetMyCommands
from aiogram.types import BotCommandScopeChat, ReplyKeyboardMarkup

from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness, texts

STAFF = 7_102_345
TEACHER = 150_001


def _to(requests: list[object], chat_id: int) -> list[SendMessage]:
    return [r for r in requests if isinstance(r, SendMessage) and r.chat_id == chat_id]


def _commands(requests: list[object], chat_id: int) -> set[str]:
    for request in reversed(requests):
        if (
            isinstance(request, SetMyCommands)
            and isinstance(request.scope, BotCommandScopeChat)
            and request.scope.chat_id == chat_id
        ):
            return {c.command for c in request.commands}
    raise AssertionError(f"no command list was set for {chat_id}")


def _menu(message: SendMessage) -> list[str]:
    assert isinstance(message.reply_markup, ReplyKeyboardMarkup)
    return [b.text for row in message.reply_markup.keyboard for b in row]


async def _admin_ready(harness: BotHarness) -> None:
    await harness.onboard_parent(ADMIN_ID, name="Админова Ольга")


async def test_a_grant_is_told_in_the_persons_language_with_the_new_menu(
    harness: BotHarness,
) -> None:
    await _admin_ready(harness)
    await harness.send(STAFF, "/start")
    await harness.press(STAFF, "English")
    await harness.press(STAFF, "work at the centre")
    await harness.press(STAFF, "I agree")
    await harness.send(STAFF, "Mila Methodist")
    await harness.press(STAFF, "methodist")
    assert "<code>7102345</code>" in harness.last_text(STAFF)

    await harness.send(ADMIN_ID, f"/grant {STAFF}")
    requests = await harness.press(ADMIN_ID, "методист")
    notices = _to(requests, STAFF)
    assert len(notices) == 1
    assert "granted you the role “methodist”" in notices[0].text
    assert "/new_event" in notices[0].text
    assert "➕ New event" in _menu(notices[0])
    assert {"new_event", "broadcast", "stats"} <= _commands(requests, STAFF)

    requests = await harness.press(ADMIN_ID, "✅ методист")
    notices = _to(requests, STAFF)
    assert len(notices) == 1 and "took away your role “methodist”" in notices[0].text
    assert "new_event" not in _commands(requests, STAFF)
    assert "➕ New event" not in _menu(notices[0])
    assert "👤 Profile" in _menu(notices[0])


async def test_each_role_tap_edits_the_admins_card(
    harness: BotHarness, schools: list[int]
) -> None:
    await _admin_ready(harness)
    await harness.onboard_teacher(TEACHER)
    await harness.send(ADMIN_ID, f"/grant {TEACHER}")
    for button in ("методист", "педагог-психолог", "✅ методист"):
        requests = await harness.press(ADMIN_ID, button)
        assert _to(requests, ADMIN_ID) == []  # no second card
        edits = [r for r in requests if isinstance(r, EditMessageText)]
        assert len(edits) == 1 and "Иванова Мария" in str(edits[0].text)
    assert harness.find_button(ADMIN_ID, "✅ педагог-психолог")
    assert harness.find_button(ADMIN_ID, "▫️ методист")

    # The coordinator's school is chosen on the same card, with a way back.
    requests = await harness.press(ADMIN_ID, "координатор")
    assert _to(requests, ADMIN_ID) == []
    assert "Координатор какой школы?" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "К карточке")
    assert "Иванова Мария" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "координатор")
    requests = await harness.press(ADMIN_ID, "СШ № 2")
    assert _to(requests, ADMIN_ID) == []
    assert "координатор ОО" in harness.last_text(ADMIN_ID)
    assert any("координатор ОО" in str(m.text) for m in _to(requests, TEACHER))


async def test_the_card_shows_the_id_as_code_and_grant_takes_it_with_spaces(
    harness: BotHarness,
) -> None:
    await _admin_ready(harness)
    await harness.onboard_staff(STAFF)
    await harness.send(ADMIN_ID, f"/grant {STAFF}")
    card = harness.last_text(ADMIN_ID)
    assert "Telegram ID: <code>7102345</code>" in card
    for typed in ("7 102 345", "7\u00a0102\u00a0345", "7\u202f102\u202f345"):
        await harness.send(ADMIN_ID, f"/grant {typed}")
        assert "Методистова Мила" in harness.last_text(ADMIN_ID), typed
    await harness.send(ADMIN_ID, "/grant")
    await harness.send(ADMIN_ID, " 7 102 345 ")
    assert "Методистова Мила" in harness.last_text(ADMIN_ID)
    # An id no row can have is nobody, not an error.
    await harness.send(ADMIN_ID, "/grant 99 999 999 999 999 999 999")
    assert "Никого не нашёл" in harness.last_text(ADMIN_ID)


STAFF_COMMANDS = ("/new_event", "/participants", "/grant", "/roles", "/stats", "/schools")


@pytest.mark.parametrize("command", STAFF_COMMANDS)
async def test_an_admin_from_settings_without_a_profile_is_asked_to_start_at_once(
    harness: BotHarness, command: str
) -> None:
    replies = texts(await harness.send(ADMIN_ID, command))
    assert len(replies) == 1 and "/start" in replies[0] and "ADMIN_IDS" in replies[0]
    # Nothing was started that could fail at its end.
    assert await harness.dp.fsm.get_context(harness.bot, ADMIN_ID, ADMIN_ID).get_state() is None


async def test_an_admin_from_settings_takes_the_staff_path_and_then_everything_works(
    harness: BotHarness,
) -> None:
    await harness.onboard_staff(ADMIN_ID, name="Админова Ольга")
    assert "администратор" in harness.last_text(ADMIN_ID)  # told which roles they hold
    assert "<code>900001</code>" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "/new_event")
    assert "ADMIN_IDS" not in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "/cancel")
    await harness.send(ADMIN_ID, "/grant Админова")
    assert "Админова Ольга" in harness.last_text(ADMIN_ID)


async def test_a_refusal_says_whom_to_ask(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    for command in ("/grant", "/new_event", "/stats"):
        reply = texts(await harness.send(TEACHER, command))[-1]
        assert "нет прав" in reply and "администратора центра" in reply, command
    await harness.send(TEACHER, "/language")
    await harness.press(TEACHER, "English")
    reply = texts(await harness.send(TEACHER, "/grant"))[-1]
    assert "ask the centre's administrator" in reply
