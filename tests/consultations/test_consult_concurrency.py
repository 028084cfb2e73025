"""Many people tap "Book" on one slot at the same moment, through the real Dispatcher, on
SQLite and PostgreSQL: exactly one booking. With the guard taken out (an unconditional UPDATE
and no partial unique index) the same stampede books the slot several times, which shows the
test can see the failure it guards against."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

import services.consultations.booking as consultations
from bot.factory import Database
from db.enums import Role
from db.models import ConsultSlot
from handlers.consultations.callbacks import FormAct, FormCD
from services.consultations.types import SlotStatus
from tests.consultations.test_consult_helpers import (
    PSY,
    add_slot,
    bookings,
    fill_form,
    open_slot,
    person,
)
from tests.support.events_support import add_people
from tests.support.harness import BotHarness, texts
from tests.support.pg_harness import pooled_pg_harness

PEOPLE = 25


@pytest.fixture
async def pg_harness(pg_database: Database, pg_url: str) -> AsyncIterator[BotHarness]:
    async with pooled_pg_harness(pg_url, PEOPLE) as harness:
        yield harness


async def _stampede(harness: BotHarness) -> tuple[int, list[int]]:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    people = [860_000 + i for i in range(PEOPLE)]
    await add_people(harness, people, Role.PARENT, name_prefix="Родитель")
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    for user in people:
        await open_slot(harness, user, slot_id)
        await fill_form(harness, user, parent=True)
    confirm = FormCD(act=FormAct.CONFIRM).pack()
    await asyncio.gather(*(harness.callback(user, confirm) for user in people))
    return slot_id, people


def _told(harness: BotHarness, people: list[int], phrase: str) -> int:
    count = 0
    for user in people:
        requests = [r for r in harness.api.requests if getattr(r, "chat_id", None) == user]
        if any(phrase in t for t in texts(requests)):
            count += 1
    return count


async def _check_one_booking(harness: BotHarness) -> None:
    slot_id, people = await _stampede(harness)
    stored = await bookings(harness)
    assert len(stored) == 1
    assert stored[0].slot_id == slot_id
    assert _told(harness, people, "Вы записаны") == 1
    # Everyone else heard why, in place of the stale form, with the other free times.
    assert _told(harness, people, "только что занял") == PEOPLE - 1


async def test_many_taps_on_one_slot_book_it_once_on_sqlite(harness: BotHarness) -> None:
    await _check_one_booking(harness)


async def test_many_taps_on_one_slot_book_it_once_on_postgresql(
    pg_harness: BotHarness,
) -> None:
    await _check_one_booking(pg_harness)


async def _unguarded_take(session: AsyncSession, slot_id: int) -> bool:
    await session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id == slot_id)
        .values(status=SlotStatus.BOOKED.value)
        .execution_options(synchronize_session=False)
    )
    return True


async def _without_guard(harness: BotHarness, monkeypatch: pytest.MonkeyPatch) -> int:
    async with harness.database.engine.begin() as connection:
        await connection.execute(text("DROP INDEX uq_consult_bookings_active_slot"))
    monkeypatch.setattr(consultations, "take_slot", _unguarded_take)
    await _stampede(harness)
    monkeypatch.undo()
    return len(await bookings(harness))


async def test_without_the_guard_the_slot_is_booked_twice_on_sqlite(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await _without_guard(harness, monkeypatch) > 1


async def test_without_the_guard_the_slot_is_booked_twice_on_postgresql(
    pg_harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await _without_guard(pg_harness, monkeypatch) > 1
