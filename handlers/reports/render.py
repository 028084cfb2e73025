"""The reports texts: the dashboard, the monitoring indicators, file captions."""

from __future__ import annotations

from services.i18n import Text
from services.reports.dashboard import Dashboard
from services.reports.data import ReportData
from services.reports.export import period_label
from services.reports.indicators import Indicator, IndicatorCategory, Ratio
from services.reports.mentoring import MeetingsRow
from services.reports.period import ReportPeriod

TOP_SCHOOLS = 5
TOP_TOPICS = 6
TOP_SURVEYS = 5


def period_text(period: ReportPeriod, t: Text) -> str:
    return t(
        "reports-period-range",
        first=period.first.strftime("%d.%m.%Y"),
        last=period.last.strftime("%d.%m.%Y"),
    )


def share_text(ratio: Ratio, t: Text) -> str:
    share = ratio.share
    return t("reports-no-share") if share is None else t("reports-percent", value=100 * share)


def _title(period: ReportPeriod, school: str | None, t: Text) -> str:
    if school is None:
        return t("reports-title", period=period_text(period, t))
    return t("reports-title-school", period=period_text(period, t), school=school)


def _people(dashboard: Dashboard, t: Text) -> list[str]:
    lines = [t("reports-people-title")]
    for role, count in dashboard.people_by_role.items():
        lines.append(t("reports-people-line", role=t(f"role-{role.value}"), count=count))
    if not dashboard.people_by_role:
        lines.append(t("reports-people-none"))
    return lines


def _schools(dashboard: Dashboard, t: Text) -> list[str]:
    if dashboard.scope.school_id is not None or not dashboard.schools:
        return []
    lines = ["", t("reports-schools-title")]
    for school in dashboard.schools[:TOP_SCHOOLS]:
        lines.append(
            t(
                "reports-school-line",
                school=school.short_name,
                teachers=school.teachers,
                parents=school.parents,
            )
        )
    if len(dashboard.schools) > TOP_SCHOOLS:
        lines.append(t("reports-schools-more", count=len(dashboard.schools) - TOP_SCHOOLS))
    return lines


def _events(dashboard: Dashboard, t: Text) -> list[str]:
    if not dashboard.events_held:
        return [t("reports-events-none")]
    lines = [t("reports-events-title", count=dashboard.events_held), t("reports-by-type")]
    for event_type, count in sorted(dashboard.events_by_type.items(), key=lambda i: -i[1]):
        lines.append(
            t("reports-count-line", name=t(f"reports-type-{event_type.value}"), count=count)
        )
    lines.append(t("reports-by-topic"))
    topics = sorted(dashboard.events_by_topic.items(), key=lambda i: -i[1])
    for topic, count in topics[:TOP_TOPICS]:
        lines.append(t("reports-count-line", name=t(f"topic-{topic.value}"), count=count))
    return lines


def _attendance(dashboard: Dashboard, t: Text) -> list[str]:
    attendance = dashboard.attendance
    lines = [
        "",
        t("reports-attendance-title"),
        t(
            "reports-attendance",
            registered=attendance.registered,
            waitlisted=attendance.waitlisted,
            attended=attendance.attended,
            due=attendance.due,
            rate=share_text(Ratio(attendance.attended, attendance.due), t),
            no_shows=attendance.no_shows,
        ),
        t("reports-attendance-note"),
    ]
    if attendance.feedback_average is not None:
        lines.append(
            t(
                "reports-feedback",
                average=attendance.feedback_average,
                count=attendance.feedback_count,
            )
        )
    else:
        lines.append(t("reports-feedback-none"))
    return lines


def _surveys(dashboard: Dashboard, t: Text) -> list[str]:
    lines = ["", t("reports-surveys-title")]
    for survey in dashboard.surveys[-TOP_SURVEYS:]:
        lines.append(
            t(
                "reports-survey-line",
                title=survey.title,
                responded=survey.responded,
                invited=survey.invited,
                rate=share_text(Ratio(survey.responded, survey.invited), t),
            )
        )
    if not dashboard.surveys:
        lines.append(t("reports-surveys-none"))
    return lines


