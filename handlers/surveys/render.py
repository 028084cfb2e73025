"""The texts of surveys' screens."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from services.dates import local
from services.i18n import Text
from services.surveys.analytics import DIMENSIONS, SurveyReport
from services.surveys.charts import group_label
from services.surveys.format import SurveyFormatError
from services.surveys.types import Finished, OpenSurvey, QuestionType, QuestionView, SurveyCard

ISSUES_SHOWN = 15


def question_text(view: QuestionView, t: Text) -> str:
    lines = [
        t("survey-question-head", title=view.title, index=view.index + 1, total=view.total),
        "",
        t("survey-question-body", text=view.text),
    ]
    if view.type == QuestionType.MULTI:
        if view.max_choices:
            lines.append(t("survey-hint-multi-max", max=view.max_choices))
        else:
            lines.append(t("survey-hint-multi"))
    elif view.type == QuestionType.SCALE:
        lines.append(t("survey-hint-scale"))
    elif view.type == QuestionType.TEXT:
        lines.append(t("survey-hint-text", max=view.max_length))
        if view.given_text:
            lines.append(t("survey-given-text", text=view.given_text))
    return "\n".join(lines)


def finished_text(done: Finished, t: Text) -> str:
    lines = [t("survey-finished", title=done.title)]
    if done.serious_topics:
        topics = ", ".join(t(f"topic-{topic.value}") for topic in done.serious_topics)
        lines.append("")
        if done.offers:
            lines.append(t("survey-offers", topics=topics))
        else:
            lines.append(t("survey-offers-later", topics=topics))
        if done.materials:
            lines.append(t("survey-materials-offered"))
    return "\n".join(lines)


def open_list_text(surveys: list[OpenSurvey], zone: ZoneInfo, t: Text) -> str:
    lines = [t("survey-list-title")]
    for survey in surveys:
        deadline = (
            t("survey-list-until", date=local(survey.closes_at, zone).strftime("%d.%m.%Y"))
            if survey.closes_at
            else ""
        )
        lines.append(
            t("survey-list-line", title=survey.title, count=survey.questions, until=deadline)
        )
    return "\n".join(lines)


def staff_list_text(cards: list[SurveyCard], t: Text) -> str:
    lines = [t("survey-staff-title")]
    for card in cards:
        lines.append(
            t(
                "survey-staff-line",
                title=card.title,
                status=t(f"survey-status-{card.status.value}"),
                respondents=card.respondents,
                audience=card.audience,
            )
        )
    if not cards:
        lines.append(t("survey-staff-empty"))
    return "\n".join(lines)


def card_text(card: SurveyCard, zone: ZoneInfo, t: Text) -> str:
    lines = [
        t("survey-card-title", title=card.title),
        t(f"survey-status-{card.status.value}"),
        t("survey-card-questions", count=card.questions),
        t("survey-card-figures", respondents=card.respondents, audience=card.audience),
    ]
    if card.allow_repeat:
        lines.append(t("survey-card-wave", wave=card.wave))
    if card.anonymous:
        lines.append(t("survey-card-anonymous"))
    if card.closes_at:
        when = local(card.closes_at, zone).strftime("%d.%m.%Y %H:%M")
        lines.append(t("survey-card-closes", date=when))
    return "\n".join(lines)


def upload_issues_text(error: SurveyFormatError, t: Text) -> str:
    lines = [t("survey-upload-errors", count=len(error.issues))]
    for issue in error.issues[:ISSUES_SHOWN]:
        problem = t(issue.key, **issue.args)
        lines.append(
            t("survey-issue-line", line=issue.line, problem=problem)
            if issue.line
            else t("survey-issue-general", problem=problem)
        )
    if len(error.issues) > ISSUES_SHOWN:
        lines.append(t("survey-issue-more", count=len(error.issues) - ISSUES_SHOWN))
    lines.append(t("survey-upload-again"))
    return "\n".join(lines)


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _top_lines(report: SurveyReport, t: Text) -> list[str]:
    if not report.top:
        return []
    lines = ["", t("survey-report-top")]
    for share in report.top:
        lines.append(
            t(
                "survey-report-top-line",
                topic=t(f"topic-{share.topic}"),
                serious=_pct(share.serious_share),
                some=_pct(share.some_share),
            )
        )
    return lines


def _breakdown_lines(report: SurveyReport, dimension: str, t: Text) -> list[str]:
    groups = report.breakdowns.get(dimension, [])
    if not groups:
        return []
    lines = ["", t(f"survey-dimension-{dimension}")]
    for group in groups:
        worst = max(group.topics, key=lambda s: s.serious_share, default=None)
        if worst is None:
            continue
        lines.append(
            t(
                "survey-report-group-line",
                group=group_label(dimension, group.group, t),
                count=group.respondents,
                topic=t(f"topic-{worst.topic}"),
                serious=_pct(worst.serious_share),
            )
        )
    if report.hidden.get(dimension):
        lines.append(t("survey-report-hidden", count=report.hidden[dimension]))
    return lines


def _change_lines(report: SurveyReport, t: Text) -> list[str]:
    if not report.changes:
        return []
    lines = ["", t("survey-report-changes", before=report.wave - 1, after=report.wave)]
    for change in report.changes:
        delta = round(100 * (change.after - change.before))
        lines.append(
            t(
                "survey-report-change-line",
                topic=t(f"topic-{change.topic}"),
                before=_pct(change.before),
                after=_pct(change.after),
                delta=f"{delta:+d}",
            )
        )
    return lines


def _support_lines(report: SurveyReport, t: Text) -> list[str]:
    if not report.support:
        return []
    lines = ["", t("survey-report-support")]
    for figure in report.support:
        if figure.serious:
            lines.append(
                t(
                    "survey-report-support-line",
                    topic=t(f"topic-{figure.topic}"),
                    serious=figure.serious,
                    registered=figure.registered,
                    attended=figure.attended,
                )
            )
    return lines


def summary_text(title: str, report: SurveyReport, t: Text) -> str:
    lines = [
        t("survey-report-title", title=title, wave=report.wave),
        t(
            "survey-report-rate",
            respondents=report.respondents,
            audience=report.audience,
            rate=_pct(report.rate),
        ),
    ]
    lines += _top_lines(report, t)
    for dimension in DIMENSIONS:
        lines += _breakdown_lines(report, dimension, t)
    lines += _change_lines(report, t)
    lines += _support_lines(report, t)
    return "\n".join(lines)
