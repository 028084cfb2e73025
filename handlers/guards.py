"""Ids that no row can have are refused at the edge, before any handler or query sees them.

Anyone can craft a deep link (`?start=event_99999999999999999999`) or a button's data; a
number past the database's 64-bit integers made the driver raise OverflowError, which the
person saw as "something went wrong" and the log as an ERROR. It is ordinary bad input: an
outdated button, or a link to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject

from services.i18n import Text

# The largest id a BIGINT (and SQLite's INTEGER) column holds.
MAX_ID = 2**63 - 1
_NUMBER = re.compile(r"-?\d+")


def out_of_range(token: str) -> bool:
    return bool(_NUMBER.fullmatch(token)) and abs(int(token)) > MAX_ID


def _crafted(callback_data: str | None) -> bool:
    return any(out_of_range(part) for part in (callback_data or "").split(":"))


class RefuseOutOfRangeIds(BaseMiddleware):
    """A button whose data carries a number no id can have is answered as outdated."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, CallbackQuery) and _crafted(event.data):
            t: Text = data["t"]
            await event.answer(t("error-stale-button"), show_alert=True)
            return None
        return await handler(event, data)
