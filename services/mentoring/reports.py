"""Mentoring's figures for the reports, each as (numerator, denominator) per school-category
group: (low_results, unfavourable_conditions) flags, None for people without a school. The
reports package sums the groups into its categories (services/reports/mentoring.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Experience, Role
from db.models import MentoringMeeting, MentoringStep, Mentorship, School, User, UserRole
from services.mentoring.common import LevelsPort
from services.mentoring.plans import plan_topics
from services.mentoring.types import LEVEL_SCORE, Category, Status

Flags = tuple[bool | None, bool | None]


class Figure(StrEnum):
    YOUNG_MENTORED = "mentoring_young"
    RISK_MENTORED = "mentoring_risk"
    STARTED = "mentoring_started"
    ACTIVE = "mentoring_active"
    FINISHED = "mentoring_finished"
    ENDED_EARLY = "mentoring_ended_early"
    PLAN_DONE = "mentoring_plan_done"
    MET = "mentoring_met"
    IMPROVED = "mentoring_improved"


@dataclass
class Counts:
    numerator: Counter[Flags] = field(default_factory=Counter)
    denominator: Counter[Flags] = field(default_factory=Counter)

    def add(self, flags: Flags, hit: bool) -> None:
        self.denominator[flags] += 1
        if hit:
            self.numerator[flags] += 1


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime
    end: datetime
    school_id: int | None


async def _teachers(session: AsyncSession, period: Period) -> list[tuple[int, str | None, Flags]]:
    stmt = (
        select(User.id, User.experience, School.low_results, School.unfavourable_conditions)
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.TEACHER.value))
        .outerjoin(School, School.id == User.school_id)
        .where(User.forgotten_at.is_(None))
    )
    if period.school_id is not None:
        stmt = stmt.where(User.school_id == period.school_id)
    return [(uid, exp, (low, unf)) for uid, exp, low, unf in (await session.execute(stmt)).all()]


async def _coverage(
    session: AsyncSession, period: Period, levels: LevelsPort
) -> dict[Figure, Counts]:
    teachers = await _teachers(session, period)
    mentored = set(
        await session.scalars(
            select(Mentorship.mentee_id).where(Mentorship.status == Status.ACTIVE.value)
        )
    )
    diagnosis = await levels([uid for uid, _, _ in teachers])
    young, risk = Counts(), Counts()
    for uid, experience, flags in teachers:
        if experience == Experience.UNDER_3.value:
            young.add(flags, uid in mentored)
        if "serious" in diagnosis.get(uid, {}).values():
            risk.add(flags, uid in mentored)
    return {Figure.YOUNG_MENTORED: young, Figure.RISK_MENTORED: risk}


async def _pairs(session: AsyncSession, period: Period) -> list[Mentorship]:
    stmt = select(Mentorship).where(
        Mentorship.started_at.is_not(None), Mentorship.started_at < period.end
    )
    if period.school_id is not None:
        stmt = stmt.where(
            Mentorship.mentee_id.in_(select(User.id).where(User.school_id == period.school_id))
        )
    return list(await session.scalars(stmt))


def _in(moment: datetime | None, period: Period) -> bool:
    return moment is not None and period.start <= moment < period.end


def _pair_counts(pairs: Iterable[Mentorship], period: Period) -> dict[Figure, Counts]:
    figures = {f: Counts() for f in (Figure.STARTED, Figure.ACTIVE, Figure.FINISHED)}
    figures[Figure.ENDED_EARLY] = Counts()
    for pair in pairs:
        flags = Category(pair.category).flags
        figures[Figure.STARTED].add(flags, _in(pair.started_at, period))
        figures[Figure.ACTIVE].add(flags, pair.status == Status.ACTIVE.value)
        if _in(pair.ended_at, period):
            figures[Figure.FINISHED].add(flags, pair.status == Status.FINISHED.value)
            figures[Figure.ENDED_EARLY].add(flags, pair.status == Status.ENDED_EARLY.value)
    return figures


def _worked(pair: Mentorship, period: Period) -> bool:
    """Active at some moment of the period."""
    return pair.started_at is not None and (pair.ended_at is None or pair.ended_at >= period.start)


async def _plans_and_meetings(
    session: AsyncSession, pairs: list[Mentorship], period: Period
) -> dict[Figure, Counts]:
    worked = {pair.id: pair for pair in pairs if _worked(pair, period)}
    plan, met = Counts(), Counts()
    if not worked:
        return {Figure.PLAN_DONE: plan, Figure.MET: met}
    steps = await session.execute(
        select(MentoringStep.mentorship_id, MentoringStep.confirmed_at).where(
            MentoringStep.mentorship_id.in_(list(worked))
        )
    )
    for pair_id, confirmed_at in steps.all():
        plan.add(Category(worked[pair_id].category).flags, confirmed_at is not None)
    meetings = set(
        await session.scalars(
            select(MentoringMeeting.mentorship_id).where(
                MentoringMeeting.mentorship_id.in_(list(worked)),
                MentoringMeeting.held_at >= period.start,
                MentoringMeeting.held_at < period.end,
            )
        )
    )
    for pair in worked.values():
        met.add(Category(pair.category).flags, pair.id in meetings)
    return {Figure.PLAN_DONE: plan, Figure.MET: met}


def _improvement(pairs: Iterable[Mentorship], period: Period) -> Counts:
    """Plan topics assessed at the end against the diagnosis at the start: improved ones."""
    improved = Counts()
    for pair in pairs:
        if not (_in(pair.ended_at, period) and pair.self_assessment):
            continue
        flags = Category(pair.category).flags
        baseline = pair.baseline or {}
        for topic in plan_topics(baseline):
            after = pair.self_assessment.get(topic)
            if after is None or topic not in baseline:
                continue
            improved.add(flags, LEVEL_SCORE[after] < LEVEL_SCORE[baseline[topic]])
    return improved


async def figures(
    session: AsyncSession, period: Period, levels: LevelsPort
) -> dict[Figure, Counts]:
    """Every mentoring figure of the period, by school-category group."""
    pairs = await _pairs(session, period)
    result = await _coverage(session, period, levels)
    result |= _pair_counts(pairs, period)
    result |= await _plans_and_meetings(session, pairs, period)
    result[Figure.IMPROVED] = _improvement(pairs, period)
    return result


async def meetings_per_month(
    session: AsyncSession, period: Period, zone: tzinfo
) -> dict[str, int]:
    """Meetings held per calendar month of the period (in the configured zone)."""
    stmt = select(MentoringMeeting.held_at).where(
        MentoringMeeting.held_at >= period.start, MentoringMeeting.held_at < period.end
    )
    if period.school_id is not None:
        stmt = stmt.join(Mentorship, Mentorship.id == MentoringMeeting.mentorship_id).where(
            Mentorship.mentee_id.in_(select(User.id).where(User.school_id == period.school_id))
        )
    counts: Counter[str] = Counter(
        f"{moment.astimezone(zone):%m.%Y}" for moment in await session.scalars(stmt)
    )
    return dict(sorted(counts.items(), key=lambda item: item[0][3:] + item[0][:2]))
