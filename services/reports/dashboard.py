"""The dashboard: the period's figures at a glance, for the network or one school."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role, Topic
from db.models import Event, Registration
from services.events.types import EventType, RegStatus
from services.library.stats import library_stats
from services.library.types import LibraryStats
from services.reports.consultations import ConsultationRow, consultation_summary
from services.reports.indicators import HELD_STATUSES, Window, school_people
from services.reports.participation import Attendance, attendance, enum_or
from services.reports.period import ReportPeriod
from services.reports.schools import SchoolPeople, people_by_role
from services.reports.schools import school_people as school_people_rows
from services.reports.scope import Scope
from services.reports.surveys import SurveyRate, survey_rates


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
    library: LibraryStats  # network-wide: materials added, practices shared, most requested


async def events_by(session: AsyncSession, column: Any, window: Window) -> dict[str, int]:
    """Events held in the window, counted by `column`; for a school, the events its people
    took part in."""
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
    return {str(k): int(v) for k, v in (await session.execute(stmt)).all()}


async def build_dashboard(
    session: AsyncSession,
    period: ReportPeriod,
    scope: Scope,
    window: Window,
    now: datetime,
    known_attendance: Attendance | None = None,
) -> Dashboard:
    by_type = await events_by(session, Event.type, window)
    by_topic = await events_by(session, Event.topic, window)
    return Dashboard(
        period=period,
        scope=scope,
        people_by_role=await people_by_role(session, scope),
        schools=await school_people_rows(session, scope),
        events_held=sum(by_type.values()),
        events_by_type={enum_or(EventType, k, EventType.SEMINAR): v for k, v in by_type.items()},
        events_by_topic={enum_or(Topic, k, Topic.MANAGEMENT): v for k, v in by_topic.items()},
        attendance=known_attendance or await attendance(session, window, now),
        surveys=await survey_rates(session, window),
        consultations=await consultation_summary(session, window),
        library=await library_stats(session, window.start, window.end),
    )
