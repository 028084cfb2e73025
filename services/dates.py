"""Dates and times as people type them, read in the configured zone and returned in UTC.

The calendar part ("25 декабря", "в пятницу", "1 дек", "через 2 дня", "15 января 2027",
"next monday") is read by the `dateparser` library, in the person's language first. What a
library does not do is kept here and small:

- the time and ranges: "15:00", "15.00", "в 15", "в 3 часа дня", "7 вечера", "3pm",
  "15:00-16:30", "с 15 до 16:30", "25.12 15:00–17:00" (dateparser misreads several of them);
- numeric dates, day first as in Russia ("25.12", "25.12.26", "25/12/2026"), checked strictly
  (dateparser turns "32.12" into a year);
- a bare time means today (or the day given by the caller: an event's end is on its start day);
- the future is preferred for events and slots ("25.01" typed in December is next January),
  the past allowed for report periods;
- what two readings fit is never guessed: "в понедельник" typed on a Monday could be today or
  in a week (both readings are returned for the person to choose); "12.01" alone could be a
  time or a date (the person is asked to write it so it reads one way).
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from services.errors import InvalidInput

_DAY_WORDS = {
    "сегодня": 0,
    "today": 0,
    "завтра": 1,
    "tomorrow": 1,
    "послезавтра": 2,
    "day after tomorrow": 2,
}
# Words that name a weekday, for spotting "в понедельник" typed on a Monday.
_WEEKDAY_STEMS = (
    "понедельн", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен",
    "пн", "вт", "ср", "чт", "пт", "сб", "вс",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)  # fmt: skip
# With these the weekday is not today's: "следующий понедельник", "next monday".
_NOT_TODAY = ("след", "next", "через", "after")
_AFTERNOON = {"дня", "вечера", "pm", "p.m.", "p.m"}
_MORNING = {"утра", "ночи", "am", "a.m.", "a.m"}

_HOUR_WORDS = r"(?:\s*(?:ч\.?|час(?:а|ов)?))?"
_PART = r"(?:\s*(?P<part{n}>утра|дня|вечера|ночи|a\.?m\.?|p\.?m\.?))?"


def _time_pattern(n: int) -> str:
    return (
        rf"(?P<h{n}>\d{{1,2}})(?:(?P<sep{n}>[:.])(?P<m{n}>\d{{2}}))?{_HOUR_WORDS}"
        + _PART.format(n=n)
    )


_LEAD = r"(?:^|\s)(?P<lead>в|во|at|к|с|from|by)?\s*"
_RANGE = re.compile(
    _LEAD + _time_pattern(1) + r"\s*(?:-|до|по|to|till|until)\s*" + _time_pattern(2) + r"$"
)
_SINGLE = re.compile(_LEAD + _time_pattern(1) + r"$")
_NUMERIC_DATE = re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})(?:[./](?P<y>\d{4}|\d{2}))?$")
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_TRAILING_WORDS = re.compile(r"(?:[\s,]+(?:в|во|at|on|года?|г\.?))+$")


# Which year a day typed without one falls in: the next such day, the last one, or this year's.
Prefer = Literal["future", "past", "as_is"]


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: datetime
    end: datetime | None


@dataclass(frozen=True, slots=True)
class Reading:
    """What was understood. `choices` holds more than one reading when the text fits several:
    the person picks one; `when` is the first of them."""

    when: TimeRange
    choices: tuple[TimeRange, ...]

    @property
    def ambiguous(self) -> bool:
        return len(self.choices) > 1


@dataclass(frozen=True, slots=True)
class _Clock:
    hour: int
    minute: int
    explicit_minutes: bool


@dataclass(frozen=True, slots=True)
class _Split:
    day_text: str
    start: _Clock | None
    end: _Clock | None


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("–", "-").replace("—", "-")
    text = " ".join(text.split()).strip(" ,;!?")
    return text[:-1] if text.endswith(".") and text[-2:-1].isdigit() else text


# ---- the time part -------------------------------------------------------------------


def _clock(match: re.Match[str], n: int) -> _Clock:
    hour = int(match.group(f"h{n}"))
    minutes = match.group(f"m{n}")
    part = (match.group(f"part{n}") or "").replace(" ", "")
    if part in _AFTERNOON and hour < 12:
        hour += 12
    elif part in _MORNING and hour == 12:
        hour = 0
    minute = int(minutes) if minutes is not None else 0
    if hour > 23 or minute > 59:
        raise InvalidInput("error-date-bad-time")
    return _Clock(hour, minute, minutes is not None)


def _says_time(match: re.Match[str], n: int, before: str) -> bool:
    """A number is a time when nothing else could be meant by it: minutes after a colon, an
    "в"/"at" before it, "часов" or "вечера" after it, or a date or a day word before it."""
    if match.group(f"sep{n}") == ":" or match.group(f"part{n}"):
        return True
    if match.group("lead") or re.search(r"ч|час", match.group(0)):
        return True
    return bool(before) and _is_day_text(before)


def _is_day_text(text: str) -> bool:
    text = _TRAILING_WORDS.sub("", text)
    return bool(
        _NUMERIC_DATE.match(text)
        or text in _DAY_WORDS
        or any(text.startswith(stem) or f" {stem}" in text for stem in _WEEKDAY_STEMS)
    )


def _split(text: str) -> _Split:
    """Cuts the time (or time range) off the end of the text; what is left names the day."""
    match = _RANGE.search(text)
    if match is not None:
        before = text[: match.start()].strip()
        return _Split(before, _clock(match, 1), _clock(match, 2))
    match = _SINGLE.search(text)
    if match is not None:
        before = text[: match.start()].strip()
        if _says_time(match, 1, before):
            return _Split(before, _clock(match, 1), None)
        hour, minute = int(match.group("h1")), int(match.group("m1") or 99)
        if match.group("sep1") == "." and not before and hour <= 23 and minute <= 59:
            if hour >= 1 and 1 <= minute <= 12:
                # "12.01": twelve past twelve, or the twelfth of January?
                raise InvalidInput("error-date-dot-ambiguous", typed=match.group(0).strip())
            return _Split("", _clock(match, 1), None)  # "12.30" is no date: a time
    return _Split(text, None, None)


# ---- the day part ----------------------------------------------------------------------

_parser_lock = threading.Lock()
_parser: Any = None


def _dateparser() -> Any:
    """dateparser, imported and its languages loaded on first use (about 0.5 s and 11 MB):
    not at start-up, so an idle bot does not carry it; the first conversation step that may
    read a date loads it on a worker thread first (handlers/when.py: LoadDateReader)."""
    global _parser
    with _parser_lock:
        if _parser is None:
            import dateparser

            dateparser.parse("1 января", languages=["ru", "en"])
            _parser = dateparser
    return _parser


def reader_loaded() -> bool:
    return _parser is not None


async def load_reader() -> None:
    """Loads the library on a worker thread, so that the event loop never waits for it."""
    if _parser is None:
        await asyncio.to_thread(_dateparser)


def _numeric_day(match: re.Match[str], today: date, prefer: Prefer) -> date:
    day_number, month = int(match.group("d")), int(match.group("m"))
    year_text = match.group("y")
    year = today.year
    if year_text is not None:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        day = date(year, month, day_number)
        if year_text is None and prefer == "future" and day < today:
            # "25.01" typed in December means next January, not last.
            day = date(year + 1, month, day_number)
        if year_text is None and prefer == "past" and day > today:
            day = date(year - 1, month, day_number)
    except ValueError as exc:
        raise InvalidInput("error-date-bad-date") from exc
    return day


def _library_day(text: str, local_now: datetime, locale: str, prefer: Prefer) -> date:
    languages = ["ru", "en"] if locale != "en" else ["en", "ru"]
    settings = {
        "PREFER_DATES_FROM": "current_period" if prefer == "as_is" else prefer,
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    found = _dateparser().parse(text, languages=languages, settings=settings)
    if found is None:
        raise InvalidInput("error-date-unparseable")
    return found.date()  # type: ignore[no-any-return]


def _days(text: str, local_now: datetime, locale: str, prefer: Prefer) -> list[date]:
    """The day (or the days, when the text fits two) that the text names."""
    today = local_now.date()
    text = _TRAILING_WORDS.sub("", text).strip(" ,")
    if text in _DAY_WORDS:
        return [today + timedelta(days=_DAY_WORDS[text])]
    if (match := _NUMERIC_DATE.match(text)) is not None:
        return [_numeric_day(match, today, prefer)]
    if (match := _ISO_DATE.match(text)) is not None:
        try:
            return [date(int(match["y"]), int(match["m"]), int(match["d"]))]
        except ValueError as exc:
            raise InvalidInput("error-date-bad-date") from exc
    if re.fullmatch(r"[\d\s.,:/-]+", text):
        raise InvalidInput("error-date-unparseable")
    names_weekday = any(text.startswith(s) or f" {s}" in text for s in _WEEKDAY_STEMS)
    names_this_weekday = names_weekday and not any(word in text for word in _NOT_TODAY)
    # dateparser knows "next monday" but not "следующий понедельник": the next such day.
    text = re.sub(r"^(?:в|во)?\s*следующ\w*\s+", "", text)
    day = _library_day(text, local_now, locale, prefer)
    if names_this_weekday and day.weekday() == today.weekday() and day != today:
        # "в понедельник" on a Monday: today, or a week from today.
        return [today, day] if prefer == "future" else [day, today]
    return [day]


# ---- putting them together ------------------------------------------------------------


def _at(day: date, clock: _Clock, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(clock.hour, clock.minute), tzinfo=zone).astimezone(UTC)


def read_when(
    text: str | None,
    *,
    now: datetime,
    zone: ZoneInfo,
    locale: str = "ru",
    default_day: date | None = None,
    allow_past: bool = False,
    roll_year: bool = True,
) -> Reading:
    """Reads a start (and optionally an end) typed by a person. Raises InvalidInput with a
    key that says what is wrong: unparseable, impossible date or time, no time given, in the
    past, an end not after the start, or a text that must be written so it reads one way."""
    raw = _normalise(text or "")
    if not raw:
        raise InvalidInput("error-date-unparseable")
    split = _split(raw)
    local_now = now.astimezone(zone)
    if split.start is None:
        # A day alone ("25.12", "в пятницу") only lacks its time; anything else is not a date.
        _days(raw, local_now, locale, "future")
        raise InvalidInput("error-date-no-time")
    if split.day_text:
        days = _days(split.day_text, local_now, locale, "future" if roll_year else "as_is")
    else:
        days = [default_day or local_now.date()]
    readings: list[TimeRange] = []
    for day in days:
        start = _at(day, split.start, zone)
        end = _at(day, split.end, zone) if split.end is not None else None
        if end is not None and end <= start:
            raise InvalidInput("error-date-end-before-start")
        if allow_past or start > now:
            readings.append(TimeRange(start, end))
    if not readings:
        raise InvalidInput("error-date-past")
    return Reading(readings[0], tuple(readings))


def parse_when(
    text: str | None,
    *,
    now: datetime,
    zone: ZoneInfo,
    locale: str = "ru",
    default_day: date | None = None,
    allow_past: bool = False,
    roll_year: bool = True,
) -> TimeRange:
    """One reading, for places that take the answer at once: a text that fits two readings
    is refused with a question rather than guessed."""
    reading = read_when(
        text,
        now=now,
        zone=zone,
        locale=locale,
        default_day=default_day,
        allow_past=allow_past,
        roll_year=roll_year,
    )
    if reading.ambiguous:
        raise InvalidInput("error-date-ambiguous")
    return reading.when


def parse_end(
    text: str | None, *, start: datetime, zone: ZoneInfo, locale: str = "ru"
) -> datetime:
    """The end of an event: a bare time means the start's day; a full date is read as is."""
    local_start = start.astimezone(zone)
    found = parse_when(
        text,
        now=start,
        zone=zone,
        locale=locale,
        default_day=local_start.date(),
        allow_past=True,
        roll_year=False,
    )
    end = found.end if found.end is not None else found.start
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    return end


