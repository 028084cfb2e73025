from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation

from bot.config import Settings
from bot.factory import Database, create_dispatcher, policy_from
from db import migrate
from services.container import Services
from services.context import Policy
from tests.support.fake_api_server import FakeBotAPI
from tests.support.fakes import BOT_USERNAME, TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock

ADMIN_ID = 900_001


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": TOKEN,
        "database_url": database_url,
        "admin_ids": [ADMIN_ID],
        "centre_name": "Ресурсный центр",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database.from_url(database_url)
    await migrate.upgrade(db.engine)
    yield db
    await db.engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def policy(settings: Settings) -> Policy:
    return policy_from(settings, bot_username=BOT_USERNAME)


@pytest.fixture
async def svc(database: Database, policy: Policy, clock: Clock) -> AsyncIterator[Services]:
    async with database.session_factory() as session:
        yield Services(session, policy, clock)


@pytest.fixture
async def harness(
    settings: Settings, database: Database, policy: Policy, clock: Clock
) -> AsyncIterator[BotHarness]:
    session = RecordingSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = create_dispatcher(
        settings,
        database.session_factory,
        policy=policy,
        clock=clock,
        storage=MemoryStorage(),
        events_isolation=SimpleEventIsolation(),
    )
    yield BotHarness(dp, bot, session, database, policy, clock)
    await dp.storage.close()


@pytest.fixture
async def schools(svc: Services) -> list[int]:
    from services.context import Actor
    from services.enums import Role

    admin = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))
    csv = (
        "name;short_name;municipality;low_results;unfavourable;leading;partner\n"
        "МБОУ «Средняя школа № 1»;СШ № 1;Рудня;нет;нет;да;да\n"
        "МБОУ «Средняя школа № 2»;СШ № 2;Рудня;да;нет;нет;да\n"
        "МБОУ «Любавичская СШ»;Любавичская СШ;Рудня;да;да;нет;да\n"
    ).encode()
    await svc.schools.import_csv(admin, csv)
    page = await svc.schools.search()
    return [s.id for s in page.items]


def postgres_url() -> str | None:
    return os.environ.get("TEST_POSTGRES_URL")


def redis_url() -> str | None:
    return os.environ.get("TEST_REDIS_URL")


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    base = postgres_url()
    if not base:
        pytest.skip("PostgreSQL not configured: set TEST_POSTGRES_URL to run this test")
    import uuid

    import asyncpg

    dsn = base.replace("postgresql+asyncpg://", "postgresql://")
    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(dsn)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL at TEST_POSTGRES_URL is not reachable: {exc}")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    head, _, _ = base.rpartition("/")
    yield f"{head}/{name}"
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def pg_database(pg_url: str) -> AsyncIterator[Database]:
    db = Database.from_url(pg_url)
    await migrate.upgrade(db.engine)
    yield db
    await db.engine.dispose()


@pytest.fixture
async def redis_client() -> AsyncIterator[object]:
    url = redis_url()
    if not url:
        pytest.skip("Redis not configured: set TEST_REDIS_URL to run this test")
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        await client.ping()
    except OSError as exc:
        pytest.skip(f"Redis at TEST_REDIS_URL is not reachable: {exc}")
    yield client
    await client.aclose()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API over real HTTP on 127.0.0.1, for tests that run the bot's own client."""
    api = FakeBotAPI()
    await api.start()
    yield api
    await api.stop()
