"""Consultation figures for staff: held, no-shows, cancellations by psychologist and by topic
for a period, as counts only (no booking details), with a PNG chart and an XLSX workbook."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsultBooking, User
from services.charts import new_figure
from services.consultations.service import BookingStatus, CancelledBy, ConsultTopic
from services.context import Actor
from services.errors import AccessDenied, InvalidInput
from services.i18n import Text

COUNTED = (BookingStatus.DONE, BookingStatus.NO_SHOW, BookingStatus.CANCELLED)


@dataclass
class Counts:
    held: int = 0
    no_show: int = 0
    cancelled: int = 0
    cancelled_by_psychologist: int = 0  # of `cancelled`
    booked: int = 0  # still ahead (or not yet marked)

    def add(self, status: BookingStatus, by: str | None, number: int) -> None:
        if status == BookingStatus.DONE:
            self.held += number
        elif status == BookingStatus.NO_SHOW:
            self.no_show += number
        elif status == BookingStatus.CANCELLED:
            self.cancelled += number
            if by == CancelledBy.PSYCHOLOGIST:
                self.cancelled_by_psychologist += number
        else:
            self.booked += number


@dataclass
class ConsultReport:
    start: datetime
    end: datetime
    total: Counts = field(default_factory=Counts)
    by_psychologist: dict[str, Counts] = field(default_factory=dict)
    by_topic: dict[ConsultTopic, Counts] = field(default_factory=dict)


async def consult_report(
    session: AsyncSession, actor: Actor, start: datetime, end: datetime
) -> ConsultReport:
    if not (actor.is_staff or actor.is_admin):
        raise AccessDenied()
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    rows = await session.execute(
        select(
            ConsultBooking.psychologist_id,
            User.full_name,
            ConsultBooking.topic,
            ConsultBooking.status,
            ConsultBooking.cancelled_by,
            func.count(),
        )
        .outerjoin(User, User.id == ConsultBooking.psychologist_id)
        .where(ConsultBooking.starts_at >= start, ConsultBooking.starts_at < end)
        .group_by(
            ConsultBooking.psychologist_id,
            User.full_name,
            ConsultBooking.topic,
            ConsultBooking.status,
            ConsultBooking.cancelled_by,
        )
    )
    report = ConsultReport(start, end)
    for _psy_id, name, topic, status, by, number in rows:
        state = BookingStatus(status)
        report.total.add(state, by, number)
        report.by_psychologist.setdefault(name or "—", Counts()).add(state, by, number)
        report.by_topic.setdefault(ConsultTopic(topic), Counts()).add(state, by, number)
    report.by_psychologist = dict(sorted(report.by_psychologist.items()))
    report.by_topic = {k: report.by_topic[k] for k in ConsultTopic if k in report.by_topic}
    return report


def _headers(t: Text) -> list[str]:
    return [
        t("consult-report-col-held"),
        t("consult-report-col-no-show"),
        t("consult-report-col-cancelled"),
        t("consult-report-col-cancelled-by-psychologist"),
        t("consult-report-col-booked"),
    ]


def _values(counts: Counts) -> list[int]:
    return [
        counts.held,
        counts.no_show,
        counts.cancelled,
        counts.cancelled_by_psychologist,
        counts.booked,
    ]


def report_xlsx(report: ConsultReport, t: Text) -> bytes:
    workbook = Workbook()
    sheets = [
        (t("consult-report-sheet-psychologists"), list(report.by_psychologist.items())),
        (
            t("consult-report-sheet-topics"),
            [(t(f"consult-topic-{k.value}"), v) for k, v in report.by_topic.items()],
        ),
    ]
    first = True
    for title, rows in sheets:
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = title[:31]
        sheet.append(["", *_headers(t)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for label, counts in rows:
            sheet.append([label, *_values(counts)])
        sheet.append([t("consult-report-total"), *_values(report.total)])
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_chart(report: ConsultReport, t: Text) -> bytes:
    """Stacked horizontal bars per topic: held, no-shows, cancellations."""
    figure = new_figure(10, 6.5, 100)
    axes = figure.add_subplot()
    labels = [t(f"consult-topic-{k.value}") for k in report.by_topic] or ["—"]
    series = [
        (t("consult-report-col-held"), [c.held for c in report.by_topic.values()], "#3BA55D"),
        (
            t("consult-report-col-no-show"),
            [c.no_show for c in report.by_topic.values()],
            "#F29D38",
        ),
        (
            t("consult-report-col-cancelled"),
            [c.cancelled for c in report.by_topic.values()],
            "#8E8E93",
        ),
    ]
    left = [0] * len(labels)
    for name, values, colour in series:
        values = values or [0]
        axes.barh(labels, values, left=left, label=name, color=colour)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_title(t("consult-report-chart-title"), fontsize=16)
    axes.legend(fontsize=12)
    axes.tick_params(labelsize=12)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
