"""The monitoring indicators of the statutes, counted in SQL and split by school category.

Every count is grouped by the two category flags of the person's (or the school's) school, so
one query per figure yields the whole row: ШНРО sums the groups with `low_results`, ШФНСУ the
groups with `unfavourable_conditions` (a school with both flags is in both columns), "others"
the group with neither, and "all" every group, people without a school included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.enums import Role
from db.models import Event, Registration, School, User, UserRole
from services.events.types import EventStatus, EventType

HELD_STATUSES = (EventStatus.PUBLISHED.value, EventStatus.FINISHED.value)


class IndicatorCategory(StrEnum):
    ALL = "all"
    LOW_RESULTS = "low_results"  # ШНРО
    UNFAVOURABLE = "unfavourable"  # ШФНСУ
    OTHER = "other"


class IndicatorKind(StrEnum):
    PARTNER_SCHOOLS = "partner_schools"
    TEACHERS_PARTICIPATED = "teachers_participated"
    TEACHERS_ASSOCIATIONS = "teachers_associations"
    TEACHERS_DIAGNOSED = "teachers_diagnosed"
    RISK_SUPPORTED = "risk_supported"
    # Mentoring (services/reports/mentoring.py).
    MENTORING_YOUNG = "mentoring_young"
    MENTORING_RISK = "mentoring_risk"
    MENTORING_STARTED = "mentoring_started"
    MENTORING_ACTIVE = "mentoring_active"
    MENTORING_FINISHED = "mentoring_finished"
    MENTORING_ENDED_EARLY = "mentoring_ended_early"
    MENTORING_PLAN_DONE = "mentoring_plan_done"
    MENTORING_MET = "mentoring_met"
    MENTORING_IMPROVED = "mentoring_improved"


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: int
    denominator: int
    # A group of fewer than 5 people is not shown on its own (it could point at a person).
    hidden: bool = False

    @property
    def share(self) -> float | None:
        """None when there is nobody to count (shown as "—", never as 0 %)."""
        if self.denominator == 0 or self.hidden:
            return None
        return self.numerator / self.denominator


@dataclass(frozen=True, slots=True)
class Indicator:
    kind: IndicatorKind
    values: dict[IndicatorCategory, Ratio]

    def get(self, category: IndicatorCategory) -> Ratio:
        return self.values.get(category, Ratio(0, 0))


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime
    school_id: int | None  # a coordinator's school, or None for the whole network


def by_category(rows: Iterable[Sequence[Any]]) -> dict[IndicatorCategory, int]:
    """(low_results, unfavourable_conditions, count) rows -> the count per category."""
    counts = dict.fromkeys(IndicatorCategory, 0)
    for low, unfavourable, count in rows:
        number = int(count or 0)
        counts[IndicatorCategory.ALL] += number
        if low is None and unfavourable is None:
            continue  # no school: only the network total
        if low:
            counts[IndicatorCategory.LOW_RESULTS] += number
        if unfavourable:
            counts[IndicatorCategory.UNFAVOURABLE] += number
        if not low and not unfavourable:
            counts[IndicatorCategory.OTHER] += number
    return counts


def combine(
    kind: IndicatorKind,
    numerators: dict[IndicatorCategory, int],
    denominators: dict[IndicatorCategory, int],
) -> Indicator:
    return Indicator(
        kind, {c: Ratio(numerators.get(c, 0), denominators.get(c, 0)) for c in IndicatorCategory}
    )


def school_people(school_id: int) -> Select[int]:
    """A school's people as an IN (...) list: a coordinator's queries then start from their
    few hundred registrations instead of walking every registration of the period."""
    return select(User.id).where(User.school_id == school_id)


def attended_in(window: Window) -> ColumnElement[bool]:
    return and_(
        Registration.attended_at.is_not(None),
        Event.status.in_(HELD_STATUSES),
        Event.starts_at >= window.start,
        Event.starts_at < window.end,
    )


def teachers_query(window: Window) -> Select[bool, bool, int]:
    """Active teachers grouped by their school's category flags; add conditions to narrow."""
    stmt = (
        select(School.low_results, School.unfavourable_conditions, func.count(distinct(User.id)))
        .select_from(User)
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.TEACHER.value))
        .outerjoin(School, School.id == User.school_id)
        .where(User.forgotten_at.is_(None))
        .group_by(School.low_results, School.unfavourable_conditions)
    )
    if window.school_id is not None:
        stmt = stmt.where(User.school_id == window.school_id)
    return stmt


async def _grouped(
    session: AsyncSession, stmt: Select[bool, bool, int]
) -> dict[IndicatorCategory, int]:
    return by_category((await session.execute(stmt)).all())


async def teachers_total(session: AsyncSession, window: Window) -> dict[IndicatorCategory, int]:
    return await _grouped(session, teachers_query(window))


def attendees(window: Window, event_type: EventType | None = None) -> Select[int]:
    """Ids of the people who came to a held event in the window: a subquery for IN (...).

    Starting from the events of the window keeps every plan small: SQLite and PostgreSQL both
    materialise the set once instead of walking people -> registrations -> events per row.
    """
    stmt = (
        select(Registration.user_id)
        .join(Event, Event.id == Registration.event_id)
        .where(attended_in(window))
    )
    if event_type is not None:
        stmt = stmt.where(Event.type == event_type.value)
    if window.school_id is not None:
        stmt = stmt.where(Registration.user_id.in_(school_people(window.school_id)))
    return stmt


async def partner_schools(session: AsyncSession, window: Window) -> Indicator:
    partner = School.is_partner.is_(True)
    total = select(
        School.low_results, School.unfavourable_conditions, func.count(School.id)
    ).where(partner)
    involved_ids = (
        select(User.school_id)
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.TEACHER.value))
        .where(User.id.in_(attendees(window)), User.school_id.is_not(None))
    )
    involved = select(
        School.low_results, School.unfavourable_conditions, func.count(School.id)
    ).where(partner, School.id.in_(involved_ids))
    if window.school_id is not None:
        total = total.where(School.id == window.school_id)
        involved = involved.where(School.id == window.school_id)
    flags = (School.low_results, School.unfavourable_conditions)
    return combine(
        IndicatorKind.PARTNER_SCHOOLS,
        await _grouped(session, involved.group_by(*flags)),
        await _grouped(session, total.group_by(*flags)),
    )


async def teachers_who_attended(
    session: AsyncSession,
    window: Window,
    kind: IndicatorKind,
    teachers: dict[IndicatorCategory, int],
    event_type: EventType | None = None,
) -> Indicator:
    stmt = teachers_query(window).where(User.id.in_(attendees(window, event_type)))
    return combine(kind, await _grouped(session, stmt), teachers)


async def event_indicators(session: AsyncSession, window: Window) -> list[Indicator]:
    teachers = await teachers_total(session, window)
    return [
        await partner_schools(session, window),
        await teachers_who_attended(
            session, window, IndicatorKind.TEACHERS_PARTICIPATED, teachers
        ),
        await teachers_who_attended(
            session,
            window,
            IndicatorKind.TEACHERS_ASSOCIATIONS,
            teachers,
            EventType.METHODOLOGICAL_ASSOCIATION,
        ),
    ]
