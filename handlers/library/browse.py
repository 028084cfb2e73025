"""/library: topics, a page of materials by topic or by the last search, and "my materials".
Browsing needs no registration: nothing about the person is stored."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.library.callbacks import LibListCD, LibNav, LibNavCD
from handlers.library.keyboards import home_keyboard, items_keyboard, list_keyboard
from handlers.library.render import items_text, list_text
from handlers.menu import MenuButton
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text

QUERY_KEY = "lib_query"


async def home(event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    markup = home_keyboard(t, actor.is_registered, svc.library.can_review(actor))
    await show(event, t("library-home"), markup)


async def library_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await home(message, svc, actor, t)


async def topics(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    await query.answer()
    await home(query, svc, actor, t)


async def show_list(
    event: Message | CallbackQuery,
    data: LibListCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if data.searched:
        words = str((await state.get_data()).get(QUERY_KEY, ""))
        heading = t("library-search-heading", query=words)
        page = await svc.library.search(actor, query=words, page=data.page)
    else:
        heading = t("library-topic-heading", topic=t(f"topic-{data.topic}")) if data.topic else ""
        page = await svc.library.search(actor, topic=data.topic, page=data.page)
    await show(event, list_text(page, t, heading), list_keyboard(page, data, t))


async def list_page(
    query: CallbackQuery,
    callback_data: LibListCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await query.answer()
    await show_list(query, callback_data, state, svc, actor, t)


async def mine(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    items = await svc.library.mine(actor)
    await query.answer()
    await show(query, items_text(items, t, "library-mine"), items_keyboard(items, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(library_command, Command("library"))
    router.message.register(library_command, MenuButton("menu-library"))
    router.callback_query.register(topics, LibNavCD.filter(F.to == LibNav.TOPICS))
    router.callback_query.register(mine, LibNavCD.filter(F.to == LibNav.MINE))
    router.callback_query.register(list_page, LibListCD.filter())
    return router
