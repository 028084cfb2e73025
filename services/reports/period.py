"""Report periods: a month, a quarter, a school year (1 September to 31 August) or typed dates.

Boundaries are whole local days in the configured zone; queries use the UTC instants of the
first day's midnight and the midnight after the last day (exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.dates import read_day, read_day_range
from services.errors import InvalidInput

# Longer custom ranges make no sense for the centre's reports and would only cost time.
MAX_CUSTOM_DAYS = 366 * 5


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


_REPORT_KEYS = {
    "error-date-unparseable": "error-report-dates-format",
    "error-date-bad-date": "error-report-dates-impossible",
    "error-date-end-before-start": "error-report-dates-order",
}


def _report_error(error: InvalidInput) -> InvalidInput:
    return InvalidInput(_REPORT_KEYS.get(error.key, error.key), **error.args_for_text)


def parse_day(text: str, *, today: date | None = None) -> date:
    """A day typed as people type it ("01.09.2026", "1 сентября 2026", ISO "2026-09-01" on the
    command line); without a year, the last such day."""
    try:
        return read_day(text, today=today or date.today(), prefer_future=False)
    except InvalidInput as error:
        raise _report_error(error) from error


def custom_period(first: date, last: date) -> ReportPeriod:
    if last < first:
        raise InvalidInput("error-report-dates-order")
    if (last - first).days > MAX_CUSTOM_DAYS:
        raise InvalidInput("error-report-dates-too-long", years=MAX_CUSTOM_DAYS // 366)
    return ReportPeriod(PeriodKind.CUSTOM, first, last)


def parse_custom(text: str | None, *, today: date | None = None) -> ReportPeriod:
    """Two days, first to last: "01.09.2026 - 31.05.2027", "с 1 сентября по 31 мая"."""
    try:
        first, last = read_day_range(text, today=today or date.today(), prefer_future=False)
    except InvalidInput as error:
        raise _report_error(error) from error
    return custom_period(first, last)
