"""Two engines over one PostgreSQL table, and the limiter shared through Redis."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bot.delivery import RedisLimiter
from bot.factory import Database
from db.enums import OutboxState, Priority
from services.context import Policy
from services.delivery.engine import DeliveryStore
from services.delivery.outbox import OutboxService
from tests.delivery.test_delivery_support import (
    TG_BASE,
    add_people,
    make_bot,
    make_engine,
    per_chat,
    rows,
)
from tests.support.harness import Clock


async def test_two_engines_ticking_one_postgres_table_never_send_a_row_twice(
    pg_database: Database, policy: Policy, clock: Clock
) -> None:
    people = await add_people(pg_database.session_factory, 400)
    async with pg_database.session_factory() as session:
        outbox = OutboxService(session, clock)
        for user_id in people:
            outbox.enqueue(
                user_id=user_id, kind="broadcast", body="Новость", priority=Priority.BULK
            )
        await session.commit()
    bot, api = make_bot()
    first = make_engine(bot, pg_database.session_factory, policy, clock, batch=20)
    second = make_engine(bot, pg_database.session_factory, policy, clock, batch=20)

    done = await asyncio.gather(first.tick(), second.tick(), first.tick(), second.tick())

    assert sum(done) == 400
    assert done[0] > 0 and done[1] > 0  # both really worked the table
    assert per_chat(api) == {TG_BASE + n: 1 for n in range(400)}
    assert {r.state for r in await rows(pg_database.session_factory)} == {OutboxState.SENT}


async def test_claims_on_postgres_skip_rows_another_transaction_holds(
    pg_database: Database, policy: Policy, clock: Clock
) -> None:
    people = await add_people(pg_database.session_factory, 10)
    async with pg_database.session_factory() as session:
        outbox = OutboxService(session, clock)
        for user_id in people:
            outbox.enqueue(user_id=user_id, kind="notice", body="x")
        await session.commit()
    store = DeliveryStore(pg_database.session_factory, policy, clock)
    a, b = await asyncio.gather(store.claim(6), store.claim(6))
    assert not {r.id for r in a} & {r.id for r in b}
    assert len(a) + len(b) == 10


async def test_the_redis_limiter_holds_every_replica_to_one_rate(redis_client: Any) -> None:
    key = f"test:slot:{time.monotonic_ns()}"
    limiters = [RedisLimiter(redis_client, rate=50.0, key=key) for _ in range(2)]
    started = time.monotonic()
    await asyncio.gather(*(limiters[n % 2].acquire() for n in range(26)))
    elapsed = time.monotonic() - started
    # 26 slots at 50/s (less the safety margin) cannot all be granted in under half a second.
    assert elapsed >= 25 / 50
    await limiters[0].pause(0.3)
    paused = time.monotonic()
    await limiters[1].acquire()
    assert time.monotonic() - paused >= 0.25
    await redis_client.delete(key)  # type: ignore[attr-defined]
