"""Interactive replies survive short Bot API trouble: a 429 is waited out, a 5xx, a garbled
answer or a dropped connection is tried again after a short pause.

The delivery engine has its own policy (a 429 pauses every sender, a failed row is retried
from the outbox with a backoff), so its requests pass straight through: it marks its own
context with `engine_requests()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, TelegramMethod

log = logging.getLogger(__name__)

ATTEMPTS = 3
# A person waits this long at most for a throttled reply; a longer 429 is given up on (the
# error handler then has its own go at telling them).
MAX_RETRY_AFTER = 10.0
PAUSES = (0.5, 1.5)

_engine: ContextVar[bool] = ContextVar("delivery_engine_request", default=False)


@contextlib.contextmanager
def engine_requests() -> Iterator[None]:
    """Requests made inside (and in tasks started inside) bypass the interactive retries."""
    token = _engine.set(True)
    try:
        yield
    finally:
        _engine.reset(token)


class RetryInteractive(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        # Long polling has its own backoff loop in the dispatcher.
        if _engine.get() or isinstance(method, GetUpdates):
            return await make_request(bot, method)
        name = type(method).__name__
        for attempt in range(ATTEMPTS):
            last = attempt == ATTEMPTS - 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if last or error.retry_after > MAX_RETRY_AFTER:
                    raise
                log.warning("retry after %ss on %s", error.retry_after, name)
                await asyncio.sleep(error.retry_after)
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as error:
                # A timed-out request may have reached Telegram: this can show a reply twice,
                # which beats not answering at all.
                if last:
                    raise
                log.warning("bot api %s on %s, trying again", type(error).__name__, name)
                await asyncio.sleep(PAUSES[attempt])
        raise AssertionError("unreachable")  # pragma: no cover
