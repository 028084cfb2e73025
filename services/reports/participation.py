"""Who took part in the events held in a window: totals, per event, per person, per month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from db.models import Event, Registration, School, User
from services.events.types import EventFormat, EventStatus, EventType, RegStatus
from services.reports.indicators import HELD_STATUSES, IndicatorCategory, Window, school_people
from services.reports.period import PeriodKind, ReportPeriod, period_containing, shift
from services.reports.schools import categories_of

CHART_MIN_MONTHS = 6


@dataclass(frozen=True, slots=True)
class Attendance:
    registered: int
    waitlisted: int
    due: int  # confirmed places on events that have ended: the attendance base
    attended: int
    feedback_average: float | None
    feedback_count: int

    @property
    def no_shows(self) -> int:
        return max(self.due - self.attended, 0)

    @property
    def rate(self) -> float | None:
        return self.attended / self.due if self.due else None


@dataclass(frozen=True, slots=True)
class EventRow:
    event_id: int
    starts_at: datetime
    title: str
    type: EventType
    topic: Topic
    format: EventFormat
    status: EventStatus
    capacity: int | None
    registered: int
    waitlisted: int
    attended: int
    no_shows: int
    feedback_average: float | None
    feedback_count: int
    due: int  # confirmed places, once the event has ended


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    user_id: int
    full_name: str | None  # None once the person asked to be forgotten
    school: str | None
    category: tuple[IndicatorCategory, ...]
    registered: int
    attended: int
    no_shows: int
    associations: int


@dataclass(frozen=True, slots=True)
class MonthAttendance:
    month: date
    registered: int
    attended: int


def enum_or(kind: type[Any], value: str, default: Any) -> Any:
    """A stored value as its enum; a value a newer version wrote counts as `default`."""
    try:
        return kind(value)
    except ValueError:
        return default


def attendance_of(events: list[EventRow]) -> Attendance:
    rated = sum(e.feedback_count for e in events)
    score = sum((e.feedback_average or 0.0) * e.feedback_count for e in events)
    return Attendance(
        registered=sum(e.registered for e in events),
        waitlisted=sum(e.waitlisted for e in events),
        due=sum(e.due for e in events),
        attended=sum(e.attended for e in events),
        feedback_average=score / rated if rated else None,
        feedback_count=rated,
    )


def confirmed() -> Any:
    return or_(
        Registration.status == RegStatus.REGISTERED.value,
        Registration.attended_at.is_not(None),
    )


def _held(window: Window) -> Any:
    return and_(
        Event.status.in_(HELD_STATUSES),
        Event.starts_at >= window.start,
        Event.starts_at < window.end,
    )


def held_registrations(stmt: Any, window: Window) -> Any:
    """Limits a SELECT FROM registrations to events held in the window and, for a
    coordinator, to their school's people (the users join costs a lookup per row, so the
    network-wide figures do without it)."""
    stmt = stmt.join(Event, Event.id == Registration.event_id).where(_held(window))
    if window.school_id is not None:
        stmt = stmt.where(Registration.user_id.in_(school_people(window.school_id)))
    return stmt


async def attendance(session: AsyncSession, window: Window, now: datetime) -> Attendance:
    ended = Event.ends_at <= now
    stmt = select(
        func.sum(case((Registration.status == RegStatus.REGISTERED.value, 1), else_=0)),
        func.sum(case((Registration.status == RegStatus.WAITLISTED.value, 1), else_=0)),
        func.sum(case((and_(ended, confirmed()), 1), else_=0)),
        func.sum(case((Registration.attended_at.is_not(None), 1), else_=0)),
        func.avg(Registration.feedback_score),
        func.count(Registration.feedback_score),
    ).select_from(Registration)
    row = (await session.execute(held_registrations(stmt, window))).one()
    return Attendance(
        registered=int(row[0] or 0),
        waitlisted=int(row[1] or 0),
        due=int(row[2] or 0),
        attended=int(row[3] or 0),
        feedback_average=float(row[4]) if row[4] is not None else None,
        feedback_count=int(row[5] or 0),
    )


def _event_row(r: Any) -> EventRow:
    return EventRow(
        event_id=r[0],
        starts_at=r[1],
        title=r[2],
        type=enum_or(EventType, r[3], EventType.SEMINAR),
        topic=enum_or(Topic, r[4], Topic.MANAGEMENT),
        format=enum_or(EventFormat, r[5], EventFormat.IN_PERSON),
        status=enum_or(EventStatus, r[6], EventStatus.PUBLISHED),
        capacity=r[7],
        registered=int(r[8] or 0),
        waitlisted=int(r[9] or 0),
        attended=int(r[10] or 0),
        no_shows=int(r[11] or 0),
        feedback_average=float(r[12]) if r[12] is not None else None,
        feedback_count=int(r[13] or 0),
        due=int(r[14] or 0),
    )


async def event_rows(session: AsyncSession, window: Window, now: datetime) -> list[EventRow]:
    ended = Event.ends_at <= now
    attended = Registration.attended_at.is_not(None)
    stmt = (
        select(
            Event.id,
            Event.starts_at,
            Event.title,
            Event.type,
            Event.topic,
            Event.format,
            Event.status,
            Event.capacity,
            func.sum(case((Registration.status == RegStatus.REGISTERED.value, 1), else_=0)),
            func.sum(case((Registration.status == RegStatus.WAITLISTED.value, 1), else_=0)),
            func.sum(case((attended, 1), else_=0)),
            func.sum(
                case(
                    (and_(ended, confirmed(), Registration.attended_at.is_(None)), 1),
                    else_=0,
                )
            ),
            func.avg(Registration.feedback_score),
            func.count(Registration.feedback_score),
            func.sum(case((and_(ended, confirmed()), 1), else_=0)),
        )
        .select_from(Event)
        .where(_held(window))
        .group_by(Event.id)
        .order_by(Event.starts_at, Event.id)
    )
    if window.school_id is None:
        stmt = stmt.outerjoin(Registration, Registration.event_id == Event.id)
    else:
        stmt = stmt.join(Registration, Registration.event_id == Event.id).where(
            Registration.user_id.in_(school_people(window.school_id)),
            Registration.status != RegStatus.CANCELLED.value,
        )
    return [_event_row(r) for r in (await session.execute(stmt)).all()]


async def participant_rows(
    session: AsyncSession, window: Window, now: datetime
) -> list[ParticipantRow]:
    ended = Event.ends_at <= now
    attended = Registration.attended_at.is_not(None)
    association = Event.type == EventType.METHODOLOGICAL_ASSOCIATION.value
    stmt = (
        select(
            User.id,
            User.full_name,
            School.short_name,
            School.low_results,
            School.unfavourable_conditions,
            func.sum(case((confirmed(), 1), else_=0)),
            func.sum(case((attended, 1), else_=0)),
            func.sum(
                case(
                    (and_(ended, confirmed(), Registration.attended_at.is_(None)), 1),
                    else_=0,
                )
            ),
            func.sum(case((and_(attended, association), 1), else_=0)),
        )
        .select_from(Registration)
        .join(Event, Event.id == Registration.event_id)
        .join(User, User.id == Registration.user_id)
        .outerjoin(School, School.id == User.school_id)
        .where(_held(window), confirmed())
        .group_by(
            User.id,
            User.full_name,
            School.short_name,
            School.low_results,
            School.unfavourable_conditions,
        )
        .order_by(School.short_name, User.full_name, User.id)
    )
    if window.school_id is not None:
        stmt = stmt.where(Registration.user_id.in_(school_people(window.school_id)))
    return [
        ParticipantRow(
            user_id=r[0],
            full_name=r[1],
            school=r[2],
            category=categories_of(r[3], r[4]),
            registered=int(r[5] or 0),
            attended=int(r[6] or 0),
            no_shows=int(r[7] or 0),
            associations=int(r[8] or 0),
        )
        for r in (await session.execute(stmt)).all()
    ]


def chart_months(period: ReportPeriod) -> list[date]:
    """The months the attendance chart shows: the period's, and at least half a year."""
    first = period.first.replace(day=1)
    last = period.last.replace(day=1)
    months: list[date] = []
    cursor = last
    while cursor >= first or len(months) < CHART_MIN_MONTHS:
        months.append(cursor)
        cursor = shift(ReportPeriod(PeriodKind.MONTH, cursor, cursor), -1).first
    return sorted(months)


async def monthly_attendance(
    session: AsyncSession, period: ReportPeriod, school_id: int | None, zone: ZoneInfo
) -> list[MonthAttendance]:
    months = chart_months(period)
    first = period_containing(PeriodKind.MONTH, months[0]).start_utc(zone)
    last = period_containing(PeriodKind.MONTH, months[-1]).end_utc(zone)
    # Counted per event in SQL; the events (at most a few thousand rows) are then put into
    # local calendar months here, which no SQL date function does for every time zone.
    stmt = (
        select(
            Event.starts_at,
            func.sum(case((confirmed(), 1), else_=0)),
            func.sum(case((Registration.attended_at.is_not(None), 1), else_=0)),
        )
        .select_from(Registration)
        .group_by(Event.id, Event.starts_at)
    )
    stmt = held_registrations(stmt, Window(first, last, school_id))
    totals = {month: [0, 0] for month in months}
    for starts_at, confirmed_count, attended in (await session.execute(stmt)).all():
        month = starts_at.astimezone(zone).date().replace(day=1)
        if month in totals:
            totals[month][0] += int(confirmed_count or 0)
            totals[month][1] += int(attended or 0)
    return [MonthAttendance(month, *totals[month]) for month in months]
