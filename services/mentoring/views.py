"""What the screens show: one person's mentorships, one mentorship with its plan and meetings,
the open requests and the teachers a methodist may find a mentor for."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from db.enums import Role
from db.models import MentoringMeeting, MentoringStep, Mentorship, School, User, UserRole
from services.context import Actor
from services.errors import AccessDenied, NotFound
from services.mentoring import rules
from services.mentoring.common import MentoringContext
from services.mentoring.plans import plan_topics
from services.mentoring.types import (
    OPEN_STATUSES,
    Form,
    MeetingFormat,
    MeetingView,
    MentorshipView,
    Reason,
    RequestView,
    Side,
    Status,
    StepKind,
    StepView,
)

CANDIDATES_LIMIT = 30


async def _name(ctx: MentoringContext, user_id: int | None) -> str:
    if user_id is None:
        return "—"
    user = await ctx.session.get(User, user_id)
    return (user.full_name if user and user.full_name else None) or "—"


async def _steps(ctx: MentoringContext, pair_id: int) -> tuple[StepView, ...]:
    rows = await ctx.session.scalars(
        select(MentoringStep)
        .where(MentoringStep.mentorship_id == pair_id)
        .order_by(MentoringStep.position)
    )
    return tuple(
        StepView(
            s.id,
            s.position,
            StepKind(s.kind),
            s.topic,
            s.title,
            s.due_at,
            s.done_at,
            s.confirmed_at,
        )
        for s in rows
    )


async def _meetings(ctx: MentoringContext, pair_id: int, notes: bool) -> tuple[MeetingView, ...]:
    rows = await ctx.session.scalars(
        select(MentoringMeeting)
        .where(MentoringMeeting.mentorship_id == pair_id)
        .order_by(MentoringMeeting.held_at)
    )
    return tuple(
        MeetingView(
            m.id, m.held_at, MeetingFormat(m.format), m.note if notes else None, bool(m.shared_id)
        )
        for m in rows
    )


async def view_of(ctx: MentoringContext, actor: Actor, pair: Mentorship) -> MentorshipView:
    notes = rules.may_read_notes(actor, pair)
    return MentorshipView(
        id=pair.id,
        status=Status(pair.status),
        form=Form(pair.form),
        mentor_id=pair.mentor_id,
        mentor_name=await _name(ctx, pair.mentor_id),
        mentee_id=pair.mentee_id,
        mentee_name=await _name(ctx, pair.mentee_id),
        methodist_id=pair.methodist_id,
        reason=Reason(pair.reason) if pair.reason else None,
        topics=plan_topics(pair.baseline or {}),
        mentor_agreed=pair.mentor_agreed_at is not None,
        mentee_agreed=pair.mentee_agreed_at is not None,
        decline_reason=pair.decline_reason,
        end_reason=pair.end_reason,
        conclusion=pair.conclusion,
        self_assessment=dict(pair.self_assessment) if pair.self_assessment else None,
        steps=await _steps(ctx, pair.id),
        meetings=await _meetings(ctx, pair.id, notes),
        notes_visible=notes,
        started_at=pair.started_at,
        ended_at=pair.ended_at,
        group_id=pair.group_id if pair.form == Form.GROUP.value else None,
        replaces_id=pair.replaces_id,
    )


async def mentorship(ctx: MentoringContext, actor: Actor, pair_id: int) -> MentorshipView:
    pair = await ctx.mentorship(pair_id)
    mentee = await ctx.session.get(User, pair.mentee_id) if pair.mentee_id else None
    if not rules.may_see(actor, pair, mentee.school_id if mentee else None):
        raise AccessDenied()
    return await view_of(ctx, actor, pair)


async def mine(ctx: MentoringContext, actor: Actor) -> list[MentorshipView]:
    """The person's own mentorships, as mentor or mentee: open ones and the last ended."""
    user_id = rules.require_user(actor)
    rows = await ctx.session.scalars(
        select(Mentorship)
        .where(or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id))
        .where(Mentorship.status != Status.DECLINED.value)
        .order_by(Mentorship.id.desc())
        .limit(20)
    )
    return [await view_of(ctx, actor, pair) for pair in rows]


