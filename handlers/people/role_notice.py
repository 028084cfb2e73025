"""Telling a person that an administrator granted or took away a role: in their language,
what they can do now, with their new main menu and command list, so nobody keeps a teacher's
keyboard after becoming a methodist (or a methodist's after the role goes)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from handlers.commands_menu import refresh_commands
from handlers.menu import main_menu
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.i18n import Text, default_translator

log = logging.getLogger(__name__)


def role_notice_text(role: Role, *, granted: bool, t: Text) -> str:
    name = t(f"role-{role.value}")
    if granted:
        return t("role-granted-notice", role=name, abilities=t(f"role-abilities-{role.value}"))
    return t("role-revoked-notice", role=name)


async def tell_about_role(
    bot: Bot, svc: Services, admin: Actor, user_id: int, role: Role, *, granted: bool
) -> None:
    person = await svc.users.person(admin, user_id)
    if person.telegram_id is None:
        return
    their = await svc.users.actor_for(person.telegram_id, svc.policy.default_locale)
    t = default_translator().bind(their.locale)
    await refresh_commands(bot, their, t)
    try:
        await bot.send_message(
            their.telegram_id,
            role_notice_text(role, granted=granted, t=t),
            reply_markup=main_menu(their, t),
        )
    except TelegramAPIError as error:
        # The role is saved either way; a person who blocked the bot (or a demo person with no
        # chat) finds the new menu at their next /menu.
        log.warning("role notice not delivered user_id=%s error=%s", user_id, type(error).__name__)
