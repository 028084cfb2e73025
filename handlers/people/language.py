"""/language: the person's language, for guests (kept in the conversation) and members."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.commands_menu import refresh_commands
from handlers.menu import main_menu
from handlers.messages import edit_text, send, tapped_message
from handlers.people.callbacks import LangCD, ProfileEditCD
from handlers.people.keyboards import language_keyboard
from services.container import Services
from services.context import Actor
from services.i18n import Text, default_translator


async def choose_language(event: Message | CallbackQuery, t: Text) -> None:
    if isinstance(event, CallbackQuery) and tapped_message(event) is None:
        return
    await send(event, t("language-choose"), language_keyboard())


async def language_chosen(
    query: CallbackQuery,
    callback_data: LangCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
) -> None:
    locale = callback_data.code if callback_data.code in ("ru", "en") else "ru"
    await svc.users.set_locale(actor, locale)
    await state.update_data(locale=locale)
    t = default_translator().bind(locale)
    message = tapped_message(query)
    if message is None:
        return
    if not actor.is_registered:
        await edit_text(message, t("language-set-guest"))
        return
    updated = Actor(
        actor.telegram_id, actor.user_id, locale, actor.roles, actor.coordinator_school_id
    )
    assert query.bot is not None
    await refresh_commands(query.bot, updated, t)
    await edit_text(message, t("language-set"))
    await message.answer(t("menu-title"), reply_markup=main_menu(updated, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(choose_language, ProfileEditCD.filter(F.field == "language"))
    router.message.register(choose_language, Command("language"))
    router.callback_query.register(language_chosen, LangCD.filter())
    return router
