"""Another mentor for a mentee, arranged by a methodist (or the coordinator of the mentee's
school), two ways:

- hand over: the pairing goes on with a new mentor, its plan and meetings kept. The new
  mentor is asked and must agree; until then the old mentor goes on. A proposal row names the
  mentorship it would take over (`replaces_id`) and holds one of the new mentor's places, so
  the places' guard covers it; when the new mentor agrees, the mentorship passes to them and
  the proposal row goes. The old mentor, the new one and the mentee are told.
- end and propose: the pairing ends early (with a reason) and a new one is proposed, which
  both the new mentor and the mentee must agree to, with a new plan."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.models import Mentorship
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.mentoring import ending, notices, rules
from services.mentoring.common import MentoringContext
from services.mentoring.places import check_mentor, proposal, take_place
from services.mentoring.types import Form, Status

log = logging.getLogger(__name__)


async def check(ctx: MentoringContext, actor: Actor, pair_id: int) -> int:
    """The mentee of an active mentorship the actor may find another mentor for."""
    pair = await ctx.mentorship(pair_id)
    if pair.mentee_id is None:
        raise Conflict("mentoring-error-not-active")
    rules.require_arranger_for(actor, await ctx.person(pair.mentee_id))
    if pair.status != Status.ACTIVE.value:
        raise Conflict("mentoring-error-not-active")
    return pair.mentee_id


async def _active_for(
    ctx: MentoringContext, actor: Actor, pair_id: int, mentor_id: int
) -> Mentorship:
    """The active mentorship the actor may arrange for, and a new mentor who may take it."""
    mentee_id = await check(ctx, actor, pair_id)
    pair = await ctx.mentorship(pair_id)
    if mentor_id == pair.mentor_id:
        raise InvalidInput("mentoring-error-same-mentor")
    await check_mentor(ctx, mentor_id, mentee_id)
    return pair


async def pending_hand_over(ctx: MentoringContext, pair_id: int) -> int | None:
    return await ctx.session.scalar(
        select(Mentorship.id).where(
            Mentorship.replaces_id == pair_id, Mentorship.status == Status.PROPOSED.value
        )
    )


async def hand_over(ctx: MentoringContext, actor: Actor, pair_id: int, mentor_id: int) -> int:
    """Asks `mentor_id` to take the active mentorship over; returns the proposal's id."""
    try:
        async with write_tx(ctx.session):
            pair = await _active_for(ctx, actor, pair_id, mentor_id)
            if await pending_hand_over(ctx, pair.id) is not None:
                raise Conflict("mentoring-error-hand-over-pending")
            offer = Mentorship(
                mentee_id=pair.mentee_id,
                mentor_id=mentor_id,
                methodist_id=actor.user_id,
                form=Form.INDIVIDUAL.value,
                status=Status.PROPOSED.value,
                category=pair.category,
                baseline=dict(pair.baseline or {}),
                replaces_id=pair.id,
                mentee_agreed_at=ctx.now(),
            )
            offer.place = await take_place(ctx, mentor_id)
            ctx.session.add(offer)
            await ctx.session.flush()
            notices.tell(ctx, [mentor_id], "mentoring-notice-hand-over-asked", offer.id)
            notices.tell(ctx, [pair.mentee_id], "mentoring-notice-hand-over-mentee", pair.id)
    except IntegrityError:
        raise Conflict("mentoring-error-full") from None
    log.info("mentoring hand-over pair=%s offer=%s by=%s", pair_id, offer.id, actor.user_id)
    return offer.id


async def take_over(ctx: MentoringContext, offer: Mentorship) -> int:
    """The new mentor agreed: the mentorship (its plan, meetings and reminders) passes to
    them and leaves any group; the proposal row goes. Called in accept's transaction."""
    assert offer.replaces_id is not None
    pair = await ctx.mentorship(offer.replaces_id)
    if pair.status != Status.ACTIVE.value or pair.mentee_id != offer.mentee_id:
        raise Conflict("mentoring-error-not-active")
    previous, mentor, place = pair.mentor_id, offer.mentor_id, offer.place
    methodist = offer.methodist_id or pair.methodist_id
    await ctx.session.delete(offer)
    await ctx.session.flush()  # the new mentor's place is free for the mentorship now
    pair.mentor_id, pair.place, pair.methodist_id = mentor, place, methodist
    pair.mentor_agreed_at = ctx.now()
    pair.form, pair.group_id = Form.INDIVIDUAL.value, None
    await ctx.session.flush()
    notices.tell(ctx, [previous], "mentoring-notice-handed-over-old", pair.id, button=False)
    notices.tell(
        ctx,
        [pair.mentor_id, pair.mentee_id, pair.methodist_id],
        "mentoring-notice-handed-over",
        pair.id,
    )
    log.info("mentoring handed over pair=%s from=%s to=%s", pair.id, previous, pair.mentor_id)
    return pair.id


async def end_and_propose(
    ctx: MentoringContext, actor: Actor, pair_id: int, mentor_id: int, reason: str
) -> int:
    """Ends the mentorship early with a reason and proposes a new one with `mentor_id`, in
    one step; returns the new mentorship's id."""
    reason = " ".join(reason.split())
    if not ending.REASON_MIN <= len(reason) <= ending.REASON_MAX:
        raise InvalidInput("mentoring-error-reason")
    try:
        async with write_tx(ctx.session):
            pair = await _active_for(ctx, actor, pair_id, mentor_id)
            assert pair.mentee_id is not None
            await ending.close(ctx, pair, reason, actor.user_id)
            await ctx.session.flush()
            new = await proposal(ctx, actor, pair.mentee_id, mentor_id, Form.INDIVIDUAL)
            notices.tell(ctx, [mentor_id], "mentoring-notice-asked-mentor", new.id)
            notices.tell(ctx, [pair.mentee_id], "mentoring-notice-asked-mentee", new.id)
    except IntegrityError:
        raise Conflict("mentoring-error-full") from None
    log.info("mentoring replaced pair=%s new=%s by=%s", pair_id, new.id, actor.user_id)
    return new.id
