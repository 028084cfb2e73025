"""The command menu (setMyCommands) shows each person the commands of their roles."""

from __future__ import annotations

from aiogram.methods import DeleteMyCommands, SetMyCommands
from aiogram.types import BotCommandScopeChat, BotCommandScopeDefault

from handlers.commands_menu import (
    EVERYONE_COMMANDS,
    GUEST_COMMANDS,
    ROLE_COMMANDS,
    set_default_commands,
)
from services.enums import Role
from services.i18n import default_translator
from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness

TEACHER = 140_001
PARENT = 140_002


def only_for(role: Role, *others: Role) -> set[str]:
    """Commands the role brings that neither everyone nor the other roles have."""
    result = set(ROLE_COMMANDS[role]) - set(EVERYONE_COMMANDS)
    for other in others:
        result -= set(ROLE_COMMANDS.get(other, ()))
    return result


def menu_of(harness: BotHarness, chat_id: int) -> dict[str, str]:
    for request in reversed(harness.api.requests):
        if (
            isinstance(request, SetMyCommands)
            and isinstance(request.scope, BotCommandScopeChat)
            and request.scope.chat_id == chat_id
        ):
            return {c.command: c.description for c in request.commands}
    raise AssertionError(f"no command menu was set for {chat_id}")


async def test_after_onboarding_a_teacher_sees_everyday_commands_only(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    menu = menu_of(harness, TEACHER)
    assert set(EVERYONE_COMMANDS) <= set(menu)
    assert "forget" in menu
    assert {"roles", "grant", "schools"} <= only_for(Role.ADMIN, Role.TEACHER)
    assert not only_for(Role.ADMIN, Role.TEACHER) & set(menu)
    assert menu["profile"] == "мой профиль"


async def test_an_admin_from_settings_sees_admin_commands(harness: BotHarness) -> None:
    await harness.onboard_parent(ADMIN_ID)
    menu = menu_of(harness, ADMIN_ID)
    assert set(ROLE_COMMANDS[Role.ADMIN]) <= set(menu)


async def test_a_granted_role_adds_its_commands_and_a_revoke_removes_them(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_parent(ADMIN_ID)
    await harness.onboard_teacher(TEACHER)
    for role in (Role.METHODIST, Role.ADMIN):
        await harness.send(ADMIN_ID, f"/grant {TEACHER}")
        before = len(harness.api.requests)
        await harness.press(ADMIN_ID, default_translator().get("ru", f"role-{role.value}"))
        assert any(isinstance(r, SetMyCommands) for r in harness.api.requests[before:])
        assert set(ROLE_COMMANDS.get(role, ())) <= set(menu_of(harness, TEACHER))

    await harness.send(ADMIN_ID, f"/grant {TEACHER}")
    await harness.press(ADMIN_ID, "✅ администратор")
    gone = only_for(Role.ADMIN, Role.TEACHER, Role.METHODIST)
    assert gone and not gone & set(menu_of(harness, TEACHER))


async def test_the_menu_follows_the_language(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    await harness.send(PARENT, "/language")
    await harness.press(PARENT, "English")
    assert menu_of(harness, PARENT)["profile"] == "my profile"


async def test_forget_removes_the_personal_menu(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    await harness.send(PARENT, "/forget")
    await harness.press(PARENT, "Да, удалить")
    deleted = [r for r in harness.api.requests if isinstance(r, DeleteMyCommands)]
    assert deleted and isinstance(deleted[-1].scope, BotCommandScopeChat)
    assert deleted[-1].scope.chat_id == PARENT


async def test_default_menu_for_guests_in_both_languages(harness: BotHarness) -> None:
    await set_default_commands(harness.bot, default_translator())
    defaults = [
        r
        for r in harness.api.requests
        if isinstance(r, SetMyCommands) and isinstance(r.scope, BotCommandScopeDefault)
    ]
    assert {r.language_code for r in defaults} == {None, "en"}
    for request in defaults:
        assert [c.command for c in request.commands] == list(GUEST_COMMANDS)
