"""An aiosqlite connection that runs its statements on the event loop's own thread.

SQLAlchemy's aiosqlite adapter makes four trips to the connection's worker thread per
statement (open a cursor, execute, fetch, close) plus one per BEGIN, COMMIT and ROLLBACK. Each
trip hands a call to the thread and wakes the event loop when it returns: about 80 µs on an
idle machine, and 0.4-0.5 ms per trip with a few dozen updates in flight on two cores (the
loop and the thread pass the GIL and a wake-up pipe back and forth), against 5-10 µs for the
statement itself. SQLite answers from its page cache without waiting on anything but a lock,
so here a statement runs where it is awaited, with the busy timeout at zero: it either
finishes at once or fails with SQLITE_BUSY before changing anything. Only then does it go to
the worker thread, which waits for the lock as long as the configured busy timeout allows. In
one process writers never meet at SQLite's lock (they take turns in db.tx.begin_write), so
the thread is used when another process holds the lock.

A long read (a report over a year of registrations) would hold the loop as long as SQLite
works on it. A SELECT gets `LOOP_BUDGET_SECONDS` on the loop: past it SQLite's progress handler
interrupts it (a SELECT interrupted changes nothing and leaves its transaction as it was) and it
runs again, from the start, on the worker thread, which leaves the loop free while SQLite works.
The statement's text is remembered, so the next run of the same report query goes to the thread
at once instead of spending its budget again. Writes are never interrupted: an interrupted
write would roll back its whole transaction.

The statements and their order on the connection are exactly those SQLAlchemy asks for, so
transactions, BEGIN IMMEDIATE and the busy timeout behave as with plain aiosqlite
(tests/reliability/test_sqlite_driver.py).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite

_Result = tuple[Any, list[Any], int, int | None]
# Primary result codes: another connection holds the lock (BUSY), or a table of this
# connection's shared cache does (LOCKED). Either way the statement changed nothing.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_INTERRUPT = 9
# How long a SELECT may keep the event loop before it moves to the worker thread, and how
# often (in SQLite's virtual machine instructions) the progress handler looks at the clock:
# a statement of the bot's screens runs a few hundred to a few thousand instructions.
LOOP_BUDGET_SECONDS = 0.02
_PROGRESS_STEPS = 20_000
# SELECTs that went past the budget, by their SQL text (SQLAlchemy hands over the same text
# for every run of a cached statement). Bounded: the bot's reports have a few dozen.
_SLOW_SELECTS_MAX = 512
_slow_selects: set[str] = set()


def _is_one_of(error: sqlite3.OperationalError, codes: tuple[int, ...], *words: str) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # an sqlite3 module without error codes
        return any(word in str(error) for word in words)
    return code & 0xFF in codes


def _busy(error: sqlite3.OperationalError) -> bool:
    return _is_one_of(error, (_SQLITE_BUSY, _SQLITE_LOCKED), "locked", "busy")


def _interrupted(error: sqlite3.OperationalError) -> bool:
    return _is_one_of(error, (_SQLITE_INTERRUPT,), "interrupted")


def _is_select(sql: str) -> bool:
    return sql.lstrip()[:6].upper() == "SELECT"


def _statement(conn: sqlite3.Connection, sql: str, parameters: Any, many: bool) -> _Result:
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


def _waiting(conn: sqlite3.Connection, busy_timeout_ms: int, call: Callable[[], Any]) -> Any:
    # Runs on the worker thread: the one place where SQLite may wait for another's lock.
    conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    try:
        return call()
    finally:
        conn.execute("PRAGMA busy_timeout=0")


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
    """aiosqlite's connection with statements, BEGIN and COMMIT run on the loop while SQLite
    need not wait for a lock (see the module)."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], busy_timeout_ms: int) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._pending_begin: str | None = None
        self._busy_timeout_ms = busy_timeout_ms
        # Set only while a SELECT runs on the loop; the progress handler interrupts it past this.
        self._loop_deadline: float | None = None

    def over_budget(self) -> int:
        """SQLite's progress handler: non-zero interrupts the running statement."""
        deadline = self._loop_deadline
        return int(deadline is not None and time.perf_counter() > deadline)

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)

    def defer_begin(self, sql: str) -> bool:
        """Keeps BEGIN to send with the next statement; False when one is already kept."""
        if self._pending_begin is not None:
            return False
        self._pending_begin = sql
        return True

    async def _now_or_waiting(self, call: Callable[[], Any], select: str | None = None) -> Any:
        """Runs `call` on the loop, or on the worker thread when SQLite would have to wait for
        a lock. `select`: the SQL of a read, which gets the loop's budget and, past it, moves
        to the thread (this time and the next ones)."""
        if select is None or select not in _slow_selects:
            if select is not None:
                self._loop_deadline = time.perf_counter() + LOOP_BUDGET_SECONDS
            try:
                return call()
            except sqlite3.OperationalError as error:
                if select is not None and _interrupted(error):
                    if len(_slow_selects) < _SLOW_SELECTS_MAX:
                        _slow_selects.add(select)
                elif not _busy(error):
                    raise
            finally:
                self._loop_deadline = None
        return await self._execute(_waiting, self._conn, self._busy_timeout_ms, call)

    async def run(self, sql: str, parameters: Any, *, many: bool) -> _Result:
        begin, self._pending_begin = self._pending_begin, None
        conn = self._conn
        if begin is not None:
            # A BEGIN that fails leaves no transaction, so it is tried again as a whole.
            await self._now_or_waiting(lambda: conn.execute(begin))

        read = sql if not many and _is_select(sql) else None
        result: _Result = await self._now_or_waiting(
            lambda: _statement(conn, sql, parameters, many), read
        )
        return result

    async def commit(self) -> None:
        if self._pending_begin is not None:
            # BEGIN and nothing after it: the empty transaction needs no trip at all.
            self._pending_begin = None
            return
        conn = self._conn
        if conn.in_transaction:
            await self._now_or_waiting(conn.commit)

    async def rollback(self) -> None:
        if self._pending_begin is not None:
            self._pending_begin = None
            return
        conn = self._conn
        if conn.in_transaction:
            await self._now_or_waiting(conn.rollback)


async def connect(database: str, **kwargs: Any) -> OneTripConnection:
    """Opens a connection for SQLAlchemy's `async_creator` (the URL's arguments go in kwargs;
    `timeout`, in seconds, is how long a statement may wait for another process's lock)."""
    # Used from the loop's thread and, when waiting for a lock, from the worker thread; never
    # from both at once, since SQLAlchemy awaits each call on a connection before the next.
    kwargs["check_same_thread"] = False
    busy_timeout_ms = int(float(kwargs.pop("timeout", 5.0)) * 1000)

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(database, timeout=0, **kwargs)

    connection = OneTripConnection(connector, busy_timeout_ms)
    # As SQLAlchemy does for aiosqlite: a connection never closed must not keep the process.
    connection._thread.daemon = True
    await connection  # starts the worker thread and opens the file there
    connection._conn.set_progress_handler(connection.over_budget, _PROGRESS_STEPS)
    return connection
