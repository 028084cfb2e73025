"""Psychologists' consultations in the reports: counts only, never who booked what.

One count serves both screens: /consult_report (staff: by psychologist and by topic, with a
PNG chart and an XLSX workbook) and the consultations part of /stats and /export (by topic
network-wide; a school coordinator gets the totals of their school's people only, without
topics: in a small school a topic with one booking would point at one family).

A booking whose topic is not a ConsultTopic (an old or hand-made row) counts under "other"
on every screen, so the two never disagree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import ConsultBooking, User
from services.charts import new_figure
from services.consultations.types import BookingStatus, CancelledBy, ConsultTopic
from services.context import Actor
from services.errors import AccessDenied, InvalidInput
from services.i18n import Text
from services.reports.indicators import Window


@dataclass
class Counts:
    held: int = 0
    no_show: int = 0
    cancelled: int = 0
    cancelled_by_psychologist: int = 0  # of `cancelled`; the rest the families' own
    booked: int = 0  # still booked: upcoming, or the outcome not marked yet

    def add(self, status: str, by: str | None, number: int) -> None:
        if status == BookingStatus.DONE:
            self.held += number
        elif status == BookingStatus.NO_SHOW:
            self.no_show += number
        elif status == BookingStatus.CANCELLED:
            self.cancelled += number
            if by == CancelledBy.PSYCHOLOGIST:
                self.cancelled_by_psychologist += number
        elif status == BookingStatus.BOOKED:
            self.booked += number

    def merge(self, other: Counts) -> None:
        self.held += other.held
        self.no_show += other.no_show
        self.cancelled += other.cancelled
        self.cancelled_by_psychologist += other.cancelled_by_psychologist
        self.booked += other.booked


def topic_of(raw: str | None) -> ConsultTopic:
    """The one rule for a topic the enum does not know: it is "other"."""
    try:
        return ConsultTopic(raw or "")
    except ValueError:
        return ConsultTopic.OTHER


@dataclass(frozen=True, slots=True)
class CountedGroup:
    psychologist: str
    topic: ConsultTopic
    counts: Counts


async def count_bookings(
    session: AsyncSession, start: datetime, end: datetime, *, school_id: int | None = None
) -> list[CountedGroup]:
    """Bookings whose consultation starts in [start, end), counted per psychologist and topic;
    with `school_id`, only those of that school's people."""
    psychologist = aliased(User)
    stmt = (
        select(
            ConsultBooking.psychologist_id,
            psychologist.full_name,
            ConsultBooking.topic,
            ConsultBooking.status,
            ConsultBooking.cancelled_by,
            func.count(),
        )
        .outerjoin(psychologist, psychologist.id == ConsultBooking.psychologist_id)
        .where(ConsultBooking.starts_at >= start, ConsultBooking.starts_at < end)
        .group_by(
            ConsultBooking.psychologist_id,
            psychologist.full_name,
            ConsultBooking.topic,
            ConsultBooking.status,
            ConsultBooking.cancelled_by,
        )
    )
    if school_id is not None:
        booker = aliased(User)
        stmt = stmt.join(booker, booker.id == ConsultBooking.user_id).where(
            booker.school_id == school_id
        )
    groups: dict[tuple[int | None, str, ConsultTopic], CountedGroup] = {}
    for psy_id, name, topic, status, by, number in (await session.execute(stmt)).all():
        key = (psy_id, name or "—", topic_of(topic))
        group = groups.setdefault(key, CountedGroup(key[1], key[2], Counts()))
        group.counts.add(status, by, int(number))
    return list(groups.values())


# ---- /consult_report ----------------------------------------------------


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
    report = ConsultReport(start, end)
    for group in await count_bookings(session, start, end):
        report.total.merge(group.counts)
        report.by_psychologist.setdefault(group.psychologist, Counts()).merge(group.counts)
        report.by_topic.setdefault(group.topic, Counts()).merge(group.counts)
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


# ---- /stats and /export -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConsultationRow:
    topic: ConsultTopic | None  # None: the total
    held: int
    no_show: int
    cancelled: int
    booked: int  # still booked: upcoming, or the outcome not marked yet
    cancelled_by_psychologist: int = 0  # of `cancelled`; the rest the families' own

    @property
    def total(self) -> int:
        return self.held + self.no_show + self.cancelled + self.booked


def _row(topic: ConsultTopic | None, counts: Counts) -> ConsultationRow:
    return ConsultationRow(
        topic,
        counts.held,
        counts.no_show,
        counts.cancelled,
        counts.booked,
        counts.cancelled_by_psychologist,
    )


async def consultation_summary(session: AsyncSession, window: Window) -> list[ConsultationRow]:
    """Rows per topic (network-wide only), the total last; by the consultation's time."""
    total = Counts()
    by_topic: dict[ConsultTopic, Counts] = {}
    for group in await count_bookings(
        session, window.start, window.end, school_id=window.school_id
    ):
        total.merge(group.counts)
        by_topic.setdefault(group.topic, Counts()).merge(group.counts)
    if window.school_id is not None:
        return [_row(None, total)]
    return [*(_row(k, by_topic[k]) for k in ConsultTopic if k in by_topic), _row(None, total)]