async def count_listed(ctx: MentoringContext, actor: Actor) -> int:
    """How many mentorships `mine` lists for the person (as mentor or mentee, in any state
    but declined): a request, a proposal, a pairing under way or one that has ended."""
    if actor.user_id is None or not actor.has(*rules.MENTORING_ROLES):
        return 0
    count = await ctx.session.scalar(
        select(func.count())
        .select_from(Mentorship)
        .where(
            or_(Mentorship.mentor_id == actor.user_id, Mentorship.mentee_id == actor.user_id),
            Mentorship.status != Status.DECLINED.value,
        )
    )
    return int(count or 0)


def _school_filter(actor: Actor) -> int | None:
    """None: the whole network (methodists); a coordinator's own school otherwise."""
    rules.require_staff(actor)
    return None if rules.is_arranger(actor) else actor.coordinator_school_id


async def pairs(ctx: MentoringContext, actor: Actor) -> list[MentorshipView]:
    """Staff: the proposed and active mentorships they may see."""
    school_id = _school_filter(actor)
    stmt = (
        select(Mentorship)
        .join(User, User.id == Mentorship.mentee_id)
        .where(Mentorship.status.in_([Status.PROPOSED.value, Status.ACTIVE.value]))
        .order_by(Mentorship.id)
        .limit(CANDIDATES_LIMIT)
    )
    if school_id is not None:
        stmt = stmt.where(User.school_id == school_id)
    return [await view_of(ctx, actor, pair) for pair in await ctx.session.scalars(stmt)]


async def candidates(ctx: MentoringContext, actor: Actor) -> list[RequestView]:
    """Staff: open requests first, then young specialists and the risk group without a
    mentorship, within the actor's reach."""
    school_id = _school_filter(actor)
    stmt = (
        select(User, School.short_name)
        .join(UserRole, UserRole.user_id == User.id)
        .outerjoin(School, School.id == User.school_id)
        .where(UserRole.role == Role.TEACHER.value, User.forgotten_at.is_(None))
        .order_by(User.full_name, User.id)
    )
    if school_id is not None:
        stmt = stmt.where(User.school_id == school_id)
    people = (await ctx.session.execute(stmt)).all()
    ids = [user.id for user, _ in people]
    open_rows = (
        await ctx.session.execute(
            select(
                Mentorship.mentee_id, Mentorship.id, Mentorship.status, Mentorship.reason
            ).where(
                Mentorship.mentee_id.in_(ids),
                Mentorship.status.in_([s.value for s in OPEN_STATUSES]),
            )
        )
    ).all()
    busy = {mentee for mentee, _, status, _ in open_rows if status != Status.REQUESTED.value}
    requests = {m: (pid, r) for m, pid, status, r in open_rows if status == Status.REQUESTED.value}
    levels = await ctx.levels(ids)
    found: list[RequestView] = []
    for user, school in people:
        if user.id in busy:
            continue
        school_name = school or "—"
        if user.id in requests:
            pid, reason = requests[user.id]
            found.insert(
                0,
                RequestView(
                    pid, user.id, user.full_name or "—", school_name, Reason(reason or "young")
                ),
            )
            continue
        reason_now = rules.reason_to_ask(user, levels.get(user.id, {}))
        if reason_now is not None:
            found.append(
                RequestView(None, user.id, user.full_name or "—", school_name, reason_now)
            )
    return found[:CANDIDATES_LIMIT]


async def check_party(
    ctx: MentoringContext, actor: Actor, pair_id: int, side: Side | None = None
) -> None:
    """Before a typed step is asked for: the actor is the pair's (given) side."""
    rules.require_side(actor, await ctx.mentorship(pair_id), side)


async def step_pair(ctx: MentoringContext, actor: Actor, step_id: int) -> int:
    """The mentorship of a plan step the actor is a side of."""
    step = await ctx.session.get(MentoringStep, step_id)
    if step is None:
        raise NotFound("mentoring-error-not-found")
    rules.require_side(actor, await ctx.mentorship(step.mentorship_id))
    return step.mentorship_id
