"""What a dead process had claimed is sent again within seconds, not after a 5-minute lease;
a live instance's rows are never taken; outcomes are written while later sends still wait
for permits; a clean stop gives back what it claimed and did not send."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from bot.factory import Database
from db.enums import OutboxState, Priority
from db.models import DeliveryInstance, OutboxMessage
from services.context import Policy
from services.delivery.engine import DeliveryStore
from services.delivery.outbox import OutboxService
from tests.delivery.test_delivery_support import (
    TG_BASE,
    add_people,
    make_bot,
    make_engine,
    per_chat,
)
from tests.support.harness import Clock

STALE = 5.0


async def _broadcast(database: Database, clock: Clock, count: int, start: int = 0) -> None:
    people = await add_people(database.session_factory, count, start=start)
    async with database.session_factory() as session:
        outbox = OutboxService(session, clock)
        for user_id in people:
            outbox.enqueue(
                user_id=user_id, kind="broadcast", body="Новость", priority=Priority.BULK
            )
        await session.commit()


async def _states_by_holder(database: Database) -> dict[str | None, dict[str, int]]:
    async with database.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage.claimed_by, OutboxMessage.state))).all()
    found: dict[str | None, dict[str, int]] = {}
    for holder, state in rows:
        found.setdefault(holder, {}).setdefault(state, 0)
        found[holder][state] += 1
    return found


async def _died_holding(database: Database, policy: Policy, clock: Clock, count: int) -> str:
    """An engine that beat its heartbeat, claimed `count` rows and died before sending."""
    bot, _ = make_bot()
    dead = make_engine(bot, database.session_factory, policy, clock, stale_after=STALE)
    await dead.start()
    claimed = await dead.store.claim(count)
    assert len(claimed) == count
    return dead.instance_id


async def _take_back_after_silence(database: Database, policy: Policy, clock: Clock) -> None:
    await _broadcast(database, clock, 30)
    dead = await _died_holding(database, policy, clock, 10)
    bot, api = make_bot()
    live = make_engine(bot, database.session_factory, policy, clock, stale_after=STALE)
    await live.heartbeat()
    assert (await _states_by_holder(database))[dead] == {"sending": 10}  # beat just now

    clock.now += timedelta(seconds=STALE + 1)  # six seconds without a beat: dead
    await live.heartbeat()
    await live.tick()

    assert per_chat(api) == {TG_BASE + n: 1 for n in range(30)}
    assert dead not in await _states_by_holder(database)
    async with database.session_factory() as session:
        states = set((await session.execute(select(OutboxMessage.state))).scalars())
    assert states == {OutboxState.SENT.value}


async def test_rows_of_an_instance_that_stopped_beating_are_sent_within_seconds(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _take_back_after_silence(database, policy, clock)


@pytest.mark.postgres
async def test_on_postgres_a_replica_takes_back_a_dead_replicas_rows_within_seconds(
    pg_database: Database, policy: Policy, clock: Clock
) -> None:
    await _take_back_after_silence(pg_database, policy, clock)


async def _live_rows_stay(database: Database, policy: Policy, clock: Clock) -> None:
    await _broadcast(database, clock, 20)
    bot, _ = make_bot()
    busy = make_engine(bot, database.session_factory, policy, clock, stale_after=STALE)
    await busy.start()
    claimed = await busy.store.claim(8)  # being sent by a replica that is alive and well
    other_bot, other_api = make_bot()
    other = make_engine(other_bot, database.session_factory, policy, clock, stale_after=STALE)
    for _ in range(3):
        clock.now += timedelta(seconds=STALE - 1)
        await busy.heartbeat()
        await other.heartbeat()
        await other.tick()

    held = (await _states_by_holder(database))[busy.instance_id]
    assert held == {"sending": 8}
    assert set(per_chat(other_api)).isdisjoint({row.chat_id for row in claimed})
    assert sum(per_chat(other_api).values()) == 12


async def test_a_live_instances_rows_are_never_taken(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _live_rows_stay(database, policy, clock)


@pytest.mark.postgres
async def test_on_postgres_a_live_replicas_rows_are_never_taken(
    pg_database: Database, policy: Policy, clock: Clock
) -> None:
    await _live_rows_stay(pg_database, policy, clock)


async def test_on_sqlite_a_restarted_bot_takes_back_its_predecessors_rows_at_start(
    database: Database, policy: Policy, clock: Clock
) -> None:
    # SIGKILL a moment ago: the heartbeat is fresh, but on SQLite one process owns the outbox.
    await _broadcast(database, clock, 12)
    dead = await _died_holding(database, policy, clock, 12)
    bot, api = make_bot()
    restarted = make_engine(bot, database.session_factory, policy, clock, stale_after=STALE)
    await restarted.start()
    await restarted.tick()
    assert sum(per_chat(api).values()) == 12
    assert dead not in await _states_by_holder(database)


@pytest.mark.postgres
async def test_on_postgres_a_starting_replica_leaves_a_fresh_heartbeats_rows_alone(
    pg_database: Database, policy: Policy, clock: Clock
) -> None:
    await _broadcast(pg_database, clock, 5)
    alive = await _died_holding(pg_database, policy, clock, 5)
    bot, api = make_bot()
    starting = make_engine(bot, pg_database.session_factory, policy, clock, stale_after=STALE)
    await starting.start()
    await starting.tick()
    assert per_chat(api) == {}
    assert (await _states_by_holder(pg_database))[alive] == {"sending": 5}


async def test_outcomes_are_written_while_later_sends_wait_for_permits(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _broadcast(database, clock, 12)
    bot, api = make_bot()
    engine = make_engine(bot, database.session_factory, policy, clock, rate=4.0)
    task = asyncio.create_task(engine.tick())
    try:
        # At 4 a second the twelve take about three seconds; the first outcomes must be in
        # the table long before the last send, not buffered until the round ends.
        async def sent_rows() -> int:
            async with database.session_factory() as session:
                states = (await session.execute(select(OutboxMessage.state))).scalars()
                return sum(1 for state in states if state == OutboxState.SENT.value)

        for _ in range(100):
            if await sent_rows() >= 2:
                break
            await asyncio.sleep(0.05)
        assert await sent_rows() >= 2
        assert len(per_chat(api)) < 12  # the broadcast is still going out
        assert engine.limiter.waiting > 0
    finally:
        await task
    assert await sent_rows() == 12


async def test_a_clean_stop_gives_back_claimed_rows_that_were_not_sent(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _broadcast(database, clock, 40)
    bot, api = make_bot()
    engine = make_engine(bot, database.session_factory, policy, clock, rate=10.0)
    await engine.start()
    task = asyncio.create_task(engine.tick())
    for _ in range(500):
        if sum(per_chat(api).values()) >= 3:
            break
        await asyncio.sleep(0.02)
    engine.stop()
    await asyncio.wait_for(task, 10)
    await engine.retire()

    async with database.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
        instances = (await session.execute(select(DeliveryInstance))).scalars().all()
    sent = sum(per_chat(api).values())
    assert sent < 40
    assert sorted({r.state for r in rows}) == ["pending", "sent"]
    assert sum(1 for r in rows if r.state == "sent") == sent
    # Given back as if never claimed: the next start sends them as a first attempt.
    assert all(r.attempts == 0 and r.claimed_by is None for r in rows if r.state == "pending")
    assert instances == []


async def test_the_store_claims_and_records_in_a_few_statements_per_group(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _broadcast(database, clock, 50)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement.split()[0].upper())

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        bot, api = make_bot()
        await make_engine(bot, database.session_factory, policy, clock).tick()
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
    assert sum(per_chat(api).values()) == 50
    # Not one statement per message: a claim is two, a group of outcomes one.
    assert len([s for s in statements if s in ("UPDATE", "SELECT", "INSERT", "DELETE")]) < 20
    store = DeliveryStore(database.session_factory, policy, clock)
    assert await store.claim(10) == []


async def test_a_claim_the_database_refuses_for_a_moment_does_not_cut_the_round_short(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await _broadcast(database, clock, 30)
    bot, api = make_bot()
    engine = make_engine(bot, database.session_factory, policy, clock, batch=10, rate=40.0)
    claim = engine.store.claim
    calls = [0]

    async def flaky(limit: int) -> Any:
        calls[0] += 1
        if calls[0] == 2:  # locked by another process while the first rows are being sent
            raise OperationalError("UPDATE outbox", {}, sqlite3.OperationalError("locked"))
        return await claim(limit)

    engine.store.claim = flaky  # type: ignore[method-assign]
    await engine.tick()

    assert calls[0] > 2
    assert per_chat(api) == {TG_BASE + n: 1 for n in range(30)}
    async with database.session_factory() as session:
        states = set((await session.execute(select(OutboxMessage.state))).scalars())
    assert states == {OutboxState.SENT.value}
