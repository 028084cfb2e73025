"""What events erase when a person withdraws consent (/forget)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, Registration
from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.events import lookup
from services.events.offers import drop
from services.events.shared import EventContext
from services.events.types import ACTIVE


async def forget_event_feedback(session: AsyncSession, user_id: int) -> None:
    """/forget: a feedback comment is free text the person wrote, so it goes; the score,
    attendance and the registration row stay as anonymous counts of the event."""
    await session.execute(
        update(Registration)
        .where(Registration.user_id == user_id, Registration.feedback_comment.is_not(None))
        .values(feedback_comment=None)
        .execution_options(synchronize_session=False)
    )


async def forget_event_registrations(
    policy: Policy, clock: Clock, session: AsyncSession, user_id: int
) -> None:
    """/forget: places in events still to come are given up as a cancellation gives them up
    (the first person waiting is offered the seat), so nobody keeps a seat for a person who
    is gone and staff no longer see them listed; past attendance stays as anonymous counts.
    Runs inside the forgetting transaction (the container binds the policy and clock)."""
    ctx = EventContext(session, policy, clock, OutboxService(session, clock))
    rows = await session.execute(
        select(Registration.event_id)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.user_id == user_id,
            Registration.status.in_(list(ACTIVE)),
            Event.starts_at > clock(),
        )
    )
    for event_id in list(rows.scalars()):
        event = await lookup.event(ctx, event_id, lock=True)
        reg = await lookup.mine(ctx, event_id, user_id)
        if reg is not None and reg.status in ACTIVE:
            await drop(ctx, event, reg)
