"""/cancel from any step and /help for the person's roles. Registered first."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, ReplyKeyboardRemove

from handlers.menu import MenuButton, items_for, main_menu
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def cancel(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    current = await state.get_state()
    await state.clear()
    text = t("cancel-done") if current is not None else t("cancel-nothing")
    # A flow may say what leaving it means (a survey is paused, not lost): "cancel-<state>".
    own_key = f"cancel-{current.split(':')[-1]}" if current else ""
    if own_key and t.translator.has(own_key, t.locale):
        text = t(own_key)
    if actor.is_registered:
        await message.answer(text, reply_markup=main_menu(actor, t))
    else:
        await message.answer(
            text + "\n" + t("start-needs-onboarding"), reply_markup=ReplyKeyboardRemove()
        )


async def help_command(message: Message, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        await message.answer(t("help-guest"))
        return
    lines = [t("help-intro")]
    seen: set[str] = set()
    for item in items_for(actor):
        if item.command not in seen:
            seen.add(item.command)
            lines.append(f"/{item.command} — {t(f'cmd-{item.command}')}")
    for command in ("language", "privacy", "forget", "cancel"):
        if command not in seen:
            lines.append(f"/{command} — {t(f'cmd-{command}')}")
    await message.answer("\n".join(lines), reply_markup=main_menu(actor, t))


async def group_message(message: Message, svc: Services, t: Text) -> None:
    # Profiles and consent are personal: nothing is asked in front of a group. Plain chatter
    # in the group is not for the bot; a command gets a pointer to the private chat.
    if message.text and message.text.startswith("/"):
        await message.reply(t("group-private-only", username=svc.policy.bot_username))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(group_message, F.chat.type != "private")
    router.message.register(cancel, Command("cancel"), StateFilter("*"))
    router.message.register(help_command, Command("help"), StateFilter("*"))
    router.message.register(help_command, MenuButton("menu-help"), StateFilter("*"))
    return router
