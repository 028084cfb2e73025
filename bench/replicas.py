"""Two replicas on PostgreSQL sharing the send limit through Redis, at Telegram's paid limit.

Two real `python -m bot` processes (webhook mode, so nothing polls) share one PostgreSQL
database and one Redis; a broadcast to --recipients people (5,000) is queued and both
replicas' delivery engines send it at BROADCAST_RATE = --rate (1,000 msg/s) through the
fake Bot API in its own process (bench/fake_bot_api.py), whose limit is the same rate.
Printed, from the arrival times at the server: the achieved rate bot-wide against the limit
(goal >= 0.9), the most sends in any one-second window (goal <= the limit) and 429 answers
(goal 0), copies per person (goal: one each), and each replica's share.

    .venv/bin/python -m bench.replicas --database postgresql+asyncpg://postgres@127.0.0.1:5432/bench_replicas
        --redis redis://127.0.0.1:6379/13 [--recipients 5000] [--rate 1000] [--runs 3]

The PostgreSQL database is created for the run and dropped after it. The Redis database
given is used as it is (the bots keep their limiter bucket and conversations there).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from bench.fake_bot_api import Served
from bench.mix import throwaway_database
from bot.factory import Database
from db import migrate
from db.enums import Priority, Role
from db.models import OutboxMessage, User, UserRole
from services.context import system_clock
from services.delivery.outbox import OutboxService
from tests.support.fakes import TOKEN
from tests.support.faults_support import BotProcess, eventually, free_port, outbox_states

ROOT = Path(__file__).resolve().parents[1]
TEXT = "<b>Сетевая неделя</b>: программа и запись — в боте."
SHARE_GOAL = 0.9
START_WAIT = 120.0


def replica_env(api: Served, url: str, redis: str, port: int, rate: float) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return {
        **keep,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": f"http://127.0.0.1:{api.port}",
        "DATABASE_URL": url,
        "REDIS_URL": redis,
        "WEBHOOK_URL": "https://bot.example.org",
        "WEBHOOK_SECRET": "bench-replicas-secret",
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "BROADCAST_RATE": str(rate),
        "QUIET_HOURS_START": "00:00",
        "QUIET_HOURS_END": "00:00",
        "LOG_LEVEL": "WARNING",
    }


async def listening(port: int) -> None:
    async def up() -> bool:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return False
        writer.close()
        await writer.wait_closed()
        return True

    await eventually(up, wait=START_WAIT, what=f"a replica listening on {port}", step=0.2)


async def queue(database: Database, count: int, run: int) -> None:
    base = 30_000_000 + run * 100_000
    async with database.session_factory() as session:
        users = [
            User(telegram_id=base + n, locale="ru", roles=[UserRole(role=Role.TEACHER.value)])
            for n in range(count)
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
                ref=("b", run),
            )
        await session.commit()


def loadavg() -> str:
    with open("/proc/loadavg", encoding="ascii") as source:
        return " ".join(source.read().split()[:3])


def busiest_second(times: list[float]) -> int:
    """The most arrivals in any one-second window, as the server counts them."""
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def shares(database: Database, run: int) -> list[int]:
    async with database.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.claimed_by, func.count())
            .where(OutboxMessage.ref_type == "b", OutboxMessage.ref_id == run)
            .group_by(OutboxMessage.claimed_by)
        )
        return sorted((int(n) for _, n in rows.all()), reverse=True)


async def one_run(
    database: Database, api: Served, args: argparse.Namespace, run: int
) -> tuple[float, int]:
    await api.reset()
    load = loadavg()
    await queue(database, args.recipients, run)

    async def done() -> bool:
        states = await outbox_states(database.session_factory, "broadcast")
        return not states.get("pending") and not states.get("sending")

    await eventually(done, wait=600, what="the broadcast sent", step=0.2)
    stats = await api.stats()
    times = sorted(at for _, at in stats["accepted"])
    copies = Counter(chat for chat, _ in stats["accepted"])
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    most = busiest_second(times)
    print(
        f"run {run + 1} (load {load}): achieved {achieved:7.1f} msg/s = {achieved / args.rate:.3f}"
        f" of the limit (goal >= {SHARE_GOAL}); busiest second {most} sends (goal <="
        f" {args.rate:g}); 429s {stats['too_many']} (goal 0); people {len(copies)}, with two"
        f" copies or more {sum(1 for n in copies.values() if n > 1)} (goal 0); rows per replica"
        f" {await shares(database, run)}"
    )
    return achieved / args.rate, most


async def main(args: argparse.Namespace) -> None:
    results: list[tuple[float, int]] = []
    async with throwaway_database(args.database) as url:
        database = Database.from_url(url)
        await migrate.upgrade(database.engine)
        with tempfile.TemporaryDirectory() as folder, Served(limit=args.rate) as api:
            ports = [free_port(), free_port()]
            replicas = [
                BotProcess(
                    replica_env(api, url, args.redis, port, args.rate), Path(folder), f"r{n}"
                )
                for n, port in enumerate(ports)
            ]
            try:
                await asyncio.gather(*(replica.start() for replica in replicas))
                await asyncio.gather(*(listening(port) for port in ports))
                print(
                    f"two replicas, PostgreSQL and Redis, {args.recipients} recipients at"
                    f" BROADCAST_RATE {args.rate:g} (the fake Bot API's limit too)"
                )
                for run in range(args.runs):
                    results.append(await one_run(database, api, args, run))
            finally:
                codes = [await replica.stop() for replica in replicas]
                for replica in replicas:
                    await replica.ensure_dead()
                logs = [replica.log() for replica in replicas]
        await database.engine.dispose()
    if any(codes) or any("Traceback" in log for log in logs):
        print("a replica failed:", codes, file=sys.stderr)
        for log in logs:
            print(log[-3000:], file=sys.stderr)
    if len(results) > 1:
        share = [r[0] for r in results]
        print(
            f"achieved / limit: median {statistics.median(share):.3f}"
            f" [{min(share):.3f} – {max(share):.3f}]; busiest second at most"
            f" {max(r[1] for r in results)}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", required=True, help="a PostgreSQL URL")
    parser.add_argument("--redis", required=True, help="REDIS_URL for the replicas")
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--runs", type=int, default=1)
    asyncio.run(main(parser.parse_args()))
