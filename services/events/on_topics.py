"""Upcoming published events on given topics, for features that point people at them (surveys
offer them to teachers who reported a serious difficulty on the topic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from db.models import Event
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
