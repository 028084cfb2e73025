"""Dates and times as people type them, read in the configured zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.dates import parse_end, parse_when
from services.errors import InvalidInput

MSK = ZoneInfo("Europe/Moscow")
# Monday 23 November 2026, 12:00 in Moscow.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def msk(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK).astimezone(UTC)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("25.12 15:00", msk(2026, 12, 25, 15, 0), None),
        ("25.12.2026 15:00", msk(2026, 12, 25, 15, 0), None),
        ("25.12.26 15.00", msk(2026, 12, 25, 15, 0), None),
        ("  25.12   в 15:00 ", msk(2026, 12, 25, 15, 0), None),
        ("завтра 10:00", msk(2026, 11, 24, 10, 0), None),
        ("Завтра в 10:00", msk(2026, 11, 24, 10, 0), None),
        ("tomorrow 10:00", msk(2026, 11, 24, 10, 0), None),
        ("tomorrow at 10:00", msk(2026, 11, 24, 10, 0), None),
        ("сегодня 18:30", msk(2026, 11, 23, 18, 30), None),
        ("today 18:30", msk(2026, 11, 23, 18, 30), None),
        ("послезавтра 9:00", msk(2026, 11, 25, 9, 0), None),
        ("15:00-16:30", msk(2026, 11, 23, 15, 0), msk(2026, 11, 23, 16, 30)),
        ("15:00 – 16:30", msk(2026, 11, 23, 15, 0), msk(2026, 11, 23, 16, 30)),
        ("25.12 15:00-16:30", msk(2026, 12, 25, 15, 0), msk(2026, 12, 25, 16, 30)),
        ("завтра 10:00 до 11:30", msk(2026, 11, 24, 10, 0), msk(2026, 11, 24, 11, 30)),
        # A day and month already past this year mean next year.
        ("15.01 10:00", msk(2027, 1, 15, 10, 0), None),
    ],
)
def test_accepted_forms_are_read_in_the_configured_zone(
    typed: str, start: datetime, end: datetime | None
) -> None:
    result = parse_when(typed, now=NOW, zone=MSK)
    assert result.start == start
    assert result.end == end
    assert result.start.tzinfo is UTC


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "error-date-unparseable"),
        ("abc", "error-date-unparseable"),
        ("25.12", "error-date-no-time"),
        ("вчера 10:00", "error-date-past"),
        ("31.02 10:00", "error-date-bad-date"),
        ("25.13 10:00", "error-date-bad-date"),
        ("25.12 25:00", "error-date-bad-time"),
        ("25.12 10:61", "error-date-bad-time"),
        ("сегодня 11:00", "error-date-past"),
        ("23.11.2026 08:00", "error-date-past"),
        ("01.01.2020 10:00", "error-date-past"),
        ("25.12 16:30-15:00", "error-date-end-before-start"),
        ("25.12 15:00-15:00", "error-date-end-before-start"),
    ],
)
def test_bad_input_says_what_is_wrong(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_when(typed, now=NOW, zone=MSK)
    assert error.value.key == key


def test_end_as_a_bare_time_is_on_the_start_day() -> None:
    start = msk(2026, 12, 25, 15, 0)
    assert parse_end("16:30", start=start, zone=MSK) == msk(2026, 12, 25, 16, 30)
    assert parse_end("26.12 10:00", start=start, zone=MSK) == msk(2026, 12, 26, 10, 0)
    assert parse_end("15:00-17:00", start=start, zone=MSK) == msk(2026, 12, 25, 17, 0)


def test_end_before_start_is_refused() -> None:
    start = msk(2026, 12, 25, 15, 0)
    for typed in ("14:00", "15:00", "24.12 18:00"):
        with pytest.raises(InvalidInput) as error:
            parse_end(typed, start=start, zone=MSK)
        assert error.value.key == "error-date-end-before-start"


def test_midnight_in_moscow_is_the_previous_evening_in_utc() -> None:
    result = parse_when("25.12 00:30", now=NOW, zone=MSK)
    assert result.start == datetime(2026, 12, 24, 21, 30, tzinfo=UTC)
