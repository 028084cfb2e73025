"""An aiosqlite connection that costs one trip to its worker thread per statement.

SQLAlchemy's aiosqlite adapter makes four trips per statement (open a cursor, execute, fetch,
close) plus one per BEGIN, COMMIT and ROLLBACK. Each trip hands a call to the connection's
thread and wakes the event loop when it returns: about 80 µs on an idle machine, more when
the two CPUs are shared, against 5-10 µs for the statement itself. An update that reads the
person and one screen of events made ~75 trips. Here a statement runs, fetches its rows and
closes its cursor in one call; BEGIN travels with the statement after it; COMMIT and ROLLBACK
outside a transaction stay on the loop.

The statements and their order on the connection are exactly those SQLAlchemy asks for, so
transactions, BEGIN IMMEDIATE and the busy timeout behave as with plain aiosqlite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite

_Result = tuple[Any, list[Any], int, int | None]


def _run(
    conn: sqlite3.Connection, begin: str | None, sql: str, parameters: Any, many: bool
) -> _Result:
    # Runs on the connection's worker thread. A deferred BEGIN goes first: nothing else ran on
    # this connection since it was asked for, so the transaction starts where it would have.
    if begin is not None:
        conn.execute(begin)
    cursor = conn.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        description = cursor.description
        # All rows now: a statement with RETURNING finishes only when its rows are read.
        rows = cursor.fetchall() if description is not None else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


def _is_begin(sql: str) -> bool:
    return sql[:5].upper() == "BEGIN" and ";" not in sql


class OneTripCursor:
    """The part of aiosqlite's cursor that SQLAlchemy's adapter uses."""

    def __init__(self, connection: OneTripConnection) -> None:
        self._connection = connection
        self._rows: list[Any] = []
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Any = None) -> OneTripCursor:
        if parameters is None:
            parameters = ()
        if not parameters and _is_begin(sql) and self._connection.defer_begin(sql):
            self._set((None, [], -1, None))
            return self
        self._set(await self._connection.run(sql, parameters, many=False))
        return self

    async def executemany(self, sql: str, parameters: Any) -> OneTripCursor:
        self._set(await self._connection.run(sql, list(parameters), many=True))
        return self

    def _set(self, result: _Result) -> None:
        self.description, self._rows, self.rowcount, self.lastrowid = result

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        count = self.arraysize if size is None else size
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def fetchall(self) -> Sequence[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def close(self) -> None:
        self._rows = []


class OneTripConnection(aiosqlite.Connection):
    """aiosqlite's connection with statements, BEGIN and COMMIT made cheaper (see the module)."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._pending_begin: str | None = None

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)

    def defer_begin(self, sql: str) -> bool:
        """Keeps BEGIN to send with the next statement; False when one is already kept."""
        if self._pending_begin is not None:
            return False
        self._pending_begin = sql
        return True

    async def run(self, sql: str, parameters: Any, *, many: bool) -> _Result:
        begin, self._pending_begin = self._pending_begin, None
        result: _Result = await self._execute(_run, self._conn, begin, sql, parameters, many)
        return result

    async def commit(self) -> None:
        if self._pending_begin is not None:
            # BEGIN and nothing after it: the empty transaction needs no trip at all.
            self._pending_begin = None
            return
        # Read on the loop thread, as aiosqlite's own in_transaction does; no statement of
        # this connection is running while SQLAlchemy commits.
        if self._conn.in_transaction:
            await self._execute(self._conn.commit)

    async def rollback(self) -> None:
        if self._pending_begin is not None:
            self._pending_begin = None
            return
        if self._conn.in_transaction:
            await self._execute(self._conn.rollback)


async def connect(database: str, **kwargs: Any) -> OneTripConnection:
    """Opens a connection for SQLAlchemy's `async_creator` (the URL's arguments go in kwargs)."""
    # The loop thread reads in_transaction; every other use stays on the worker thread.
    kwargs["check_same_thread"] = False

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(database, **kwargs)

    connection = OneTripConnection(connector)
    # As SQLAlchemy does for aiosqlite: a connection never closed must not keep the process.
    connection._thread.daemon = True
    await connection  # starts the worker thread and opens the file there
    return connection
