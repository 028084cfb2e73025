"""The Telegram side of keeping events' channel posts showing the seats left: the library
service says which posts are due (throttled per post), this edits them."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.container import Services
from services.context import Clock, Policy
from services.i18n import default_translator
from services.library.channel import PostEdit

log = logging.getLogger(__name__)


def _render(edit: PostEdit, policy: Policy) -> tuple[str, InlineKeyboardMarkup | None]:
    t = default_translator().bind(policy.default_locale)
    event = edit.event
    text = t(
        "library-channel-post",
        title=event.title,
        type=event.type,
        starts_at=event.starts_at.astimezone(policy.timezone).strftime("%d.%m.%Y %H:%M"),
        place=event.place or "",
        seats=event.seats_left if event.seats_left is not None else -1,
    )
    if not policy.bot_username:
        return text, None
    url = f"https://t.me/{policy.bot_username}?start=event_{event.event_id}"
    button = InlineKeyboardButton(text=t("events-btn-register-link"), url=url)
    return text, InlineKeyboardMarkup(inline_keyboard=[[button]])


async def refresh_channel_posts(
    bot: Bot, session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
) -> int:
    """One round: every due post is edited once. Returns how many were edited."""
    edited = 0
    async with session_factory() as session:
        svc = Services(session, policy, clock)
        for edit in await svc.library.channel_edits_due():
            text, markup = _render(edit, policy)
            try:
                await bot.edit_message_text(
                    text=text,
                    chat_id=edit.chat_id,
                    message_id=edit.message_id,
                    reply_markup=markup,
                )
            except TelegramRetryAfter:
                # Telegram asks to slow down: the rest waits for a later round.
                log.warning("channel post edits paused (event %s)", edit.event.event_id)
                break
            except TelegramBadRequest as exc:
                if "not modified" not in str(exc.message).lower():
                    log.warning("channel post of event %s not edited", edit.event.event_id)
            await svc.library.channel_post_shown(edit.event.event_id, edit.event.seats_left)
            edited += 1
    return edited
