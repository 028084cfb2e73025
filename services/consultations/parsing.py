"""Days, day ranges and time windows as psychologists type them in /slots."""

from __future__ import annotations

from datetime import date, time

from services.dates import read_clock_range, read_day, read_day_range
from services.errors import InvalidInput


def _as(key: str, error: InvalidInput) -> InvalidInput:
    """The consultations' own answer for text that is no date at all; the reader's precise
    answers (an impossible date, an end before the start) stay as they are."""
    return InvalidInput(key) if error.key == "error-date-unparseable" else error


def parse_day(text: str | None, *, today: date) -> date:
    """A day as people type it ("25.12", "25 декабря", "завтра", "в пятницу"); a day and
    month already past this year mean next year."""
    try:
        return read_day(text, today=today, prefer_future=True)
    except InvalidInput as error:
        raise _as("consult-error-day", error) from error


def parse_day_range(text: str | None, *, today: date) -> tuple[date, date]:
    try:
        first, last = read_day_range(text, today=today, prefer_future=True)
    except InvalidInput as error:
        if error.key == "error-date-end-before-start":
            raise InvalidInput("consult-error-range-order") from error
        raise _as("consult-error-range", error) from error
    return first, last


def parse_window(text: str | None) -> tuple[time, time]:
    try:
        return read_clock_range(text)
    except InvalidInput as error:
        raise _as("consult-error-window", error) from error
