"""/broadcasts: the recent broadcasts with their figures, and Stop (also under the live
progress message)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.broadcasts.callbacks import BcListCD, BcStopCD
from handlers.broadcasts.keyboards import list_keyboard
from handlers.broadcasts.render import list_text, render_progress
from handlers.messages import show, tapped_message
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def _show_page(
    event: Message | CallbackQuery, page: int, svc: Services, actor: Actor, t: Text
) -> None:
    found = await svc.broadcasts.list_page(actor, page)
    if not found.items:
        await show(event, t("broadcast-list-empty"))
        return
    text = list_text(found.items, svc.policy.timezone, t)
    if found.pages > 1:
        text += "\n" + t("broadcast-list-page", page=found.page + 1, pages=found.pages)
    await show(event, text, list_keyboard(found.items, t, found.page, found.pages))


async def list_broadcasts(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await _show_page(message, 0, svc, actor, t)


async def list_page(
    query: CallbackQuery, callback_data: BcListCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _show_page(query, callback_data.page, svc, actor, t)


async def stop(
    query: CallbackQuery, callback_data: BcStopCD, svc: Services, actor: Actor, t: Text
) -> None:
    progress = await svc.broadcasts.stop(actor, callback_data.broadcast_id)
    await query.answer(t("broadcast-stopped-alert"))
    if tapped_message(query) is not None:
        await show(query, render_progress(progress, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_broadcasts, Command("broadcasts"))
    router.callback_query.register(stop, BcStopCD.filter())
    router.callback_query.register(list_page, BcListCD.filter())
    return router
