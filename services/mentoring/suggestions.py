"""Suggested mentors for one mentee, best first.

What matters, in this order of weight: the same subject, experience of 10+ years, no serious
difficulty of the candidate's own on the mentee's difficult topics, a leading or partner
school; ties go to the lighter load. A candidate whose places are all taken is left out."""

from __future__ import annotations

from sqlalchemy import func, select

from db.enums import Experience, Role
from db.models import Mentorship, School, User, UserRole, UserSubject
from services.context import Actor
from services.mentoring import rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import PLACE_STATUSES, Candidate, Level

EXPERIENCED = (Experience.FROM_10_TO_20.value, Experience.OVER_20.value)
LIMIT = 8


async def loads(ctx: MentoringContext, mentor_ids: list[int]) -> dict[int, int]:
    if not mentor_ids:
        return {}
    rows = await ctx.session.execute(
        select(Mentorship.mentor_id, func.count())
        .where(
            Mentorship.mentor_id.in_(mentor_ids),
            Mentorship.status.in_([s.value for s in PLACE_STATUSES]),
        )
        .group_by(Mentorship.mentor_id)
    )
    return {int(mentor): int(count) for mentor, count in rows.all() if mentor is not None}


async def _teachers(
    ctx: MentoringContext, except_ids: tuple[int, ...]
) -> list[tuple[User, School | None]]:
    stmt = (
        select(User, School)
        .join(UserRole, UserRole.user_id == User.id)
        .outerjoin(School, School.id == User.school_id)
        .where(
            UserRole.role == Role.TEACHER.value,
            User.forgotten_at.is_(None),
            User.telegram_id.is_not(None),
            User.id.not_in(except_ids),
        )
    )
    rows = await ctx.session.execute(stmt)
    return [(user, school) for user, school in rows.all()]


async def _subjects(ctx: MentoringContext, user_ids: list[int]) -> dict[int, set[str]]:
    rows = await ctx.session.execute(
        select(UserSubject.user_id, UserSubject.subject).where(UserSubject.user_id.in_(user_ids))
    )
    found: dict[int, set[str]] = {}
    for user_id, subject in rows.all():
        found.setdefault(user_id, set()).add(subject)
    return found


def difficult_topics(levels: dict[str, str]) -> set[str]:
    return {topic for topic, level in levels.items() if level == Level.SERIOUS.value}


async def suggest(
    ctx: MentoringContext, actor: Actor, mentee_id: int, exclude: tuple[int, ...] = ()
) -> list[Candidate]:
    """Candidates from the whole network, for a methodist and for the coordinator of the
    mentee's school alike: a leading or partner school mentoring a ШНРО or ШФНСУ school's
    teacher is what network mentoring is for. Each candidate carries only what the choice
    needs (see `Candidate`). `exclude`: the current mentor, when another one is sought."""
    mentee = await ctx.person(mentee_id)
    rules.require_arranger_for(actor, mentee)
    people = await _teachers(ctx, (mentee_id, *exclude))
    ids = [user.id for user, _ in people]
    subjects = await _subjects(ctx, [mentee_id, *ids])
    levels = await ctx.levels([mentee_id, *ids])
    topics = difficult_topics(levels.get(mentee_id, {}))
    load_of = await loads(ctx, ids)
    limit = ctx.policy.mentor_max_mentees
    mine = subjects.get(mentee_id, set())
    found = []
    for user, school in people:
        load = load_of.get(user.id, 0)
        if load >= limit:
            continue
        own = difficult_topics(levels.get(user.id, {}))
        found.append(
            Candidate(
                user_id=user.id,
                name=user.full_name or "—",
                school=school.short_name if school else "—",
                same_subject=bool(mine & subjects.get(user.id, set())),
                experienced=user.experience in EXPERIENCED,
                clear_on_topics=not (topics & own),
                strong_school=bool(school and (school.is_leading or school.is_partner)),
                load=load,
                limit=limit,
                subjects=tuple(sorted(subjects.get(user.id, set()))),
                experience=user.experience,
            )
        )
    found.sort(key=lambda c: (-c.score, c.load, c.name, c.user_id))
    return found[:LIMIT]
