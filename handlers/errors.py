"""The error handler: domain errors become a localized answer; anything else is logged with
the update id and the person is told that something went wrong, so the bot never goes silent."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import CallbackQuery, ErrorEvent, Message

from services.errors import DomainError
from services.i18n import Text, default_translator

log = logging.getLogger(__name__)

ALERT_LIMIT = 200


def _text(data: dict[str, Any]) -> Text:
    t = data.get("t")
    return t if isinstance(t, Text) else default_translator().bind("ru")


async def _tell(event: ErrorEvent, text: str) -> None:
    update = event.update
    try:
        if update.callback_query is not None:
            query: CallbackQuery = update.callback_query
            try:
                await query.answer(text[:ALERT_LIMIT], show_alert=True)
            except TelegramBadRequest:
                # The answer window passed (query too old): say it in the chat instead.
                if query.message is not None:
                    await query.bot.send_message(query.from_user.id, text)  # type: ignore[union-attr]
        elif update.message is not None:
            message: Message = update.message
            if message.chat.type == "private":
                await message.answer(text)
    except TelegramAPIError:
        log.warning("could not tell about an error update_id=%s", update.update_id, exc_info=True)


async def domain_error(event: ErrorEvent, **data: Any) -> None:
    error = event.exception
    assert isinstance(error, DomainError)
    t = _text(data)
    await _tell(event, t(error.key, **error.args_for_text))


async def unexpected_error(event: ErrorEvent, **data: Any) -> None:
    log.error(
        "unhandled error update_id=%s type=%s",
        event.update.update_id,
        type(event.exception).__name__,
        exc_info=event.exception,
    )
    await _tell(event, _text(data)("error-unexpected"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(domain_error, ExceptionTypeFilter(DomainError))
    router.errors.register(unexpected_error)
    return router
