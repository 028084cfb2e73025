"""Reading what the other events modules act on: an event, its registrations, the person
behind an update, and the view of an event as that person sees it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from db.enums import Topic
from db.models import Event, Registration, School, User, UserSubject
from services.context import Actor
from services.errors import NeedsOnboarding, NotFound
from services.events import queries
from services.events.rules import Person, UserRow, phase_of, registration_open
from services.events.shared import EventContext
from services.events.types import (
    EventAudience,
    EventFormat,
    EventStatus,
    EventType,
    EventView,
    MyStatus,
    RegistrationOutcome,
    RegStatus,
)


def guest() -> Person:
    """Someone who has not got acquainted: the public catalogue shows them what is open to
    all, and nothing about them is read or stored (id 0 is no one's)."""
    return Person(UserRow(0, None, None, frozenset()), set())


async def person_or_guest(ctx: EventContext, actor: Actor) -> Person:
    return guest() if actor.user_id is None else await person(ctx, actor)


async def person(ctx: EventContext, actor: Actor) -> Person:
    if actor.user_id is None:
        raise NeedsOnboarding()
    if actor.profile is not None:
        # Read with the actor this update; only a certificate needs the name (attendee).
        profile = actor.profile
        user = UserRow(actor.user_id, profile.school_id, None, profile.subjects)
        return Person(user, set(actor.roles))
    # Plain columns, not the User entity: its relationships would cost two more queries,
    # and the roles are already in the actor (read from the same rows this update).
    row = (
        await ctx.session.execute(
            select(User.id, User.school_id, User.full_name).where(
                User.id == actor.user_id, User.forgotten_at.is_(None)
            )
        )
    ).first()
    if row is None:
        raise NeedsOnboarding()
    subjects = await ctx.session.execute(
        select(UserSubject.subject).where(UserSubject.user_id == actor.user_id)
    )
    user = UserRow(row.id, row.school_id, row.full_name, frozenset(subjects.scalars()))
    return Person(user, set(actor.roles))


async def event(ctx: EventContext, event_id: int, *, lock: bool = False) -> Event:
    """`lock`: take the event's row lock (PostgreSQL; SQLite already holds the write
    lock), so that registrations, cancellations and offers of one event run one after
    another and a freed seat can never miss a waiting person who joined meanwhile."""
    found = await ctx.session.get(
        Event, event_id, populate_existing=True, with_for_update=lock or None
    )
    if found is None:
        raise NotFound("error-event-not-found")
    return found


async def regs(ctx: EventContext, event_id: int, statuses: Sequence[str]) -> list[Registration]:
    rows = await ctx.session.execute(
        select(Registration)
        .where(Registration.event_id == event_id, Registration.status.in_(list(statuses)))
        .order_by(Registration.queued_at, Registration.id)
    )
    return list(rows.scalars())


async def own_registration(ctx: EventContext, actor: Actor, registration_id: int) -> Registration:
    if actor.user_id is None:
        raise NeedsOnboarding()
    reg = await ctx.session.get(Registration, registration_id, populate_existing=True)
    if reg is None or reg.user_id != actor.user_id:
        # Someone else's registration looks the same as a missing one.
        raise NotFound("error-event-not-found")
    return reg


async def position(ctx: EventContext, reg: Registration) -> int:
    ahead = await ctx.session.execute(
        queries.waiting_ahead_stmt(),
        {"event_id": reg.event_id, "queued_at": reg.queued_at, "reg_id": reg.id},
    )
    return int(ahead.scalar_one()) + 1


async def mine(ctx: EventContext, event_id: int, user_id: int | None) -> Registration | None:
    if user_id is None:
        return None
    rows = await ctx.session.execute(
        queries.mine_stmt(), {"event_id": event_id, "user_id": user_id}
    )
    return rows.scalar_one_or_none()


async def mine_for(
    ctx: EventContext, event_ids: list[int], user_id: int
) -> dict[int, Registration]:
    if not event_ids:
        return {}
    rows = await ctx.session.execute(
        queries.mine_for_stmt(), {"event_ids": event_ids, "user_id": user_id}
    )
    return {r.event_id: r for r in rows.scalars()}


async def my_status(ctx: EventContext, reg: Registration | None) -> MyStatus | None:
    if reg is None or reg.status == RegStatus.CANCELLED:
        return None
    status = RegStatus(reg.status)
    place = await position(ctx, reg) if status == RegStatus.WAITLISTED else None
    return MyStatus(
        status,
        reg.id,
        place,
        reg.offered_until if status == RegStatus.OFFERED else None,
        reg.attended_at is not None,
        reg.feedback_score,
    )


def view(
    ctx: EventContext,
    event: Event,
    status: MyStatus | None,
    *,
    manage: bool = False,
    waiting: int = 0,
    proposed_by: str | None = None,
) -> EventView:
    now = ctx.clock()
    show_link = manage or (status is not None and status.status == RegStatus.REGISTERED)
    seats_left = None if event.capacity is None else max(0, event.capacity - event.seats_taken)
    return EventView(
        id=event.id,
        title=event.title,
        type=EventType(event.type),
        topic=Topic(event.topic),
        format=EventFormat(event.format),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        link=event.link if show_link else None,
        capacity=event.capacity,
        seats_left=seats_left,
        registration_deadline=event.registration_deadline,
        audience=EventAudience(event.audience),
        description=event.description,
        status=EventStatus(event.status),
        registration_open=registration_open(event, now),
        mine=status,
        can_manage=manage,
        decline_reason=event.decline_reason,
        waiting=waiting,
        phase=phase_of(event.starts_at, event.ends_at, now, ctx.policy.timezone),
        sequence=event.sequence or 0,
        updated_at=event.updated_at,
        proposed_by=proposed_by,
    )


async def proposers(ctx: EventContext, events: Sequence[Event]) -> dict[int, str]:
    """ "School (coordinator)" of each school's proposal among `events`, by event id."""
    wanted = [e for e in events if e.proposed_by_school_id is not None]
    if not wanted:
        return {}
    rows = await ctx.session.execute(
        select(Event.id, School.short_name, User.full_name)
        .outerjoin(School, School.id == Event.proposed_by_school_id)
        .outerjoin(User, User.id == Event.created_by)
        .where(Event.id.in_([e.id for e in wanted]))
    )
    result = {}
    for event_id, school, coordinator in rows:
        result[event_id] = f"{school or '—'} ({coordinator or '—'})"
    return result


async def outcome(
    ctx: EventContext, event: Event, reg: Registration, *, already: bool = False
) -> RegistrationOutcome:
    status = await my_status(ctx, reg)
    return RegistrationOutcome(RegStatus(reg.status), view(ctx, event, status), already)
