"""/broadcasts: the recent broadcasts with their figures, and Stop (also under the live
progress message)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers.broadcasts.callbacks import BcStopCD
from handlers.broadcasts.keyboards import list_keyboard
from handlers.broadcasts.render import list_text, render_progress
from handlers.messages import show, tapped_message
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def list_broadcasts(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    items = await svc.broadcasts.list_recent(actor)
    if not items:
        await show(message, t("broadcast-list-empty"))
        return
    await show(message, list_text(items, svc.policy.timezone, t), list_keyboard(items, t))


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
    return router
