"""The error handler: domain errors become a localized answer; anything else is logged with
the update id and the person is told that something went wrong, so the bot never goes silent."""

from __future__ import annotations

import logging
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Router
from aiogram.client.session.base import BaseSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import ExceptionTypeFilter
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import CallbackQuery, ErrorEvent, Message, TelegramObject

from handlers.messages import is_not_modified
from services.errors import DomainError
from services.i18n import Text, default_translator

log = logging.getLogger(__name__)

ALERT_LIMIT = 200
_REMEMBERED_ANSWERS = 10_000


class _AnsweredQueries(BaseRequestMiddleware):
    """Remembers which taps were answered. Telegram takes one answer per tap and rejects a
    second, so a handler's own answer must stop the automatic one."""

    def __init__(self) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, query_id: str) -> bool:
        return query_id in self._ids

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        if isinstance(method, AnswerCallbackQuery):
            if method.callback_query_id in self._ids:
                return True
            self._ids[method.callback_query_id] = None
            while len(self._ids) > _REMEMBERED_ANSWERS:
                self._ids.popitem(last=False)
            try:
                return await make_request(bot, method)
            except (
                TelegramServerError,
                TelegramNetworkError,
                TelegramRetryAfter,
                ClientDecodeError,
            ):
                # Not answered after all: a retry (or the error handler's alert) may answer it.
                self._ids.pop(method.callback_query_id, None)
                raise
        return await make_request(bot, method)


# Keyed by the session, not the bot: bots compare equal by token.
_trackers: weakref.WeakKeyDictionary[BaseSession, _AnsweredQueries] = weakref.WeakKeyDictionary()


def _answered(bot: Bot) -> _AnsweredQueries:
    tracker = _trackers.get(bot.session)
    if tracker is None:
        tracker = _trackers[bot.session] = _AnsweredQueries()
        bot.session.middleware(tracker)
    return tracker


class AnswerEveryTap(BaseMiddleware):
    """Answers a tap after its handler unless the handler did; a failed tap is left to the
    error handler, which answers with the reason instead of an empty answer."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        answered = _answered(data["bot"])
        flags = get_flag(data, "callback_answer")
        flags = flags if isinstance(flags, dict) else {}
        if flags.get("disabled"):
            return await handler(event, data)
        if flags.get("pre"):
            # A slow handler (a report) stops the spinner at once.
            await _courtesy_answer(event)
        result = await handler(event, data)
        if event.id not in answered:
            await _courtesy_answer(event)
        return result


async def _courtesy_answer(query: CallbackQuery) -> None:
    # The empty answer only stops the spinner; the action itself is done, so a Bot API failure
    # here must not tell the person that it went wrong.
    try:
        await query.answer()
    except TelegramAPIError as error:
        log.warning("tap left unanswered id=%s error=%s", query.id, type(error).__name__)


def _text(data: dict[str, Any]) -> Text:
    t = data.get("t")
    return t if isinstance(t, Text) else default_translator().bind("ru")


async def _tell(event: ErrorEvent, text: str) -> None:
    update = event.update
    try:
        if update.callback_query is not None:
            query: CallbackQuery = update.callback_query
            # A tap the handler already answered cannot show an alert any more.
            alert = query.bot is not None and query.id not in _answered(query.bot)
            try:
                if alert:
                    await query.answer(text[:ALERT_LIMIT], show_alert=True)
            except TelegramBadRequest:
                # The answer window passed (query too old): say it in the chat instead.
                alert = False
            if not alert and query.message is not None:
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


async def screen_already_shown(event: ErrorEvent) -> None:
    """An edit Telegram refused because it would change nothing: a screen not yet moved to
    handlers/messages.py asked for what the person already sees. Nothing went wrong."""
    log.debug("edit changed nothing update_id=%s", event.update.update_id)


def _changes_nothing(event: ErrorEvent) -> bool:
    error = event.exception
    return isinstance(error, TelegramBadRequest) and is_not_modified(error)


def create_router() -> Router:
    router = Router(name=__name__)
    router.errors.register(screen_already_shown, _changes_nothing)
    router.errors.register(domain_error, ExceptionTypeFilter(DomainError))
    router.errors.register(unexpected_error)
    return router
