"""Shared set-up for the failure tests (Bot API faults, database faults, crashes, replicas):
people and events written straight into the database, outbox figures, and `python -m bot`
as a child process that can be stopped or killed."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App, build_app
from bot.config import Settings
from db.enums import Priority, Role, Subject
from db.models import Event, OutboxMessage, Registration, User, UserRole, UserSubject
from services.container import Services
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from tests.support.events_support import draft
from tests.support.fake_api_server import FakeBotAPI
from tests.support.fakes import TOKEN

ROOT = Path(__file__).resolve().parents[2]
Sessions = async_sessionmaker[AsyncSession]
# Quiet hours equal at both ends are off: these tests run at any hour of the day.
NO_QUIET_HOURS = {"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"}
FINAL_STATES = {"sent", "skipped", "failed", "cancelled"}


async def seed_people(
    sessions: Sessions, telegram_ids: list[int], role: Role = Role.TEACHER
) -> dict[int, int]:
    """Telegram id -> user id of people who finished onboarding (inserted directly)."""
    now = datetime.now(UTC)
    async with sessions() as session:
        users = [
            User(
                telegram_id=tg,
                locale="ru",
                full_name=f"Участник {tg}",
                experience="3-10",
                position="teacher",
                roles=[UserRole(role=role.value, granted_at=now)],
                subjects=[UserSubject(subject=Subject.MATH.value)] if role == Role.TEACHER else [],
            )
            for tg in telegram_ids
        ]
        session.add_all(users)
        await session.commit()
        return {u.telegram_id: u.id for u in users if u.telegram_id is not None}


async def seed_event(
    sessions: Sessions,
    policy: Policy,
    methodist_tg: int,
    *,
    capacity: int,
    starts_in: timedelta = timedelta(days=3),
) -> int:
    [staff_id] = (await seed_people(sessions, [methodist_tg], Role.METHODIST)).values()
    staff = Actor(methodist_tg, staff_id, "ru", frozenset({Role.METHODIST}))
    now = datetime.now(UTC)
    async with sessions() as session:
        return await Services(session, policy).events.create(
            staff, draft(now=now, capacity=capacity, starts_in=starts_in), publish=True
        )


async def enqueue_broadcast(sessions: Sessions, user_ids: list[int], body: str) -> None:
    """One row per recipient, as a staff broadcast writes them."""
    async with sessions() as session:
        outbox = OutboxService(session, lambda: datetime.now(UTC))
        for user_id in user_ids:
            outbox.enqueue(user_id=user_id, kind="broadcast", body=body, priority=Priority.BULK)
        await session.commit()


async def outbox_states(sessions: Sessions, kind: str | None = None) -> Counter[str]:
    async with sessions() as session:
        stmt = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        if kind is not None:
            stmt = stmt.where(OutboxMessage.kind == kind)
        return Counter({state: int(n) for state, n in (await session.execute(stmt)).all()})


async def outbox_rows(sessions: Sessions, kind: str) -> list[OutboxMessage]:
    async with sessions() as session:
        stmt = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        return list((await session.execute(stmt)).scalars())


async def registrations(sessions: Sessions, event_id: int) -> list[Registration]:
    async with sessions() as session:
        stmt = select(Registration).where(Registration.event_id == event_id)
        return list((await session.execute(stmt)).scalars())


async def event_row(sessions: Sessions, event_id: int) -> Event:
    async with sessions() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        return event


async def eventually(
    check: Callable[[], Awaitable[bool]], *, wait: float, what: str, step: float = 0.1
) -> None:
    deadline = time.monotonic() + wait
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {wait:.0f} s: {what}")
        await asyncio.sleep(step)


@contextlib.asynccontextmanager
async def polling(settings: Settings, clock: Clock | None = None) -> AsyncIterator[App]:
    """What `python -m bot` does in polling mode (scheduler included), minus signals."""
    app = await build_app(settings, clock) if clock is not None else await build_app(settings)
    await app.bot.delete_webhook(drop_pending_updates=False)
    task = asyncio.create_task(
        app.dispatcher.start_polling(
            app.bot,
            handle_signals=False,
            polling_timeout=1,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    )
    try:
        yield app
    finally:
        await app.dispatcher.stop_polling()
        await task
        await app.bot.session.close()


# --- `python -m bot` as a child process ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bot_env(api: FakeBotAPI, database_url: str, **values: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return {
        **keep,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": api.base_url,
        "DATABASE_URL": database_url,
        "QUIET_HOURS_START": "00:00",
        "QUIET_HOURS_END": "00:00",
        "DELIVERY_TICK_SECONDS": "0.2",
        "LOG_LEVEL": "WARNING",
        **values,
    }


class BotProcess:
    """One `python -m bot`; stderr goes to a file so that a full pipe never stalls it."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str = "bot") -> None:
        self.env = env
        self.workdir = workdir
        self.log_path = workdir / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log_path.open("ab") as log:
            # cwd is the temporary directory so that no developer .env leaks in.
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=self.workdir,
                env=self.env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=log,
            )

    async def kill(self) -> None:
        """kill -9: no shutdown hook, no flush, no goodbye."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return int(self.process.returncode or 0)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def ensure_dead(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
