"""The mentor's places and the proposal row: what both a first proposal (agreement.py) and a
hand-over to another mentor (reassign.py) go through.

A proposal takes one of the mentor's places (`Mentorship.place`, 1..limit). Two methodists
giving the same mentor's last place at once both pick the same number; the partial unique
index lets only one commit, and the other is told the mentor is full."""

from __future__ import annotations

from sqlalchemy import select

from db.enums import Role
from db.models import Mentorship, User, UserRole
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.mentoring import rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import OPEN_STATUSES, PLACE_STATUSES, Form, Status


async def open_as_mentee(ctx: MentoringContext, user_id: int) -> Mentorship | None:
    """The person's open mentorship as a mentee (a hand-over proposal beside it aside)."""
    return await ctx.session.scalar(
        select(Mentorship)
        .where(
            Mentorship.mentee_id == user_id,
            Mentorship.status.in_([s.value for s in OPEN_STATUSES]),
            Mentorship.replaces_id.is_(None),
        )
        .order_by(Mentorship.id)
        .limit(1)
    )


async def take_place(ctx: MentoringContext, mentor_id: int) -> int:
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


async def check_mentor(ctx: MentoringContext, mentor_id: int, mentee_id: int) -> User:
    """Any teacher of the network may mentor (a leading school's teacher a ШНРО school's
    one), never the mentee themselves."""
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


async def group_of(ctx: MentoringContext, mentor_id: int) -> int | None:
    """The mentor's open group, if they lead one."""
    return await ctx.session.scalar(
        select(Mentorship.group_id)
        .where(
            Mentorship.mentor_id == mentor_id,
            Mentorship.form == Form.GROUP.value,
            Mentorship.status.in_([s.value for s in PLACE_STATUSES]),
        )
        .order_by(Mentorship.group_id)
        .limit(1)
    )


async def proposal(
    ctx: MentoringContext,
    actor: Actor,
    mentee_id: int,
    mentor_id: int,
    form: Form,
    group_id: int | None = None,
) -> Mentorship:
    """A mentee's request (or a new row) now proposed to a mentor, holding one of their
    places. Rights: the mentee's arranger (a coordinator for their own school's teachers,
    with a mentor from anywhere in the network)."""
    mentee = await ctx.person(mentee_id)
    rules.require_arranger_for(actor, mentee)
    await check_mentor(ctx, mentor_id, mentee_id)
    pair = await open_as_mentee(ctx, mentee_id)
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
    pair.place = await take_place(ctx, mentor_id)
    if form == Form.GROUP:
        pair.group_id = group_id or await group_of(ctx, mentor_id)
    await ctx.session.flush()
    if form == Form.GROUP and pair.group_id is None:
        pair.group_id = pair.id
    return pair
