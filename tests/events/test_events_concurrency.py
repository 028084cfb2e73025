"""Hundreds of people tap "Register" at the same moment, some cancel right after; through the
real Dispatcher, on SQLite and on PostgreSQL. The capacity holds, nobody is in twice, the
waiting list is FIFO, and everybody who did not get a seat is told so."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.factory import Database
from handlers.event_card import EventCardAct, EventCardCD
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

PG_POOL = 20
PG_POOL_WAIT_SECONDS = 600
CANCEL_EVERY = 7  # every 7th person cancels right after registering


@pytest.fixture
async def pg_harness(pg_database: Database, pg_url: str) -> AsyncIterator[BotHarness]:
    # A thousand simultaneous updates queue for twenty connections (the server is shared);
    # the pool's wait limit is raised so that the test measures the guard, not that limit.
    async with pooled_pg_harness(pg_url, PG_POOL, pool_timeout=PG_POOL_WAIT_SECONDS) as harness:
        yield harness


def _texts_to(harness: BotHarness, user: int) -> list[str]:
    return [
        str(getattr(r, "text", "") or "")
        for r in harness.api.requests
        if getattr(r, "chat_id", None) == user
    ]


async def _stampede(harness: BotHarness, capacity: int, round_no: int) -> None:
    staff = await staff_actor(harness, 800_000 + round_no)
    base = 1_000_000 + round_no * 100_000
    people = [base + i for i in range(10 * capacity)]
    ids = await add_people(harness, people)
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=capacity))
    register = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
    cancel = EventCardCD(act=EventCardAct.CANCEL_SURE, event_id=event_id).pack()
    cancellers = set(people[::CANCEL_EVERY])

    async def person(tg: int) -> None:
        user = tg_user(tg)
        await harness.dp.feed_update(harness.bot, callback_update(user, register))
        if tg in cancellers:
            await harness.dp.feed_update(harness.bot, callback_update(user, cancel))

    await asyncio.gather(*(person(tg) for tg in people))

    regs = await registrations(harness, event_id)
    by_user = {r.user_id: r for r in regs}
    # Nobody twice: one row per person, and every person got exactly one answer to the tap.
    assert len(regs) == len(by_user) == len(people)
    demand = len(people) - len(cancellers)
    holding = [r for r in regs if r.status in ("registered", "offered")]
    waiting = [r for r in regs if r.status == "waitlisted"]
    assert len(holding) == min(capacity, demand)
    assert (await event_row(harness, event_id)).seats_taken == len(holding)
    assert all(by_user[ids[tg]].status == "cancelled" for tg in cancellers)

    # FIFO: every freed seat went to someone who joined the list before anyone still waiting.
    order = {r.id: index for index, r in enumerate(regs)}
    offered = [r for r in regs if r.status == "offered"]
    if offered and waiting:
        assert max(order[r.id] for r in offered) < min(order[r.id] for r in waiting)

    for tg in people:
        said = _texts_to(harness, tg)
        registered_said = [t for t in said if "Вы записаны" in t]
        waitlisted_said = [t for t in said if "Свободных мест нет" in t]
        assert len(registered_said) + len(waitlisted_said) == 1, (tg, said)
        status = by_user[ids[tg]].status
        if status == "registered":
            assert registered_said
        elif status in ("waitlisted", "offered"):
            assert waitlisted_said, "a loser is told there are no seats and about the list"
            assert "листе ожидания" in waitlisted_said[0]


@pytest.mark.parametrize("capacity", [1, 10, 100])
@pytest.mark.parametrize("round_no", [0, 1])
async def test_capacity_holds_under_simultaneous_taps_sqlite(
    harness: BotHarness, capacity: int, round_no: int
) -> None:
    await _stampede(harness, capacity, round_no)


@pytest.mark.parametrize("capacity", [1, 10, 100])
@pytest.mark.parametrize("round_no", [0, 1])
async def test_capacity_holds_under_simultaneous_taps_postgres(
    pg_harness: BotHarness, capacity: int, round_no: int
) -> None:
    await _stampede(pg_harness, capacity, round_no)
