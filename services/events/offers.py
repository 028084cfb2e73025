"""The waiting list: a freed seat is offered to the first person waiting for a limited time;
they take it or decline it, or the offer expires and moves on."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from db.enums import Priority
from db.models import Event, Registration
from db.tx import write_tx
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import Conflict
from services.events import lookup, queries
from services.events.reminders import schedule_reminders
from services.events.seats import free_seat, take_seat
from services.events.shared import EventContext
from services.events.types import HOLDS_SEAT, EventStatus, RegistrationOutcome, RegStatus, ref_of

log = logging.getLogger(__name__)

# An offer never runs longer than this share of the time left before the start, so that
# the next person on the list still has a chance close to the event.
OFFER_SHARE_OF_REMAINING = 0.25
OFFER_MIN = timedelta(minutes=15)


async def drop(ctx: EventContext, event: Event, reg: Registration) -> None:
    """Cancels a registration; a seat it held goes to the next person waiting."""
    held = reg.status in HOLDS_SEAT
    reg.status = RegStatus.CANCELLED.value
    reg.cancelled_at = ctx.clock()
    reg.offered_until = None
    await ctx.outbox.cancel(ref_of(event.id), user_id=reg.user_id)
    if held:
        await free_seat(ctx, event)
        await offer_next(ctx, event)


async def fill_free_seats(ctx: EventContext, event: Event) -> None:
    while await offer_next(ctx, event):
        pass


def _offer_ttl(ctx: EventContext, event: Event, now: datetime) -> timedelta:
    remaining = event.starts_at - now
    return min(
        timedelta(hours=ctx.policy.offer_ttl_hours),
        max(remaining * OFFER_SHARE_OF_REMAINING, min(OFFER_MIN, remaining)),
    )


async def offer_next(ctx: EventContext, event: Event) -> bool:
    """Offers a freed seat to the first person on the waiting list, if any."""
    now = ctx.clock()
    if event.starts_at <= now or event.status != EventStatus.PUBLISHED:
        return False
    rows = await ctx.session.execute(queries.first_waiting_stmt(), {"event_id": event.id})
    first = rows.scalar_one_or_none()
    if first is None or not await take_seat(ctx, event, fifo=False):
        return False
    until = now + _offer_ttl(ctx, event, now)
    first.status = RegStatus.OFFERED.value
    first.offered_until = until
    await ctx.session.flush()
    ctx.outbox.enqueue(
        user_id=first.user_id,
        kind="offer",
        template="events-offer",
        args={
            "title": event.title,
            "starts_at": ctx.local(event.starts_at),
            "until": ctx.local(until),
        },
        priority=Priority.OFFER,
        urgent=True,
        expires_at=until,
        ref=ref_of(event.id),
        buttons=[
            [
                Button("events-btn-take-seat", "event_offer_take", {"registration": first.id}),
                Button(
                    "events-btn-decline-offer",
                    "event_offer_decline",
                    {"registration": first.id},
                ),
            ]
        ],
        dedupe_key=f"offer:{first.id}:{int(until.timestamp())}",
    )
    log.info("event seat offered event_id=%s registration_id=%s", event.id, first.id)
    return True


async def expire_for(ctx: EventContext, event: Event, now: datetime) -> int:
    rows = await ctx.session.execute(
        queries.expired_offers_stmt(), {"event_id": event.id, "now": now}
    )
    expired = list(rows.scalars())
    for reg in expired:
        await drop(ctx, event, reg)
        ctx.outbox.enqueue(
            user_id=reg.user_id,
            kind="offer_expired",
            template="events-offer-expired",
            args={"title": event.title},
            ref=ref_of(event.id),
        )
    return len(expired)


async def take_offer(ctx: EventContext, actor: Actor, registration_id: int) -> RegistrationOutcome:
    outcome: RegistrationOutcome | None = None
    async with write_tx(ctx.session):
        reg = await lookup.own_registration(ctx, actor, registration_id)
        event = await lookup.event(ctx, reg.event_id, lock=True)
        await ctx.session.refresh(reg)
        now = ctx.clock()
        if reg.status == RegStatus.REGISTERED:
            return await lookup.outcome(ctx, event, reg, already=True)
        if reg.status != RegStatus.OFFERED:
            raise Conflict("error-event-offer-expired")
        if reg.offered_until is None or reg.offered_until <= now:
            # The lapsed offer moves on to the next person even though this tap fails.
            await expire_for(ctx, event, now)
        else:
            reg.status = RegStatus.REGISTERED.value
            reg.offered_until = None
            await ctx.session.flush()
            schedule_reminders(ctx, event, reg)
            outcome = await lookup.outcome(ctx, event, reg)
    if outcome is None:
        raise Conflict("error-event-offer-expired")
    log.info("event offer taken registration_id=%s", registration_id)
    return outcome


async def decline_offer(ctx: EventContext, actor: Actor, registration_id: int) -> None:
    async with write_tx(ctx.session):
        reg = await lookup.own_registration(ctx, actor, registration_id)
        event = await lookup.event(ctx, reg.event_id, lock=True)
        await ctx.session.refresh(reg)
        if reg.status != RegStatus.OFFERED:
            raise Conflict("error-event-offer-expired")
        await drop(ctx, event, reg)
    log.info("event offer declined registration_id=%s", registration_id)


async def expire_offers(ctx: EventContext, now: datetime | None = None) -> int:
    """The scheduler's job: offers past their time go to the next person in the queue."""
    now = now or ctx.clock()
    total = 0
    async with write_tx(ctx.session):
        rows = await ctx.session.execute(
            select(Registration.event_id)
            .where(
                Registration.status == RegStatus.OFFERED.value,
                Registration.offered_until <= now,
            )
            .distinct()
        )
        for event_id in list(rows.scalars()):
            total += await expire_for(ctx, await lookup.event(ctx, event_id, lock=True), now)
    if total:
        log.info("event offers expired count=%s", total)
    return total
