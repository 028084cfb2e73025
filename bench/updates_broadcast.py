"""bench.updates --broadcast: how fast people are answered while a big broadcast goes out.

The realistic update mix (bench/mix.py) is offered at --broadcast-load updates a second (100)
through the real Dispatcher, first alone and then while a --broadcast-recipient broadcast
(10,000) is sent by the real `DeliveryEngine` at each rate of --broadcast-rates (30, Telegram's
free limit, and 1000, the paid one). As in production, the replies and the broadcast go
through one Bot (aiogram's `AiohttpSession`, the interactive retries included) to
bench/fake_bot_api.py in its own process. Its limits are off here: its one-second window
counts replies and broadcast alike, and a hundred replies a second would be over Telegram's
free limit by themselves; the engine keeps to its own rate. Printed for each: p50/p99 reply
latency (each update from its start to the end of its handling, replies sent over HTTP
included; goal p99 <= 50 ms at the free limit), the broadcast's achieved rate over the
load, and how many broadcast sends were waiting for a permit meanwhile: replies that queued
behind them would wait that many sends' worth of the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from datetime import time as clock_time

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy import update

from bench.fake_bot_api import Served
from bench.mix import (
    LATENCY_GOAL_MS,
    FixedClock,
    Latency,
    Traffic,
    latency_at,
    seed,
    throughput,
    throwaway_database,
)
from bot.app import freeze_startup_heap
from bot.config import Settings
from bot.delivery import DeliveryEngine
from bot.factory import Database, create_bot, create_dispatcher, policy_from
from db import migrate
from db.enums import OutboxState, Priority, Role
from db.models import OutboxMessage, User, UserRole
from services.context import Policy
from services.delivery.outbox import OutboxService
from tests.support.fakes import TOKEN

KIND = "bench-broadcast"
FIRST_RECIPIENT = 20_000_000
TEXT = "<b>Открыта запись</b> на сетевой семинар в пятницу. Подробности — /events"
# Quiet hours off: the engine sends whatever the hour the bench runs at.
POLICY = Policy(quiet_hours_start=clock_time(0, 0), quiet_hours_end=clock_time(0, 0))


async def queue_broadcast(database: Database, count: int, tag: int) -> None:
    base = FIRST_RECIPIENT + tag * 100_000
    async with database.session_factory() as session:
        users = [
            User(telegram_id=base + n, locale="ru", roles=[UserRole(role=Role.PARENT.value)])
            for n in range(count)
        ]
        session.add_all(users)
        await session.flush()
        outbox = OutboxService(session, FixedClock())
        for user in users:
            outbox.enqueue(user_id=user.id, kind=KIND, body=TEXT, priority=Priority.BULK)
        await session.commit()


async def drop_pending(database: Database) -> None:
    """What is still queued is given up (announcements of the seeded events, the end of a
    broadcast the load outlasted), so the next measurement starts with its own alone."""
    async with database.session_factory() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.state == OutboxState.PENDING.value)
            .values(state=OutboxState.CANCELLED.value, dedupe_key=None)
        )
        await session.commit()


class Waiting:
    """Samples how many broadcast sends wait for a permit, every 10 ms."""

    def __init__(self, engine: DeliveryEngine) -> None:
        self.engine = engine
        self.samples: list[int] = []

    async def run(self) -> None:
        while True:
            self.samples.append(self.engine.limiter.waiting)
            await asyncio.sleep(0.01)


def _line(name: str, item: Latency, goal: bool) -> str:
    target = f"  (goal p99 <= {LATENCY_GOAL_MS:.0f} ms)" if goal else "  (reported; no goal)"
    return (
        f"  {name:22s} offered {item.offered:.0f}/s, achieved {item.achieved:6.1f}/s:"
        f" p50 {item.p50:7.1f} ms, p99 {item.p99:8.1f} ms{target}"
    )


async def main(args: argparse.Namespace) -> None:
    rates = [float(r) for r in args.broadcast_rates.split(",") if r]
    count = int(args.broadcast_load * args.seconds)
    async with throwaway_database(args.database) as url:
        settings = Settings.model_validate(
            {"bot_token": TOKEN, "database_url": url, "admin_ids": [1]}
        )
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        world = await seed(database, settings)
        with Served(limit=1_000_000, per_chat_interval=0.0) as api:
            bot = create_bot(settings, session=AiohttpSession(api=api.server))
            dp = create_dispatcher(
                settings,
                database.session_factory,
                policy=policy_from(settings, "bench_bot"),
                clock=FixedClock(),
                storage=MemoryStorage(),
                events_isolation=SimpleEventIsolation(),
            )
            freeze_startup_heap()
            traffic = Traffic(world, seed=1)
            await throughput(dp, bot, traffic.take(200), 32)  # warm-up, connections opened
            await drop_pending(database)
            print(
                f"replies while broadcasting: the mix at {args.broadcast_load:g} updates/s for"
                f" {args.seconds:g} s, a {args.broadcast}-recipient broadcast; replies and"
                " broadcast through one Bot over HTTP"
            )
            alone = await latency_at(dp, bot, traffic, count, args.broadcast_load)
            print(_line("no broadcast", alone, goal=False))
            for tag, rate in enumerate(rates):
                await broadcast_run(database, bot, dp, api, traffic, args, rate, tag, count)
            await bot.session.close()
        await database.engine.dispose()


async def broadcast_run(
    database: Database,
    bot: Bot,
    dp: Dispatcher,
    api: Served,
    traffic: Traffic,
    args: argparse.Namespace,
    rate: float,
    tag: int,
    count: int,
) -> None:
    await queue_broadcast(database, args.broadcast, tag)
    # Queueing 10,000 rows (ORM objects, as a staff broadcast's launch makes them) leaves
    # garbage whose first full collections take ~40 ms each: that is the launch's cost, not
    # the sending's, and it is collected here, before the measurement.
    gc.collect()
    engine = DeliveryEngine(
        bot, database.session_factory, POLICY, rate=rate, clock=FixedClock(), progress_interval=3.0
    )
    sending = asyncio.create_task(engine.tick())
    await asyncio.sleep(1.0)  # the broadcast under way, its senders queued at the limiter
    waiting = Waiting(engine)
    sampler = asyncio.create_task(waiting.run())
    await api.reset()
    begin = time.monotonic()
    result = await latency_at(dp, bot, traffic, count, args.broadcast_load)
    end = time.monotonic()
    sampler.cancel()
    stats = await api.stats()
    engine.stop()
    await sending
    await drop_pending(database)
    base = FIRST_RECIPIENT + tag * 100_000
    sent = [at for chat, at in stats["accepted"] if base <= chat < base + 100_000 and at <= end]
    achieved = len(sent) / (end - begin)
    queue = waiting.samples or [0]
    print(_line(f"broadcast at {rate:g}/s", result, goal=rate <= 30))
    print(
        f"    the broadcast meanwhile: {len(sent)} sent, {achieved:.1f} msg/s"
        f" ({achieved / rate:.2f} of its rate); sends waiting for a permit: mean"
        f" {sum(queue) / len(queue):.1f}, max {max(queue)} (= {max(queue) / rate:.2f} s at"
        f" {rate:g}/s, what a reply queued behind them would wait)"
    )
