"""Meetings either side logs: a date, a format and a short note (personal text)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from db.models import MentoringMeeting
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.mentoring import rules
from services.mentoring.common import MentoringContext
from services.mentoring.types import MeetingFormat, Status

log = logging.getLogger(__name__)
NOTE_MAX = 1000
# A meeting is logged after it happened, or planned at most this far ahead.
AHEAD = timedelta(days=60)


async def log_meeting(
    ctx: MentoringContext,
    actor: Actor,
    pair_id: int,
    held_at: datetime,
    fmt: MeetingFormat,
    note: str | None,
) -> int:
    note = " ".join(note.split()) if note else None
    if note is not None and len(note) > NOTE_MAX:
        raise InvalidInput("mentoring-error-note-long")
    if held_at > ctx.now() + AHEAD:
        raise InvalidInput("mentoring-error-meeting-far")
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        rules.require_side(actor, pair)
        if pair.status != Status.ACTIVE.value:
            raise Conflict("mentoring-error-not-active")
        meeting = MentoringMeeting(
            mentorship_id=pair.id,
            held_at=held_at,
            format=fmt.value,
            note=note or None,
            logged_by=actor.user_id,
        )
        ctx.session.add(meeting)
        await ctx.session.flush()
    log.info("mentoring meeting pair=%s meeting=%s by=%s", pair_id, meeting.id, actor.user_id)
    return meeting.id
