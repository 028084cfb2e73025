"""What every module of the library works with, and the rights checks they share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role, Topic
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from services.errors import AccessDenied, NeedsOnboarding


@dataclass(frozen=True, slots=True)
class PublicEvent:
    """An upcoming published event, as the events feature hands it to inline sharing."""

    event_id: int
    title: str
    starts_at: datetime
    seats_left: int | None


# Handed in by the container (services/events/on_topics.py): upcoming events whose title
# holds every folded word, at most `limit` of them.
EventSearch = Callable[[tuple[str, ...], int], Awaitable[Sequence[PublicEvent]]]


async def no_events(words: tuple[str, ...], limit: int) -> Sequence[PublicEvent]:
    return ()


@dataclass(frozen=True, slots=True)
class PostedEvent:
    """What an event's channel post shows, as the events feature hands it in."""

    event_id: int
    title: str
    type: str
    starts_at: datetime
    place: str | None
    seats_left: int | None
    open: bool  # published and not started yet


# Handed in by the container (services/events/on_topics.py: events_for_posts).
EventPosts = Callable[[tuple[int, ...]], Awaitable[Sequence[PostedEvent]]]


async def no_posts(event_ids: tuple[int, ...]) -> Sequence[PostedEvent]:
    return ()


@dataclass(frozen=True, slots=True)
class EventPeople:
    event_id: int
    title: str
    topic: Topic
    finished: bool
    attended: tuple[int, ...]
    absent: tuple[int, ...]


# Handed in by the container (services/events/on_topics.py: event_people).
EventPeopleOf = Callable[[int], Awaitable[EventPeople | None]]


async def no_people(event_id: int) -> EventPeople | None:
    return None


@dataclass
class LibraryScope:
    session: AsyncSession
    policy: Policy
    clock: Clock
    outbox: OutboxService
    events_search: EventSearch = no_events
    event_posts: EventPosts = no_posts
    event_people: EventPeopleOf = no_people


REVIEWERS = (Role.METHODIST, Role.ADMIN)


def require_user(actor: Actor) -> int:
    if actor.user_id is None:
        raise NeedsOnboarding()
    return actor.user_id


def require_reviewer(actor: Actor) -> int:
    user_id = require_user(actor)
    if not actor.has(*REVIEWERS):
        raise AccessDenied()
    return user_id


def can_review(actor: Actor) -> bool:
    return actor.is_registered and actor.has(*REVIEWERS)
