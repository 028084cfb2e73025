"""Dialect-specific transaction helpers, kept in one place with both branches tested."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


async def begin_write(session: AsyncSession) -> None:
    """Start a transaction that will write and must not interleave with another writer.

    SQLite: end any read snapshot and take the write lock up front (BEGIN IMMEDIATE), so a
    check-then-write sequence cannot fail half-way with SQLITE_BUSY or race another writer.
    PostgreSQL: nothing special; the guarded statements lock the rows they touch.
    """
    if session.in_transaction():
        await session.commit()
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        await session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
    else:
        await session.connection()


def dialect_name(session: AsyncSession) -> str:
    return session.get_bind().dialect.name
