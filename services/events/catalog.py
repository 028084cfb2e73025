"""What people browse: the upcoming events meant for them (filtered, a page at a time), one
event's card, and their own events."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from db.enums import Role
from db.models import Event, Registration
from services.context import Actor
from services.errors import AccessDenied, InvalidInput, NotFound
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
    MyEvents,
    Period,
    RegStatus,
    StaffScope,
)
from services.paging import clamp_page

PAGE_SIZE = 5


async def card(ctx: EventContext, actor: Actor, event_id: int) -> EventView:
    event = await lookup.event(ctx, event_id)
    manage = actor.is_staff
    if not manage:
        person = await lookup.person_or_guest(ctx, actor)
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
    proposed_by = None
    if manage:
        waiting = len(await lookup.regs(ctx, event.id, [RegStatus.WAITLISTED.value]))
        proposed_by = (await lookup.proposers(ctx, [event])).get(event.id)
    return lookup.view(ctx, event, mine, manage=manage, waiting=waiting, proposed_by=proposed_by)


async def upcoming(
    ctx: EventContext, actor: Actor, filters: EventFilters = NO_FILTERS, page: int = 0
) -> EventPage:
    person = await lookup.person_or_guest(ctx, actor)
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
    page, pages = clamp_page(len(fitting), PAGE_SIZE, page)
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
        lookup.view(ctx, e, await lookup.my_status(ctx, mine.get(e.id)), manage=actor.is_staff)
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


PAST_SHOWN = 10


async def my_events(ctx: EventContext, actor: Actor, past_page: int = 0) -> MyEvents:
    """The person's events still to come (or running), and one page of those they took part
    in, newest first: a certificate of last year is a few taps away, not cut off."""
    person = await lookup.person(ctx, actor)
    now = ctx.clock()
    mine = select(Event, Registration).join(Registration, Registration.event_id == Event.id)
    upcoming = await ctx.session.execute(
        mine.where(
            Registration.user_id == person.user.id,
            Registration.status.in_(list(ACTIVE)),
            Event.ends_at > now,
            Event.status == EventStatus.PUBLISHED.value,
        ).order_by(Event.starts_at)
    )
    # A finished event closes its waiting list, so only seats held to the end count here.
    took_part = (
        Registration.user_id == person.user.id,
        Registration.status == RegStatus.REGISTERED.value,
        Event.ends_at <= now,
        Event.status.in_([EventStatus.PUBLISHED.value, EventStatus.FINISHED.value]),
    )
    total = await ctx.session.scalar(
        select(func.count()).select_from(Registration).join(Event).where(*took_part)
    )
    page, pages = clamp_page(int(total or 0), PAST_SHOWN, past_page)
    past = await ctx.session.execute(
        mine.where(*took_part)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .offset(page * PAST_SHOWN)
        .limit(PAST_SHOWN)
    )
    return MyEvents(
        tuple([lookup.view(ctx, e, await lookup.my_status(ctx, r)) for e, r in upcoming]),
        tuple([lookup.view(ctx, e, await lookup.my_status(ctx, r)) for e, r in past]),
        past_total=int(total or 0),
        past_page=page,
        past_pages=pages,
    )


def _month_bounds(ctx: EventContext, month: int) -> tuple[datetime, datetime]:
    """`month` as YYYYMM, in the configured zone."""
    zone = ctx.policy.timezone
    year, number = divmod(month, 100)
    start = datetime(year, number, 1, tzinfo=zone)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, following


def this_month(ctx: EventContext) -> int:
    local = ctx.clock().astimezone(ctx.policy.timezone)
    return local.year * 100 + local.month


def _scope_filter(ctx: EventContext, scope: StaffScope, month: int) -> Any:
    now = ctx.clock()
    if scope == StaffScope.UPCOMING:
        # Running events stay here until they end: attendance is marked during them.
        return (Event.ends_at > now) & (Event.status == EventStatus.PUBLISHED.value)
    if scope == StaffScope.TODAY:
        day_start = datetime.combine(
            now.astimezone(ctx.policy.timezone).date(), time(0), tzinfo=ctx.policy.timezone
        )
        return (Event.starts_at >= day_start) & (Event.starts_at < day_start + timedelta(days=1))
    start, end = _month_bounds(ctx, month)
    return (Event.ends_at <= now) & (Event.starts_at >= start) & (Event.starts_at < end)


async def staff_events(
    ctx: EventContext, actor: Actor, scope: StaffScope, month: int, page: int
) -> EventPage:
    """/participants: every event staff (or a school's coordinator) may look into, a page at
    a time: the ones not yet over, today's, or a past month's."""
    if not (actor.is_staff or (actor.has(Role.COORDINATOR) and actor.coordinator_school_id)):
        raise AccessDenied()
    if scope == StaffScope.PAST and not 1 <= month % 100 <= 12:
        raise InvalidInput("error-stale-button")
    held = Event.status.in_([EventStatus.PUBLISHED.value, EventStatus.FINISHED.value])
    where = held & _scope_filter(ctx, scope, month)
    total = int(
        (await ctx.session.execute(select(func.count(Event.id)).where(where))).scalar_one()
    )
    page, pages = clamp_page(total, PAGE_SIZE, page)
    order = Event.starts_at.desc() if scope == StaffScope.PAST else Event.starts_at
    rows = await ctx.session.execute(
        select(Event)
        .where(where)
        .order_by(order, Event.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    items = tuple(lookup.view(ctx, e, None, manage=actor.is_staff) for e in rows.scalars())
    return EventPage(items, page, pages, total)
