"""Psychologists' consultations in the reports: counts only, never who booked what.

Network-wide figures are split by topic category. A school coordinator gets the totals of
their school's people only, without topics: in a small school a topic with one booking would
point at one family.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsultBooking, User
from services.consultations.service import BookingStatus, CancelledBy, ConsultTopic
from services.reports.indicators import Window


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


def _total(rows: list[ConsultationRow]) -> ConsultationRow:
    return ConsultationRow(
        None,
        sum(r.held for r in rows),
        sum(r.no_show for r in rows),
        sum(r.cancelled for r in rows),
        sum(r.booked for r in rows),
        sum(r.cancelled_by_psychologist for r in rows),
    )


async def consultation_summary(session: AsyncSession, window: Window) -> list[ConsultationRow]:
    """Rows per topic (network-wide only), the total last; by the consultation's time."""
    status = ConsultBooking.status
    stmt = (
        select(
            ConsultBooking.topic,
            func.sum(case((status == BookingStatus.DONE.value, 1), else_=0)),
            func.sum(case((status == BookingStatus.NO_SHOW.value, 1), else_=0)),
            func.sum(case((status == BookingStatus.CANCELLED.value, 1), else_=0)),
            func.sum(case((status == BookingStatus.BOOKED.value, 1), else_=0)),
            func.sum(
                case(
                    (
                        (status == BookingStatus.CANCELLED.value)
                        & (ConsultBooking.cancelled_by == CancelledBy.PSYCHOLOGIST.value),
                        1,
                    ),
                    else_=0,
                )
            ),
        )
        .where(ConsultBooking.starts_at >= window.start, ConsultBooking.starts_at < window.end)
        .group_by(ConsultBooking.topic)
    )
    if window.school_id is not None:
        stmt = stmt.join(User, User.id == ConsultBooking.user_id).where(
            User.school_id == window.school_id
        )
    rows = []
    for topic, held, no_show, cancelled, booked, by_psy in (await session.execute(stmt)).all():
        try:
            category = ConsultTopic(topic)
        except ValueError:
            category = ConsultTopic.OTHER
        rows.append(
            ConsultationRow(
                category,
                int(held or 0),
                int(no_show or 0),
                int(cancelled or 0),
                int(booked or 0),
                int(by_psy or 0),
            )
        )
    merged: dict[ConsultTopic, ConsultationRow] = {}
    for row in rows:
        known = merged.get(row.topic or ConsultTopic.OTHER)
        merged[row.topic or ConsultTopic.OTHER] = row if known is None else _total([known, row])
    by_topic = [
        ConsultationRow(t, r.held, r.no_show, r.cancelled, r.booked, r.cancelled_by_psychologist)
        for t in ConsultTopic
        if (r := merged.get(t)) is not None
    ]
    total = _total(by_topic)
    if window.school_id is not None:
        return [total]
    return [*by_topic, total]
