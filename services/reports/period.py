"""Report periods: a month, a quarter, a school year (1 September to 31 August) or typed dates.

Boundaries are whole local days in the configured zone; queries use the UTC instants of the
first day's midnight and the midnight after the last day (exclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.errors import InvalidInput

# Longer custom ranges make no sense for the centre's reports and would only cost time.
MAX_CUSTOM_DAYS = 366 * 5
_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_CUSTOM = re.compile(rf"^{_DATE}\s*(?:-|–|—|\.\.|по|to)?\s*{_DATE}$")


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    SCHOOL_YEAR = "school_year"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    kind: PeriodKind
    first: date
    last: date  # inclusive

    def start_utc(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.first, time(0), tzinfo=zone).astimezone(UTC)

    def end_utc(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=zone).astimezone(
            UTC
        )


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def period_containing(kind: PeriodKind, day: date) -> ReportPeriod:
    if kind == PeriodKind.MONTH:
        return ReportPeriod(kind, day.replace(day=1), _month_end(day.year, day.month))
    if kind == PeriodKind.QUARTER:
        first_month = 3 * ((day.month - 1) // 3) + 1
        return ReportPeriod(
            kind, date(day.year, first_month, 1), _month_end(day.year, first_month + 2)
        )
    if kind == PeriodKind.SCHOOL_YEAR:
        start_year = day.year if day.month >= 9 else day.year - 1
        return ReportPeriod(kind, date(start_year, 9, 1), date(start_year + 1, 8, 31))
    raise ValueError("a custom period is typed, not derived")


def current_period(kind: PeriodKind, now: datetime, zone: ZoneInfo) -> ReportPeriod:
    return period_containing(kind, now.astimezone(zone).date())


def shift(period: ReportPeriod, steps: int) -> ReportPeriod:
    """The previous (-1) or next (+1) period of the same kind."""
    if period.kind == PeriodKind.CUSTOM:
        length = (period.last - period.first).days + 1
        delta = timedelta(days=length * steps)
        return ReportPeriod(period.kind, period.first + delta, period.last + delta)
    if period.kind == PeriodKind.SCHOOL_YEAR:
        year = period.first.year + steps
        return ReportPeriod(period.kind, date(year, 9, 1), date(year + 1, 8, 31))
    months = 1 if period.kind == PeriodKind.MONTH else 3
    index = period.first.year * 12 + period.first.month - 1 + months * steps
    return period_containing(period.kind, date(index // 12, index % 12 + 1, 1))


def from_ordinals(kind: PeriodKind, first: int, last: int) -> ReportPeriod:
    """Rebuilds a period carried in callback data; a tampered value is refused."""
    try:
        start, end = date.fromordinal(first), date.fromordinal(last)
    except (ValueError, OverflowError) as exc:
        raise InvalidInput("error-report-period-bad") from exc
    if end < start or (end - start).days > MAX_CUSTOM_DAYS:
        raise InvalidInput("error-report-period-bad")
    if kind != PeriodKind.CUSTOM and period_containing(kind, start) != ReportPeriod(
        kind, start, end
    ):
        raise InvalidInput("error-report-period-bad")
    return ReportPeriod(kind, start, end)


def parse_day(text: str) -> date:
    """A date typed as dd.mm.yyyy (or ISO yyyy-mm-dd, for the command line)."""
    raw = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return date.fromisoformat(raw)
        match = re.fullmatch(_DATE, raw)
        if match is None:
            raise InvalidInput("error-report-dates-format")
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidInput("error-report-dates-impossible") from exc


def custom_period(first: date, last: date) -> ReportPeriod:
    if last < first:
        raise InvalidInput("error-report-dates-order")
    if (last - first).days > MAX_CUSTOM_DAYS:
        raise InvalidInput("error-report-dates-too-long", years=MAX_CUSTOM_DAYS // 366)
    return ReportPeriod(PeriodKind.CUSTOM, first, last)


def parse_custom(text: str | None) -> ReportPeriod:
    """Two dates typed as dd.mm.yyyy–dd.mm.yyyy (any dash, or a space, between them)."""
    raw = " ".join((text or "").lower().split())
    match = _CUSTOM.match(raw)
    if match is None:
        raise InvalidInput("error-report-dates-format")
    numbers = [int(part) for part in match.groups()]
    try:
        first = date(numbers[2], numbers[1], numbers[0])
        last = date(numbers[5], numbers[4], numbers[3])
    except ValueError as exc:
        raise InvalidInput("error-report-dates-impossible") from exc
    return custom_period(first, last)
