"""A material's card (from the list, a notice or a deep link `material_<id>`), and its file,
sent again by Telegram's file id."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import deep_links
from handlers.library.callbacks import CardAct, LibCardCD
from handlers.library.keyboards import card_keyboard
from handlers.library.render import card_text
from handlers.material_card import MaterialCardCD
from handlers.messages import send
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.library.types import FileType, MaterialView

log = logging.getLogger(__name__)


async def send_card(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, material_id: int
) -> None:
    view = await svc.library.open(actor, material_id)
    markup = card_keyboard(view, t, svc.library.can_review(actor))
    await send(event, card_text(view, t, svc.policy.timezone), markup)


async def open_card(
    query: CallbackQuery,
    callback_data: LibCardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not actor.is_registered:
        await deep_links.remember(state, f"material_{callback_data.material_id}")
    await query.answer()
    await send_card(query, svc, actor, t, callback_data.material_id)


async def open_material(
    rest: str, message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not rest.isdigit():
        await send(message, t("deeplink-unknown"))
        return
    await send_card(message, svc, actor, t, int(rest))


async def _send_file(query: CallbackQuery, view: MaterialView) -> None:
    assert query.bot is not None and view.file_id is not None
    chat_id = query.from_user.id
    if view.file_type == FileType.PHOTO:
        await query.bot.send_photo(chat_id, view.file_id, caption=view.title)
    elif view.file_type == FileType.VIDEO:
        await query.bot.send_video(chat_id, view.file_id, caption=view.title)
    else:
        await query.bot.send_document(chat_id, view.file_id, caption=view.title)


async def send_file(
    query: CallbackQuery, callback_data: LibCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    view = await svc.library.get(actor, callback_data.material_id)
    if view.file_id is None:
        await query.answer(t("library-no-file"), show_alert=True)
        return
    try:
        await _send_file(query, view)
    except TelegramBadRequest:
        # Telegram no longer knows the file id: the material stays, staff see it flagged.
        log.warning("library file of material %s cannot be re-sent", view.id)
        await svc.library.file_broken(view.id)
        await query.answer(t("library-file-gone"), show_alert=True)
        return
    await svc.library.file_sent(view.id)
    await query.answer()


async def open_from_elsewhere(
    query: CallbackQuery,
    callback_data: MaterialCardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await query.answer()
    await send_card(query, svc, actor, t, callback_data.material_id)


def _open(params: Mapping[str, Any]) -> CallbackData:
    return LibCardCD(act=CardAct.OPEN, material_id=int(params["id"]))


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {"library_open": _open}


def create_router() -> Router:
    deep_links.register("material", open_material, public=True)
    router = Router(name=__name__)
    router.callback_query.register(open_card, LibCardCD.filter(F.act == CardAct.OPEN))
    router.callback_query.register(send_file, LibCardCD.filter(F.act == CardAct.FILE))
    router.callback_query.register(open_from_elsewhere, MaterialCardCD.filter())
    return router
