"""The catch-all, registered last: whatever nobody else took still gets an answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.menu import main_menu
from services.context import Actor
from services.i18n import Text


async def stale_button(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("error-stale-button"), show_alert=True)


async def unexpected_message(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    current = await state.get_state()
    if current is not None:
        hint_key = f"expect-{current.split(':')[-1]}"
        hint = t(hint_key) if t.translator.has(hint_key, t.locale) else t("expect-default")
        await message.answer(t("flow-unexpected-input", hint=hint))
        return
    if message.text and message.text.startswith("/"):
        await message.answer(t("unknown-command"))
        return
    if not actor.is_registered:
        await message.answer(t("start-needs-onboarding"))
        return
    await message.answer(t("unknown-message"), reply_markup=main_menu(actor, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.callback_query.register(stale_button)
    router.message.register(unexpected_message)
    return router
