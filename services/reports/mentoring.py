"""Mentoring's indicators in the reports: the figures of services/mentoring/reports.py summed
into the report's school categories, each with numerator and denominator; a category of
fewer than K_MIN people (or pairs) is hidden, as the survey breakdowns are; the network
total is always shown. Meetings per month come as their own rows (a rate per pair, not a
share): each month of the period and the period as a whole."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from services.mentoring.reports import Counts, Figure, Flags, Period, figures, meetings_by_month
from services.reports.indicators import (
    Indicator,
    IndicatorCategory,
    IndicatorKind,
    Ratio,
    Window,
    by_category,
)
from services.surveys.analytics import K_MIN
from services.surveys.public import latest_levels

KINDS = {figure: IndicatorKind(figure.value) for figure in Figure}


@dataclass(frozen=True, slots=True)
class MeetingsRow:
    """Meetings per pair in one month (`month` its first day; None: the whole period): the
    numerator counts meetings, the denominator the pairs that worked then (pair-months for
    the period), so `Ratio.share` is the meetings per pair per month."""

    month: date | None
    values: dict[IndicatorCategory, Ratio]

    def get(self, category: IndicatorCategory) -> Ratio:
        return self.values.get(category, Ratio(0, 0))


def _ratios(
    counts: Counts, people: Counter[Flags] | None = None
) -> dict[IndicatorCategory, Ratio]:
    numerators = by_category((low, unf, n) for (low, unf), n in counts.numerator.items())
    denominators = by_category((low, unf, n) for (low, unf), n in counts.denominator.items())
    sizes = (
        by_category((low, unf, n) for (low, unf), n in people.items())
        if people is not None
        else denominators
    )
    values = {}
    for category in IndicatorCategory:
        # The network total is shown whatever its size; a category of a few people is not.
        small = 0 < sizes[category] < K_MIN and category != IndicatorCategory.ALL
        values[category] = Ratio(numerators[category], denominators[category], hidden=small)
    return values


async def mentoring_indicators(
    session: AsyncSession, window: Window, now: datetime
) -> list[Indicator]:
    # A meeting logged ahead is not held before its day comes.
    period = Period(window.start, window.end, window.school_id, now)
    found = await figures(session, period, partial(latest_levels, session))
    return [Indicator(KINDS[figure], _ratios(found[figure])) for figure in Figure]


async def mentoring_meetings(
    session: AsyncSession, window: Window, zone: tzinfo, now: datetime
) -> list[MeetingsRow]:
    period = Period(window.start, window.end, window.school_id)
    months = await meetings_by_month(session, period, zone, now)
    return [MeetingsRow(m.first, _ratios(m.counts, m.pairs)) for m in months]
