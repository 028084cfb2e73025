"""Requests, proposals and agreement. Nobody becomes a mentor or a mentee without agreeing:
a proposed mentorship waits for both; a mentee who asked has agreed already. A hand-over to
another mentor (reassign.py) waits for the new mentor only: the mentee agreed to the
mentoring, and their plan goes on."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from db.enums import Role
from db.models import Mentorship
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.mentoring import notices, plans, reassign, rules
from services.mentoring.common import MentoringContext
from services.mentoring.places import open_as_mentee, proposal
from services.mentoring.types import Form, Reason, Side, Status

log = logging.getLogger(__name__)
REASON_MIN, REASON_MAX = 3, 300


def clean_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise InvalidInput("mentoring-error-reason")
    return reason


async def may_ask(ctx: MentoringContext, actor: Actor) -> Reason | None:
    """Why the person may ask for a mentor now, or None."""
    user = await ctx.person(rules.require_user(actor))
    if not actor.has(Role.TEACHER) or await open_as_mentee(ctx, user.id) is not None:
        return None
    levels = (await ctx.levels([user.id])).get(user.id, {})
    return rules.reason_to_ask(user, levels)


async def request_mentor(ctx: MentoringContext, actor: Actor) -> int:
    """A young specialist or a teacher with a serious difficulty asks; methodists are told."""
    user_id = rules.require_user(actor)
    async with write_tx(ctx.session):
        user = await ctx.person(user_id)
        if await open_as_mentee(ctx, user_id) is not None:
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


async def propose(
    ctx: MentoringContext,
    actor: Actor,
    mentee_id: int,
    mentor_id: int,
    form: Form = Form.INDIVIDUAL,
    group_id: int | None = None,
) -> int:
    """A methodist (or the mentee's coordinator) asks a mentor to take a mentee."""
    try:
        async with write_tx(ctx.session):
            pair = await proposal(ctx, actor, mentee_id, mentor_id, form, group_id)
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


async def accept(ctx: MentoringContext, actor: Actor, pair_id: int) -> tuple[Status, int]:
    """The mentor or the mentee agrees; with both agreed the mentorship starts. Returns the
    status and the mentorship that goes on (a hand-over continues the one it takes over)."""
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        side = rules.require_side(actor, pair)
        if pair.status != Status.PROPOSED.value:
            return Status(pair.status), pair.id  # a double tap, or decided meanwhile
        if side == Side.MENTOR:
            pair.mentor_agreed_at = pair.mentor_agreed_at or ctx.now()
        else:
            pair.mentee_agreed_at = pair.mentee_agreed_at or ctx.now()
        result = Status(pair.status), pair.id
        if pair.mentor_agreed_at and pair.mentee_agreed_at:
            if pair.replaces_id is not None:
                result = Status.ACTIVE, await reassign.take_over(ctx, pair)
            else:
                await _activate(ctx, pair)
                result = Status.ACTIVE, pair.id
    log.info("mentoring accepted pair=%s side=%s", pair_id, side)
    return result


async def decline(ctx: MentoringContext, actor: Actor, pair_id: int, reason: str) -> None:
    """The mentor or the mentee says no, with a reason. A mentee's own request goes back to
    the methodists when the mentor declines; a declined hand-over leaves the pairing as it
    was."""
    reason = clean_reason(reason)
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        side = rules.require_side(actor, pair)
        if pair.status != Status.PROPOSED.value:
            raise Conflict("mentoring-error-decided")
        pair.decline_reason = reason
        told = [pair.methodist_id, pair.mentee_id if side == Side.MENTOR else pair.mentor_id]
        if side == Side.MENTOR and pair.reason is not None and pair.replaces_id is None:
            pair.status = Status.REQUESTED.value
            pair.mentor_id = None
            pair.mentor_agreed_at = None
        else:
            pair.status = Status.DECLINED.value
        pair.place = None
        template = f"mentoring-notice-declined-{side.value}"
        if pair.replaces_id is not None:
            template = "mentoring-notice-hand-over-declined"  # the pairing goes on as it was
        notices.tell(ctx, told, template, pair.id)
    log.info("mentoring declined pair=%s side=%s", pair_id, side)
