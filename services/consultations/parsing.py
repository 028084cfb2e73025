"""Days, day ranges and time windows as psychologists type them in /slots."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from services.errors import InvalidInput

_DAY_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$")
_DAY_WORDS = {"сегодня": 0, "today": 0, "завтра": 1, "tomorrow": 1, "послезавтра": 2}
_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_SPLIT_RE = re.compile(r"\s*(?:-|–|—|до|по|to)\s*")


def parse_day(text: str | None, *, today: date) -> date:
    """A day as people type it: 25.12, 25.12.2026, 25.12.26, сегодня, завтра. A day and month
    already past this year mean next year."""
    raw = " ".join((text or "").lower().replace("ё", "е").split())
    if raw in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[raw])
    match = _DAY_RE.match(raw)
    if match is None:
        raise InvalidInput("consult-error-day")
    year_text = match.group(3)
    year = (
        today.year if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    )
    try:
        day = date(year, int(match.group(2)), int(match.group(1)))
        if year_text is None and day < today:
            day = date(year + 1, day.month, day.day)
    except ValueError as exc:
        raise InvalidInput("error-date-bad-date") from exc
    return day


def parse_day_range(text: str | None, *, today: date) -> tuple[date, date]:
    parts = _SPLIT_RE.split((text or "").strip(), maxsplit=1)
    if len(parts) != 2:
        raise InvalidInput("consult-error-range")
    first = parse_day(parts[0], today=today)
    last = parse_day(parts[1], today=first)
    if last < first:
        raise InvalidInput("consult-error-range-order")
    return first, last


def parse_clock(text: str) -> time:
    match = _TIME_RE.match(text.strip())
    if match is None:
        raise InvalidInput("consult-error-window")
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError as exc:
        raise InvalidInput("error-date-bad-time") from exc


def parse_window(text: str | None) -> tuple[time, time]:
    parts = _SPLIT_RE.split((text or "").strip(), maxsplit=1)
    if len(parts) != 2:
        raise InvalidInput("consult-error-window")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    return start, end
