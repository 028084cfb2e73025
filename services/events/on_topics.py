"""Upcoming published events on given topics, for features that point people at them (surveys
offer them to teachers who reported a serious difficulty on the topic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from db.models import Event, Registration
from db.search import fold
from services.context import Clock

UPCOMING_LIMIT = 5


@dataclass(frozen=True, slots=True)
class UpcomingEvent:
    event_id: int
    title: str
    topic: Topic
    starts_at: datetime


async def upcoming_on_topics(
    session: AsyncSession, clock: Clock, topics: tuple[Topic, ...], limit: int = UPCOMING_LIMIT
) -> tuple[UpcomingEvent, ...]:
    """Published events on `topics` that have not started yet, soonest first."""
    if not topics:
        return ()
    rows = (
        await session.execute(
            select(Event.id, Event.title, Event.topic, Event.starts_at)
            .where(
                Event.status == "published",
                Event.starts_at > clock(),
                Event.topic.in_([str(t) for t in topics]),
            )
            .order_by(Event.starts_at)
            .limit(limit)
        )
    ).all()
    return tuple(UpcomingEvent(r.id, r.title, Topic(r.topic), r.starts_at) for r in rows)


@dataclass(frozen=True, slots=True)
class MatchingEvent:
    event_id: int
    title: str
    starts_at: datetime
    seats_left: int | None


SCAN_LIMIT = 200


async def upcoming_matching(
    session: AsyncSession, clock: Clock, words: tuple[str, ...], limit: int
) -> tuple[MatchingEvent, ...]:
    """Upcoming published events whose title holds every folded word (for sharing them in
    any chat). Titles have no folded copy, so the soonest few hundred are folded here."""
    rows = (
        await session.execute(
            select(Event.id, Event.title, Event.starts_at, Event.capacity, Event.seats_taken)
            .where(Event.status == "published", Event.starts_at > clock())
            .order_by(Event.starts_at)
            .limit(SCAN_LIMIT)
        )
    ).all()
    found = []
    for r in rows:
        title = fold(r.title)
        if all(word in title for word in words):
            left = None if r.capacity is None else max(0, r.capacity - r.seats_taken)
            found.append(MatchingEvent(r.id, r.title, r.starts_at, left))
            if len(found) >= limit:
                break
    return tuple(found)


@dataclass(frozen=True, slots=True)
class PostedEvent:
    """What the channel post of an event shows."""

    event_id: int
    title: str
    type: str
    starts_at: datetime
    place: str | None
    seats_left: int | None
    open: bool  # published and not started: the post is still worth updating


async def events_for_posts(
    session: AsyncSession, clock: Clock, event_ids: tuple[int, ...]
) -> tuple[PostedEvent, ...]:
    if not event_ids:
        return ()
    rows = (
        await session.execute(
            select(
                Event.id,
                Event.title,
                Event.type,
                Event.starts_at,
                Event.place,
                Event.capacity,
                Event.seats_taken,
                Event.status,
            ).where(Event.id.in_(event_ids))
        )
    ).all()
    now = clock()
    return tuple(
        PostedEvent(
            r.id,
            r.title,
            r.type,
            r.starts_at,
            r.place,
            None if r.capacity is None else max(0, r.capacity - r.seats_taken),
            r.status == "published" and r.starts_at > now,
        )
        for r in rows
    )


@dataclass(frozen=True, slots=True)
class EventPeople:
    """An event as the library sends its materials: who came and who registered but did not."""

    event_id: int
    title: str
    topic: Topic
    finished: bool
    attended: tuple[int, ...]
    absent: tuple[int, ...]


async def event_people(session: AsyncSession, clock: Clock, event_id: int) -> EventPeople | None:
    event = await session.get(Event, event_id)
    if event is None:
        return None
    rows = (
        await session.execute(
            select(Registration.user_id, Registration.attended_at).where(
                Registration.event_id == event_id, Registration.status == "registered"
            )
        )
    ).all()
    return EventPeople(
        event.id,
        event.title,
        Topic(event.topic),
        event.ends_at <= clock(),
        tuple(r.user_id for r in rows if r.attended_at is not None),
        tuple(r.user_id for r in rows if r.attended_at is None),
    )


async def registrations_on_topics(
    session: AsyncSession, people: Sequence[int], topics: Sequence[str]
) -> dict[tuple[int, str], list[tuple[datetime, bool]]]:
    """(person, topic) -> when they registered for an event on that topic, and whether they
    came: what surveys' support figures need, read here so surveys read no events table."""
    registrations: dict[tuple[int, str], list[tuple[datetime, bool]]] = {}
    if not people:
        return registrations
    found = await session.execute(
        select(
            Registration.user_id, Event.topic, Registration.created_at, Registration.attended_at
        )
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.user_id.in_(list(people)),
            Registration.status != "cancelled",
            Event.topic.in_(list(topics)),
        )
    )
    for reg in found:
        registrations.setdefault((reg.user_id, reg.topic), []).append(
            (reg.created_at, reg.attended_at is not None)
        )
    return registrations
