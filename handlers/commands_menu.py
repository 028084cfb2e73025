"""The command menu (setMyCommands) shows each person the commands of their roles."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from services.context import Actor
from services.enums import Role
from services.i18n import Text, Translator

log = logging.getLogger(__name__)

EVERYONE_COMMANDS = ("start", "menu", "profile", "language", "privacy", "help", "cancel")
ROLE_COMMANDS: dict[Role, tuple[str, ...]] = {
    Role.ADMIN: (
        "roles",
        "grant",
        "schools",
        "events",
        "new_event",
        "event_drafts",
        "participants",
        "stats",
        "export",
        "surveys",
        "broadcast",
        "broadcasts",
        "consult_report",
        "library",
        "review",
        "mentoring",
    ),
    Role.TEACHER: (
        "events",
        "my",
        "checkin",
        "survey",
        "consult",
        "library",
        "share",
        "mentoring",
    ),
    Role.PARENT: ("events", "my", "checkin", "consult", "library"),
    Role.PSYCHOLOGIST: ("events", "slots", "today"),
    Role.METHODIST: (
        "events",
        "new_event",
        "event_drafts",
        "participants",
        "stats",
        "export",
        "surveys",
        "broadcast",
        "broadcasts",
        "consult_report",
        "library",
        "share",
        "review",
        "mentoring",
    ),
    Role.COORDINATOR: ("events", "propose_event", "participants", "stats", "export", "mentoring"),
}
GUEST_COMMANDS = ("start", "language", "help", "library")


def commands_for(actor: Actor) -> list[str]:
    names = list(EVERYONE_COMMANDS if actor.is_registered else GUEST_COMMANDS)
    if actor.is_registered and not actor.roles:
        # Centre staff waiting for their role: the public list of events, like the menu.
        names.append("events")
    for role, commands in ROLE_COMMANDS.items():
        if role in actor.roles:
            names.extend(c for c in commands if c not in names)
    if actor.is_registered:
        names.append("forget")
    return names


def _commands(names: list[str], t: Text) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(f"cmd-{name}")) for name in names]


async def refresh_commands(bot: Bot, actor: Actor, t: Text) -> None:
    try:
        await bot.set_my_commands(
            _commands(commands_for(actor), t), scope=BotCommandScopeChat(chat_id=actor.telegram_id)
        )
    except TelegramAPIError:
        # The menu is a convenience: a failure here must not break the flow that triggered it.
        log.warning("set_my_commands failed chat_id=%s", actor.telegram_id, exc_info=True)


async def set_default_commands(bot: Bot, translator: Translator) -> None:
    for locale in ("ru", "en"):
        t = translator.bind(locale)
        await bot.set_my_commands(
            _commands(list(GUEST_COMMANDS), t),
            scope=BotCommandScopeDefault(),
            language_code=None if locale == "ru" else locale,
        )


async def reset_commands(bot: Bot, actor: Actor) -> None:
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id=actor.telegram_id))
    except TelegramAPIError:
        log.warning("delete_my_commands failed chat_id=%s", actor.telegram_id, exc_info=True)
