"""Shared set-up for the events tests: people inserted directly (fast), events made by staff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from db.enums import Role, Subject, Topic
from db.models import Event, OutboxMessage, Registration, User, UserRole, UserSubject
from services.container import Services
from services.context import Actor
from services.events.types import EventAudience, EventDraft, EventFormat, EventType
from tests.support.harness import BotHarness

METHODIST = 700_001
COORDINATOR = 700_002
STAFF_ACTOR_LOCALE = "ru"


async def add_people(
    harness: BotHarness,
    telegram_ids: list[int],
    role: Role = Role.TEACHER,
    *,
    school_id: int | None = None,
    name_prefix: str = "Учитель",
) -> dict[int, int]:
    """Telegram id -> user id for people who went through onboarding (inserted directly)."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    result: dict[int, int] = {}
    async with harness.database.session_factory() as session:
        users = []
        for tg in telegram_ids:
            user = User(
                telegram_id=tg,
                locale="ru",
                full_name=f"{name_prefix} {tg}",
                school_id=school_id,
                experience="3-10",
                position="teacher",
                roles=[
                    UserRole(
                        role=role.value,
                        granted_at=now,
                        school_id=school_id if role == Role.COORDINATOR else None,
                    )
                ],
                subjects=[UserSubject(subject=Subject.MATH.value)] if role == Role.TEACHER else [],
            )
            session.add(user)
            users.append(user)
        await session.commit()
        for user in users:
            assert user.telegram_id is not None
            result[user.telegram_id] = user.id
    return result


async def staff_actor(harness: BotHarness, telegram_id: int = METHODIST) -> Actor:
    ids = await add_people(harness, [telegram_id], Role.METHODIST, name_prefix="Методист")
    return Actor(telegram_id, ids[telegram_id], "ru", frozenset({Role.METHODIST}))


def draft(
    *,
    capacity: int | None = 10,
    starts_in: timedelta = timedelta(days=3),
    hours: float = 2,
    fmt: EventFormat = EventFormat.IN_PERSON,
    audience: EventAudience = EventAudience.EVERYONE,
    now: datetime,
    title: str = "Семинар: подготовка к ОГЭ по математике",
    deadline: datetime | None = None,
) -> EventDraft:
    start = now + starts_in
    return EventDraft(
        title=title,
        type=EventType.SEMINAR,
        topic=Topic.EXAM_PREP,
        format=fmt,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        place="СШ № 1, каб. 12" if fmt != EventFormat.ONLINE else None,
        link="https://meet.example.org/oge" if fmt != EventFormat.IN_PERSON else None,
        capacity=capacity,
        registration_deadline=deadline,
        audience=audience,
        description="Разбор заданий второй части.",
    )


async def create_event(harness: BotHarness, staff: Actor, event_draft: EventDraft) -> int:
    svc = await harness.services()
    try:
        return await svc.events.create(staff, event_draft, publish=True)
    finally:
        await svc.session.close()


async def registrations(harness: BotHarness, event_id: int) -> list[Registration]:
    async with harness.database.session_factory() as session:
        rows = await session.execute(
            select(Registration)
            .where(Registration.event_id == event_id)
            .order_by(Registration.queued_at, Registration.id)
        )
        return list(rows.scalars())


async def event_row(harness: BotHarness, event_id: int) -> Event:
    async with harness.database.session_factory() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        return event


async def outbox(harness: BotHarness, kind: str | None = None) -> list[OutboxMessage]:
    async with harness.database.session_factory() as session:
        stmt = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind is not None:
            stmt = stmt.where(OutboxMessage.kind == kind)
        return list((await session.execute(stmt)).scalars())


async def run(harness: BotHarness, work):  # type: ignore[no-untyped-def]
    svc: Services = await harness.services()
    try:
        return await work(svc)
    finally:
        await svc.session.close()
