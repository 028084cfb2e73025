"""Group mentoring: one mentor, several mentees, each with their own mentorship (own plan,
own agreement) sharing `group_id`. The group screen is the mentor's (and the methodists' and
admins'): the mentees with their plans' progress and the meetings logged once for all. A
methodist adds a mentee to an existing group; the mentor and the mentee still agree."""

from __future__ import annotations

from sqlalchemy import select

from db.models import MentoringMeeting, MentoringStep, Mentorship, User
from services.context import Actor
from services.errors import AccessDenied, Conflict, NotFound
from services.mentoring import agreement, rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import (
    Form,
    GroupView,
    MeetingFormat,
    MeetingView,
    MemberView,
    Status,
    StepKind,
    StepView,
)

SHOWN = (Status.PROPOSED, Status.ACTIVE, Status.FINISHED, Status.ENDED_EARLY)


async def members(ctx: MentoringContext, group_id: int) -> list[Mentorship]:
    return list(
        await ctx.session.scalars(
            select(Mentorship)
            .where(
                Mentorship.group_id == group_id,
                Mentorship.form == Form.GROUP.value,
                Mentorship.status.in_([s.value for s in SHOWN]),
            )
            .order_by(Mentorship.id)
        )
    )


def _mentor_of(pairs: list[Mentorship]) -> int | None:
    open_pairs = [p for p in pairs if p.status in (Status.PROPOSED.value, Status.ACTIVE.value)]
    return (open_pairs or pairs)[0].mentor_id if pairs else None


async def _members_of(ctx: MentoringContext, actor: Actor, group_id: int) -> list[Mentorship]:
    """The group's mentorships, for its mentor, methodists and admins. Anyone else is refused
    as if the group did not concern them (a group that does not exist included)."""
    rules.require_user(actor)
    pairs = await members(ctx, group_id)
    mentor_id = _mentor_of(pairs)
    if rules.is_arranger(actor):
        if not pairs:
            raise NotFound("mentoring-error-not-found")
        return pairs
    if not pairs or mentor_id is None or mentor_id != actor.user_id:
        raise AccessDenied()
    return pairs


async def _progress(ctx: MentoringContext, pair_ids: list[int]) -> dict[int, list[StepView]]:
    rows = await ctx.session.scalars(
        select(MentoringStep)
        .where(MentoringStep.mentorship_id.in_(pair_ids))
        .order_by(MentoringStep.position)
    )
    found: dict[int, list[StepView]] = {pid: [] for pid in pair_ids}
    for s in rows:
        found[s.mentorship_id].append(
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
        )
    return found


async def _shared_meetings(
    ctx: MentoringContext, pair_ids: list[int], notes: bool
) -> tuple[MeetingView, ...]:
    rows = await ctx.session.scalars(
        select(MentoringMeeting)
        .where(
            MentoringMeeting.mentorship_id.in_(pair_ids),
            MentoringMeeting.shared_id == MentoringMeeting.id,
        )
        .order_by(MentoringMeeting.held_at)
    )
    return tuple(
        MeetingView(m.id, m.held_at, MeetingFormat(m.format), m.note if notes else None, True)
        for m in rows
    )


async def group(ctx: MentoringContext, actor: Actor, group_id: int) -> GroupView:
    pairs = await _members_of(ctx, actor, group_id)
    mentor_id = _mentor_of(pairs)
    ids = [p.id for p in pairs]
    rows = await ctx.session.execute(
        select(User.id, User.full_name).where(
            User.id.in_([p.mentee_id for p in pairs if p.mentee_id is not None])
        )
    )
    names: dict[int | None, str | None] = {int(uid): name for uid, name in rows.all()}
    steps = await _progress(ctx, ids)
    shown = []
    for pair in pairs:
        plan = steps[pair.id]
        pending = [s for s in plan if s.confirmed_at is None]
        shown.append(
            MemberView(
                pair.id,
                names.get(pair.mentee_id) or "—",
                Status(pair.status),
                sum(1 for s in plan if s.confirmed_at is not None),
                len(plan),
                min(pending, key=lambda s: (s.due_at, s.position)) if pending else None,
            )
        )
    notes = (
        actor.is_admin
        or (mentor_id is not None and actor.user_id == mentor_id)
        or any(actor.user_id is not None and p.methodist_id == actor.user_id for p in pairs)
    )
    mentor = await ctx.session.get(User, mentor_id) if mentor_id else None
    return GroupView(
        id=group_id,
        mentor_id=mentor_id,
        mentor_name=(mentor.full_name if mentor else None) or "—",
        members=tuple(shown),
        meetings=await _shared_meetings(ctx, ids, notes),
        notes_visible=notes,
    )


async def check_group_mentor(ctx: MentoringContext, actor: Actor, group_id: int) -> None:
    """Before a group meeting is asked for: the actor leads the group and it is under way."""
    pairs = await members(ctx, group_id)
    if _mentor_of(pairs) != rules.me(actor):
        raise AccessDenied()
    if not any(p.status == Status.ACTIVE.value for p in pairs):
        raise Conflict("mentoring-error-not-active")


async def open_mentor(ctx: MentoringContext, actor: Actor, group_id: int) -> int:
    """The mentor of a group that is open (someone proposed or active), for a methodist."""
    rules.require_arranger(actor)
    pairs = await members(ctx, group_id)
    open_pairs = [p for p in pairs if p.status in (Status.PROPOSED.value, Status.ACTIVE.value)]
    if not pairs:
        raise NotFound("mentoring-error-not-found")
    if not open_pairs or open_pairs[0].mentor_id is None:
        raise Conflict("mentoring-error-group-closed")
    return open_pairs[0].mentor_id


async def add_to_group(ctx: MentoringContext, actor: Actor, group_id: int, mentee_id: int) -> int:
    """A methodist proposes one more mentee to an open group; its mentor and the mentee
    agree as for any proposal."""
    mentor_id = await open_mentor(ctx, actor, group_id)
    return await agreement.propose(ctx, actor, mentee_id, mentor_id, Form.GROUP, group_id)
