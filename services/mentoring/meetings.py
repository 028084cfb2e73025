"""Meetings either side logs: a date, a format and a short note (personal text). A meeting
may be logged ahead, for a day still to come: it is then the pair's next meeting.

A group's mentor logs a meeting once for the whole group: it is stored once per active
member's mentorship (each member's plan screen shows it with its note, each member's figures
count it), the copies sharing the first copy's id."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from db.models import MentoringMeeting, Mentorship
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput
from services.mentoring import notices, rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import Form, MeetingFormat, Status

log = logging.getLogger(__name__)
NOTE_MAX = 1000
# A meeting is logged after it happened, or planned at most this far ahead.
AHEAD = timedelta(days=60)


def _checked(ctx: MentoringContext, held_at: datetime, note: str | None) -> str | None:
    note = " ".join(note.split()) if note else None
    if note is not None and len(note) > NOTE_MAX:
        raise InvalidInput("mentoring-error-note-long")
    if held_at > ctx.now() + AHEAD:
        raise InvalidInput("mentoring-error-meeting-far")
    return note or None


async def log_meeting(
    ctx: MentoringContext,
    actor: Actor,
    pair_id: int,
    held_at: datetime,
    fmt: MeetingFormat,
    note: str | None,
) -> int:
    note = _checked(ctx, held_at, note)
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        rules.require_side(actor, pair)
        if pair.status != Status.ACTIVE.value:
            raise Conflict("mentoring-error-not-active")
        meeting = MentoringMeeting(
            mentorship_id=pair.id,
            held_at=held_at,
            format=fmt.value,
            note=note,
            logged_by=actor.user_id,
        )
        ctx.session.add(meeting)
        await ctx.session.flush()
    log.info("mentoring meeting pair=%s meeting=%s by=%s", pair_id, meeting.id, actor.user_id)
    return meeting.id


async def active_members(ctx: MentoringContext, group_id: int) -> list[Mentorship]:
    return list(
        await ctx.session.scalars(
            select(Mentorship)
            .where(
                Mentorship.group_id == group_id,
                Mentorship.form == Form.GROUP.value,
                Mentorship.status == Status.ACTIVE.value,
            )
            .order_by(Mentorship.id)
        )
    )


async def log_group_meeting(
    ctx: MentoringContext,
    actor: Actor,
    group_id: int,
    held_at: datetime,
    fmt: MeetingFormat,
    note: str | None,
) -> int:
    """The group's mentor logs one meeting for every active member; returns the shared id.
    Each member is told, with a button to their own mentorship."""
    note = _checked(ctx, held_at, note)
    mentor_id = rules.me(actor)
    async with write_tx(ctx.session):
        members = await active_members(ctx, group_id)
        if not members:
            raise Conflict("mentoring-error-not-active")
        if any(pair.mentor_id != mentor_id for pair in members):
            raise AccessDenied()
        copies = [
            MentoringMeeting(
                mentorship_id=pair.id,
                held_at=held_at,
                format=fmt.value,
                note=note,
                logged_by=mentor_id,
            )
            for pair in members
        ]
        ctx.session.add_all(copies)
        await ctx.session.flush()
        for copy in copies:
            copy.shared_id = copies[0].id
        for pair in members:
            notices.tell(ctx, [pair.mentee_id], "mentoring-notice-group-meeting", pair.id)
    log.info(
        "mentoring group meeting group=%s shared=%s members=%s by=%s",
        group_id,
        copies[0].id,
        len(copies),
        mentor_id,
    )
    return copies[0].id
