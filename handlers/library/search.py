"""Searching the library by words of the title and description."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.library.browse import QUERY_KEY, show_list
from handlers.library.callbacks import LibListCD, LibNav, LibNavCD
from handlers.library.keyboards import cancel_keyboard
from handlers.library.states import LibraryForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text

QUERY_MAX = 200


async def ask(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    await state.set_state(LibraryForm.lib_query)
    await query.answer()
    await show(query, t("library-search-ask"), cancel_keyboard(t))


async def searched(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    words = " ".join((message.text or "").split())[:QUERY_MAX]
    if not words:
        await message.answer(t("library-search-ask"), reply_markup=cancel_keyboard(t))
        return
    await state.set_state(None)
    await state.update_data({QUERY_KEY: words})
    await show_list(message, LibListCD(searched=True), state, svc, actor, t)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(ask, LibNavCD.filter(F.to == LibNav.SEARCH))
    router.message.register(searched, LibraryForm.lib_query, F.text)
    return router
