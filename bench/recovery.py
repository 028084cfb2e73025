"""Recovery after a SIGKILL mid-broadcast: how soon what the dead process had claimed goes
out, and who gets a second copy.

A real `python -m bot` (long polling; SQLite, or PostgreSQL with --database) sends a
broadcast to --recipients people at --rate messages a second through the tests' fake Bot API
over HTTP (tests/support/fake_api_server.py, in this process). When about half is sent the
bot is killed with SIGKILL and started again at once, as systemd or Docker would. Printed,
each from the kill:

- the restarted bot polling again;
- the first and the last send to a person whose row was "sending" at the kill (claimed by the
  dead process: in flight, or queued for the senders), against the goal of 10 s;
- the whole broadcast done;
- second copies: people who got the message twice, against the rows whose send Telegram had
  accepted but whose outcome the dead process had not yet written (the in-flight window,
  at most DELIVERY_CONCURRENCY).

With --replicas 2 (PostgreSQL and --redis): two bots share the work and the limiter; one is
killed and not restarted, and the survivor takes its rows back once its heartbeat is older
than DELIVERY_STALE_SECONDS.

    .venv/bin/python -m bench.recovery [--recipients 60] [--rate 5] [--runs 3]
        [--database postgresql+asyncpg://postgres@127.0.0.1:5432/bench_recovery]
        [--replicas 2 --redis redis://127.0.0.1:6379/13]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.mix import throwaway_database
from bot.factory import Database
from db import migrate
from db.enums import Role
from db.models import OutboxMessage, User
from tests.support.fake_api_server import FakeBotAPI
from tests.support.faults_support import (
    BotProcess,
    bot_env,
    enqueue_broadcast,
    eventually,
    outbox_states,
    seed_people,
)

TEXT = "Сетевой семинар переносится на четверг."
GOAL_SECONDS = 10.0
START_WAIT = 90.0
FIRST_CHAT = 500_000


@dataclass
class Recovery:
    up: float
    back: float
    claimed: int
    accepted_unrecorded: int
    first: float
    last: float
    done: float
    second_copies: int


def _sends(api: FakeBotAPI) -> list[tuple[int, float]]:
    return [
        (r.chat_id, r.at)
        for r in api.requests
        if r.method == "sendMessage" and r.text == TEXT and r.chat_id is not None
    ]


async def _held_by(database: Database, instances: set[str]) -> int:
    async with database.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.id).where(
                OutboxMessage.state == "sending", OutboxMessage.claimed_by.in_(instances)
            )
        )
        return len(rows.all())


def _instance_of(bot: BotProcess) -> str:
    found = re.search(r"delivery instance (\S+) started", bot.log())
    return found.group(1) if found else ""


async def _claimed_chats(database: Database) -> list[tuple[int, str]]:
    """(chat, holder) of every broadcast row being sent."""
    async with database.session_factory() as session:
        rows = await session.execute(
            select(User.telegram_id, OutboxMessage.claimed_by)
            .join(OutboxMessage, OutboxMessage.user_id == User.id)
            .where(OutboxMessage.state == "sending", OutboxMessage.kind == "broadcast")
        )
        return [(int(tg), str(holder)) for tg, holder in rows.all() if tg is not None]


def _env(api: FakeBotAPI, url: str, args: argparse.Namespace) -> dict[str, str]:
    # INFO: each bot's log names its delivery instance, so the busier replica is killed.
    extra = {"BROADCAST_RATE": str(args.rate), "DELIVERY_TICK_SECONDS": "1.0", "LOG_LEVEL": "INFO"}
    if args.redis:
        extra["REDIS_URL"] = args.redis
    return bot_env(api, url, **extra)


async def one_run(url: str, args: argparse.Namespace, run: int, workdir: Path) -> Recovery:
    api = FakeBotAPI()
    await api.start()
    database = Database.from_url(url)
    await migrate.upgrade(database.engine)
    base = FIRST_CHAT + run * 100_000
    chats = [base + n for n in range(args.recipients)]
    people = await seed_people(database.session_factory, chats, Role.PARENT)
    bots = [
        BotProcess(_env(api, url, args), workdir, f"run{run}-bot{n}") for n in range(args.replicas)
    ]
    restarted: BotProcess | None = None
    try:
        for bot in bots:
            await bot.start()
        await api.wait_for(lambda r: r.method == "deleteWebhook", wait=START_WAIT)
        await enqueue_broadcast(database.session_factory, list(people.values()), TEXT)

        async def half_sent() -> bool:
            return len(_sends(api)) >= args.recipients // 2

        await eventually(half_sent, wait=START_WAIT, what="half the broadcast sent", step=0.01)
        holding = Counter(holder for _, holder in await _claimed_chats(database))
        victim = max(bots, key=lambda bot: holding[_instance_of(bot)])
        dead = {_instance_of(victim)}
        await victim.kill()
        killed = time.monotonic()
        at_kill = await _claimed_chats(database)
        accepted = {chat for chat, at in _sends(api) if at <= killed}
        polls = len(api.of("deleteWebhook"))
        if args.replicas == 1:
            restarted = BotProcess(_env(api, url, args), workdir, f"run{run}-restarted")
            await restarted.start()
            await api.wait_for(
                lambda r: r.method == "deleteWebhook" and len(api.of("deleteWebhook")) > polls,
                wait=START_WAIT,
            )
        up = time.monotonic() - killed if restarted else 0.0
        # With two replicas the survivor's rows are "sending" too: only the dead one's count.
        claimed = {chat for chat, holder in at_kill if holder in dead}

        async def taken_back() -> bool:
            return await _held_by(database, dead) == 0

        await eventually(
            taken_back, wait=120, what="the dead process's rows taken back", step=0.05
        )
        back = time.monotonic() - killed

        async def claimed_sent() -> bool:
            # Each of them goes again: a first send, or a second copy of one Telegram had
            # accepted before the kill without the dead process writing it down.
            return claimed <= {chat for chat, at in _sends(api) if at > killed}

        await eventually(claimed_sent, wait=120, what="the dead process's rows sent")

        async def done() -> bool:
            return set(await outbox_states(database.session_factory, "broadcast")) == {"sent"}

        await eventually(done, wait=600, what="the broadcast done")
        finished = time.monotonic() - killed
    finally:
        for bot in [*bots, *([restarted] if restarted else [])]:
            if bot.process is not None and bot.process.returncode is None:
                await bot.stop()
            await bot.ensure_dead()
        await database.engine.dispose()
        await api.stop()
    resent = [at - killed for chat, at in _sends(api) if at > killed and chat in claimed]
    copies = Counter(chat for chat, _ in _sends(api))
    return Recovery(
        up=up,
        back=back,
        claimed=len(claimed),
        accepted_unrecorded=len(claimed & accepted),
        first=min(resent) if resent else 0.0,
        last=max(resent) if resent else 0.0,
        done=finished,
        second_copies=sum(n - 1 for n in copies.values()),
    )


def _load() -> str:
    with open("/proc/loadavg", encoding="ascii") as source:
        return " ".join(source.read().split()[:3])


async def main(args: argparse.Namespace) -> None:
    if args.replicas > 1 and not (args.database and args.redis):
        raise SystemExit("--replicas 2 needs --database (PostgreSQL) and --redis")
    results: list[Recovery] = []
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        async with throwaway_database(args.database) as url:
            kind = url.split(":")[0].split("+")[0]
            print(
                f"database {kind}, {args.replicas} bot process(es), {args.recipients} recipients"
                f" at {args.rate:g} msg/s, SIGKILL when half is sent"
            )
            for run in range(args.runs):
                load = _load()
                result = await one_run(url, args, run, workdir)
                results.append(result)
                print(
                    f"run {run + 1} (load {load}): polling again {result.up:.1f} s;"
                    f" {result.claimed} rows claimed by the dead process: taken back"
                    f" {result.back:.1f} s and sending again {result.first:.1f} s after the"
                    f" kill (goal <= {GOAL_SECONDS:.0f} s), the last of them {result.last:.1f} s"
                    f" (at {args.rate:g}/s); broadcast done {result.done:.1f} s; second copies"
                    f" {result.second_copies} (accepted, not recorded at the kill:"
                    f" {result.accepted_unrecorded}; goal: no others)"
                )
    if len(results) > 1:
        for name in ("up", "back", "first", "last", "done"):
            values = [getattr(r, name) for r in results]
            print(
                f"  {name:6s} median {statistics.median(values):6.1f} s"
                f"  [{min(values):.1f} – {max(values):.1f}]"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=60)
    parser.add_argument("--rate", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--replicas", type=int, default=1, choices=(1, 2))
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default: SQLite)")
    parser.add_argument("--redis", default=None, help="REDIS_URL for the bots (a test db)")
    asyncio.run(main(parser.parse_args()))
