"""A date and time typed by a person, shown back before it is used.

"Понял так: пятница, 04.12.2026, 15:00–16:30 (MSK). Верно?" with "Yes" and "Change"; a text
that fits several readings ("в понедельник" on a Monday) gets one button per reading instead,
so nothing is guessed. The wizards that read a time (an event's, a psychologist's slot) keep
the readings in their conversation state and handle `WhenCD` in their own step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, TelegramObject

from handlers.markup import Keyboard
from services.dates import Reading, TimeRange, load_reader, reader_loaded
from services.i18n import Text

CHANGE = -1
STATE_KEY = "when_choices"


class LoadDateReader(BaseMiddleware):
    """Before the first message typed inside a conversation (where dates are asked for), the
    date reader's library is loaded on a worker thread: that one person's message waits about
    half a second, the event loop and everyone else do not, and an idle bot never loads it."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not reader_loaded():
            state = data.get("state")
            if isinstance(state, FSMContext) and await state.get_state() is not None:
                await load_reader()
        return await handler(event, data)


class WhenCD(CallbackData, prefix="when"):
    choice: int  # an index into the readings, or CHANGE


def reading_text(t: Text, when: TimeRange, zone: ZoneInfo) -> str:
    start = when.start.astimezone(zone)
    clock = f"{start:%H:%M}"
    if when.end is not None:
        end = when.end.astimezone(zone)
        clock += f"–{end:%H:%M}" if end.date() == start.date() else f" – {end:%d.%m.%Y %H:%M}"
    return t(
        "date-reading",
        weekday=t(f"date-weekday-{start.weekday()}"),
        date=f"{start:%d.%m.%Y}",
        time=clock,
        zone=start.tzname() or str(zone),
    )


def confirm_text(t: Text, reading: Reading, zone: ZoneInfo) -> str:
    if reading.ambiguous:
        return t("date-which")
    return t("date-understood", reading=reading_text(t, reading.when, zone))


def confirm_markup(t: Text, reading: Reading, zone: ZoneInfo) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if reading.ambiguous:
        for index, choice in enumerate(reading.choices):
            builder.button(text=reading_text(t, choice, zone), callback_data=WhenCD(choice=index))
    else:
        builder.button(text=t("date-btn-yes"), callback_data=WhenCD(choice=0))
    builder.button(text=t("date-btn-change"), callback_data=WhenCD(choice=CHANGE))
    builder.adjust(1)
    return builder.as_markup()


def remember(reading: Reading) -> dict[str, Any]:
    """The readings as conversation state can keep them (JSON, for Redis too)."""
    return {
        STATE_KEY: [
            [c.start.isoformat(), c.end.isoformat() if c.end else None] for c in reading.choices
        ]
    }


def chosen(data: Mapping[str, Any], choice: int) -> TimeRange | None:
    """The reading the person picked, or None for a stale or crafted button."""
    stored = data.get(STATE_KEY) or []
    if not 0 <= choice < len(stored):
        return None
    start, end = stored[choice]
    return TimeRange(datetime.fromisoformat(start), datetime.fromisoformat(end) if end else None)
