"""Requests, proposals and agreement. Nobody becomes a mentor or a mentee without agreeing:
a proposed mentorship waits for both; a mentee who asked has agreed already.

A proposal takes one of the mentor's places (`Mentorship.place`, 1..limit). Two methodists
giving the same mentor's last place at once both pick the same number; the partial unique
index lets only one commit, and the other is told the mentor is full."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.enums import Role
from db.models import Mentorship, User, UserRole
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput
from services.mentoring import notices, plans, rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import OPEN_STATUSES, PLACE_STATUSES, Form, Reason, Side, Status

log = logging.getLogger(__name__)
REASON_MIN, REASON_MAX = 3, 300


async def _open_as_mentee(ctx: MentoringContext, user_id: int) -> Mentorship | None:
    return await ctx.session.scalar(
        select(Mentorship).where(
            Mentorship.mentee_id == user_id,
            Mentorship.status.in_([s.value for s in OPEN_STATUSES]),
        )
    )


async def may_ask(ctx: MentoringContext, actor: Actor) -> Reason | None:
    """Why the person may ask for a mentor now, or None."""
    user = await ctx.person(rules.require_user(actor))
    if not actor.has(Role.TEACHER) or await _open_as_mentee(ctx, user.id) is not None:
        return None
    levels = (await ctx.levels([user.id])).get(user.id, {})
    return rules.reason_to_ask(user, levels)


async def request_mentor(ctx: MentoringContext, actor: Actor) -> int:
    """A young specialist or a teacher with a serious difficulty asks; methodists are told."""
    user_id = rules.require_user(actor)
    async with write_tx(ctx.session):
        user = await ctx.person(user_id)
        if await _open_as_mentee(ctx, user_id) is not None:
            raise Conflict("mentoring-error-already")
        levels = (await ctx.levels([user_id])).get(user_id, {})
        reason = rules.reason_to_ask(user, levels) if actor.has(Role.TEACHER) else None
        if reason is None:
            raise Conflict("mentoring-error-cannot-ask")
        pair = Mentorship(
            mentee_id=user_id,
            status=Status.REQUESTED.value,
            reason=reason.value,
            category=(await ctx.category_of(user)).value,
            baseline=levels,
            mentee_agreed_at=ctx.now(),
        )
        ctx.session.add(pair)
        await ctx.session.flush()
        notices.tell(ctx, await notices.methodists(ctx), "mentoring-notice-request", pair.id)
    log.info("mentoring requested pair=%s mentee=%s", pair.id, user_id)
    return pair.id


async def _take_place(ctx: MentoringContext, mentor_id: int) -> int:
    taken = set(
        await ctx.session.scalars(
            select(Mentorship.place).where(
                Mentorship.mentor_id == mentor_id,
                Mentorship.status.in_([s.value for s in PLACE_STATUSES]),
            )
        )
    )
    for place in range(1, ctx.policy.mentor_max_mentees + 1):
        if place not in taken:
            return place
    raise Conflict("mentoring-error-full")


async def _check_mentor(ctx: MentoringContext, mentor_id: int, mentee_id: int) -> User:
    if mentor_id == mentee_id:
        raise InvalidInput("mentoring-error-self")
    mentor = await ctx.person(mentor_id)
    is_teacher = await ctx.session.scalar(
        select(UserRole.id).where(
            UserRole.user_id == mentor_id, UserRole.role == Role.TEACHER.value
        )
    )
    if is_teacher is None:
        raise InvalidInput("mentoring-error-not-teacher")
    return mentor


async def _group_of(ctx: MentoringContext, mentor_id: int) -> int | None:
    return await ctx.session.scalar(
        select(Mentorship.group_id).where(
            Mentorship.mentor_id == mentor_id,
            Mentorship.form == Form.GROUP.value,
            Mentorship.status.in_([s.value for s in PLACE_STATUSES]),
        )
    )


async def _proposal(
    ctx: MentoringContext, actor: Actor, mentee_id: int, mentor_id: int, form: Form
) -> Mentorship:
    mentee = await ctx.person(mentee_id)
    rules.require_arranger_for(actor, mentee)
    mentor = await _check_mentor(ctx, mentor_id, mentee_id)
    if not rules.is_arranger(actor) and mentor.school_id != actor.coordinator_school_id:
        raise AccessDenied()
    pair = await _open_as_mentee(ctx, mentee_id)
    if pair is not None and pair.status != Status.REQUESTED.value:
        raise Conflict("mentoring-error-already")
    if pair is None:
        levels = (await ctx.levels([mentee_id])).get(mentee_id, {})
        pair = Mentorship(
            mentee_id=mentee_id,
            category=(await ctx.category_of(mentee)).value,
            baseline=levels,
        )
        ctx.session.add(pair)
    pair.mentor_id = mentor_id
    pair.methodist_id = actor.user_id
    pair.form = form.value
    pair.status = Status.PROPOSED.value
    pair.place = await _take_place(ctx, mentor_id)
    if form == Form.GROUP:
        pair.group_id = await _group_of(ctx, mentor_id)
    await ctx.session.flush()
    if form == Form.GROUP and pair.group_id is None:
        pair.group_id = pair.id
    return pair


async def propose(
    ctx: MentoringContext,
    actor: Actor,
    mentee_id: int,
    mentor_id: int,
    form: Form = Form.INDIVIDUAL,
) -> int:
    """A methodist (or the mentee's coordinator) asks a mentor to take a mentee."""
    try:
        async with write_tx(ctx.session):
            pair = await _proposal(ctx, actor, mentee_id, mentor_id, form)
            notices.tell(ctx, [mentor_id], "mentoring-notice-asked-mentor", pair.id)
            if pair.mentee_agreed_at is None:
                notices.tell(ctx, [mentee_id], "mentoring-notice-asked-mentee", pair.id)
    except IntegrityError:
        # Another methodist took the mentor's last place a moment earlier.
        raise Conflict("mentoring-error-full") from None
    log.info("mentoring proposed pair=%s mentor=%s by=%s", pair.id, mentor_id, actor.user_id)
    return pair.id


async def _activate(ctx: MentoringContext, pair: Mentorship) -> None:
    now = ctx.now()
    assert pair.mentee_id is not None
    pair.baseline = (await ctx.levels([pair.mentee_id])).get(pair.mentee_id, pair.baseline)
    pair.status = Status.ACTIVE.value
    pair.started_at = now
    await plans.schedule_plan(ctx, pair, plans.create_plan(ctx, pair, now))
    notices.tell(
        ctx,
        [pair.mentor_id, pair.mentee_id, pair.methodist_id],
        "mentoring-notice-started",
        pair.id,
    )


async def accept(ctx: MentoringContext, actor: Actor, pair_id: int) -> Status:
    """The mentor or the mentee agrees; with both agreed the mentorship starts."""
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        side = rules.require_side(actor, pair)
        if pair.status != Status.PROPOSED.value:
            return Status(pair.status)  # a double tap, or decided meanwhile
        if side == Side.MENTOR:
            pair.mentor_agreed_at = pair.mentor_agreed_at or ctx.now()
        else:
            pair.mentee_agreed_at = pair.mentee_agreed_at or ctx.now()
        if pair.mentor_agreed_at and pair.mentee_agreed_at:
            await _activate(ctx, pair)
    log.info("mentoring accepted pair=%s side=%s", pair_id, side)
    return Status(pair.status)


async def decline(ctx: MentoringContext, actor: Actor, pair_id: int, reason: str) -> None:
    """The mentor or the mentee says no, with a reason. A mentee's own request goes back to
    the methodists when the mentor declines."""
    reason = " ".join(reason.split())
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise InvalidInput("mentoring-error-reason")
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        side = rules.require_side(actor, pair)
        if pair.status != Status.PROPOSED.value:
            raise Conflict("mentoring-error-decided")
        pair.decline_reason = reason
        told = [pair.methodist_id, pair.mentee_id if side == Side.MENTOR else pair.mentor_id]
        if side == Side.MENTOR and pair.reason is not None:
            pair.status = Status.REQUESTED.value
            pair.mentor_id = None
            pair.mentor_agreed_at = None
        else:
            pair.status = Status.DECLINED.value
        pair.place = None
        notices.tell(ctx, told, f"mentoring-notice-declined-{side.value}", pair.id)
    log.info("mentoring declined pair=%s side=%s", pair_id, side)
