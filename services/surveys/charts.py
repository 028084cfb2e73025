"""PNG charts and the XLSX workbook of a survey report. CPU-bound: call through
asyncio.to_thread. Every label arrives already translated, so this module holds no text."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from services.charts import new_figure
from services.surveys.analytics import DIMENSIONS, SurveyReport, TopicShare
from services.surveys.format import localized
from services.surveys.types import RawAnswerRow

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Label = Callable[..., str]

SERIOUS_COLOUR = "#d64541"
SOME_COLOUR = "#f5a623"
# Wide enough for long Russian topic names, tall enough per bar to read on a phone.
WIDTH_INCHES = 9.0
BAR_INCHES = 0.55


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def profile_chart(
    profile: Sequence[TopicShare],
    topic_label: Mapping[str, str],
    title: str,
    some_label: str,
    serious_label: str,
) -> bytes:
    """Stacked horizontal bars per topic: the share of "serious" and of "some" difficulty."""
    shares = sorted(profile, key=lambda s: (s.serious_share, s.some_share))
    figure = new_figure(WIDTH_INCHES, 1.5 + BAR_INCHES * max(len(shares), 1))
    axes = figure.add_subplot()
    names = [topic_label.get(s.topic, s.topic) for s in shares]
    serious = [100 * s.serious_share for s in shares]
    some = [100 * s.some_share for s in shares]
    axes.barh(names, serious, color=SERIOUS_COLOUR, label=serious_label)
    axes.barh(names, some, left=serious, color=SOME_COLOUR, label=some_label)
    for row, (hard, partly) in enumerate(zip(serious, some, strict=True)):
        if hard >= 6:
            axes.text(hard / 2, row, f"{hard:.0f}%", va="center", ha="center", color="white")
        if partly >= 6:
            axes.text(hard + partly / 2, row, f"{partly:.0f}%", va="center", ha="center")
    axes.set_xlim(0, 100)
    axes.set_xlabel("%")
    axes.set_title(title, fontsize=13, loc="left")
    axes.legend(loc="lower right", fontsize=10)
    axes.tick_params(axis="y", labelsize=11)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def distribution_chart(labels: Sequence[str], counts: Sequence[int], title: str) -> bytes:
    figure = new_figure(WIDTH_INCHES, 1.5 + BAR_INCHES * max(len(labels), 1))
    axes = figure.add_subplot()
    axes.barh(list(reversed(labels)), list(reversed(counts)), color="#3b7dd8")
    for row, value in enumerate(reversed(counts)):
        axes.text(value, row, f" {value}", va="center")
    axes.set_title(title, fontsize=13, loc="left")
    axes.tick_params(axis="y", labelsize=11)
    return _png(figure)


def _bold_row(sheet: Any, values: Sequence[Any]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _answers_sheet(
    workbook: Workbook,
    questions: Sequence[Mapping[str, Any]],
    options: Mapping[str, Mapping[str, str]],
    raw: Sequence[RawAnswerRow],
    anonymous: bool,
    locale: str,
    timezone: ZoneInfo,
    t: Label,
) -> None:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = t("survey-xlsx-sheet-answers")
    header = [t("survey-xlsx-response")]
    if not anonymous:
        header.append(t("survey-xlsx-person"))
    header += [t("survey-xlsx-school"), t("survey-xlsx-subjects"), t("survey-xlsx-experience")]
    header += [t("survey-xlsx-completed")] + [localized(q["text"], locale) for q in questions]
    _bold_row(sheet, header)
    for row in raw:
        values: list[Any] = [row.response_id]
        if not anonymous:
            values.append(row.person or "")
        values += [
            row.school or "",
            ", ".join(t(f"subject-{s}") for s in row.subjects),
            t(f"experience-{row.experience}") if row.experience else "",
            row.completed_at.astimezone(timezone).strftime("%d.%m.%Y %H:%M")
            if row.completed_at
            else "",
        ]
        values += [_cell(row.answers.get(q["id"]), options[q["id"]]) for q in questions]
        sheet.append(values)


def _cell(value: Any, labels: Mapping[str, str]) -> Any:
    """An answer as the reader knows it: option texts rather than option ids."""
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    if value is None:
        return ""
    return labels.get(str(value), value)


def _distribution_sheet(
    workbook: Workbook,
    report: SurveyReport,
    questions: Sequence[Mapping[str, Any]],
    options: Mapping[str, Mapping[str, str]],
    locale: str,
    t: Label,
) -> None:
    dist = workbook.create_sheet(t("survey-xlsx-sheet-distribution"))
    _bold_row(dist, [t("survey-xlsx-question"), t("survey-xlsx-option"), t("survey-xlsx-count")])
    by_id = {q["id"]: q for q in questions}
    for stats in report.questions:
        text = localized(by_id[stats.question]["text"], locale)
        for count in stats.counts:
            dist.append(
                [text, options[stats.question].get(count.option, count.option), count.count]
            )
        if stats.mean is not None:
            dist.append([text, t("survey-xlsx-mean"), round(stats.mean, 2)])
        if stats.type == "text":
            dist.append([text, t("survey-xlsx-answered"), stats.answered])


def _breakdown_sheet(workbook: Workbook, report: SurveyReport, dimension: str, t: Label) -> None:
    page = workbook.create_sheet(t(f"survey-dimension-{dimension}"))
    head = [t("survey-xlsx-group"), t("survey-xlsx-respondents")]
    for share in report.profile:
        topic = t(f"topic-{share.topic}")
        head += [
            f"{topic}: {t('survey-level-serious')}, %",
            f"{topic}: {t('survey-level-some')}, %",
        ]
    _bold_row(page, head)
    if dimension == "overall":
        groups = [("", report.respondents, report.profile)]
    else:
        groups = [
            (group_label(dimension, g.group, t), g.respondents, list(g.topics))
            for g in report.breakdowns.get(dimension, [])
        ]
    for name, respondents, shares in groups:
        line: list[Any] = [name or t("survey-group-all"), respondents]
        for share in shares:
            line += [round(100 * share.serious_share, 1), round(100 * share.some_share, 1)]
        page.append(line)
    hidden = report.hidden.get(dimension, 0)
    if hidden:
        page.append([t("survey-xlsx-hidden", count=hidden)])


def _waves_sheet(workbook: Workbook, report: SurveyReport, t: Label) -> None:
    change = workbook.create_sheet(t("survey-xlsx-sheet-waves"))
    _bold_row(
        change,
        [
            t("survey-xlsx-topic"),
            t("survey-xlsx-wave", wave=report.wave - 1),
            t("survey-xlsx-wave", wave=report.wave),
        ],
    )
    for item in report.changes:
        change.append(
            [t(f"topic-{item.topic}"), round(100 * item.before, 1), round(100 * item.after, 1)]
        )


def _support_sheet(workbook: Workbook, report: SurveyReport, t: Label) -> None:
    support = workbook.create_sheet(t("survey-xlsx-sheet-support"))
    _bold_row(
        support,
        [
            t("survey-xlsx-topic"),
            t("survey-xlsx-serious"),
            t("survey-xlsx-registered"),
            t("survey-xlsx-attended"),
        ],
    )
    for figure in report.support:
        support.append(
            [t(f"topic-{figure.topic}"), figure.serious, figure.registered, figure.attended]
        )


def report_workbook(
    report: SurveyReport,
    definition: Mapping[str, Any],
    raw: Sequence[RawAnswerRow],
    anonymous: bool,
    locale: str,
    timezone: ZoneInfo,
    t: Label,
) -> bytes:
    """One sheet of raw answers (no names for anonymous surveys), one of distributions, one per
    breakdown, and the change between waves when there is one."""
    questions = definition["questions"]
    options = {
        q["id"]: {o["id"]: localized(o["text"], locale) for o in q.get("options", [])}
        for q in questions
    }
    workbook = Workbook()
    _answers_sheet(workbook, questions, options, raw, anonymous, locale, timezone, t)
    _distribution_sheet(workbook, report, questions, options, locale, t)
    if report.profile:
        for dimension in ("overall", *DIMENSIONS):
            _breakdown_sheet(workbook, report, dimension, t)
        if report.changes:
            _waves_sheet(workbook, report, t)
        if report.support:
            _support_sheet(workbook, report, t)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def group_label(dimension: str, group: str, t: Label) -> str:
    if group == "__other__":
        return t("survey-group-other")
    if dimension == "category":
        return t(f"survey-category-{group}")
    if dimension == "subject":
        return t(f"subject-{group}")
    if dimension == "experience":
        return t(f"experience-{group}")
    return group
