"""What one update costs before the bot does anything of its own: the floors under bench/updates.

bench/updates compares the bot's realistic mix with the bare aiogram dispatch rate (a handler
that does nothing). This bench feeds the same kind of updates, 32 in flight, through a
Dispatcher whose one handler does a single thing more than nothing, one step at a time:

    bare                   the handler does nothing (bench/updates' denominator)
    reply                  it answers with one message
    driver read + reply    one SELECT on a pooled connection of the SQLite driver, no session
    session read + reply   one Core SELECT through an AsyncSession (as every service reads)
    actor + reply          the bot's own per-update read: UserService.actor_for in a session
    guarded write + reply  the seat guard's transaction: begin_write, the conditional UPDATE,
                           COMMIT (the least any registration or cancellation does)

and prints each rate and its share of the bare rate. Each step is measured `--repeats` times,
interleaved, and the best run is kept, so a busy moment of the machine does not decide it.
From the floors it prints the best the issue's mix could reach: every read update costing
only "actor + reply" (one statement for the whole screen is already less than any screen
needs) and every write update only "guarded write + reply".

    .venv/bin/python -m bench.floors [--updates 3000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import Message
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.mix import (
    TEACHERS,
    CountingSession,
    FixedClock,
    seed,
    throughput,
    throwaway_database,
)
from bot.config import Settings
from bot.factory import Database, policy_from
from db import migrate
from db.models import Event, User
from db.tx import begin_write
from services.container import Services
from services.context import Policy
from tests.support.fakes import TOKEN, message_update, tg_user

# The events issue's mix: /events 30, next page 15, /my 5, a card 25 (reads); register 15,
# cancel 10 (writes).
READ_SHARE = 0.75
WRITE_SHARE = 0.25
RATIO_GOAL = 25.0

Step = Callable[[Message], Awaitable[None]]


def steps(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    policy: Policy,
    event_id: int,
) -> dict[str, Step]:
    async def bare(message: Message) -> None:
        return None

    async def reply(message: Message) -> None:
        await message.answer("ok")

    async def driver_read(message: Message) -> None:
        assert message.from_user is not None
        async with engine.connect() as connection:
            result = await connection.exec_driver_sql(
                "SELECT id, locale FROM users WHERE telegram_id = ?", (message.from_user.id,)
            )
            row = result.first()
        await message.answer(f"ok {row[0] if row else 0}")

    async def session_read(message: Message) -> None:
        assert message.from_user is not None
        async with sessions() as session:
            found = await session.execute(
                select(User.id, User.locale).where(User.telegram_id == message.from_user.id)
            )
            row = found.first()
        await message.answer(f"ok {row[0] if row else 0}")

    async def actor(message: Message) -> None:
        assert message.from_user is not None
        async with sessions() as session:
            services = Services(session, policy, FixedClock())
            who = await services.users.actor_for(message.from_user.id, "ru")
            await services.end_read()
        await message.answer(f"ok {who.user_id}")

    async def guarded_write(message: Message) -> None:
        async with sessions() as session:
            await begin_write(session)
            await session.execute(
                update(Event)
                .where(Event.id == event_id, Event.seats_taken < 1_000_000_000)
                .values(seats_taken=Event.seats_taken + 1)
            )
            await session.commit()
        await message.answer("ok")

    return {
        "bare": bare,
        "reply": reply,
        "driver read + reply": driver_read,
        "session read + reply": session_read,
        "actor + reply": actor,
        "guarded write + reply": guarded_write,
    }


def dispatcher_with(step: Step) -> Dispatcher:
    dp = Dispatcher(storage=MemoryStorage(), events_isolation=SimpleEventIsolation())
    router = Router()
    router.message.register(step)
    dp.include_router(router)
    return dp


async def main(args: argparse.Namespace) -> None:
    async with throwaway_database(None) as url:
        settings = Settings.model_validate(
            {"bot_token": TOKEN, "database_url": url, "admin_ids": [1]}
        )
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        world = await seed(database, settings)
        bot = Bot(
            TOKEN,
            session=CountingSession(),
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )
        named = steps(
            database.engine,
            database.session_factory,
            policy_from(settings, "bench_bot"),
            world.event_ids[0],
        )
        dispatchers = {name: dispatcher_with(step) for name, step in named.items()}
        teachers = list(TEACHERS)
        updates = [
            message_update(tg_user(teachers[i % len(teachers)]), "/events")
            for i in range(args.updates)
        ]
        best = dict.fromkeys(dispatchers, 0.0)
        for dp in dispatchers.values():  # warm-up: caches, compiled statements, pool
            await throughput(dp, bot, updates[:300], args.parallel)
        for _ in range(args.repeats):
            for name, dp in dispatchers.items():
                rate = await throughput(dp, bot, updates, args.parallel)
                best[name] = max(best[name], rate)
        await database.engine.dispose()

    bare = best["bare"]
    print(f"updates per run: {args.updates}, {args.parallel} in flight, best of {args.repeats}")
    for name, rate in best.items():
        print(
            f"{name:24s} {rate:8.0f} updates/s  {1000 / rate:6.3f} ms each  "
            f"{rate / bare * 100:5.1f} % of bare"
        )
    read_ms = 1000 / best["actor + reply"]
    write_ms = 1000 / best["guarded write + reply"]
    mix_ms = READ_SHARE * read_ms + WRITE_SHARE * write_ms
    bound = (1000 / mix_ms) / bare * 100
    print(
        f"best the events mix could reach ({READ_SHARE:.0%} reads at 'actor + reply', "
        f"{WRITE_SHARE:.0%} writes at 'guarded write + reply'): {1000 / mix_ms:.0f} updates/s, "
        f"{bound:.1f} % of bare (goal >= {RATIO_GOAL:.0f} %)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=3000, help="updates in each run")
    parser.add_argument("--parallel", type=int, default=32, help="updates in flight")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each step")
    asyncio.run(main(parser.parse_args()))
