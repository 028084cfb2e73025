"""Broadcast throughput at Telegram's limits, and against the bare transport, in one run.

Recipients get one outbox row each (priority BULK), sent by `DeliveryEngine` through aiogram's
real `AiohttpSession` to bench/fake_bot_api.py, which runs in a process of its own on
127.0.0.1 and answers 429 past its per-second limit (or to a second message to one chat
within a second). Each run measures, in this order:

1. bare: `bot.send_message` in a loop with `--concurrency` in flight, the same session
   class, the same server (no limit), the same text: what the transport itself allows;
2. at the limit, for each `--rate`: API limit = engine rate; achieved / limit (goal >= 0.95)
   and 429 answers (goal 0);
3. the ceiling: API limit and engine rate far above anything reachable; the engine's own
   rate and its share of the bare rate (goal >= 0.5);
4. bare again; the higher of the two bare rates is the denominator.

Also the engine's CPU and SQL statements per message. With `--runs N` every figure is
measured N times and printed with its median and range.

    .venv/bin/python -m bench.broadcast [--recipients 5000] [--rate 1000] [--runs 3]
        [--database postgresql+asyncpg://postgres@127.0.0.1:5432/bench_broadcast]

A PostgreSQL database named in --database is created for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass, field
from datetime import time as clock_time
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.enums import ParseMode
from sqlalchemy import event, make_url

from bench.fake_bot_api import Served
from bench.mix import throwaway_database
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
TEXT = "<b>Семинар</b> в пятницу в 15:00. Приходите!"
UNLIMITED = 100_000.0
LIMIT_GOAL = 0.95
SHARE_GOAL = 0.5
CHATS_PER_TAG = 100_000


def new_bot(api: Served) -> Bot:
    return Bot(
        TOKEN,
        session=AiohttpSession(api=api.server),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


async def prepare(database: Database, recipients: int, tag: int) -> None:
    """Recipients with a chat each (a range of chat ids per tag) and one bulk row each."""
    async with database.session_factory() as session:
        users = [
            User(
                telegram_id=10_000_000 + tag * CHATS_PER_TAG + n,
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
                body=TEXT,
                priority=Priority.BULK,
                ref=("bench", tag),
                dedupe_key=f"bench:{tag}:{user.id}",
            )
        await session.commit()


def achieved_rate(accepted: list[list[float]]) -> float:
    times = sorted(at for _, at in accepted)
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return (len(times) - 1) / span if span else 0.0


async def bare_rate(api: Served, count: int, concurrency: int, tag: int) -> float:
    """aiogram alone: the same message to `count` chats, `concurrency` in flight."""
    await api.reset()
    bot = new_bot(api)
    gate = asyncio.Semaphore(concurrency)
    base = 10_000_000 + tag * CHATS_PER_TAG

    async def one(n: int) -> None:
        async with gate:
            await bot.send_message(base + n, TEXT)

    await asyncio.gather(*(one(n) for n in range(min(200, count))))  # warm the connections
    await api.reset()
    await asyncio.gather(*(one(n) for n in range(200, 200 + count)))
    await bot.session.close()
    return achieved_rate((await api.stats())["accepted"])


@dataclass
class EngineRun:
    achieved: float
    too_many: int
    retry_afters: int
    cpu_ms: float
    statements: float
    handled: int
    accepted: int


async def engine_rate(
    database: Database, api: Served, args: argparse.Namespace, rate: float, tag: int
) -> EngineRun:
    await prepare(database, args.recipients, tag)
    await api.reset()
    bot = new_bot(api)
    engine = DeliveryEngine(
        bot,
        database.session_factory,
        POLICY,
        rate=rate,
        batch=args.batch,
        concurrency=args.concurrency,
    )
    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    cpu = time.process_time()
    try:
        handled = await engine.tick()
    finally:
        cpu = time.process_time() - cpu
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
        await bot.session.close()
    stats = await api.stats()
    return EngineRun(
        achieved=achieved_rate(stats["accepted"]),
        too_many=int(stats["too_many"]),
        retry_afters=engine.retry_after_count,
        cpu_ms=cpu / max(handled, 1) * 1000,
        statements=statements[0] / max(handled, 1),
        handled=handled,
        accepted=len(stats["accepted"]),
    )


@dataclass
class Figures:
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)


def loadavg() -> str:
    with open("/proc/loadavg", encoding="ascii") as source:
        return " ".join(source.read().split()[:3])


async def one_run(
    database: Database, args: argparse.Namespace, rates: list[float], run: int, figures: Figures
) -> None:
    tag = run * 10
    print(f"run {run + 1}: load average {loadavg()}")
    with Served(limit=UNLIMITED) as unlimited:
        bare = [await bare_rate(unlimited, args.recipients, args.concurrency, tag + 1)]
        for offset, rate in enumerate(rates):
            with Served(limit=rate) as limited:
                result = await engine_rate(database, limited, args, rate, tag + 2 + offset)
            share = result.achieved / rate
            figures.add(f"at {rate:g}/s: achieved / limit", share)
            figures.add(f"at {rate:g}/s: 429 answers", result.too_many)
            print(
                f"  limit {rate:g}/s: achieved {result.achieved:7.1f} msg/s = {share:.3f} of the"
                f" limit (goal >= {LIMIT_GOAL}), 429s {result.too_many} (goal 0),"
                f" handled {result.handled}, accepted {result.accepted},"
                f" {result.cpu_ms:.3f} ms CPU and {result.statements:.3f} SQL statements a message"
            )
        ceiling = await engine_rate(database, unlimited, args, UNLIMITED, tag + 8)
        bare.append(await bare_rate(unlimited, args.recipients, args.concurrency, tag + 9))
    best = max(bare)
    figures.add("bare aiogram, msg/s", best)
    figures.add("engine ceiling, msg/s", ceiling.achieved)
    figures.add("ceiling / bare", ceiling.achieved / best)
    print(
        f"  bare aiogram {best:7.1f} msg/s (before / after: {bare[0]:.0f} / {bare[1]:.0f}),"
        f" engine ceiling {ceiling.achieved:7.1f} msg/s = {ceiling.achieved / best:.3f} of bare"
        f" (goal >= {SHARE_GOAL}); ceiling run {ceiling.cpu_ms:.3f} ms CPU and"
        f" {ceiling.statements:.3f} SQL statements a message"
    )
    print(f"  load average after: {loadavg()}")


async def main(args: argparse.Namespace) -> None:
    rates = [float(r) for r in args.rate.split(",") if r]
    async with throwaway_database(args.database) as url:
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        backend = make_url(url).get_backend_name()
        print(
            f"database {backend}, {args.recipients} recipients, batch {args.batch},"
            f" concurrency {args.concurrency}"
        )
        figures = Figures()
        try:
            for run in range(args.runs):
                await one_run(database, args, rates, run, figures)
        finally:
            await database.engine.dispose()
    if args.runs > 1:
        print(f"median [range] of {args.runs} runs:")
        for name, values in figures.values.items():
            print(
                f"  {name:32s} {statistics.median(values):9.3f}"
                f"  [{min(values):.3f} – {max(values):.3f}]"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--rate", default="1000", help="engine rate = API limit; a list: 30,1000")
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default: SQLite)")
    asyncio.run(main(parser.parse_args()))
