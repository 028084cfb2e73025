"""Migrations: every revision upgrades, downgrades and upgrades again, on SQLite and PostgreSQL,
and the models never drift from what the migrations build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

import db.models  # noqa: F401  (fills Base.metadata)
from db.base import Base
from db.engine import create_engine
from db.migrate import alembic_config


def revisions_base_first() -> list[Script]:
    """All revisions, each after its parents, whatever the number of branches and heads."""
    script = ScriptDirectory.from_config(alembic_config())
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def _alembic(connection: Connection, action: str, target: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    getattr(command, action)(cfg, target)


def _current(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "render_as_batch": connection.dialect.name == "sqlite"},
    )
    return list(compare_metadata(context, Base.metadata))


async def _stairway(url: str) -> None:
    engine = create_engine(url)
    try:
        for revision in revisions_base_first():
            rev = revision.revision
            async with engine.begin() as conn:
                await conn.run_sync(_alembic, "upgrade", rev)
                assert rev in await conn.run_sync(_current)
                tables_up = await conn.run_sync(_tables)
            # Only this revision goes down: branches applied beside it stay as they are. A
            # merge has several parents; stepping down to any one of them removes just the merge.
            parents = revision.down_revision
            target = parents[0] if isinstance(parents, tuple) else f"{rev}@-1"
            async with engine.begin() as conn:
                await conn.run_sync(_alembic, "downgrade", target)
                assert rev not in await conn.run_sync(_current)
            async with engine.begin() as conn:
                await conn.run_sync(_alembic, "upgrade", rev)
                assert await conn.run_sync(_tables) == tables_up
        async with engine.begin() as conn:
            await conn.run_sync(_alembic, "upgrade", "heads")
            await conn.run_sync(_alembic, "downgrade", "base")
            assert await conn.run_sync(_tables) == set()
    finally:
        await engine.dispose()


async def _drift(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_alembic, "upgrade", "heads")
            return await conn.run_sync(_diff)
    finally:
        await engine.dispose()


def test_revision_graph_starts_with_the_foundation() -> None:
    revisions = revisions_base_first()
    ids = [r.revision for r in revisions]
    assert ids[:2] == ["0001", "0002"]
    assert len(ids) == len(set(ids))
    for revision in revisions[2:]:
        # Capabilities branch off the outbox revision or merge branches; nothing else.
        assert revision.down_revision is not None


def test_the_history_has_one_head() -> None:
    # Operators run `alembic upgrade head`; several heads would make that refuse to run.
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [
        revisions_base_first()[-1].revision
    ]


async def test_stairway_on_sqlite(tmp_path: Path) -> None:
    await _stairway(f"sqlite+aiosqlite:///{tmp_path / 'stairway.sqlite3'}")


@pytest.mark.postgres
async def test_stairway_on_postgres(pg_url: str) -> None:
    await _stairway(pg_url)


async def test_models_match_migrations_on_sqlite(tmp_path: Path) -> None:
    diff = await _drift(f"sqlite+aiosqlite:///{tmp_path / 'drift.sqlite3'}")
    assert diff == [], "a model changed without a migration"


@pytest.mark.postgres
async def test_models_match_migrations_on_postgres(pg_url: str) -> None:
    diff = await _drift(pg_url)
    assert diff == [], "a model changed without a migration"


async def test_a_model_change_without_a_migration_is_caught(tmp_path: Path) -> None:
    from sqlalchemy import Column, Integer, Table

    url = f"sqlite+aiosqlite:///{tmp_path / 'caught.sqlite3'}"
    extra = Table("not_migrated", Base.metadata, Column("id", Integer, primary_key=True))
    try:
        diff = await _drift(url)
    finally:
        Base.metadata.remove(extra)
    added = [d[1].name for d in diff if isinstance(d, tuple) and d[0] == "add_table"]
    assert added == ["not_migrated"]


async def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    # The busy timeout is the driver's own (tests/reliability/test_sqlite_driver.py).
    from sqlalchemy import text

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pragmas.sqlite3'}")
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    finally:
        await engine.dispose()
