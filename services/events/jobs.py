"""The scheduler's work for events, and the demo events of bot/data/demo.yaml."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import Subject, Topic
from db.models import Event
from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.events.feedback import finish_ended
from services.events.offers import expire_offers
from services.events.shared import EventContext
from services.events.types import EventAudience, EventFormat, EventStatus, EventType


async def events_maintenance(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
) -> tuple[int, int]:
    """The scheduler's minute job: expired seat offers move on; ended events ask for
    feedback. Each step opens its own session, so one failure leaves the other to run."""
    async with session_factory() as session:
        expired = await expire_offers(
            EventContext(session, policy, clock, OutboxService(session, clock))
        )
    async with session_factory() as session:
        asked = await finish_ended(
            EventContext(session, policy, clock, OutboxService(session, clock))
        )
    return expired, asked


async def seed_demo_events(
    session: AsyncSession, policy: Policy, clock: Clock, entries: list[dict[str, object]]
) -> int:
    """Published demo events from bot/data/demo.yaml; an existing title is kept as is."""
    zone = policy.timezone
    today = clock().astimezone(zone).date()
    created = 0
    for entry in entries:
        title = str(entry["title"])
        exists = await session.execute(select(Event.id).where(Event.title == title))
        if exists.first() is not None:
            continue
        day = today + timedelta(days=int(str(entry["day"])))
        start = datetime.combine(day, time.fromisoformat(str(entry["start"])), tzinfo=zone)
        end = datetime.combine(day, time.fromisoformat(str(entry["end"])), tzinfo=zone)
        subjects = entry.get("subjects") or []
        assert isinstance(subjects, list)
        capacity = entry.get("capacity")
        session.add(
            Event(
                title=title,
                type=EventType(str(entry["type"])).value,
                topic=Topic(str(entry["topic"])).value,
                format=EventFormat(str(entry["format"])).value,
                starts_at=start,
                ends_at=end,
                place=entry.get("place"),
                link=entry.get("link"),
                capacity=int(str(capacity)) if capacity is not None else None,
                audience=EventAudience(str(entry.get("audience", "everyone"))).value,
                subjects=",".join(Subject(str(s)).value for s in subjects),
                school_ids="",
                description="",
                status=EventStatus.PUBLISHED.value,
            )
        )
        created += 1
    await session.flush()
    return created
