"""After the event: it is finished, attendees (only they) are asked for a score and a comment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from db.enums import Priority
from db.models import Event, OutboxMessage, Registration
from db.tx import write_tx
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import AccessDenied, InvalidInput
from services.events import lookup
from services.events.rules import clean_text
from services.events.shared import EventContext
from services.events.types import EventStatus, RegStatus, ref_of

COMMENT_MAX = 1000


def ask_feedback(ctx: EventContext, event: Event, reg: Registration) -> None:
    ctx.outbox.enqueue(
        user_id=reg.user_id,
        kind="feedback",
        template="events-feedback-ask",
        args={"title": event.title},
        priority=Priority.NOTICE,
        ref=ref_of(event.id),
        buttons=[
            [
                Button(
                    f"events-score-{score}",
                    "event_feedback",
                    {"registration": reg.id, "score": score},
                )
                for score in range(1, 6)
            ]
        ],
        dedupe_key=f"feedback:{reg.id}",
    )
    # Right after the request, so that the certificate is one tap away from where the
    # person already is; only attendees get here, and only once the event has ended.
    ctx.outbox.enqueue(
        user_id=reg.user_id,
        kind="certificate_ready",
        template="events-certificate-ready",
        args={"title": event.title},
        priority=Priority.NOTICE,
        ref=ref_of(event.id),
        buttons=[[Button("events-btn-certificate", "event_certificate", {"event": event.id})]],
        dedupe_key=f"certificate:{reg.id}",
    )


async def ask_feedback_once(ctx: EventContext, event: Event, reg: Registration) -> None:
    """For attendance marked after the end: a mark taken back and given again asks once."""
    asked = await ctx.session.execute(
        select(OutboxMessage.id).where(OutboxMessage.dedupe_key == f"feedback:{reg.id}")
    )
    if asked.first() is None:
        ask_feedback(ctx, event, reg)


async def finish_ended(ctx: EventContext, now: datetime | None = None) -> int:
    """The scheduler's job: ended events are finished; attendees (only) are asked."""
    now = now or ctx.clock()
    asked = 0
    async with write_tx(ctx.session):
        rows = await ctx.session.execute(
            select(Event).where(
                Event.status == EventStatus.PUBLISHED.value,
                Event.ends_at <= now,
                Event.feedback_requested_at.is_(None),
            )
        )
        for event in list(rows.scalars()):
            asked += await _finish(ctx, event, now)
    return asked


async def _finish(ctx: EventContext, event: Event, now: datetime) -> int:
    event.status = EventStatus.FINISHED.value
    event.feedback_requested_at = now
    asked = 0
    for reg in await lookup.regs(ctx, event.id, [RegStatus.REGISTERED.value]):
        if reg.attended_at is not None:
            ask_feedback(ctx, event, reg)
            asked += 1
    # Nobody can still take a seat: the waiting list and open offers end here.
    for reg in await lookup.regs(
        ctx, event.id, [RegStatus.WAITLISTED.value, RegStatus.OFFERED.value]
    ):
        reg.status = RegStatus.CANCELLED.value
        reg.cancelled_at = now
    return asked


async def rating_title(ctx: EventContext, actor: Actor, registration_id: int) -> str:
    """The title to ask an attendee's score for; only one's own attended registration."""
    reg = await lookup.own_registration(ctx, actor, registration_id)
    if reg.attended_at is None:
        raise AccessDenied("error-event-attendees-only")
    return (await lookup.event(ctx, reg.event_id)).title


async def rate(ctx: EventContext, actor: Actor, registration_id: int, score: int) -> str:
    """Stores an attendee's score; returns the event's title for the thanks."""
    if not 1 <= score <= 5:
        raise InvalidInput()
    async with write_tx(ctx.session):
        reg = await lookup.own_registration(ctx, actor, registration_id)
        if reg.attended_at is None:
            raise AccessDenied("error-event-attendees-only")
        reg.feedback_score = score
        reg.feedback_at = ctx.clock()
        event = await lookup.event(ctx, reg.event_id)
        title = event.title
    return title


async def comment(ctx: EventContext, actor: Actor, registration_id: int, text: str | None) -> None:
    cleaned = clean_text(text, COMMENT_MAX, "error-event-comment")
    async with write_tx(ctx.session):
        reg = await lookup.own_registration(ctx, actor, registration_id)
        if reg.attended_at is None:
            raise AccessDenied("error-event-attendees-only")
        reg.feedback_comment = cleaned
