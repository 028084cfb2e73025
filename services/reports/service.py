"""Reports and monitoring: the dashboard, the indicators, and the data behind exports and charts.

Rights: methodists and admins see the whole network; a school coordinator sees only the
people of their own school (and the events those people took part in); everyone else is
refused. Every figure is an SQL aggregate; the only Python loops run over grouped rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role, Topic
from db.models import Event, Registration, School, User, UserRole
from services.context import Actor, Clock, Policy
from services.errors import AccessDenied, NotFound
from services.events.types import EventFormat, EventStatus, EventType, RegStatus
from services.reports.consultations import (
    ConsultationRow,
    ConsultReport,
    consult_report,
    consultation_summary,
)
from services.reports.indicators import (
    HELD_STATUSES,
    Indicator,
    SchoolCategory,
    Window,
    event_indicators,
    school_people,
    teachers_total,
)
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    period_containing,
    shift,
)
from services.reports.surveys import (
    DifficultyRow,
    SurveyRate,
    diagnostics_indicators,
    difficulty_profile,
    survey_rates,
)

log = logging.getLogger(__name__)

TOP_SCHOOLS = 5
CHART_MIN_MONTHS = 6


@dataclass(frozen=True, slots=True)
class Scope:
    school_id: int | None
    school_name: str | None


@dataclass(frozen=True, slots=True)
class SchoolPeople:
    school_id: int
    short_name: str
    category: tuple[SchoolCategory, ...]
    teachers: int
    parents: int


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
class Dashboard:
    period: ReportPeriod
    scope: Scope
    people_by_role: dict[Role, int]
    schools: list[SchoolPeople]
    events_held: int
    events_by_type: dict[EventType, int]
    events_by_topic: dict[Topic, int]
    attendance: Attendance
    surveys: list[SurveyRate]
    consultations: list[ConsultationRow]  # per topic (network-wide), the total last


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
    category: tuple[SchoolCategory, ...]
    registered: int
    attended: int
    no_shows: int
    associations: int


@dataclass(frozen=True, slots=True)
class MonthAttendance:
    month: date
    registered: int
    attended: int


@dataclass
class ReportData:
    """Everything an export or a chart needs, loaded once; built without the database."""

    period: ReportPeriod
    scope: Scope
    generated_at: datetime
    dashboard: Dashboard
    indicators: list[Indicator]
    events: list[EventRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    months: list[MonthAttendance] = field(default_factory=list)
    difficulties: list[DifficultyRow] = field(default_factory=list)


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


def categories_of(low: bool | None, unfavourable: bool | None) -> tuple[SchoolCategory, ...]:
    if low is None and unfavourable is None:
        return ()
    found = []
    if low:
        found.append(SchoolCategory.LOW_RESULTS)
    if unfavourable:
        found.append(SchoolCategory.UNFAVOURABLE)
    return tuple(found) or (SchoolCategory.OTHER,)


def _enum(kind: type[Any], value: str, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default


class ReportService:
    def __init__(self, session: AsyncSession, policy: Policy, clock: Clock) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock

    # --- rights and periods ---------------------------------------------------------------

    async def scope(self, actor: Actor) -> Scope:
        """Who may see which figures; checked on every call, every press re-checks it."""
        if actor.is_staff:
            return Scope(None, None)
        if actor.has(Role.COORDINATOR):
            if actor.coordinator_school_id is None:
                raise AccessDenied("error-report-no-school")
            school = await self.session.get(School, actor.coordinator_school_id)
            if school is None:
                raise NotFound()
            return Scope(school.id, school.short_name)
        raise AccessDenied()

    def default_period(self, kind: PeriodKind = PeriodKind.MONTH) -> ReportPeriod:
        return current_period(kind, self.clock(), self.policy.timezone)

    def _window(self, period: ReportPeriod, scope: Scope) -> Window:
        zone = self.policy.timezone
        return Window(period.start_utc(zone), period.end_utc(zone), scope.school_id)

    async def consult_report(self, actor: Actor, start: datetime, end: datetime) -> ConsultReport:
        """/consult_report: consultations by psychologist and by topic, for staff."""
        return await consult_report(self.session, actor, start, end)

    # --- the dashboard --------------------------------------------------------------------

    async def dashboard(self, actor: Actor, period: ReportPeriod) -> Dashboard:
        scope = await self.scope(actor)
        dashboard = await self._dashboard(period, scope)
        log.info("report dashboard by=%s school=%s", actor.user_id, scope.school_id)
        return dashboard

    async def _dashboard(
        self, period: ReportPeriod, scope: Scope, attendance: Attendance | None = None
    ) -> Dashboard:
        window = self._window(period, scope)
        by_type = await self._events_by(Event.type, window)
        return Dashboard(
            period=period,
            scope=scope,
            people_by_role=await self._people_by_role(scope),
            schools=await self._schools(scope),
            events_held=sum(by_type.values()),
            events_by_type={_enum(EventType, k, EventType.SEMINAR): v for k, v in by_type.items()},
            events_by_topic={
                _enum(Topic, k, Topic.MANAGEMENT): v
                for k, v in (await self._events_by(Event.topic, window)).items()
            },
            attendance=attendance or await self._attendance(window),
            surveys=await survey_rates(self.session, window),
            consultations=await consultation_summary(self.session, window),
        )

    async def _people_by_role(self, scope: Scope) -> dict[Role, int]:
        stmt = (
            select(UserRole.role, func.count(distinct(User.id)))
            .join(User, User.id == UserRole.user_id)
            .where(User.forgotten_at.is_(None))
            .group_by(UserRole.role)
        )
        if scope.school_id is not None:
            stmt = stmt.where(User.school_id == scope.school_id)
        counts = {Role(role): int(n) for role, n in (await self.session.execute(stmt)).all()}
        return {role: counts[role] for role in Role if role in counts}

    async def _schools(self, scope: Scope) -> list[SchoolPeople]:
        teacher = case((UserRole.role == Role.TEACHER.value, User.id))
        parent = case((UserRole.role == Role.PARENT.value, User.id))
        stmt = (
            select(
                School.id,
                School.short_name,
                School.low_results,
                School.unfavourable_conditions,
                func.count(distinct(teacher)),
                func.count(distinct(parent)),
            )
            .select_from(School)
            .outerjoin(User, and_(User.school_id == School.id, User.forgotten_at.is_(None)))
            .outerjoin(UserRole, UserRole.user_id == User.id)
            .group_by(
                School.id, School.short_name, School.low_results, School.unfavourable_conditions
            )
        )
        if scope.school_id is not None:
            stmt = stmt.where(School.id == scope.school_id)
        rows = [
            SchoolPeople(sid, name, categories_of(low, unf), int(t), int(p))
            for sid, name, low, unf, t, p in (await self.session.execute(stmt)).all()
        ]
        rows.sort(key=lambda s: (-s.teachers, -s.parents, s.short_name))
        return rows

    @staticmethod
    def _held_registrations(stmt: Any, window: Window) -> Any:
        """Limits a SELECT FROM registrations to events held in the window and, for a
        coordinator, to their school's people (the users join costs a lookup per row, so the
        network-wide figures do without it)."""
        stmt = stmt.join(Event, Event.id == Registration.event_id).where(
            Event.status.in_(HELD_STATUSES),
            Event.starts_at >= window.start,
            Event.starts_at < window.end,
        )
        if window.school_id is not None:
            stmt = stmt.where(Registration.user_id.in_(school_people(window.school_id)))
        return stmt

    async def _events_by(self, column: Any, window: Window) -> dict[str, int]:
        held = and_(
            Event.status.in_(HELD_STATUSES),
            Event.starts_at >= window.start,
            Event.starts_at < window.end,
        )
        if window.school_id is None:
            stmt = select(column, func.count(Event.id)).where(held).group_by(column)
        else:
            stmt = (
                select(column, func.count(distinct(Event.id)))
                .join(Registration, Registration.event_id == Event.id)
                .where(
                    held,
                    Registration.user_id.in_(school_people(window.school_id)),
                    Registration.status != RegStatus.CANCELLED.value,
                )
                .group_by(column)
            )
        return {str(k): int(v) for k, v in (await self.session.execute(stmt)).all()}

    def _confirmed(self) -> Any:
        return or_(
            Registration.status == RegStatus.REGISTERED.value,
            Registration.attended_at.is_not(None),
        )

    async def _attendance(self, window: Window) -> Attendance:
        ended = Event.ends_at <= self.clock()
        stmt = select(
            func.sum(case((Registration.status == RegStatus.REGISTERED.value, 1), else_=0)),
            func.sum(case((Registration.status == RegStatus.WAITLISTED.value, 1), else_=0)),
            func.sum(case((and_(ended, self._confirmed()), 1), else_=0)),
            func.sum(case((Registration.attended_at.is_not(None), 1), else_=0)),
            func.avg(Registration.feedback_score),
            func.count(Registration.feedback_score),
        ).select_from(Registration)
        row = (await self.session.execute(self._held_registrations(stmt, window))).one()
        return Attendance(
            registered=int(row[0] or 0),
            waitlisted=int(row[1] or 0),
            due=int(row[2] or 0),
            attended=int(row[3] or 0),
            feedback_average=float(row[4]) if row[4] is not None else None,
            feedback_count=int(row[5] or 0),
        )

    # --- indicators -----------------------------------------------------------------------

    async def indicators(self, actor: Actor, period: ReportPeriod) -> list[Indicator]:
        scope = await self.scope(actor)
        return await self._indicators(period, scope)

    async def _indicators(self, period: ReportPeriod, scope: Scope) -> list[Indicator]:
        window = self._window(period, scope)
        indicators = await event_indicators(self.session, window)
        teachers = await teachers_total(self.session, window)
        return indicators + await diagnostics_indicators(self.session, window, teachers)

    # --- data for exports and charts ------------------------------------------------------

    async def report_data(self, actor: Actor, period: ReportPeriod) -> ReportData:
        scope = await self.scope(actor)
        window = self._window(period, scope)
        events = await self._event_rows(window)
        data = ReportData(
            period=period,
            scope=scope,
            generated_at=self.clock(),
            # The per-event counts already hold the totals: no second pass over registrations.
            dashboard=await self._dashboard(period, scope, attendance_of(events)),
            indicators=await self._indicators(period, scope),
            events=events,
            participants=await self._participant_rows(window),
            difficulties=await difficulty_profile(self.session, window),
        )
        log.info(
            "report data by=%s school=%s events=%s people=%s",
            actor.user_id,
            scope.school_id,
            len(data.events),
            len(data.participants),
        )
        return data

    async def chart_data(self, actor: Actor, period: ReportPeriod) -> ReportData:
        """The lighter set the charts need: indicators by category and attendance by month."""
        scope = await self.scope(actor)
        return ReportData(
            period=period,
            scope=scope,
            generated_at=self.clock(),
            dashboard=await self._dashboard(period, scope),
            indicators=await self._indicators(period, scope),
            months=await self._months(period, scope),
            difficulties=await difficulty_profile(self.session, self._window(period, scope)),
        )

    async def _event_rows(self, window: Window) -> list[EventRow]:
        ended = Event.ends_at <= self.clock()
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
                        (and_(ended, self._confirmed(), Registration.attended_at.is_(None)), 1),
                        else_=0,
                    )
                ),
                func.avg(Registration.feedback_score),
                func.count(Registration.feedback_score),
                func.sum(case((and_(ended, self._confirmed()), 1), else_=0)),
            )
            .select_from(Event)
            .where(
                Event.status.in_(HELD_STATUSES),
                Event.starts_at >= window.start,
                Event.starts_at < window.end,
            )
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
        rows = []
        for r in (await self.session.execute(stmt)).all():
            rows.append(
                EventRow(
                    event_id=r[0],
                    starts_at=r[1],
                    title=r[2],
                    type=_enum(EventType, r[3], EventType.SEMINAR),
                    topic=_enum(Topic, r[4], Topic.MANAGEMENT),
                    format=_enum(EventFormat, r[5], EventFormat.IN_PERSON),
                    status=_enum(EventStatus, r[6], EventStatus.PUBLISHED),
                    capacity=r[7],
                    registered=int(r[8] or 0),
                    waitlisted=int(r[9] or 0),
                    attended=int(r[10] or 0),
                    no_shows=int(r[11] or 0),
                    feedback_average=float(r[12]) if r[12] is not None else None,
                    feedback_count=int(r[13] or 0),
                    due=int(r[14] or 0),
                )
            )
        return rows

    async def _participant_rows(self, window: Window) -> list[ParticipantRow]:
        ended = Event.ends_at <= self.clock()
        attended = Registration.attended_at.is_not(None)
        association = Event.type == EventType.METHODOLOGICAL_ASSOCIATION.value
        stmt = (
            select(
                User.id,
                User.full_name,
                School.short_name,
                School.low_results,
                School.unfavourable_conditions,
                func.sum(case((self._confirmed(), 1), else_=0)),
                func.sum(case((attended, 1), else_=0)),
                func.sum(
                    case(
                        (and_(ended, self._confirmed(), Registration.attended_at.is_(None)), 1),
                        else_=0,
                    )
                ),
                func.sum(case((and_(attended, association), 1), else_=0)),
            )
            .select_from(Registration)
            .join(Event, Event.id == Registration.event_id)
            .join(User, User.id == Registration.user_id)
            .outerjoin(School, School.id == User.school_id)
            .where(
                Event.status.in_(HELD_STATUSES),
                Event.starts_at >= window.start,
                Event.starts_at < window.end,
                self._confirmed(),
            )
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
            for r in (await self.session.execute(stmt)).all()
        ]

    def chart_months(self, period: ReportPeriod) -> list[date]:
        """The months the attendance chart shows: the period's, and at least half a year."""
        first = period.first.replace(day=1)
        last = period.last.replace(day=1)
        months: list[date] = []
        cursor = last
        while cursor >= first or len(months) < CHART_MIN_MONTHS:
            months.append(cursor)
            cursor = shift(ReportPeriod(PeriodKind.MONTH, cursor, cursor), -1).first
        return sorted(months)

    async def _months(self, period: ReportPeriod, scope: Scope) -> list[MonthAttendance]:
        zone = self.policy.timezone
        months = self.chart_months(period)
        first = period_containing(PeriodKind.MONTH, months[0]).start_utc(zone)
        last = period_containing(PeriodKind.MONTH, months[-1]).end_utc(zone)
        # Counted per event in SQL; the events (at most a few thousand rows) are then put into
        # local calendar months here, which no SQL date function does for every time zone.
        stmt = (
            select(
                Event.starts_at,
                func.sum(case((self._confirmed(), 1), else_=0)),
                func.sum(case((Registration.attended_at.is_not(None), 1), else_=0)),
            )
            .select_from(Registration)
            .group_by(Event.id, Event.starts_at)
        )
        stmt = self._held_registrations(stmt, Window(first, last, scope.school_id))
        totals = {month: [0, 0] for month in months}
        for starts_at, confirmed, attended in (await self.session.execute(stmt)).all():
            month = starts_at.astimezone(zone).date().replace(day=1)
            if month in totals:
                totals[month][0] += int(confirmed or 0)
                totals[month][1] += int(attended or 0)
        return [MonthAttendance(month, *totals[month]) for month in months]
