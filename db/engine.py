"""Engine and session factory, built once by the composition root and passed down."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import event, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import StaticPool

from db import sqlite_driver

SQLITE_BUSY_TIMEOUT_MS = 15_000
# SQLite errors that say "not now" rather than "never": another process holds the write lock,
# or the file or its disk cannot be reached for the moment.
_SQLITE_TRANSIENT = ("locked", "busy", "unable to open", "disk i/o", "database or disk is full")
# PostgreSQL SQLSTATE classes/codes: 08 connection exception, 57P01-57P03 the server is
# shutting down, was terminated by an administrator, or cannot accept connections yet.
_PG_TRANSIENT_PREFIXES = ("08", "57P0")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 10,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
) -> AsyncEngine:
    kwargs: dict[str, Any] = {"echo": echo}
    if is_sqlite(url):
        kwargs["async_creator"] = _sqlite_creator(url, busy_timeout_ms)
        if ":memory:" in url or url.endswith("://"):
            kwargs["poolclass"] = StaticPool
    else:
        kwargs["pool_size"] = pool_size
        kwargs["max_overflow"] = pool_size
        # A connection the server dropped (a restart) is noticed at checkout and replaced,
        # so the first update after the database is back does not fail on a dead socket.
        kwargs["pool_pre_ping"] = True
    engine = create_async_engine(url, **kwargs)
    if is_sqlite(url):
        _configure_sqlite(engine)
    return engine


def _sqlite_creator(url: str, busy_timeout_ms: int) -> Callable[[], Awaitable[Any]]:
    # The URL's own arguments, as the aiosqlite dialect would pass them to sqlite3.connect.
    args, connect_kwargs = SQLiteDialect_aiosqlite().create_connect_args(make_url(url))
    connect_kwargs["timeout"] = busy_timeout_ms / 1000

    async def creator() -> Any:
        return await sqlite_driver.connect(args[0], **connect_kwargs)

    return creator


def is_outage(error: BaseException) -> bool:
    """True when the database could not be reached, dropped the connection or kept its write
    lock past the busy timeout: the same request may well succeed a little later. Constraint
    violations and programming errors are not outages."""
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        original = error.orig
        if isinstance(original, sqlite3.Error):
            return isinstance(original, sqlite3.OperationalError) and any(
                marker in str(original).lower() for marker in _SQLITE_TRANSIENT
            )
        if _pg_transient(original):
            return True
        return isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError))
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection came free in time
        return True
    if isinstance(error, ConnectionError):  # refused or reset while connecting
        return True
    return _pg_transient(error)


def _pg_transient(error: BaseException | None) -> bool:
    # asyncpg raises its own classes at connect time (not wrapped by SQLAlchemy), and the
    # adapted ones carry the server's SQLSTATE; both are read without importing asyncpg.
    for candidate in (error, getattr(error, "__cause__", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str) and code.startswith(_PG_TRANSIENT_PREFIXES):
            return True
    return False


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling is switched off so that we emit BEGIN ourselves:
        # writes that guard an invariant need BEGIN IMMEDIATE (see db.tx.begin_write). The
        # busy timeout is the driver's: statements that must wait for a lock wait on its
        # worker thread, never on the event loop (db/sqlite_driver.py).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
