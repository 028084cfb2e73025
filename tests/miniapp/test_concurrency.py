"""Registrations from the Mini App and taps in the chat at the same moment, on SQLite and on
PostgreSQL: the seat guard is the same, so the capacity holds, nobody is in twice, and the
rest wait in the order they came."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.factory import Database
from db.models import School
from handlers.event_card import EventCardAct, EventCardCD
from tests.miniapp.support import MiniAppServer, config_for, init_data, serving
from tests.support.events_support import (
    add_people,
    create_event,
    draft,
    event_row,
    registrations,
    staff_actor,
)
from tests.support.fakes import callback_update, tg_user
from tests.support.harness import BotHarness
from tests.support.pg_harness import pooled_pg_harness

CAPACITY = 6
PEOPLE = 40  # half through the Mini App, half through the chat


@pytest.fixture
async def pg_harness(pg_database: Database, pg_url: str) -> AsyncIterator[BotHarness]:
    async with pooled_pg_harness(pg_url, 10) as harness:
        yield harness


async def _stampede(harness: BotHarness, server: MiniAppServer) -> None:
    staff = await staff_actor(harness, 620_000)
    people = [620_100 + i for i in range(PEOPLE)]
    async with harness.database.session_factory() as session:
        school = School(name="МБОУ СШ № 7", short_name="СШ № 7")
        session.add(school)
        await session.commit()
        school_id = school.id
    await add_people(harness, people, school_id=school_id)
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=CAPACITY))
    tap = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
    now = harness.clock.now

    async def through_app(person: int) -> int:
        response = await server.call(
            "POST", f"api/events/{event_id}/register", init_data(person, now=now), {}
        )
        return response.status

    async def in_chat(person: int) -> int:
        await harness.dp.feed_update(harness.bot, callback_update(tg_user(person), tap))
        return 200

    jobs = [(through_app if index % 2 else in_chat)(person) for index, person in enumerate(people)]
    # Someone taps twice, in both places at once.
    jobs += [through_app(people[0]), in_chat(people[1])]
    statuses = await asyncio.gather(*jobs)
    assert set(statuses) == {200}
    rows = await registrations(harness, event_id)
    assert len(rows) == PEOPLE  # one row each, double taps included
    registered = [r for r in rows if r.status == "registered"]
    waiting = [r for r in rows if r.status == "waitlisted"]
    assert len(registered) == CAPACITY
    assert len(waiting) == PEOPLE - CAPACITY
    assert (await event_row(harness, event_id)).seats_taken == CAPACITY


async def test_app_and_chat_together_never_exceed_capacity_on_sqlite(
    harness: BotHarness, database_url: str
) -> None:
    async with serving(config_for(harness, database_url)) as server:
        await _stampede(harness, server)


@pytest.mark.postgres
async def test_app_and_chat_together_never_exceed_capacity_on_postgresql(
    pg_harness: BotHarness, pg_url: str
) -> None:
    async with serving(config_for(pg_harness, pg_url)) as server:
        await _stampede(pg_harness, server)
