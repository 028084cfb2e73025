"""A realistic mix of update traffic through the real Dispatcher, on SQLite or PostgreSQL.

Teachers browse /events (pages and filters), open cards, register and cancel, and answer the
diagnostics survey; parents book a psychologist through the whole form. Fed to the real
Dispatcher with a Bot API session that answers like Telegram without a network. Prints:

- the mix's throughput with 32 updates in flight, and the bare aiogram dispatch rate of the
  same run (a Dispatcher with one handler that does nothing; the higher of a run before and
  one after the mix) with the ratio (bench/floors shows what bounds it);
- p50/p99 handler latency at offered loads of 50, 100 and 300 updates/s, and one at a time;
- peak memory of the process (VmHWM) and, with --soak-seconds, the resident size sampled
  through a long run at a steady offered load (it should not grow).

    .venv/bin/python -m bench.updates [--updates 3000] [--rates 50,100,300] [--seconds 10]
        [--database postgresql+asyncpg://postgres@127.0.0.1:5432/bench_updates]
        [--soak-seconds 600 --soak-rate 100]
    .venv/bin/python -m bench.updates --broadcast 10000 [--broadcast-rates 30,1000]
        [--broadcast-load 100] [--seconds 10] [--database ...]

The --broadcast mode (bench/updates_broadcast.py) measures reply latency while a broadcast
goes out at each rate, replies and broadcast through one Bot over HTTP.

A PostgreSQL database named in --database is created for the run and dropped after it; the
bench refuses a database that already exists.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import CallbackQuery, Message, Update
from sqlalchemy import func, make_url, select

from bench import updates_broadcast
from bench.mix import (
    LATENCY_GOAL_MS,
    MIX,
    RATIO_GOAL,
    CountingSession,
    FixedClock,
    Traffic,
    World,
    latency_at,
    memory_kb,
    seed,
    sequential,
    throughput,
    throwaway_database,
)
from bot.app import freeze_startup_heap
from bot.config import Settings
from bot.factory import Database, create_dispatcher, policy_from
from db import migrate
from tests.support.fakes import TOKEN


def bare_dispatcher() -> Dispatcher:
    dp = Dispatcher(storage=MemoryStorage(), events_isolation=SimpleEventIsolation())
    router = Router()

    async def nothing(event: Message | CallbackQuery) -> None:
        return None

    router.message.register(nothing)
    router.callback_query.register(nothing)
    dp.include_router(router)
    return dp


async def bare_rate_of(
    bare: Dispatcher, bot: Bot, world: World, args: argparse.Namespace
) -> float:
    await throughput(bare, bot, Traffic(world, seed=99).take(200), args.parallel)
    return await throughput(bare, bot, Traffic(world, seed=1).take(args.updates), args.parallel)


async def soak(
    dp: Dispatcher, bot: Bot, traffic: Traffic, seconds: float, rate: float
) -> list[tuple[float, int, int]]:
    """Feeds the mix at `rate` for `seconds` (at most 64 in flight, so a slow moment does not
    pile up tasks) and samples the resident size ten times: (second, updates done, RSS kB)."""
    gate = asyncio.Semaphore(64)
    done = 0
    samples: list[tuple[float, int, int]] = []
    every = seconds / 10

    async def one(update: Update) -> None:
        nonlocal done
        try:
            await dp.feed_update(bot, update)
        finally:
            done += 1
            gate.release()

    tasks: set[asyncio.Task[None]] = set()
    begin = time.perf_counter()
    next_sample = begin
    for index, update in enumerate(traffic):
        now = time.perf_counter()
        if now - begin >= seconds:
            break
        if now >= next_sample:
            gc.collect()
            samples.append((now - begin, done, memory_kb("VmRSS")))
            next_sample += every
        delay = begin + index / rate - now
        if delay > 0:
            await asyncio.sleep(delay)
        await gate.acquire()
        task = asyncio.create_task(one(update))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    gc.collect()
    samples.append((time.perf_counter() - begin, done, memory_kb("VmRSS")))
    return samples


async def main(args: argparse.Namespace) -> None:
    rates = [float(r) for r in args.rates.split(",") if r]
    async with throwaway_database(args.database) as url:
        settings = Settings.model_validate(
            {"bot_token": TOKEN, "database_url": url, "admin_ids": [1]}
        )
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        world = await seed(database, settings)
        session = CountingSession()
        bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        dp = create_dispatcher(
            settings,
            database.session_factory,
            policy=policy_from(settings, "bench_bot"),
            clock=FixedClock(),
            storage=MemoryStorage(),
            events_isolation=SimpleEventIsolation(),
        )
        freeze_startup_heap()  # as the bot does once it is built (bot/app.py)
        # The bare rate is taken before and after the mix and the higher one kept: a busy
        # moment of the machine during one of them must not flatter the ratio.
        bare = bare_dispatcher()
        bare_rates = [await bare_rate_of(bare, bot, world, args)]
        traffic = Traffic(world, seed=1)
        await throughput(dp, bot, traffic.take(200), args.parallel)  # warm-up
        measured = traffic.take(args.updates)
        mix_rate = await throughput(dp, bot, measured, args.parallel)
        del measured
        latencies = []
        for rate in rates:
            count = max(int(rate * args.seconds), 100)
            latencies.append(await latency_at(dp, bot, traffic, count, rate))
        one_by_one = await sequential(dp, bot, traffic.take(300))
        peak_kb = memory_kb("VmHWM")
        samples = []
        if args.soak_seconds > 0:
            samples = await soak(dp, bot, traffic, args.soak_seconds, args.soak_rate)
        bare_rates.append(await bare_rate_of(bare, bot, world, args))
        bare_rate = max(bare_rates)
        counts = await database_counts(database)
        await database.engine.dispose()

    kind = make_url(url).get_backend_name()
    print(f"database:                      {kind}")
    print(f"updates in the mix:            {args.updates} (concurrency {args.parallel})")
    print(f"mix:                           {', '.join(f'{k} {s} %' for k, s in MIX)}")
    print(f"mix throughput:                {mix_rate:8.1f} updates/s")
    print(
        f"bare aiogram dispatch:         {bare_rate:8.1f} updates/s"
        f"  (before / after the mix: {bare_rates[0]:.0f} / {bare_rates[1]:.0f})"
    )
    ratio = mix_rate / bare_rate * 100
    print(f"ratio mix / bare:              {ratio:8.1f} %  (goal >= {RATIO_GOAL:.0f} %)")
    for item in latencies:
        print(
            f"offered {item.offered:5.0f}/s: achieved {item.achieved:6.1f}/s, "
            f"p50 {item.p50:8.1f} ms, p99 {item.p99:8.1f} ms"
            f"  (goal p99 <= {LATENCY_GOAL_MS:.0f} ms)"
        )
    print(f"one at a time p50 / p99:       {one_by_one[0]:8.1f} / {one_by_one[1]:.1f} ms")
    print(f"peak memory (VmHWM):           {peak_kb / 1024:8.1f} MB  (no goal set; reported)")
    if samples:
        print(
            f"soak at {args.soak_rate:.0f}/s offered for {args.soak_seconds:.0f} s"
            " (second, updates done, RSS):"
        )
        for second, done, rss in samples:
            print(f"    {second:7.1f} s {done:8d} {rss / 1024:8.1f} MB")
        settled = samples[1][2] if len(samples) > 2 else samples[0][2]
        growth = (samples[-1][2] - settled) / 1024
        print(f"RSS growth after the first tenth: {growth:+.1f} MB  (goal: no growth)")
    print(f"Bot API calls made:            {session.calls}")
    print(f"rows at the end:               {counts}")


async def database_counts(database: Database) -> str:
    from db.models import ConsultBooking, Registration, SurveyAnswer

    async with database.session_factory() as session:
        parts = []
        for name, model in (
            ("registrations", Registration),
            ("bookings", ConsultBooking),
            ("survey answers", SurveyAnswer),
        ):
            count = (await session.execute(select(func.count()).select_from(model))).scalar_one()
            parts.append(f"{name} {count}")
        return ", ".join(parts)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=3000, help="updates in the mix run")
    parser.add_argument("--parallel", type=int, default=32, help="updates in flight")
    parser.add_argument("--rates", default="50,100,300", help="offered loads, updates/s")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load")
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default: SQLite)")
    parser.add_argument("--soak-seconds", type=float, default=0.0)
    parser.add_argument("--soak-rate", type=float, default=100.0)
    parser.add_argument(
        "--broadcast",
        type=int,
        default=0,
        help="instead: replies while a broadcast to this many goes out (bench/updates_broadcast)",
    )
    parser.add_argument("--broadcast-rates", default="30,1000", help="the broadcast's rates")
    parser.add_argument("--broadcast-load", type=float, default=100.0, help="updates/s offered")
    arguments = parser.parse_args()
    if arguments.broadcast:
        asyncio.run(updates_broadcast.main(arguments))
    else:
        asyncio.run(main(arguments))
