"""Start-up: from `python -m bot` being started to its first getUpdates, on a database of
20,000 people.

    .venv/bin/python -m bench.startup [--people 20000] [--runs 3]

Builds a throw-away SQLite database the size of a large municipality once (bench/reports'
generator: people, a school year of events, registrations and survey responses), then starts
the bot as a subprocess against the tests' fake Bot API on 127.0.0.1 several times and times
each start to the first getUpdates request the fake receives. For comparison it also times the
same start on an empty database that is already migrated, and a bare interpreter start.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import reports
from bot.factory import Database
from db import migrate
from tests.support.fake_api_server import FakeBotAPI, Recorded
from tests.support.fakes import TOKEN

ROOT = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 120.0
# Idle memory is read this long after the first getUpdates, once start-up's background work
# (the date reader loading its languages on a worker thread) has finished.
IDLE_AFTER_SECONDS = 5.0


def _env(database_url: str, base_url: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return {
        **keep,
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": base_url,
        "DATABASE_URL": database_url,
        "ADMIN_IDS": "1",
        "LOG_LEVEL": "WARNING",
    }


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def start_to_first_poll(database_url: str, folder: Path) -> tuple[float, float]:
    """Seconds from starting the process to the fake's first getUpdates, and the resident
    memory (MB) of the idle bot a few seconds later."""
    api = FakeBotAPI()
    base_url = await api.start()
    polled = asyncio.Event()

    def watch(record: Recorded) -> None:
        if record.method == "getUpdates":
            polled.set()
        return None

    api.faults.append(watch)
    # cwd is a folder of its own so that no developer .env is read.
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=folder,
        env=_env(database_url, base_url),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await asyncio.wait_for(polled.wait(), WAIT_SECONDS)
        elapsed = time.perf_counter() - started
        await asyncio.sleep(IDLE_AFTER_SECONDS)
        idle_mb = _resident_mb(process.pid)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        if process.returncode != 0:
            raise SystemExit(f"the bot exited with {process.returncode}: {stderr.decode()}")
        return elapsed, idle_mb
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await api.stop()


async def bare_interpreter() -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await process.wait()
    return time.perf_counter() - started


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "municipality.sqlite3"
        empty = folder / "empty.sqlite3"
        for path in (big, empty):
            database = Database.from_url(f"sqlite+aiosqlite:///{path}")
            await migrate.upgrade(database.engine)
            if path == big:
                built = time.perf_counter()
                await reports.build(database, args)
                build_seconds = time.perf_counter() - built
            await database.engine.dispose()
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        print(
            f"database: {args.people} people, {args.events} events, "
            f"{args.registrations} registrations, {args.responses} survey responses "
            f"({big.stat().st_size / 1e6:.0f} MB, built in {build_seconds:.0f} s)"
        )
        bare = [await bare_interpreter() for _ in range(args.runs)]
        on_empty = [
            await start_to_first_poll(f"sqlite+aiosqlite:///{empty}", folder)
            for _ in range(args.runs)
        ]
        on_big = [
            await start_to_first_poll(f"sqlite+aiosqlite:///{big}", folder)
            for _ in range(args.runs)
        ]

    def line(label: str, values: list[float], unit: str = "s") -> str:
        runs = ", ".join(f"{v:.2f}" for v in values)
        return f"{label:<48} median {statistics.median(values):6.2f} {unit}  (runs: {runs})"

    print(line("python -c pass", bare))
    print(line("python -m bot to first getUpdates, empty database", [s for s, _ in on_empty]))
    print(line(f"python -m bot to first getUpdates, {args.people} people", [s for s, _ in on_big]))
    print(line("idle resident memory, empty database", [m for _, m in on_empty], "MB"))
    print(line(f"idle resident memory, {args.people} people", [m for _, m in on_big], "MB"))
    print("goal: none set in the issue; reported")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args()))
