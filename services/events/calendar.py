"""The calendar of the Mini App: the events of a month or a week that are meant for the person
(the same `fits` as /events), not yet over, with their own status on each."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from db.models import Event, Registration
from services.context import Actor
from services.errors import InvalidInput
from services.events import lookup, queries
from services.events.rules import fits
from services.events.shared import EventContext
from services.events.types import ACTIVE, CalendarFilters, EventStatus, EventView

# A month view with the days of its first and last weeks; more is a crafted request.
MAX_SPAN = timedelta(days=45)


async def calendar(
    ctx: EventContext, actor: Actor, start: datetime, end: datetime, filters: CalendarFilters
) -> tuple[EventView, ...]:
    if not start < end <= start + MAX_SPAN:
        raise InvalidInput("error-stale-button")
    person = await lookup.person_or_guest(ctx, actor)
    if filters.mine and not actor.is_registered:
        return ()
    now = ctx.clock()
    # Who each event is for decides what is shown; only those are then read whole.
    stmt = (
        select(Event.id, Event.audience, Event.school_ids, Event.subjects)
        .where(
            Event.status == EventStatus.PUBLISHED.value,
            Event.ends_at > now,
            Event.starts_at >= start,
            Event.starts_at < end,
        )
        .order_by(Event.starts_at, Event.id)
    )
    if filters.type is not None:
        stmt = stmt.where(Event.type == filters.type.value)
    if filters.topic is not None:
        stmt = stmt.where(Event.topic == filters.topic.value)
    if filters.format is not None:
        stmt = stmt.where(Event.format == filters.format.value)
    if filters.audience is not None:
        stmt = stmt.where(Event.audience == filters.audience.value)
    if filters.mine:
        stmt = stmt.where(
            Event.id.in_(
                select(Registration.event_id).where(
                    Registration.user_id == person.user.id,
                    Registration.status.in_(list(ACTIVE)),
                )
            )
        )
    shown = [row.id for row in await ctx.session.execute(stmt) if fits(row, person, actor)]
    if not shown:
        return ()
    events = (
        await ctx.session.execute(queries.events_by_id_stmt(), {"event_ids": shown})
    ).scalars()
    mine = await lookup.mine_for(ctx, shown, person.user.id)
    return tuple(
        [
            lookup.view(ctx, e, await lookup.my_status(ctx, mine.get(e.id)), manage=actor.is_staff)
            for e in events
        ]
    )
