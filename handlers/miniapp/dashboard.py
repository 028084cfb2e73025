"""The staff's dashboard: the monitoring indicators for a chosen period (numerator and
denominator, by school category), the data of four charts the page draws as SVG, and
mentoring's meetings per pair per month as /stats shows them.

The report service checks the rights on each call and narrows a coordinator to their school,
exactly as /stats does."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from handlers.miniapp.request import acting, plain
from services.enums import Role
from services.errors import InvalidInput
from services.i18n import Text
from services.reports.charts import MONTH_KEYS, TOP_DIFFICULTIES
from services.reports.data import ReportData
from services.reports.export import Section
from services.reports.indicators import Indicator, IndicatorCategory, IndicatorKind, Ratio
from services.reports.mentoring import KINDS as MENTORING_KINDS
from services.reports.mentoring import MeetingsRow
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    custom_period,
    period_containing,
    shift,
)

CHART_CATEGORIES = (
    IndicatorCategory.LOW_RESULTS,
    IndicatorCategory.UNFAVOURABLE,
    IndicatorCategory.OTHER,
    IndicatorCategory.ALL,
)


def _day(raw: str | None, default: date) -> date:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise InvalidInput("error-report-period-bad") from error


def period_of(query: Any, today: date) -> ReportPeriod:
    try:
        kind = PeriodKind(query.get("kind") or PeriodKind.MONTH.value)
    except ValueError as error:
        raise InvalidInput("error-report-period-bad") from error
    first = _day(query.get("first"), today)
    if kind == PeriodKind.CUSTOM:
        return custom_period(first, _day(query.get("last"), first))
    return period_containing(kind, first)


def period_json(period: ReportPeriod, t: Text) -> dict[str, Any]:
    def ref(other: ReportPeriod) -> dict[str, str]:
        return {
            "kind": other.kind.value,
            "first": other.first.isoformat(),
            "last": other.last.isoformat(),
        }

    return {
        **ref(period),
        "label": plain(
            t(
                "reports-period-range",
                first=period.first.strftime("%d.%m.%Y"),
                last=period.last.strftime("%d.%m.%Y"),
            )
        ),
        "prev": ref(shift(period, -1)),
        "next": ref(shift(period, 1)),
    }


def ratio_json(ratio: Ratio) -> dict[str, Any]:
    if ratio.hidden:
        # A group too small to show is not sent at all: the page is not where it gets hidden.
        return {"numerator": None, "denominator": None, "share": None, "hidden": True}
    return {
        "numerator": ratio.numerator,
        "denominator": ratio.denominator,
        "share": ratio.share,
        "hidden": ratio.hidden,
    }


def rate_json(ratio: Ratio, t: Text) -> dict[str, Any]:
    """A rate (meetings per pair), not a share: the figure worded as /stats words it."""
    found = ratio_json(ratio)
    shown = not ratio.hidden and ratio.share is not None
    found["rate"] = plain(t("reports-rate", value=ratio.share)) if shown else None
    return found


def _category_label(category: IndicatorCategory, school: str | None, t: Text) -> str:
    if school is not None:
        return plain(t("reports-category-own-school"))
    return plain(t(f"reports-category-{category.value}"))


def _columns(school: str | None) -> list[IndicatorCategory]:
    # A coordinator's figures are their school's: one column, as in /stats.
    return [IndicatorCategory.ALL] if school is not None else list(IndicatorCategory)


def indicators_json(indicators: list[Indicator], school: str | None, t: Text) -> list[Any]:
    categories = _columns(school)
    mentoring = set(MENTORING_KINDS.values())
    return [
        {
            "kind": indicator.kind.value,
            # The page shows mentoring's figures in a section of their own.
            "mentoring": indicator.kind in mentoring,
            "name": plain(t(f"reports-indicator-{indicator.kind.value}")),
            "values": [
                {
                    "category": category.value,
                    "label": _category_label(category, school, t),
                    **ratio_json(indicator.get(category)),
                }
                for category in categories
            ],
        }
        for indicator in indicators
    ]


def meetings_json(rows: list[MeetingsRow], school: str | None, t: Text) -> dict[str, Any]:
    """Meetings per pair per month: the period by category, and month by month for the
    network (or the school), as /stats shows them. The rows come last-is-the-period from the
    report service; a category of fewer than 5 pairs is hidden and sends no figures."""
    if not rows:
        return {"period": [], "months": []}
    *months, total = rows
    return {
        "period": [
            {
                "category": category.value,
                "label": _category_label(category, school, t),
                **rate_json(total.get(category), t),
            }
            for category in _columns(school)
        ],
        "months": [
            {"month": f"{row.month:%m.%Y}", **rate_json(row.get(IndicatorCategory.ALL), t)}
            for row in months
            if row.month is not None
        ],
    }


def _by_kind(data: ReportData, kind: IndicatorKind) -> Indicator | None:
    return next((i for i in data.indicators if i.kind == kind), None)


def _categories(indicator: Indicator | None, school: str | None, t: Text) -> list[Any]:
    if indicator is None:
        return []
    categories = [IndicatorCategory.ALL] if school is not None else CHART_CATEGORIES
    return [
        {
            "label": plain(
                t("reports-category-own-school")
                if school is not None
                else t(f"reports-chart-category-{category.value}")
            ),
            **ratio_json(indicator.get(category)),
        }
        for category in categories
    ]


def charts_json(data: ReportData, t: Text) -> dict[str, Any]:
    school = data.scope.school_name
    difficulties = [d for d in data.difficulties if d.answered][:TOP_DIFFICULTIES]
    young = _by_kind(data, IndicatorKind.MENTORING_YOUNG)
    risk = _by_kind(data, IndicatorKind.MENTORING_RISK)
    return {
        "participation": _categories(
            _by_kind(data, IndicatorKind.TEACHERS_PARTICIPATED), school, t
        ),
        "attendance": [
            {
                "label": plain(t("reports-month-" + MONTH_KEYS[m.month.month - 1]))
                + f" {m.month.year % 100:02d}",
                "registered": m.registered,
                "attended": m.attended,
            }
            for m in data.months
        ],
        "difficulties": [
            {
                "label": plain(t(f"topic-{d.topic.value}")),
                "serious": d.serious_share or 0.0,
                "some": d.some_share or 0.0,
            }
            for d in difficulties
        ],
        "mentoring": {
            "young": _categories(young, school, t),
            "risk": _categories(risk, school, t),
        },
    }


def headline_json(data: ReportData, t: Text) -> list[dict[str, Any]]:
    dashboard = data.dashboard
    attendance = dashboard.attendance
    rate = attendance.rate
    return [
        {"label": plain(t("miniapp-figure-events")), "value": str(dashboard.events_held)},
        {"label": plain(t("miniapp-figure-registered")), "value": str(attendance.registered)},
        {"label": plain(t("miniapp-figure-attended")), "value": str(attendance.attended)},
        {
            "label": plain(t("miniapp-figure-rate")),
            "value": "—" if rate is None else f"{100 * rate:.0f}%",
        },
        {
            "label": plain(t("miniapp-figure-teachers")),
            "value": str(dashboard.people_by_role.get(Role.TEACHER, 0)),
        },
    ]


async def dashboard(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        today = svc.clock().astimezone(svc.policy.timezone).date()
        period = period_of(request.query, today)
        data = await svc.reports.chart_data(actor, period)
        return web.json_response(
            {
                "period": period_json(period, t),
                "school": data.scope.school_name,
                "headline": headline_json(data, t),
                "indicators": indicators_json(data.indicators, data.scope.school_name, t),
                "charts": charts_json(data, t),
                "meetings": meetings_json(data.meetings, data.scope.school_name, t),
                "sections": [
                    {
                        "value": section.value,
                        "label": plain(t(f"reports-btn-csv-{section.value}")),
                    }
                    for section in Section
                ],
            }
        )


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/api/staff/dashboard", dashboard)
