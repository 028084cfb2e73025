"""Reminder burst: 1,000 reminders fall due in the same second; the real scheduler (APScheduler
interval job, DELIVERY_TICK_SECONDS) and engine send them through aiogram's AiohttpSession to
bench/fake_bot_api.py in its own process. Prints the delay of the first send after the due
time and the time to drain all of them, against what the rate limit allows.

    .venv/bin/python -m bench.reminders [--reminders 1000] [--rate 25]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.enums import ParseMode
from sqlalchemy import update

from bench.fake_bot_api import Served
from bot.config import Settings
from bot.factory import Database
from bot.scheduler import Scheduler
from db import migrate
from db.enums import OutboxState, Role
from db.models import OutboxMessage, User, UserRole
from services.context import Policy, system_clock
from services.delivery.engine import DeliveryStore
from services.delivery.outbox import OutboxService

TOKEN = "4242424:AAEbenchTOKENbenchTOKENbenchTOKEN12"
POLICY = Policy(quiet_hours_start=clock_time(0, 0), quiet_hours_end=clock_time(0, 0))


async def prepare(database: Database, count: int, due: datetime) -> None:
    starts = due + timedelta(hours=1)
    async with database.session_factory() as session:
        users = [
            User(
                telegram_id=20_000_000 + n,
                locale="ru",
                roles=[UserRole(role=Role.TEACHER.value)],
                subjects=[],
            )
            for n in range(count)
        ]
        session.add_all(users)
        await session.flush()
        outbox = OutboxService(session, lambda: due - timedelta(minutes=1))
        for user in users:
            outbox.schedule_reminders(
                user_id=user.id,
                ref=("event", 1),
                starts_at=starts,
                offsets_hours=(1.0,),
                template="digest-title",
                args={"day": starts},
            )
        await session.commit()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reminders", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=25.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        await prepare(database, args.reminders, datetime.now(UTC) + timedelta(minutes=5))
        settings = Settings.model_validate(
            {"database_url": url, "broadcast_rate": args.rate, "delivery_tick_seconds": 1.0}
        )
        with Served(limit=args.rate) as api:
            bot = Bot(
                TOKEN,
                session=AiohttpSession(api=api.server),
                default=DefaultBotProperties(parse_mode=ParseMode.HTML),
            )
            # Set once everything is up: every reminder falls due in one whole second, two to
            # three seconds from now, while the scheduler is already ticking.
            due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
            async with database.session_factory() as session:
                await session.execute(update(OutboxMessage).values(due_at=due))
                await session.commit()
            scheduler = Scheduler(settings, bot, database.session_factory, POLICY)
            await scheduler.start()
            store = DeliveryStore(database.session_factory, POLICY, system_clock)
            while True:
                await asyncio.sleep(1.0)
                states = await store.states()
                if states.get(OutboxState.PENDING.value, 0) == 0 and not states.get(
                    OutboxState.SENDING.value
                ):
                    break
            await scheduler.stop()
            await bot.session.close()
            stats = await api.stats()
        await database.engine.dispose()
    # The server's clock is monotonic: translate the due time into it through this process's.
    offset = time.time() - time.monotonic()
    due_mono = due.timestamp() - offset
    times = sorted(at for _, at in stats["accepted"])
    first_delay = times[0] - due_mono
    drain = times[-1] - due_mono
    ideal = (len(times) - 1) / args.rate
    print(f"reminders due at one second  {args.reminders}, engine and API limit {args.rate:g}/s")
    print(f"  sent                       {len(times)} (states {states})")
    print(f"  429 answers                {stats['too_many']}")
    print(f"  first send after due       {first_delay:.2f} s (tick every 1 s)")
    print(f"  all drained after due      {drain:.1f} s")
    print(f"  floor set by the limit     {ideal:.1f} s")
    print(f"  drain / floor              {drain / ideal:.3f}")


if __name__ == "__main__":
    asyncio.run(main())
