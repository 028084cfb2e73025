"""Registering for an event in one tap (a seat, or a place on the waiting list), cancelling
it, and the answer to the day-before reminder."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from db.models import Event, Registration
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict
from services.events import lookup, queries
from services.events.catalog import card
from services.events.offers import drop, expire_for, fill_free_seats
from services.events.reminders import schedule_reminders
from services.events.rules import Person, fits
from services.events.seats import take_seat
from services.events.shared import EventContext
from services.events.types import (
    HOLDS_SEAT,
    CancelOutlook,
    EventStatus,
    EventView,
    RegistrationOutcome,
    RegStatus,
    ref_of,
)

log = logging.getLogger(__name__)


async def register(ctx: EventContext, actor: Actor, event_id: int) -> RegistrationOutcome:
    user_id = actor.user_id
    try:
        async with write_tx(ctx.session):
            person = await lookup.person(ctx, actor)
            user_id = person.user.id
            event = await lookup.event(ctx, event_id, lock=True)
            if not fits(event, person, actor):
                raise AccessDenied("error-event-not-for-you")
            existing = await lookup.mine(ctx, event.id, user_id)
            if existing is not None and existing.status != RegStatus.CANCELLED:
                outcome = await lookup.outcome(ctx, event, existing, already=True)
                await ctx.session.rollback()
                return outcome
            outcome = await _take_place(ctx, person, event, existing)
    except IntegrityError:
        # Two taps of one person raced; the other one won and holds the only row.
        event = await lookup.event(ctx, event_id)
        reg_now = await lookup.mine(ctx, event_id, user_id)
        if reg_now is None:
            raise
        return await lookup.outcome(ctx, event, reg_now, already=True)
    log.info(
        "event registration event_id=%s user_id=%s status=%s", event_id, user_id, outcome.status
    )
    return outcome


async def _take_place(
    ctx: EventContext, person: Person, event: Event, existing: Registration | None
) -> RegistrationOutcome:
    """A seat if one is free and nobody waits for it, else a place at the end of the list."""
    now = ctx.clock()
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        raise Conflict("error-event-registration-closed")
    if event.registration_deadline is not None and now >= event.registration_deadline:
        raise Conflict("error-event-deadline-passed")
    await expire_for(ctx, event, now)
    # A seat left free while people wait (a lapsed job, say) goes to them first.
    await fill_free_seats(ctx, event)
    got_seat = await take_seat(ctx, event, fifo=True)
    status = RegStatus.REGISTERED if got_seat else RegStatus.WAITLISTED
    if existing is None:
        reg = Registration(event_id=event.id, user_id=person.user.id, status=status.value)
        reg.queued_at = now
        ctx.session.add(reg)
    else:
        reg = existing
        reg.status = status.value
        reg.queued_at = now
        reg.cancelled_at = None
        reg.offered_until = None
    await ctx.session.flush()
    if got_seat:
        schedule_reminders(ctx, event, reg)
    # The announcement still queued for this person would invite them to register again.
    await ctx.outbox.cancel(ref_of(event.id), user_id=person.user.id, kinds=["announcement"])
    return await lookup.outcome(ctx, event, reg)


async def cancel_outlook(ctx: EventContext, actor: Actor, event_id: int) -> CancelOutlook:
    """What a cancellation would do, shown before the second tap that does it."""
    person = await lookup.person(ctx, actor)
    event = await lookup.event(ctx, event_id)
    reg = await lookup.mine(ctx, event_id, person.user.id)
    if reg is None or reg.status == RegStatus.CANCELLED:
        raise Conflict("error-event-not-registered")
    if event.starts_at <= ctx.clock():
        raise Conflict("error-event-started")
    waiting = await ctx.session.execute(queries.waiting_stmt(), {"event_id": event_id})
    view = lookup.view(ctx, event, await lookup.my_status(ctx, reg))
    return CancelOutlook(view, reg.status in HOLDS_SEAT, int(waiting.scalar_one()))


async def cancel_registration(ctx: EventContext, actor: Actor, event_id: int) -> None:
    async with write_tx(ctx.session):
        person = await lookup.person(ctx, actor)
        event = await lookup.event(ctx, event_id, lock=True)
        reg = await lookup.mine(ctx, event_id, person.user.id)
        if reg is None or reg.status == RegStatus.CANCELLED:
            raise Conflict("error-event-not-registered")
        if event.starts_at <= ctx.clock():
            raise Conflict("error-event-started")
        await drop(ctx, event, reg)
    log.info("event registration cancelled event_id=%s user_id=%s", event_id, person.user.id)


async def registration_card(ctx: EventContext, actor: Actor, registration_id: int) -> EventView:
    """The card of the event behind one's own registration (a reminder's buttons carry the
    registration). "Cannot come" then goes through the card's cancel, confirmation included."""
    reg = await lookup.own_registration(ctx, actor, registration_id)
    return await card(ctx, actor, reg.event_id)
