"""Mentoring's figures for the reports, each as (numerator, denominator) per school-category
group: (low_results, unfavourable_conditions) flags, None for people without a school. The
reports package sums the groups into its categories (services/reports/mentoring.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
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
    # Meetings after this moment are planned, not held: they count once their day comes.
    now: datetime | None = None


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
                MentoringMeeting.held_at <= (period.now or period.end),
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


@dataclass
class MonthMeetings:
    """Meetings of one calendar month (`first` its first day; None: the whole period): the
    numerator counts the meetings of the pairs (a group meeting once per member), the
    denominator the pairs that worked that month (summed over the months for the period:
    pair-months), both by school-category group; `pairs` the distinct pairs, for hiding."""

    first: date | None
    counts: Counts = field(default_factory=Counts)
    pairs: Counter[Flags] = field(default_factory=Counter)


def _months(period: Period, zone: tzinfo, now: datetime) -> list[tuple[date, datetime, datetime]]:
    """The calendar months (in the configured zone) the period touches, up to now: each
    with its first day and its UTC bounds cut to the period."""
    found: list[tuple[date, datetime, datetime]] = []
    day = period.start.astimezone(zone).date().replace(day=1)
    while True:
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        if start >= period.end or start > now:
            return found
        following = (day + timedelta(days=32)).replace(day=1)
        end = datetime.combine(following, time(0), tzinfo=zone).astimezone(UTC)
        found.append((day, max(start, period.start), min(end, period.end)))
        day = following


async def meetings_by_month(
    session: AsyncSession, period: Period, zone: tzinfo, now: datetime
) -> list[MonthMeetings]:
    """Meetings per pair, month by month, and the whole period last. A meeting logged ahead
    counts once its day has come."""
    months = _months(period, zone, now)
    pairs = await _pairs(session, period)
    held: Counter[tuple[int, date]] = Counter()
    if pairs and months:
        rows = await session.execute(
            select(MentoringMeeting.mentorship_id, MentoringMeeting.held_at).where(
                MentoringMeeting.mentorship_id.in_([pair.id for pair in pairs]),
                MentoringMeeting.held_at >= months[0][1],
                MentoringMeeting.held_at < months[-1][2],
                MentoringMeeting.held_at <= now,
            )
        )
        for pair_id, moment in rows.all():
            held[(pair_id, moment.astimezone(zone).date().replace(day=1))] += 1
    found = [MonthMeetings(first) for first, _, _ in months]
    total = MonthMeetings(None)
    for pair in pairs:
        flags = Category(pair.category).flags
        worked_once = False
        for row, (first, start, end) in zip(found, months, strict=True):
            assert pair.started_at is not None
            if pair.started_at >= end or (pair.ended_at is not None and pair.ended_at < start):
                continue
            worked_once = True
            for counts in (row.counts, total.counts):
                counts.denominator[flags] += 1
                counts.numerator[flags] += held[(pair.id, first)]
            row.pairs[flags] += 1
        if worked_once:
            total.pairs[flags] += 1
    return [*found, total]
