"""What people browse: the upcoming events meant for them (filtered, a page at a time), one
event's card, and their own events."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from db.models import Event, Registration
from services.context import Actor
from services.errors import AccessDenied, NotFound
from services.events import lookup, queries
from services.events.rules import fits
from services.events.shared import EventContext
from services.events.types import (
    ACTIVE,
    NO_FILTERS,
    EventFilters,
    EventPage,
    EventStatus,
    EventView,
    Period,
    RegStatus,
)

PAGE_SIZE = 5


async def card(ctx: EventContext, actor: Actor, event_id: int) -> EventView:
    event = await lookup.event(ctx, event_id)
    manage = actor.is_staff
    if not manage:
        person = await lookup.person(ctx, actor)
        own_proposal = event.created_by == person.user.id
        if event.status != EventStatus.PUBLISHED and not own_proposal:
            if event.status not in (EventStatus.FINISHED, EventStatus.CANCELLED):
                raise NotFound("error-event-not-found")
            if await lookup.mine(ctx, event.id, actor.user_id) is None:
                raise NotFound("error-event-not-found")
        elif not own_proposal and not fits(event, person, actor):
            raise AccessDenied("error-event-not-for-you")
    mine = await lookup.my_status(ctx, await lookup.mine(ctx, event.id, actor.user_id))
    waiting = 0
    if manage:
        waiting = len(await lookup.regs(ctx, event.id, [RegStatus.WAITLISTED.value]))
    return lookup.view(event, mine, ctx.clock(), manage=manage, waiting=waiting)


async def upcoming(
    ctx: EventContext, actor: Actor, filters: EventFilters = NO_FILTERS, page: int = 0
) -> EventPage:
    person = await lookup.person(ctx, actor)
    now = ctx.clock()
    # Who each upcoming event is for decides the list and its pages; only the page shown
    # is then read whole (an entity per event cost ~40 µs, and a list reads dozens).
    stmt = queries.upcoming_reach_stmt()
    if filters.type is not None:
        stmt = stmt.where(Event.type == filters.type.value)
    if filters.topic is not None:
        stmt = stmt.where(Event.topic == filters.topic.value)
    if filters.format is not None:
        stmt = stmt.where(Event.format == filters.format.value)
    if filters.period is not None:
        stmt = stmt.where(Event.starts_at < period_end(ctx, now, filters.period))
    fitting = [
        row.id for row in await ctx.session.execute(stmt, {"now": now}) if fits(row, person, actor)
    ]
    pages = max(1, -(-len(fitting) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = fitting[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    chunk: list[Event] = []
    if shown:
        chunk = list(
            (
                await ctx.session.execute(queries.events_by_id_stmt(), {"event_ids": shown})
            ).scalars()
        )
    mine = await lookup.mine_for(ctx, [e.id for e in chunk], person.user.id)
    items = [
        lookup.view(e, await lookup.my_status(ctx, mine.get(e.id)), now, manage=actor.is_staff)
        for e in chunk
    ]
    return EventPage(tuple(items), page, pages, len(fitting))


def period_end(ctx: EventContext, now: datetime, period: Period) -> datetime:
    local_now = now.astimezone(ctx.policy.timezone)
    today = local_now.date()
    if period == Period.WEEK:
        end_day = today + timedelta(days=7 - today.weekday())
    else:
        end_day = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    return datetime.combine(end_day, time(0), tzinfo=ctx.policy.timezone)


async def my_events(ctx: EventContext, actor: Actor) -> list[EventView]:
    person = await lookup.person(ctx, actor)
    now = ctx.clock()
    rows = await ctx.session.execute(
        select(Event, Registration)
        .join(Registration, Registration.event_id == Event.id)
        .where(
            Registration.user_id == person.user.id,
            Registration.status.in_(list(ACTIVE)),
            Event.ends_at > now,
            Event.status == EventStatus.PUBLISHED.value,
        )
        .order_by(Event.starts_at)
    )
    return [lookup.view(e, await lookup.my_status(ctx, r), now) for e, r in rows]
