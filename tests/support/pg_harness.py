"""The real Dispatcher on a PostgreSQL engine of its own, for the concurrency tests: each sizes
the connection pool for its own stampede."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy.ext.asyncio import create_async_engine

from bot.factory import Database, create_dispatcher, policy_from
from db.engine import create_session_factory
from tests.conftest import make_settings
from tests.support.fakes import TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock


@asynccontextmanager
async def pooled_pg_harness(
    pg_url: str, pool_size: int, pool_timeout: float = 120
) -> AsyncIterator[BotHarness]:
    engine = create_async_engine(
        pg_url, pool_size=pool_size, max_overflow=0, pool_timeout=pool_timeout
    )
    database = Database(engine, create_session_factory(engine))
    settings = make_settings(pg_url)
    policy = policy_from(settings, bot_username="coordinator_test_bot")
    clock = Clock()
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
    try:
        yield BotHarness(dp, bot, session, database, policy, clock)
    finally:
        await dp.storage.close()
        await engine.dispose()
