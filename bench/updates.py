"""A realistic mix of events traffic through the real Dispatcher on SQLite.

Browsing /events (and its pages and filters), opening cards, registering and cancelling, fed
with the recording Bot API session. Prints the mix's throughput, the p50/p99 handler latency
at an offered load of 100 updates/s, and the bare aiogram dispatch rate of the same run (a
Dispatcher with one handler that does nothing), with the ratio.

    .venv/bin/python -m bench.updates [--updates 3000] [--rate 100]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import CallbackQuery, Message, Update

from bot.config import Settings
from bot.factory import Database, create_dispatcher, policy_from
from db import migrate
from db.enums import Role, Subject, Topic
from db.models import User, UserRole, UserSubject
from handlers.events_ui import Act, EventCD, ListCD
from services.container import Services
from services.context import Actor
from services.events import Audience, EventDraft, EventFormat, EventType
from tests.fakes import TOKEN, RecordingSession, callback_update, message_update, tg_user

PEOPLE = 300
EVENTS = 40
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
STAFF_TG = 9_000_000


class FixedClock:
    def __call__(self) -> datetime:
        return NOW


async def seed(database: Database, settings: Settings) -> list[int]:
    async with database.session_factory() as session:
        for tg in [STAFF_TG, *range(1_000, 1_000 + PEOPLE)]:
            role = Role.METHODIST if tg == STAFF_TG else Role.TEACHER
            session.add(
                User(
                    telegram_id=tg,
                    locale="ru",
                    full_name=f"Педагог {tg}",
                    roles=[UserRole(role=role.value, granted_at=NOW)],
                    subjects=[UserSubject(subject=Subject.MATH.value)],
                    experience="3-10",
                    position="teacher",
                )
            )
        await session.commit()
        staff_id = (
            await session.execute(
                User.__table__.select().where(User.telegram_id == STAFF_TG)  # type: ignore[attr-defined]
            )
        ).first()
    assert staff_id is not None
    staff = Actor(STAFF_TG, staff_id.id, "ru", frozenset({Role.METHODIST}))
    ids = []
    rng = random.Random(7)
    async with database.session_factory() as session:
        svc = Services(session, policy_from(settings, "bench_bot"), FixedClock())
        for index in range(EVENTS):
            start = NOW + timedelta(days=1 + index % 30, hours=index % 5)
            draft = EventDraft(
                title=f"Семинар № {index + 1}: {rng.choice(['ОГЭ', 'ЕГЭ', 'ОВЗ', 'ФГ'])}",
                type=rng.choice(list(EventType)),
                topic=rng.choice(list(Topic)),
                format=EventFormat.IN_PERSON,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="Ресурсный центр, ауд. 1",
                capacity=rng.choice([None, 10, 25, 50]),
                audience=Audience.EVERYONE,
            )
            ids.append(await svc.events.create(staff, draft, publish=True))
    return ids


def traffic(count: int, event_ids: list[int], seed_value: int = 1) -> list[Update]:
    rng = random.Random(seed_value)
    updates = []
    for _ in range(count):
        user = tg_user(rng.randrange(1_000, 1_000 + PEOPLE))
        roll = rng.random()
        event_id = rng.choice(event_ids)
        if roll < 0.30:
            updates.append(message_update(user, "/events"))
        elif roll < 0.45:
            data = ListCD(page=rng.randrange(0, 4), ty=rng.randrange(0, 3)).pack()
            updates.append(callback_update(user, data))
        elif roll < 0.50:
            updates.append(message_update(user, "/my"))
        elif roll < 0.75:
            updates.append(callback_update(user, EventCD(act=Act.OPEN, event_id=event_id).pack()))
        elif roll < 0.90:
            data = EventCD(act=Act.REGISTER, event_id=event_id).pack()
            updates.append(callback_update(user, data))
        else:
            updates.append(
                callback_update(user, EventCD(act=Act.CANCEL, event_id=event_id).pack())
            )
    return updates


async def throughput(dp: Dispatcher, bot: Bot, updates: list[Update], parallel: int) -> float:
    gate = asyncio.Semaphore(parallel)

    async def one(update: Update) -> None:
        async with gate:
            await dp.feed_update(bot, update)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in updates))
    return len(updates) / (time.perf_counter() - started)


async def latency_at(
    dp: Dispatcher, bot: Bot, updates: list[Update], rate: float
) -> tuple[float, float, float]:
    latencies: list[float] = []

    async def one(update: Update) -> None:
        started = time.perf_counter()
        await dp.feed_update(bot, update)
        latencies.append((time.perf_counter() - started) * 1000)

    tasks = []
    begin = time.perf_counter()
    for index, update in enumerate(updates):
        delay = begin + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(update)))
    await asyncio.gather(*tasks)
    achieved = len(updates) / (time.perf_counter() - begin)
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return achieved, p50, p99


async def sequential(dp: Dispatcher, bot: Bot, updates: list[Update]) -> tuple[float, float]:
    """Latency of one update at a time: the handlers' own cost, without any queueing."""
    latencies = []
    for update in updates:
        started = time.perf_counter()
        await dp.feed_update(bot, update)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99)]


def bare_dispatcher() -> Dispatcher:
    dp = Dispatcher(storage=MemoryStorage(), events_isolation=SimpleEventIsolation())
    router = Router()

    async def nothing(event: Message | CallbackQuery) -> None:
        return None

    router.message.register(nothing)
    router.callback_query.register(nothing)
    dp.include_router(router)
    return dp


async def main(count: int, rate: float, parallel: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        settings = Settings.model_validate(
            {"bot_token": TOKEN, "database_url": url, "admin_ids": [1]}
        )
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        event_ids = await seed(database, settings)
        session = RecordingSession()
        bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        dp = create_dispatcher(
            settings,
            database.session_factory,
            policy=policy_from(settings, "bench_bot"),
            clock=FixedClock(),
            storage=MemoryStorage(),
            events_isolation=SimpleEventIsolation(),
        )
        await throughput(dp, bot, traffic(200, event_ids, 99), parallel)  # warm-up
        mix_rate = await throughput(dp, bot, traffic(count, event_ids, 1), parallel)
        offered = traffic(max(int(rate * 10), 500), event_ids, 2)
        achieved, p50, p99 = await latency_at(dp, bot, offered, rate)
        one_by_one = await sequential(dp, bot, traffic(300, event_ids, 3))
        bare = bare_dispatcher()
        await throughput(bare, bot, traffic(200, event_ids, 99), parallel)
        bare_rate = await throughput(bare, bot, traffic(count, event_ids, 1), parallel)
        await database.engine.dispose()

    print(f"updates in the mix:            {count} (concurrency {parallel})")
    print(f"mix throughput:                {mix_rate:8.1f} updates/s")
    print(f"bare aiogram dispatch:         {bare_rate:8.1f} updates/s")
    print(f"ratio mix / bare:              {mix_rate / bare_rate * 100:8.1f} %  (goal >= 25 %)")
    print(f"offered load:                  {rate:8.1f} updates/s (achieved {achieved:.1f})")
    print(f"handler latency p50:           {p50:8.1f} ms")
    print(f"handler latency p99:           {p99:8.1f} ms  (goal <= 50 ms)")
    print(f"one at a time p50 / p99:       {one_by_one[0]:8.1f} / {one_by_one[1]:.1f} ms")
    print(f"Bot API calls recorded:        {len(session.requests)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--parallel", type=int, default=32)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.rate, args.parallel))
