"""The one-trip SQLite connection (db/sqlite_driver.py) keeps SQLite's transaction semantics:
what the seat guard and the write lock rely on behaves as with plain aiosqlite."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.engine import create_engine
from db.tx import begin_write


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(
        f"sqlite+aiosqlite:///{tmp_path / 'driver.sqlite3'}", busy_timeout_ms=200
    )
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE seats (id INTEGER PRIMARY KEY, taken INTEGER)"))
        await conn.execute(text("INSERT INTO seats (id, taken) VALUES (1, 0), (2, 0)"))
    yield engine
    await engine.dispose()


async def _taken(engine: AsyncEngine) -> list[int]:
    async with engine.connect() as conn:
        return list((await conn.execute(text("SELECT taken FROM seats ORDER BY id"))).scalars())


async def test_a_rolled_back_write_leaves_nothing_and_a_committed_one_stays(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("UPDATE seats SET taken = 5 WHERE id = 1"))
        await conn.rollback()
        await conn.execute(text("UPDATE seats SET taken = 7 WHERE id = 2"))
        await conn.commit()
    assert await _taken(engine) == [0, 7]


async def test_the_conditional_update_reports_exactly_the_rows_it_changed(
    engine: AsyncEngine,
) -> None:
    # The seat guard reads rowcount: 1 when the seat was free, 0 when it was not.
    async with engine.begin() as conn:
        first = await conn.execute(text("UPDATE seats SET taken = 1 WHERE id = 1 AND taken < 1"))
        second = await conn.execute(text("UPDATE seats SET taken = 1 WHERE id = 1 AND taken < 1"))
        both = await conn.execute(text("UPDATE seats SET taken = taken + 0"))
        returned = await conn.execute(text("UPDATE seats SET taken = 3 WHERE id = 2 RETURNING id"))
        assert (first.rowcount, second.rowcount, both.rowcount) == (1, 0, 2)
        assert list(returned.scalars()) == [2]
    assert await _taken(engine) == [1, 3]


async def test_begin_immediate_holds_the_write_lock_until_commit(engine: AsyncEngine) -> None:
    async with AsyncSession(engine) as holder, AsyncSession(engine) as other:
        await begin_write(holder)
        # Nothing written yet: the lock is taken by BEGIN IMMEDIATE itself, before any change.
        await holder.execute(text("SELECT 1"))
        with pytest.raises(OperationalError, match="locked"):
            await other.execute(text("UPDATE seats SET taken = 9 WHERE id = 1"))
            await other.commit()
        await other.rollback()
        await holder.commit()
        await other.execute(text("UPDATE seats SET taken = 9 WHERE id = 1"))
        await other.commit()
    assert await _taken(engine) == [9, 0]


async def test_writers_of_one_process_take_turns_past_the_busy_timeout(
    engine: AsyncEngine,
) -> None:
    # The first writer keeps its transaction longer than SQLite's busy timeout (200 ms here);
    # the second waits for its turn instead of failing with "database is locked".
    order: list[str] = []

    async def writer(name: str, hold: float) -> None:
        async with AsyncSession(engine) as session:
            await begin_write(session)
            await session.execute(text("UPDATE seats SET taken = taken + 1 WHERE id = 1"))
            order.append(name)
            await asyncio.sleep(hold)
            await session.commit()

    await asyncio.gather(writer("first", 0.5), writer("second", 0))
    assert order == ["first", "second"]
    assert await _taken(engine) == [2, 0]


class _Heartbeat:
    """Counts the event loop's turns while the block runs: a loop held by a statement skips
    them."""

    def __init__(self, period: float) -> None:
        self.period = period
        self.ticks = 0
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        while True:
            self.ticks += 1
            await asyncio.sleep(self.period)

    async def __aenter__(self) -> _Heartbeat:
        self._task = asyncio.create_task(self._beat())
        return self

    async def __aexit__(self, *_exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _lock_held_elsewhere(tmp_path: Path) -> sqlite3.Connection:
    """Another program's connection (outside the engine), holding the write lock."""
    other = sqlite3.connect(tmp_path / "driver.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


async def _write_four_to_the_first_seat(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE seats SET taken = 4 WHERE id = 1"))


async def test_a_lock_held_by_another_process_is_waited_for_off_the_event_loop(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    # Another program holds the write lock for 0.15 s. The write waits for it instead of
    # failing, and meanwhile the event loop keeps serving others: statements run on the loop
    # only while SQLite need not wait.
    other = _lock_held_elsewhere(tmp_path)
    asyncio.get_running_loop().call_later(0.15, other.execute, "COMMIT")
    started = time.monotonic()
    try:
        async with _Heartbeat(0.01) as heart:
            await _write_four_to_the_first_seat(engine)
    finally:
        other.close()
    assert time.monotonic() - started >= 0.1
    assert heart.ticks >= 5
    assert await _taken(engine) == [4, 0]


async def test_past_the_busy_timeout_the_write_fails_with_locked(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    # The engine's busy timeout is 200 ms; a lock kept longer is reported, not waited out.
    other = _lock_held_elsewhere(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"):
            await _write_four_to_the_first_seat(engine)
        assert 0.15 <= time.monotonic() - started < 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert await _taken(engine) == [0, 0]


_SLOW_COUNT = (
    "SELECT count(*) FROM (WITH RECURSIVE c(x) AS "
    "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT x FROM c)"
)


async def test_a_long_read_leaves_the_event_loop_free_and_keeps_its_transaction(
    engine: AsyncEngine,
) -> None:
    # A report-sized SELECT (about half a second of SQLite's work) inside a write transaction:
    # past its budget on the loop it is interrupted and runs again on the worker thread, so
    # other updates go on meanwhile; the transaction's earlier write survives the interruption.
    async with _Heartbeat(0.005) as heart, engine.begin() as conn:
        await conn.execute(text("UPDATE seats SET taken = 6 WHERE id = 2"))
        started = time.monotonic()
        counted = (await conn.execute(text(_SLOW_COUNT))).scalar_one()
        took = time.monotonic() - started
    assert counted == 2_000_000
    # Without the move the loop would not tick at all while SQLite counts.
    assert heart.ticks >= took / 0.005 / 4
    assert await _taken(engine) == [0, 6]
