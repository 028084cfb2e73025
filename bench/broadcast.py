"""Broadcast throughput: 2,000 recipients through aiogram's real HTTP client (AiohttpSession)
against bench/fake_bot_api.py on loopback, which answers 429 past its per-second limit.

Run 1: limit = engine rate (default 25/s): prints achieved rate / limit (goal >= 0.95) and 429s
(goal 0). Run 2: a limit far above the engine: prints the engine's own ceiling in msg/s.

    .venv/bin/python -m bench.broadcast [--recipients 2000] [--rate 25] [--ceiling-rate 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import time as clock_time
from pathlib import Path

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.enums import ParseMode

from bench.fake_bot_api import Served
from bot.delivery import DeliveryEngine
from bot.factory import Database
from db import migrate
from db.enums import Priority, Role
from db.models import User, UserRole
from services.context import Policy, system_clock
from services.delivery.outbox import OutboxService

TOKEN = "4242424:AAEbenchTOKENbenchTOKENbenchTOKEN12"
# Quiet hours off: the bench measures sending, whatever the hour it is run at.
POLICY = Policy(quiet_hours_start=clock_time(0, 0), quiet_hours_end=clock_time(0, 0))


async def prepare(database: Database, recipients: int, tag: int) -> None:
    async with database.session_factory() as session:
        users = [
            User(
                telegram_id=10_000_000 + tag * 100_000 + n,
                locale="ru",
                roles=[UserRole(role=Role.TEACHER.value)],
                subjects=[],
            )
            for n in range(recipients)
        ]
        session.add_all(users)
        await session.flush()
        outbox = OutboxService(session, system_clock)
        for user in users:
            outbox.enqueue(
                user_id=user.id,
                kind="broadcast",
                body="<b>Семинар</b> в пятницу в 15:00. Приходите!",
                priority=Priority.BULK,
                ref=("bench", tag),
                dedupe_key=f"bench:{tag}:{user.id}",
            )
        await session.commit()


async def run(database: Database, recipients: int, limit: float, rate: float, tag: int) -> None:
    await prepare(database, recipients, tag)
    with Served(limit=limit) as api:
        bot = Bot(
            TOKEN,
            session=AiohttpSession(api=api.server),
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )
        engine = DeliveryEngine(
            bot, database.session_factory, POLICY, rate=rate, batch=50, concurrency=32
        )
        started = time.monotonic()
        sent = await engine.tick()
        wall = time.monotonic() - started
        await bot.session.close()
        stats = await api.stats()
        times = sorted(at for _, at in stats["accepted"])
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        achieved = (len(times) - 1) / span if span else 0.0
        print(f"  rows handled        {sent}")
        print(f"  accepted by API     {len(times)}")
        print(f"  429 answers         {stats['too_many']}")
        print(f"  engine retry-afters {engine.retry_after_count}")
        print(f"  wall time           {wall:.1f} s")
        print(f"  achieved rate       {achieved:.2f} msg/s")
        print(f"  API limit           {limit:g} msg/s, engine rate {rate:g} msg/s")
        print(f"  achieved / limit    {achieved / limit:.3f}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--ceiling-rate", type=float, default=1000.0)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        print(f"database {url.split(':')[0]}, {args.recipients} recipients")
        print(f"run 1: API limit = engine rate = {args.rate:g}/s")
        await run(database, args.recipients, args.rate, args.rate, tag=1)
        print(f"run 2: API limit 100000/s, engine rate {args.ceiling_rate:g}/s (the ceiling)")
        await run(database, args.recipients, 100_000, args.ceiling_rate, tag=2)
        await database.engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
