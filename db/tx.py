"""Dialect-specific transaction helpers, kept in one place with both branches tested."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

# Writers of one process wait for their turn here rather than in SQLite's busy handler, which
# sleeps in steps of up to 100 ms and wakes waiters in no order: with a few writers at once
# that made some of them wait for seconds. Past this limit a writer stops waiting for the
# others of its process and leaves it to SQLite (so a code path that opened a write in one
# session while holding one in another would fail as before rather than hang).
TURN_TIMEOUT_SECONDS = 15.0
_HELD = "sqlite_write_turn"
_turns: weakref.WeakKeyDictionary[Engine, asyncio.Lock] = weakref.WeakKeyDictionary()


async def begin_write(session: AsyncSession) -> None:
    """Start a transaction that will write and must not interleave with another writer.

    SQLite: end any read snapshot and take the write lock up front (BEGIN IMMEDIATE), so a
    check-then-write sequence cannot fail half-way with SQLITE_BUSY or race another writer;
    writers of this process take turns first (released when the transaction ends).
    PostgreSQL: nothing special; the guarded statements lock the rows they touch.
    """
    if session.in_transaction():
        await session.commit()
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        await session.connection()
        return
    turn = _turns.setdefault(bind.engine, asyncio.Lock())
    held = False
    try:
        async with asyncio.timeout(TURN_TIMEOUT_SECONDS):
            await turn.acquire()
        held = True
    except TimeoutError:
        pass
    try:
        await session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
    except BaseException:
        if held:
            turn.release()
        raise
    if held:
        sync = session.sync_session
        sync.info[_HELD] = (sync.get_transaction(), turn)


@asynccontextmanager
async def write_tx(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """The one way a service writes: the write lock first, a commit at the end, a rollback on
    any error (the error goes on to the caller).

    On SQLite the process's writer turn is held from the start of the block to its end, so a
    block's reads of what it is about to change see no other writer of this process.
    """
    await begin_write(session)
    try:
        yield session
    except BaseException:
        await session.rollback()
        raise
    await session.commit()


@event.listens_for(Session, "after_transaction_end")
def _end_of_turn(session: Session, transaction: SessionTransaction) -> None:
    held: Any = session.info.get(_HELD)
    if held is not None and held[0] is transaction:
        del session.info[_HELD]
        held[1].release()


def dialect_name(session: AsyncSession) -> str:
    return session.get_bind().dialect.name