def read_day(
    text: str | None, *, today: date, locale: str = "ru", prefer_future: bool = False
) -> date:
    """A day without a time (report periods): the past is preferred unless told otherwise."""
    raw = _normalise(text or "")
    if not raw:
        raise InvalidInput("error-date-unparseable")
    local_now = datetime.combine(today, time(12))
    days = _days(raw, local_now, locale, "future" if prefer_future else "past")
    if len(days) > 1:
        raise InvalidInput("error-date-ambiguous")
    return days[0]


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


_RANGE_SPLIT = re.compile(r"\s*(?:\.\.|-|\bпо\b|\bдо\b|\bto\b|\btill\b|\buntil\b)\s*")
_RANGE_LEAD = re.compile(r"^(?:с|со|from|between)\s+")


def read_day_range(
    text: str | None, *, today: date, locale: str = "ru", prefer_future: bool = False
) -> tuple[date, date]:
    """Two days, first to last ("01.09.2026 - 31.05.2027", "с 1 сентября по 31 мая",
    "01.12-14.12"). A last day without its year falls on or after the first."""
    raw = _RANGE_LEAD.sub("", _normalise(text or ""))
    # "01.09.2026 31.12.2026": two numeric dates with only a space between them.
    separators = [*_RANGE_SPLIT.finditer(raw), *re.finditer(r"(?<=\d)\s+(?=\d)", raw)]
    for separator in separators:
        left, right = raw[: separator.start()], raw[separator.end() :]
        if not left or not right:
            continue
        try:
            if left.isdigit():
                # "с 1 по 14 декабря": the first day borrows the last one's month and year.
                last = read_day(right, today=today, locale=locale, prefer_future=prefer_future)
                first = _same_month(last, int(left))
            else:
                first = read_day(left, today=today, locale=locale, prefer_future=prefer_future)
                last = read_day(right, today=first, locale=locale, prefer_future=True)
        except InvalidInput as error:
            if error.key == "error-date-bad-date":
                raise
            continue
        if last < first:
            raise InvalidInput("error-date-end-before-start")
        return first, last
    raise InvalidInput("error-date-unparseable")


def _same_month(day: date, day_number: int) -> date:
    try:
        return day.replace(day=day_number)
    except ValueError as exc:
        raise InvalidInput("error-date-bad-date") from exc


def read_clock_range(text: str | None) -> tuple[time, time]:
    """Hours of a day without the day: "15:00-18:00", "с 15 до 18", "3pm to 6pm"."""
    split = _split(_normalise(text or ""))
    if split.day_text or split.start is None or split.end is None:
        raise InvalidInput("error-date-unparseable")
    start = time(split.start.hour, split.start.minute)
    end = time(split.end.hour, split.end.minute)
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    return start, end
