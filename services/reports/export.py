"""The report as an XLSX workbook (a sheet per subject, ready to print) and as CSV files that
Russian Excel opens as they are (UTF-8 with BOM, semicolons, decimal commas).

Pure functions over `ReportData`: they run in a worker thread, never touch the database, and
take the person's `Text` for every header.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from services.i18n import Text
from services.reports.data import ReportData
from services.reports.indicators import IndicatorCategory, Ratio
from services.reports.period import ReportPeriod
from services.reports.scope import Scope

# Excel refuses sheet titles longer than this.
SHEET_TITLE_MAX = 31
DATE_FORMAT = "DD.MM.YYYY HH:MM"
DAY_FORMAT = "DD.MM.YYYY"
PERCENT_FORMAT = "0.0%"
DECIMAL_FORMAT = "0.0"
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


class Section(StrEnum):
    EVENTS = "events"
    PARTICIPANTS = "participants"
    INDICATORS = "indicators"
    SURVEYS = "surveys"
    DIFFICULTIES = "difficulties"
    CONSULTATIONS = "consultations"
    LIBRARY = "library"
    MENTORING_MEETINGS = "mentoring_meetings"


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    WHEN = "when"
    SHARE = "share"
    DECIMAL = "decimal"


@dataclass(frozen=True, slots=True)
class Column:
    header_key: str
    kind: Kind
    width: int


@dataclass(frozen=True, slots=True)
class Table:
    title_key: str
    columns: Sequence[Column]
    rows: list[list[Any]]


def _category_names(t: Text, categories: tuple[IndicatorCategory, ...]) -> str:
    return ", ".join(t(f"reports-category-{c.value}") for c in categories)


def _feedback(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def events_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-date", Kind.WHEN, 17),
        Column("reports-col-title", Kind.TEXT, 45),
        Column("reports-col-type", Kind.TEXT, 24),
        Column("reports-col-topic", Kind.TEXT, 34),
        Column("reports-col-format", Kind.TEXT, 14),
        Column("reports-col-capacity", Kind.INT, 11),
        Column("reports-col-registered", Kind.INT, 13),
        Column("reports-col-waitlisted", Kind.INT, 13),
        Column("reports-col-attended", Kind.INT, 12),
        Column("reports-col-no-shows", Kind.INT, 12),
        Column("reports-col-feedback", Kind.DECIMAL, 12),
        Column("reports-col-feedback-count", Kind.INT, 12),
    )
    rows = [
        [
            e.starts_at,
            e.title,
            t(f"reports-type-{e.type.value}"),
            t(f"topic-{e.topic.value}"),
            t(f"reports-format-{e.format.value}"),
            e.capacity if e.capacity is not None else t("reports-unlimited"),
            e.registered,
            e.waitlisted,
            e.attended,
            e.no_shows,
            _feedback(e.feedback_average),
            e.feedback_count,
        ]
        for e in data.events
    ]
    return Table("reports-sheet-events", columns, rows)


def participants_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-person", Kind.TEXT, 34),
        Column("reports-col-school", Kind.TEXT, 28),
        Column("reports-col-category", Kind.TEXT, 18),
        Column("reports-col-registered", Kind.INT, 13),
        Column("reports-col-attended", Kind.INT, 12),
        Column("reports-col-no-shows", Kind.INT, 12),
        Column("reports-col-associations", Kind.INT, 14),
    )
    forgotten = t("reports-person-forgotten")
    no_school = t("reports-no-school")
    rows = [
        [
            p.full_name or forgotten,
            p.school or no_school,
            _category_names(t, p.category),
            p.registered,
            p.attended,
            p.no_shows,
            p.associations,
        ]
        for p in data.participants
    ]
    return Table("reports-sheet-participants", columns, rows)


def _share(ratio: Ratio) -> float | str:
    share = ratio.share
    return "—" if share is None else share


def indicators_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-indicator", Kind.TEXT, 60),
        Column("reports-col-category", Kind.TEXT, 18),
        Column("reports-col-numerator", Kind.INT, 12),
        Column("reports-col-denominator", Kind.INT, 13),
        Column("reports-col-share", Kind.SHARE, 10),
    )
    rows = []
    for indicator in data.indicators:
        for category in IndicatorCategory:
            ratio = indicator.get(category)
            hidden = ratio.hidden
            rows.append(
                [
                    t(f"reports-indicator-{indicator.kind.value}"),
                    t(f"reports-category-{category.value}"),
                    "—" if hidden else ratio.numerator,
                    "—" if hidden else ratio.denominator,
                    _share(ratio),
                ]
            )
    return Table("reports-sheet-indicators", columns, rows)


def surveys_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-survey", Kind.TEXT, 45),
        Column("reports-col-wave", Kind.INT, 8),
        Column("reports-col-launched", Kind.WHEN, 17),
        Column("reports-col-closes", Kind.WHEN, 17),
        Column("reports-col-invited", Kind.INT, 13),
        Column("reports-col-responded", Kind.INT, 13),
        Column("reports-col-response-rate", Kind.SHARE, 12),
        Column("reports-col-completed-in-period", Kind.INT, 16),
    )
    rows = [
        [
            s.title,
            s.wave,
            s.launched_at,
            s.closes_at,
            s.invited,
            s.responded,
            _share(Ratio(s.responded, s.invited)),
            s.completed_in_period,
        ]
        for s in data.dashboard.surveys
    ]
    return Table("reports-sheet-surveys", columns, rows)


def difficulties_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-topic", Kind.TEXT, 45),
        Column("reports-col-answered", Kind.INT, 12),
        Column("reports-col-some", Kind.INT, 16),
        Column("reports-col-serious", Kind.INT, 16),
        Column("reports-col-serious-share", Kind.SHARE, 16),
    )
    rows = [
        [
            t(f"topic-{d.topic.value}"),
            d.answered,
            d.some,
            d.serious,
            _share(Ratio(d.serious, d.answered)),
        ]
        for d in data.difficulties
    ]
    return Table("reports-sheet-difficulties", columns, rows)


def consultations_table(data: ReportData, t: Text) -> Table:
    columns = (
        Column("reports-col-consult-topic", Kind.TEXT, 40),
        Column("reports-col-held", Kind.INT, 12),
        Column("reports-col-no-shows", Kind.INT, 12),
        Column("reports-col-cancelled", Kind.INT, 12),
        Column("reports-col-cancelled-by-psychologist", Kind.INT, 16),
        Column("reports-col-booked", Kind.INT, 16),
    )
    rows = [
        [
            t(f"reports-consult-topic-{c.topic.value}") if c.topic else t("reports-total"),
            c.held,
            c.no_show,
            c.cancelled,
            c.cancelled_by_psychologist,
            c.booked,
        ]
        for c in data.dashboard.consultations
    ]
    return Table("reports-sheet-consultations", columns, rows)


def library_table(data: ReportData, t: Text) -> Table:
    stats = data.dashboard.library
    columns = [
        Column("reports-col-library-what", Kind.TEXT, 30),
        Column("reports-col-library-name", Kind.TEXT, 50),
        Column("reports-col-library-count", Kind.INT, 12),
        Column("reports-col-library-sent", Kind.INT, 12),
    ]
    rows: list[list[Any]] = [[t("reports-library-row-added"), "", stats.added, None]]
    rows += [[t("reports-library-row-school"), n, c, None] for n, c in stats.practices_by_school]
    rows += [
        [t("reports-library-row-category"), t(f"reports-library-category-{n}"), c, None]
        for n, c in stats.practices_by_category
    ]
    rows += [
        [t("reports-library-row-requested"), title, opened, sent]
        for title, opened, sent in stats.most_requested
    ]
    return Table("reports-sheet-library", columns, rows)


def meetings_table(data: ReportData, t: Text) -> Table:
    """Mentoring meetings per pair, each month of the period and the period as a whole, by
    school category; a category of fewer than 5 pairs shows dashes."""
    columns = (
        Column("reports-col-month", Kind.TEXT, 16),
        Column("reports-col-category", Kind.TEXT, 18),
        Column("reports-col-meetings", Kind.INT, 12),
        Column("reports-col-pair-months", Kind.INT, 16),
        Column("reports-col-meetings-per-pair", Kind.DECIMAL, 16),
    )
    rows = []
    for row in data.meetings:
        month = f"{row.month:%m.%Y}" if row.month else t("reports-meetings-whole-period")
        for category in IndicatorCategory:
            ratio = row.get(category)
            rows.append(
                [
                    month,
                    t(f"reports-category-{category.value}"),
                    "—" if ratio.hidden else ratio.numerator,
                    "—" if ratio.hidden else ratio.denominator,
                    _share(ratio),
                ]
            )
    return Table("reports-sheet-mentoring-meetings", columns, rows)


TABLES: dict[Section, Callable[[ReportData, Text], Table]] = {
    Section.EVENTS: events_table,
    Section.PARTICIPANTS: participants_table,
    Section.INDICATORS: indicators_table,
    Section.SURVEYS: surveys_table,
    Section.DIFFICULTIES: difficulties_table,
    Section.CONSULTATIONS: consultations_table,
    Section.LIBRARY: library_table,
    Section.MENTORING_MEETINGS: meetings_table,
}


def period_label(data: ReportData, t: Text) -> str:
    return t(
        "reports-period-range",
        first=data.period.first.strftime("%d.%m.%Y"),
        last=data.period.last.strftime("%d.%m.%Y"),
    )


def _local(value: datetime, zone: ZoneInfo) -> datetime:
    # Excel has no time zones: the local wall-clock time, as the centre reads it.
    return value.astimezone(zone).replace(tzinfo=None)


# --- XLSX -------------------------------------------------------------------------------------


def _prepare_sheet(ws: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True


def _header_cell(ws: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(ws: WriteOnlyWorksheet, value: Any, kind: Kind, zone: ZoneInfo) -> Any:
    if kind == Kind.WHEN and isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=_local(value, zone))
        cell.number_format = DATE_FORMAT
        return cell
    if kind == Kind.SHARE and isinstance(value, float):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = PERCENT_FORMAT
        return cell
    if kind == Kind.DECIMAL and isinstance(value, float):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DECIMAL_FORMAT
        return cell
    return value


def _text(ws: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        # openpyxl writes "=..." as a formula; a name typed by a person must stay text.
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _write_table(wb: Workbook, table: Table, t: Text, zone: ZoneInfo) -> None:
    ws = wb.create_sheet(t(table.title_key)[:SHEET_TITLE_MAX])
    _prepare_sheet(ws, [c.width for c in table.columns])
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.append([_header_cell(ws, t(c.header_key)) for c in table.columns])
    kinds = [c.kind for c in table.columns]
    # Only the cells that need a format become cell objects: plain values are much faster.
    special = [i for i, kind in enumerate(kinds) if kind in (Kind.WHEN, Kind.SHARE, Kind.DECIMAL)]
    texts = [i for i, kind in enumerate(kinds) if kind == Kind.TEXT]
    for row in table.rows:
        values = list(row)
        for i in special:
            values[i] = _cell(ws, values[i], kinds[i], zone)
        for i in texts:
            values[i] = _text(ws, values[i])
        ws.append(values)


def _write_summary(wb: Workbook, data: ReportData, t: Text, zone: ZoneInfo) -> None:
    ws = wb.create_sheet(t("reports-sheet-summary")[:SHEET_TITLE_MAX])
    _prepare_sheet(ws, [40, 16, 16, 16])
    dashboard = data.dashboard

    def block(title: str, headers: Sequence[str] = ()) -> None:
        ws.append([])
        ws.append([_header_cell(ws, title), *(_header_cell(ws, h) for h in headers)])

    title = WriteOnlyCell(ws, value=t("reports-xlsx-title"))
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([t("reports-xlsx-period"), period_label(data, t)])
    scope = data.scope.school_name or t("reports-scope-network")
    ws.append([t("reports-xlsx-scope"), _text(ws, scope)])
    generated = WriteOnlyCell(ws, value=_local(data.generated_at, zone))
    generated.number_format = DATE_FORMAT
    ws.append([t("reports-xlsx-generated"), generated])

    block(t("reports-xlsx-people-by-role"))
    for role, count in dashboard.people_by_role.items():
        ws.append([t(f"role-{role.value}"), count])

    block(
        t("reports-xlsx-schools"),
        (t("reports-col-category"), t("reports-col-teachers"), t("reports-col-parents")),
    )
    for school in dashboard.schools:
        ws.append(
            [
                _text(ws, school.short_name),
                _category_names(t, school.category),
                school.teachers,
                school.parents,
            ]
        )

    block(t("reports-xlsx-events-by-type"))
    for event_type, count in dashboard.events_by_type.items():
        ws.append([t(f"reports-type-{event_type.value}"), count])
    block(t("reports-xlsx-events-by-topic"))
    for topic, count in dashboard.events_by_topic.items():
        ws.append([t(f"topic-{topic.value}"), count])

    attendance = dashboard.attendance
    block(t("reports-xlsx-attendance"))
    ws.append([t("reports-col-events-held"), dashboard.events_held])
    ws.append([t("reports-col-registered"), attendance.registered])
    ws.append([t("reports-col-waitlisted"), attendance.waitlisted])
    ws.append([t("reports-col-attended"), attendance.attended])
    ws.append([t("reports-col-no-shows"), attendance.no_shows])
    rate = WriteOnlyCell(ws, value=attendance.rate if attendance.rate is not None else "—")
    rate.number_format = PERCENT_FORMAT
    ws.append([t("reports-col-attendance-rate"), rate])
    feedback = WriteOnlyCell(ws, value=_feedback(attendance.feedback_average) or "—")
    feedback.number_format = DECIMAL_FORMAT
    ws.append([t("reports-col-feedback"), feedback])
    ws.append([t("reports-col-feedback-count"), attendance.feedback_count])


def build_workbook(data: ReportData, t: Text, zone: ZoneInfo) -> bytes:
    wb = Workbook(write_only=True)
    _write_summary(wb, data, t, zone)
    for section in Section:
        _write_table(wb, TABLES[section](data, t), t, zone)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- CSV --------------------------------------------------------------------------------------


def _csv_value(value: Any, kind: Kind, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _local(value, zone).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        # Russian Excel reads a decimal comma; a share is written as a percentage.
        number = value * 100 if kind == Kind.SHARE else value
        return f"{number:.1f}".replace(".", ",")
    text = str(value)
    if kind == Kind.TEXT and text[:1] in FORMULA_STARTS:
        # Excel would run a typed "=HYPERLINK(...)" as a formula; the apostrophe keeps it text.
        return "'" + text
    return text


def build_csv(data: ReportData, section: Section, t: Text, zone: ZoneInfo) -> bytes:
    table = TABLES[section](data, t)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers = []
    for column in table.columns:
        header = t(column.header_key)
        headers.append(header + (", %" if column.kind == Kind.SHARE else ""))
    writer.writerow(headers)
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        writer.writerow([_csv_value(v, k, zone) for v, k in zip(row, kinds, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def file_stem(data: ReportData, suffix: str = "") -> str:
    return stem_of(data.period, data.scope, suffix)


def stem_of(period: ReportPeriod, scope: Scope, suffix: str = "") -> str:
    """The name of a report file, known before its data is read (the Mini App's download)."""
    stem = f"report_{period.first:%Y%m%d}-{period.last:%Y%m%d}"
    if scope.school_id is not None:
        stem += f"_school{scope.school_id}"
    return stem + (f"_{suffix}" if suffix else "")


async def render_workbook(data: ReportData, t: Text, zone: ZoneInfo) -> bytes:
    """Builds the workbook in a worker thread so the bot keeps answering meanwhile."""
    return await asyncio.to_thread(build_workbook, data, t, zone)


async def render_csv(data: ReportData, section: Section, t: Text, zone: ZoneInfo) -> bytes:
    return await asyncio.to_thread(build_csv, data, section, t, zone)