def _consultations(dashboard: Dashboard, t: Text) -> list[str]:
    total = dashboard.consultations[-1]
    lines = ["", t("reports-consultations-title")]
    if not total.total:
        return [*lines, t("reports-consultations-none")]
    lines.append(
        t(
            "reports-consultations",
            held=total.held,
            no_show=total.no_show,
            cancelled=total.cancelled,
            by_psychologist=total.cancelled_by_psychologist,
            booked=total.booked,
        )
    )
    return lines


def _library(dashboard: Dashboard, t: Text) -> list[str]:
    stats = dashboard.library
    lines = ["", t("reports-library-title"), t("reports-library-added", count=stats.added)]
    if stats.practices_by_school:
        schools = ", ".join(f"{name} — {count}" for name, count in stats.practices_by_school)
        lines.append(t("reports-library-practices", schools=schools))
    if stats.practices_by_category:
        categories = ", ".join(
            f"{t(f'reports-library-category-{name}')} — {count}"
            for name, count in stats.practices_by_category
        )
        lines.append(t("reports-library-categories", categories=categories))
    for title, opened, sent in stats.most_requested[:3]:
        lines.append(t("reports-library-requested", title=title, opened=opened, sent=sent))
    return lines


def render_dashboard(dashboard: Dashboard, t: Text) -> str:
    lines = [_title(dashboard.period, dashboard.scope.school_name, t), ""]
    lines += _people(dashboard, t)
    lines += _schools(dashboard, t)
    lines.append("")
    lines += _events(dashboard, t)
    lines += _attendance(dashboard, t)
    lines += _surveys(dashboard, t)
    lines += _consultations(dashboard, t)
    lines += _library(dashboard, t)
    return "\n".join(lines)


def _category_name(category: IndicatorCategory, school: str | None, t: Text) -> str:
    if school is not None:
        return t("reports-category-own-school")
    return t(f"reports-category-{category.value}")


def _rate(ratio: Ratio, t: Text) -> str:
    return t("reports-no-share") if ratio.share is None else t("reports-rate", value=ratio.share)


def render_meetings(rows: list[MeetingsRow], school: str | None, t: Text) -> list[str]:
    """Mentoring meetings per pair per month: the period by category, then month by month
    for the whole network (or the school) when the period has several months."""
    if not rows:
        return []
    *months, total = rows
    categories = [IndicatorCategory.ALL] if school is not None else list(IndicatorCategory)
    lines = ["", t("reports-meetings-title")]
    for category in categories:
        ratio = total.get(category)
        name = _category_name(category, school, t)
        if ratio.hidden:
            lines.append(t("reports-meetings-line-hidden", category=name))
        elif not ratio.denominator:
            lines.append(t("reports-meetings-none", category=name))
        else:
            lines.append(
                t(
                    "reports-meetings-line",
                    category=name,
                    rate=_rate(ratio, t),
                    meetings=ratio.numerator,
                    pairs=ratio.denominator,
                )
            )
    if len(months) > 1:
        by_month = "; ".join(
            t(
                "reports-meetings-month",
                month=f"{row.month:%m.%Y}" if row.month else "",
                rate=_rate(row.get(IndicatorCategory.ALL), t),
            )
            for row in months
        )
        lines.append(t("reports-meetings-months", months=by_month))
    return lines


def render_indicators(
    period: ReportPeriod,
    school: str | None,
    indicators: list[Indicator],
    t: Text,
    meetings: list[MeetingsRow] | None = None,
) -> str:
    lines = [t("reports-indicators-title", period=period_text(period, t))]
    if school is not None:
        lines.append(t("reports-indicators-school", school=school))
    categories = [IndicatorCategory.ALL] if school is not None else list(IndicatorCategory)
    for indicator in indicators:
        lines += ["", t("reports-indicator-head", name=t(f"reports-indicator-{indicator.kind}"))]
        for category in categories:
            ratio = indicator.get(category)
            name = _category_name(category, school, t)
            if ratio.hidden:
                lines.append(t("reports-indicator-line-hidden", category=name))
                continue
            lines.append(
                t(
                    "reports-indicator-line",
                    category=name,
                    share=share_text(ratio, t),
                    numerator=ratio.numerator,
                    denominator=ratio.denominator,
                )
            )
    lines += render_meetings(meetings or [], school, t)
    lines += ["", t("reports-indicators-note")]
    return "\n".join(lines)


def export_caption(data: ReportData, t: Text) -> str:
    scope = data.scope.school_name or t("reports-scope-network")
    return t("reports-export-caption", period=period_label(data, t), scope=scope)
