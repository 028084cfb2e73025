"""The database goes away while people use the bot: the SQLite file is write-locked by another
connection, or PostgreSQL's connections are cut and new ones refused (a restart, through a
TCP proxy the test controls). The person is told to try again in a minute, nothing is half
written, and the bot works again by itself when the database is back."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from datetime import time

import asyncpg
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bot.app import App
from bot.config import Settings
from bot.factory import Database, policy_from
from db import migrate
from db.engine import is_outage
from db.models import User
from handlers.event_card import EventCardAct, EventCardCD
from tests.conftest import make_settings
from tests.support.fake_api_server import FakeBotAPI, Recorded
from tests.support.faults_support import (
    FINAL_STATES,
    Sessions,
    enqueue_broadcast,
    event_row,
    eventually,
    free_port,
    outbox_rows,
    outbox_states,
    polling,
    registrations,
    seed_event,
    seed_people,
)

UNAVAILABLE_RU = "Сейчас не получается обратиться к базе данных"
TEACHERS = [330_000 + n for n in range(10)]
CAPACITY = 5


async def _prepared(settings: Settings, methodist: int, capacity: int = CAPACITY) -> int:
    """People and a published event, written before the bot starts (with the ordinary busy
    timeout, so that seeding never races the bot's own start-up)."""
    database = Database.from_url(settings.database_url)
    try:
        await migrate.upgrade(database.engine)
        await seed_people(database.session_factory, TEACHERS)
        return await seed_event(
            database.session_factory, policy_from(settings), methodist, capacity=capacity
        )
    finally:
        await database.engine.dispose()


async def _announced(app: App) -> None:
    # The event's announcement goes out first, so that it is not taken for a tap's answer.
    async def settled() -> bool:
        return set(await outbox_states(app.database.session_factory)) <= FINAL_STATES

    await eventually(settled, wait=20, what="the announcement sent")


def _settings(database_url: str, api: FakeBotAPI) -> Settings:
    return make_settings(
        database_url,
        bot_api_base_url=api.base_url,
        sqlite_busy_timeout=0.5,
        delivery_tick_seconds=0.2,
        quiet_hours_start=time(0, 0),
        quiet_hours_end=time(0, 0),
    )


async def _tap(api: FakeBotAPI, tg: int, data: str) -> Recorded:
    """Taps and returns what the person saw first: an alert on the tap or a message."""
    start = len(api.requests)
    query_id = await api.press(tg, data)
    return await api.wait_for(
        lambda r: (
            (r.method == "answerCallbackQuery" and r.params.get("callback_query_id") == query_id)
            or (r.method == "sendMessage" and r.chat_id == tg)
        ),
        start=start,
        wait=30,
    )


async def _outcome_of_tap(api: FakeBotAPI, tg: int, data: str) -> str:
    seen = await _tap(api, tg, data)
    if seen.method == "answerCallbackQuery" and seen.params.get("text"):
        return str(seen.params["text"])
    if seen.method == "sendMessage":
        return seen.text
    # An empty answer came first; the message follows.
    start = api.requests.index(seen)
    message = await api.wait_for(
        lambda r: r.method == "sendMessage" and r.chat_id == tg, start=start, wait=30
    )
    return message.text


async def _booked_during_outage_then_after(
    api: FakeBotAPI,
    database: Database,
    event_id: int,
    outage: contextlib.AbstractAsyncContextManager[None],
) -> None:
    register = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
    during = TEACHERS[:4]
    async with outage:
        for tg in during:
            said = await _outcome_of_tap(api, tg, register)
            assert UNAVAILABLE_RU in said, said
    # Back: the same people tap again and get their seats; nobody was half registered.
    assert await registrations(database.session_factory, event_id) == []
    outcomes = [await _outcome_of_tap(api, tg, register) for tg in TEACHERS]
    assert sum("Вы записаны" in o for o in outcomes) == CAPACITY
    assert sum("Свободных мест нет" in o for o in outcomes) == len(TEACHERS) - CAPACITY
    regs = await registrations(database.session_factory, event_id)
    assert len({r.user_id for r in regs}) == len(regs) == len(TEACHERS)
    assert Counter(r.status for r in regs)["registered"] == CAPACITY
    assert (await event_row(database.session_factory, event_id)).seats_taken == CAPACITY
    # A registration and its reminders exist together or not at all (two offsets: 24 h, 1 h).
    reminders = await outbox_rows(database.session_factory, "reminder")
    holders = {r.user_id for r in regs if r.status == "registered"}
    assert Counter(r.user_id for r in reminders) == dict.fromkeys(holders, 2)


# --- SQLite: another connection holds the write lock -----------------------------------------


@contextlib.asynccontextmanager
async def _write_locked(path: str) -> AsyncIterator[None]:
    # Another connection (as another process would) takes the exclusive write lock and holds
    # it. The blocking calls run in a thread so that the bot's loop goes on meanwhile.
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    await asyncio.to_thread(other.execute, "BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        await asyncio.to_thread(other.execute, "ROLLBACK")
        await asyncio.to_thread(other.close)


async def test_a_locked_sqlite_file_gets_a_friendly_answer_and_the_bot_recovers(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    settings = _settings(database_url, fake_api)
    event_id = await _prepared(settings, 339_999)
    async with polling(settings) as app:
        await _announced(app)
        path = database_url.split(":///", 1)[1]
        await _booked_during_outage_then_after(
            fake_api, app.database, event_id, _write_locked(path)
        )


async def test_the_outage_message_speaks_english_to_english_speakers(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    settings = _settings(database_url, fake_api)
    event_id = await _prepared(settings, 339_998, capacity=1)
    async with polling(settings) as app:
        await _announced(app)
        async with app.database.session_factory() as session:
            await session.execute(
                update(User).where(User.telegram_id == TEACHERS[0]).values(locale="en")
            )
            await session.commit()
        path = database_url.split(":///", 1)[1]
        async with _write_locked(path):
            said = await _outcome_of_tap(
                fake_api,
                TEACHERS[0],
                EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack(),
            )
        assert "I cannot reach the database right now" in said


# --- PostgreSQL: connections cut, then refused, then back ------------------------------------


class CuttableProxy:
    """Forwards a local port to PostgreSQL; `cut()` drops every connection and refuses new
    ones, as a restarting server does; `restore()` listens again."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        self._server = None
        for writer in list(self._writers):
            writer.transport.abort()

    async def restore(self) -> None:
        await self.start()

    async def stop(self) -> None:
        if self._server is not None:
            await self.cut()

    @contextlib.asynccontextmanager
    async def down(self) -> AsyncIterator[None]:
        await self.cut()
        try:
            yield
        finally:
            await self.restore()


@pytest.mark.postgres
async def test_postgres_restarting_mid_traffic_gets_a_friendly_answer_and_the_bot_recovers(
    pg_database: Database, pg_url: str, fake_api: FakeBotAPI
) -> None:
    url = make_url(pg_url)
    proxy = CuttableProxy(url.port or 5432)
    await proxy.start()
    name = url.database
    via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = _settings(via_proxy, fake_api)
    event_id = await _prepared(settings, 339_997)
    try:
        async with polling(settings) as app:
            await _announced(app)
            # Warm the pool, so that the cut drops connections the bot holds, not only new ones.
            await _outcome_of_tap(
                fake_api,
                TEACHERS[-1],
                EventCardCD(act=EventCardAct.OPEN, event_id=event_id).pack(),
            )
            await _booked_during_outage_then_after(fake_api, app.database, event_id, proxy.down())

            # The server kills every connection of the bot behind its back (an administrator,
            # a failover): the next tap is served on a fresh connection, without an error.
            admin_url = url.set(drivername="postgresql", database="postgres")
            admin = await asyncpg.connect(admin_url.render_as_string(hide_password=False))
            try:
                await admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = $1 AND pid <> pg_backend_pid()",
                    name,
                )
            finally:
                await admin.close()
            said = await _outcome_of_tap(
                fake_api,
                TEACHERS[0],
                EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack(),
            )
            assert "Вы уже записаны" in said or "Вы записаны" in said, said
    finally:
        await proxy.stop()


async def test_the_delivery_engine_resumes_after_the_lock_is_released(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    settings = _settings(database_url, fake_api)
    await _prepared(settings, 339_996)
    async with polling(settings) as app:
        sessions = app.database.session_factory
        await _announced(app)
        people = {tg: n for tg, n in (await _user_ids(sessions)).items() if tg in TEACHERS[:3]}
        path = database_url.split(":///", 1)[1]
        async with _write_locked(path):
            await asyncio.sleep(1.0)  # a few ticks fail on the lock meanwhile
        await enqueue_broadcast(sessions, list(people.values()), "После блокировки")

        async def delivered() -> bool:
            return all(
                any(r.text == "После блокировки" for r in fake_api.sent_to(tg)) for tg in people
            )

        await eventually(delivered, wait=15, what="the engine sends after the lock")


async def _user_ids(sessions: Sessions) -> dict[int, int]:
    async with sessions() as session:
        rows = await session.execute(select(User.telegram_id, User.id))
        return {int(tg): int(n) for tg, n in rows.all() if tg is not None}


async def test_a_real_database_error_is_not_taken_for_an_outage(database: Database) -> None:
    # A missing table is a bug to report ("something went wrong"), not "try again later".
    async with database.session_factory() as session:
        with pytest.raises(DBAPIError) as missing:
            await session.execute(text("SELECT * FROM no_such_table"))
    assert not is_outage(missing.value)
