"""Inline mode: @bot in any chat lists upcoming events and library materials as the person
types; each shared card carries a button back to the bot (a deep link)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
)

from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.library.types import SharedItem

# Answers are the same for everyone (public items only), so Telegram may cache them briefly.
CACHE_SECONDS = 30


def _result(item: SharedItem, t: Text) -> InlineQueryResultArticle:
    body = t(f"library-inline-{item.kind}", title=item.title, description=item.description)
    button = InlineKeyboardButton(text=t(f"library-inline-{item.kind}-button"), url=item.deep_link)
    return InlineQueryResultArticle(
        id=f"{item.kind}-{item.item_id}",
        title=item.title,
        description=item.description or t(f"library-inline-{item.kind}-hint"),
        input_message_content=InputTextMessageContent(message_text=body),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]),
    )


async def inline_query(query: InlineQuery, svc: Services, actor: Actor, t: Text) -> None:
    items = await svc.library.inline_items(actor, query.query or "")
    await query.answer(
        [_result(item, t) for item in items], cache_time=CACHE_SECONDS, is_personal=False
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(inline_query)
    return router
