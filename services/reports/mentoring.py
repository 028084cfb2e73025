"""Mentoring's indicators in the reports: the figures of services/mentoring/reports.py summed
into the report's school categories, each with numerator and denominator; a category of
fewer than K_MIN people (or pairs) is hidden, as the survey breakdowns are; the network
total is always shown."""

from __future__ import annotations

from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from services.mentoring.reports import Counts, Figure, Period, figures
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


def _indicator(kind: IndicatorKind, counts: Counts) -> Indicator:
    numerators = by_category((low, unf, n) for (low, unf), n in counts.numerator.items())
    denominators = by_category((low, unf, n) for (low, unf), n in counts.denominator.items())
    values = {}
    for category in IndicatorCategory:
        numerator, denominator = numerators[category], denominators[category]
        # The network total is shown whatever its size; a category of a few people is not.
        small = 0 < denominator < K_MIN and category != IndicatorCategory.ALL
        values[category] = Ratio(numerator, denominator, hidden=small)
    return Indicator(kind, values)


async def mentoring_indicators(session: AsyncSession, window: Window) -> list[Indicator]:
    period = Period(window.start, window.end, window.school_id)
    found = await figures(session, period, partial(latest_levels, session))
    return [_indicator(KINDS[figure], found[figure]) for figure in Figure]
