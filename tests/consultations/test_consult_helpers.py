"""Shared set-up for the consultation tests: people inserted directly, slots made by the
psychologist's own service calls, and the booking form walked through the real Dispatcher."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.enums import Role
from db.models import ConsultBooking, ConsultSlot, OutboxMessage
from services.consultations.types import SlotFormat
from services.context import Actor
from tests.support.events_support import add_people
from tests.support.harness import BotHarness

PSY = 810_001
PSY2 = 810_002
PARENT = 820_001
PARENT2 = 820_002
TEACHER = 830_001
METHODIST = 840_001


async def person(harness: BotHarness, telegram_id: int, role: Role, name: str) -> Actor:
    ids = await add_people(harness, [telegram_id], role, name_prefix=name)
    return Actor(telegram_id, ids[telegram_id], "ru", frozenset({role}))


async def add_slot(
    harness: BotHarness, psy: Actor, starts_in: timedelta, minutes: int = 45
) -> int:
    svc = await harness.services()
    try:
        start = harness.clock.now + starts_in
        view = await svc.consultations.add_slot(
            psy, start, minutes, SlotFormat.IN_PERSON, "Кабинет 12"
        )
        return view.id
    finally:
        await svc.session.close()


async def bookings(harness: BotHarness) -> list[ConsultBooking]:
    async with harness.database.session_factory() as session:
        return list(await session.scalars(select(ConsultBooking).order_by(ConsultBooking.id)))


async def slot_status(harness: BotHarness, slot_id: int) -> str:
    async with harness.database.session_factory() as session:
        slot = await session.get(ConsultSlot, slot_id)
        assert slot is not None
        return slot.status


async def outbox(harness: BotHarness, kind: str) -> list[OutboxMessage]:
    async with harness.database.session_factory() as session:
        rows = await session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
        return list(rows)


async def fill_form(
    harness: BotHarness,
    user: int,
    *,
    parent: bool,
    phone: str | None = None,
    comment: str | None = None,
) -> None:
    """From the slot's form to the confirmation screen, as a person taps."""
    await harness.press(user, "Трудности в учёбе")
    if parent:
        await harness.press(user, "5")
    if phone is None:
        await harness.press(user, "В этом чате")
    else:
        await harness.press(user, "Звонок")
        await harness.send(user, phone)
    if comment is None:
        await harness.press(user, "Пропустить")
    else:
        await harness.send(user, comment)


async def open_slot(harness: BotHarness, user: int, slot_id: int) -> None:
    from handlers.consultations.callbacks import CAct, ConsultCD

    await harness.callback(user, ConsultCD(act=CAct.SLOT, slot=slot_id).pack())
