"""Dates and times as people type them, read in the configured zone and returned in UTC.

Accepted: "25.12 15:00", "25.12.2026 15:00", "25.12.26 15.00", "завтра 10:00",
"tomorrow 10:00", "сегодня 18:30", "послезавтра 9:00", a bare "15:00" (today, or the given
day), and a range "15:00-16:30" after any of these, which sets the end on the start's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.errors import InvalidInput

_DAY_WORDS = {
    "сегодня": 0,
    "today": 0,
    "завтра": 1,
    "tomorrow": 1,
    "послезавтра": 2,
}
_TIME = r"(\d{1,2})[:.](\d{2})"
_RANGE_DASH = r"\s*(?:-|–|—|до|to)\s*"
_PATTERN = re.compile(
    r"^(?:(?P<word>[a-zа-яё]+)|(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{2}|\d{4}))?)?"
    r"\s*(?:в|at)?\s*"
    rf"(?P<time>{_TIME})?"
    rf"(?:{_RANGE_DASH}(?P<end>{_TIME}))?$"
)


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: datetime
    end: datetime | None


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def _clock(raw: str) -> time:
    hours, _, minutes = raw.replace(".", ":").partition(":")
    try:
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise InvalidInput("error-date-bad-time") from exc


def parse_when(
    text: str | None,
    *,
    now: datetime,
    zone: ZoneInfo,
    default_day: date | None = None,
    allow_past: bool = False,
    roll_year: bool = True,
) -> TimeRange:
    """Reads a start (and optionally an end) typed by a person; raises InvalidInput with a
    key that says what is wrong: unparseable, impossible date or time, in the past, or an
    end not after the start."""
    raw = _normalise(text or "")
    match = _PATTERN.match(raw)
    if not raw or match is None or match.group("time") is None:
        raise InvalidInput("error-date-unparseable")
    local_now = now.astimezone(zone)
    word = match.group("word")
    if word is not None:
        if word not in _DAY_WORDS:
            raise InvalidInput("error-date-unparseable")
        day = local_now.date() + timedelta(days=_DAY_WORDS[word])
    elif match.group("d") is not None:
        day_number, month = int(match.group("d")), int(match.group("m"))
        year_text = match.group("y")
        year = local_now.year
        if year_text is not None:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        try:
            day = date(year, month, day_number)
        except ValueError as exc:
            raise InvalidInput("error-date-bad-date") from exc
        if roll_year and year_text is None and day < local_now.date():
            # "25.01" typed in December means next January, not last.
            try:
                day = date(year + 1, month, day_number)
            except ValueError as exc:
                raise InvalidInput("error-date-bad-date") from exc
    else:
        day = default_day or local_now.date()
    start = _at(day, _clock(match.group("time")), zone)
    end = None
    if match.group("end") is not None:
        end = _at(day, _clock(match.group("end")), zone)
        if end <= start:
            raise InvalidInput("error-date-end-before-start")
    if not allow_past and start <= now:
        raise InvalidInput("error-date-past")
    return TimeRange(start, end)


def parse_end(text: str | None, *, start: datetime, zone: ZoneInfo) -> datetime:
    """The end of an event: a bare time means the start's day; a full date is read as is."""
    local_start = start.astimezone(zone)
    found = parse_when(
        text,
        now=start,
        zone=zone,
        default_day=local_start.date(),
        allow_past=True,
        roll_year=False,
    )
    end = found.end if found.end is not None else found.start
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    return end


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)
