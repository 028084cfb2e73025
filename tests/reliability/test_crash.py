"""A real `python -m bot` killed with SIGKILL in the middle of a broadcast and in the middle of
a stampede of registrations, then started again: every invariant holds, and nothing is sent
twice beyond the rows that were in flight at the kill. And the graceful stop (SIGTERM) leaves
nothing in flight at all."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.factory import Database, policy_from
from db import migrate
from db.enums import Role
from db.models import OutboxMessage, Registration
from handlers.event_card import EventCardAct, EventCardCD
from tests.conftest import make_settings
from tests.support.fake_api_server import FakeBotAPI
from tests.support.faults_support import (
    BotProcess,
    bot_env,
    enqueue_broadcast,
    event_row,
    eventually,
    outbox_states,
    registrations,
    seed_event,
    seed_people,
)

READERS = [340_000 + n for n in range(300)]
TEACHERS = [342_000 + n for n in range(200)]
CAPACITY = 20
BROADCAST = "Сетевой семинар переносится на четверг."
START_WAIT = 60.0  # seconds a cold `python -m bot` may take on a busy CI machine


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"


async def _database(url: str) -> Database:
    database = Database.from_url(url)
    await migrate.upgrade(database.engine)
    return database


def _broadcast_sends(api: FakeBotAPI) -> Counter[int]:
    return Counter(
        r.chat_id for r in api.of("sendMessage") if r.text == BROADCAST and r.chat_id is not None
    )


async def _in_state(database: Database, state: str) -> int:
    return (await outbox_states(database.session_factory)).get(state, 0)


async def _broadcast_prepared(url: str) -> Database:
    database = await _database(url)
    # Parents: the broadcast is theirs; the teachers' taps are a separate crowd.
    people = await seed_people(database.session_factory, READERS, Role.PARENT)
    await enqueue_broadcast(database.session_factory, list(people.values()), BROADCAST)
    return database


def _env(api: FakeBotAPI, url: str) -> dict[str, str]:
    # Fast enough to finish quickly, slow enough that the kill lands mid-broadcast.
    return bot_env(api, url, BROADCAST_RATE="100", DELIVERY_BATCH="50")


async def test_sigterm_mid_broadcast_records_every_send_before_exiting(
    tmp_path: Path, db_url: str, fake_api: FakeBotAPI
) -> None:
    database = await _broadcast_prepared(db_url)
    process = BotProcess(_env(fake_api, db_url), tmp_path)
    try:
        await process.start()
        await fake_api.wait_for(lambda r: len(_broadcast_sends(fake_api)) >= 60, wait=START_WAIT)
        assert await process.stop() == 0, process.log()
        states = await outbox_states(database.session_factory)
    finally:
        await process.ensure_dead()
        await database.engine.dispose()
    sent = _broadcast_sends(fake_api)
    assert sum(sent.values()) < len(READERS), "stopped mid-broadcast"
    # Nothing left in flight: what Telegram accepted is recorded as sent, the rest is pending,
    # so the next start neither repeats nor loses a message.
    assert states.get("sending", 0) == 0
    assert states["sent"] == sum(sent.values()) == len(sent)
    assert states["pending"] == len(READERS) - len(sent)
    assert "Traceback" not in process.log()


async def _invariants(database: Database, event_id: int) -> list[Registration]:
    """Seats, one row per person, and a registration never without its reminders."""
    regs = await registrations(database.session_factory, event_id)
    assert len(regs) == len({r.user_id for r in regs})
    holding = [r for r in regs if r.status in ("registered", "offered")]
    assert len(holding) <= CAPACITY
    assert (await event_row(database.session_factory, event_id)).seats_taken == len(holding)
    async with database.session_factory() as session:
        reminders = Counter(
            (
                await session.execute(
                    select(OutboxMessage.user_id).where(OutboxMessage.kind == "reminder")
                )
            ).scalars()
        )
    assert reminders == dict.fromkeys((r.user_id for r in holding), 2)
    return regs


def _told(api: FakeBotAPI, tg: int) -> bool:
    return any(
        "Вы записаны" in r.text or "Свободных мест нет" in r.text or "Вы уже" in r.text
        for r in api.sent_to(tg)
    )


async def _seed_stampede(database: Database, db_url: str) -> tuple[dict[int, int], int]:
    """The two hundred teachers and the event they all want a seat of."""
    ids = await seed_people(database.session_factory, TEACHERS)
    event_id = await seed_event(
        database.session_factory,
        policy_from(make_settings(db_url)),
        349_999,
        capacity=CAPACITY,
    )
    async with database.session_factory() as session:
        # The event's announcements are not what this test is about: out of the way.
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "announcement")
            .values(state="cancelled")
        )
        await session.commit()
    return ids, event_id


async def _stampede_then_kill(
    first: BotProcess, fake_api: FakeBotAPI, database: Database, event_id: int, register: str
) -> int:
    """Kills the first process mid-broadcast and mid-stampede; returns the rows in flight."""
    await first.start()
    await fake_api.wait_for(lambda r: r.method == "deleteWebhook", wait=START_WAIT)
    for tg in TEACHERS:  # two hundred taps at once, while the broadcast goes out
        await fake_api.press(tg, register)

    async def both_under_way() -> bool:
        told = sum(_told(fake_api, tg) for tg in TEACHERS)
        sent = sum(_broadcast_sends(fake_api).values())
        # On a slow machine the taps may lag: the kill must still land mid-broadcast.
        return sent >= 100 and (told >= 40 or sent >= 200)

    await eventually(both_under_way, wait=START_WAIT, what="both under way", step=0.02)
    await first.kill()
    in_flight = await _in_state(database, "sending")
    before = _broadcast_sends(fake_api)
    assert sum(before.values()) < len(READERS), "the kill landed mid-broadcast"
    await _invariants(database, event_id)
    return in_flight


async def _restart_and_settle(
    second: BotProcess, fake_api: FakeBotAPI, database: Database, event_id: int, register: str
) -> list[Registration]:
    # Nothing is aged or unlocked by hand: on SQLite the restarted process owns the outbox
    # and takes back what the dead one had claimed as it starts.
    started = len(fake_api.of("deleteWebhook"))
    await second.start()
    await eventually(
        lambda: _count(len(fake_api.of("deleteWebhook")) > started),
        wait=START_WAIT,
        what="the second process up",
    )
    # Taps confirmed to Telegram but not finished at the kill got no answer: those people
    # tap again, as anyone would when nothing happens. Unconfirmed ones are redelivered.
    for tg in TEACHERS:
        if not _told(fake_api, tg):
            await fake_api.press(tg, register)

    async def settled() -> bool:
        broadcast = await outbox_states(database.session_factory, "broadcast")
        return all(_told(fake_api, tg) for tg in TEACHERS) and set(broadcast) == {"sent"}

    await eventually(settled, wait=START_WAIT, what="everybody answered, broadcast done")
    regs = await _invariants(database, event_id)
    assert len(regs) == len(TEACHERS)
    assert Counter(r.status for r in regs)["registered"] == CAPACITY
    return regs


async def _reminders_fall_due(database: Database) -> None:
    # The reminders fall due (moved forward rather than waiting three days): each holder
    # gets each of the two exactly once, and nobody else gets any.
    async with database.session_factory() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "reminder", OutboxMessage.state == "pending")
            .values(due_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await session.commit()

    async def reminded() -> bool:
        states = await outbox_states(database.session_factory, "reminder")
        return set(states) == {"sent"}

    await eventually(reminded, wait=30, what="the reminders sent")


async def test_kill_9_mid_broadcast_and_mid_stampede_then_restart_keeps_every_promise(
    tmp_path: Path, db_url: str, fake_api: FakeBotAPI
) -> None:
    env = _env(fake_api, db_url)
    database = await _broadcast_prepared(db_url)
    first = BotProcess(env, tmp_path, "first")
    second = BotProcess(env, tmp_path, "second")
    try:
        ids, event_id = await _seed_stampede(database, db_url)
        register = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
        in_flight = await _stampede_then_kill(first, fake_api, database, event_id, register)
        regs = await _restart_and_settle(second, fake_api, database, event_id, register)
        await _reminders_fall_due(database)
        assert await second.stop() == 0, second.log()
    finally:
        await first.ensure_dead()
        await second.ensure_dead()
        await database.engine.dispose()

    sends = _broadcast_sends(fake_api)
    assert set(sends) == set(READERS)  # everybody got it
    repeated = sum(n - 1 for n in sends.values())
    assert repeated <= in_flight, (repeated, in_flight)
    holding = {r.user_id for r in regs if r.status == "registered"}
    holders = {tg for tg in TEACHERS if ids[tg] in holding}
    reminders = Counter(
        r.chat_id
        for r in fake_api.of("sendMessage")
        if r.text.startswith(("⏰ Напоминаем", "⏰ Скоро начало"))
    )
    assert reminders == dict.fromkeys(holders, 2)


async def _count(value: bool) -> bool:
    return value
