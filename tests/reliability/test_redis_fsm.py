"""With REDIS_URL the conversation state lives in Redis, so two replicas of the bot can share
one person's onboarding: it starts on one and continues on the other."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from sqlalchemy import select

from bot.config import Settings
from bot.factory import Database, create_dispatcher
from db.models import User
from services.context import Policy
from tests.conftest import make_settings, redis_url
from tests.support.fakes import TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock

pytestmark = pytest.mark.redis

_people = itertools.count(150_001)


@pytest.fixture
def redis_settings(database_url: str, redis_client: Any) -> Settings:
    url = redis_url()
    assert url is not None  # redis_client skipped otherwise
    return make_settings(database_url, redis_url=url)


@pytest.fixture
async def replicas(
    redis_settings: Settings, database: Database, policy: Policy, clock: Clock
) -> AsyncIterator[tuple[BotHarness, BotHarness]]:
    made = []
    for _ in range(2):
        session = RecordingSession()
        bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        # No storage passed: the factory decides from the settings, as in production.
        dp = create_dispatcher(
            redis_settings, database.session_factory, policy=policy, clock=clock
        )
        made.append(BotHarness(dp, bot, session, database, policy, clock))
    yield made[0], made[1]
    for harness in made:
        await harness.dp.storage.close()


async def _forget_state(redis_client: Any, user_id: int) -> None:
    keys = [key async for key in redis_client.scan_iter(match=f"fsm:*:{user_id}:*")]
    if keys:
        await redis_client.delete(*keys)


async def test_redis_url_selects_redis_storage(
    replicas: tuple[BotHarness, BotHarness],
) -> None:
    first, _ = replicas
    assert isinstance(first.dp.storage, RedisStorage)
    assert isinstance(first.dp.fsm.events_isolation, RedisEventIsolation)


async def test_onboarding_started_on_one_replica_continues_on_the_other(
    replicas: tuple[BotHarness, BotHarness], redis_client: Any, schools: list[int]
) -> None:
    first, second = replicas
    person = next(_people)
    try:
        await first.send(person, "/start")
        await first.press(person, "Русский")
        await first.press(person, "педагог")
        await first.press(person, "Согласен")
        assert "фамилию, имя" in first.last_text(person)
        stored = [key async for key in redis_client.scan_iter(match=f"fsm:*:{person}:*")]
        assert stored, "the step is kept in Redis"

        # The next message lands on the other replica, which knows the person is at the name.
        await second.send(person, "Орлова Дарья Сергеевна")
        assert "школе" in second.last_text(person)
        await second.send(person, "любавич")
        await second.press(person, "Любавичская")
        await second.press(person, "математика")
        # Back on the first replica for the rest: the ticked subject is remembered there too.
        first.api.requests.extend(second.api.requests)
        await first.press(person, "Готово")
        await first.press(person, "3–10")
        await first.press(person, "учитель")
        assert "Профиль заполнен" in first.last_text(person)

        async with first.database.session_factory() as session:
            user = (
                await session.execute(select(User).where(User.telegram_id == person))
            ).scalar_one()
            assert user.full_name == "Орлова Дарья Сергеевна"
            assert [s.subject for s in user.subjects] == ["math"]
    finally:
        await _forget_state(redis_client, person)


async def test_cancel_on_one_replica_ends_the_flow_on_the_other(
    replicas: tuple[BotHarness, BotHarness], redis_client: Any
) -> None:
    first, second = replicas
    person = next(_people)
    try:
        await first.send(person, "/start")
        await first.press(person, "Русский")
        await first.press(person, "родитель")
        await first.press(person, "Согласен")
        await second.send(person, "/cancel")
        replies = await first.send(person, "/cancel")
        assert any("Сейчас нечего отменять" in str(getattr(r, "text", "")) for r in replies)
    finally:
        await _forget_state(redis_client, person)
