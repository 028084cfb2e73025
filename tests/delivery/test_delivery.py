"""The delivery engine against the recording Bot API: outcomes, quiet hours, expiry, crash."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import SendDocument, SendMessage, SendPhoto, TelegramMethod
from sqlalchemy import select, update

from bot.delivery import split_text
from bot.factory import Database
from db.enums import OutboxState, Priority, Role
from db.models import OutboxMessage, User
from services.context import Policy
from services.delivery.digest import enqueue_digest
from services.delivery.outbox import OutboxService
from tests.delivery.test_delivery_support import (
    TG_BASE,
    add_people,
    make_bot,
    make_engine,
    per_chat,
    rows,
    sends,
)
from tests.support.harness import Clock


async def _enqueue(database: Database, clock: Clock, user_ids: list[int], **kwargs: Any) -> None:
    async with database.session_factory() as session:
        outbox = OutboxService(session, clock)
        for user_id in user_ids:
            values: dict[str, Any] = {"kind": "notice", "body": f"Привет, {user_id}"}
            values.update(kwargs)
            outbox.enqueue(user_id=user_id, **values)
        await session.commit()


def _fail_for(chat_id: int, error: Any, times: int = 1, **extra: Any) -> Any:
    left = [times]

    def responder(method: TelegramMethod[Any]) -> Any:
        if getattr(method, "chat_id", None) == chat_id and left[0] > 0:
            left[0] -= 1
            return error(method=method, message=f"injected {error.__name__}", **extra)
        return None

    return responder


async def test_every_telegram_outcome_is_recorded_and_nothing_is_sent_twice(
    database: Database, policy: Policy, clock: Clock
) -> None:
    people = await add_people(database.session_factory, 6)
    ok, blocked, bad, flaky, throttled, fine = people
    await _enqueue(database, clock, people)
    bot, api = make_bot()
    api.responders += [
        _fail_for(TG_BASE + 1, TelegramForbiddenError),
        _fail_for(TG_BASE + 2, TelegramBadRequest),
        _fail_for(TG_BASE + 3, TelegramNetworkError),
        _fail_for(TG_BASE + 4, TelegramRetryAfter, retry_after=1),
    ]
    engine = make_engine(bot, database.session_factory, policy, clock)

    await engine.tick()

    state = {row.user_id: row for row in await rows(database.session_factory)}
    assert state[ok].state == OutboxState.SENT and state[ok].telegram_message_id
    assert state[fine].state == OutboxState.SENT
    assert state[throttled].state == OutboxState.SENT  # a 429 waits; it is never a failure
    assert engine.retry_after_count == 1
    assert (state[blocked].state, state[blocked].last_error) == (OutboxState.SKIPPED, "blocked")
    assert state[bad].state == OutboxState.FAILED
    assert "TelegramBadRequest" in (state[bad].last_error or "")
    assert state[flaky].state == OutboxState.PENDING  # to be retried after a backoff
    assert state[flaky].due_at > clock.now

    clock.now += timedelta(minutes=1)
    await engine.tick()
    flaky_row = next(r for r in await rows(database.session_factory) if r.user_id == flaky)
    assert flaky_row.state == OutboxState.SENT and flaky_row.attempts == 2

    # The person who blocked the bot is marked and skipped from then on, without a request.
    async with database.session_factory() as session:
        assert (await session.get(User, blocked)).is_reachable is False  # type: ignore[union-attr]
    before = per_chat(api)[TG_BASE + 1]
    await _enqueue(database, clock, [blocked], body="Второе сообщение")
    await engine.tick()
    assert per_chat(api)[TG_BASE + 1] == before
    last = (await rows(database.session_factory))[-1]
    assert last.state == OutboxState.SKIPPED

    delivered = [r.chat_id for r in sends(api) if r.chat_id not in (TG_BASE + 1, TG_BASE + 2)]
    # Each delivered chat got one message; the throttled and flaky ones were asked twice but
    # Telegram accepted only once.
    for chat in (TG_BASE, TG_BASE + 5):
        assert delivered.count(chat) == 1


async def test_network_errors_give_up_after_a_bounded_number_of_attempts(
    database: Database, policy: Policy, clock: Clock
) -> None:
    [person] = await add_people(database.session_factory, 1)
    await _enqueue(database, clock, [person])
    bot, api = make_bot()
    api.responders.append(_fail_for(TG_BASE, TelegramNetworkError, times=100))
    engine = make_engine(bot, database.session_factory, policy, clock)
    for _ in range(10):
        await engine.tick()
        clock.now += timedelta(minutes=10)
    [row] = await rows(database.session_factory)
    assert row.state == OutboxState.FAILED
    assert row.attempts == 5
    assert "TelegramNetworkError" in (row.last_error or "")


async def test_quiet_hours_hold_ordinary_messages_until_morning_but_not_urgent_ones(
    database: Database, policy: Policy, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)  # 22:30 in Moscow
    calm, urgent = await add_people(database.session_factory, 2)
    await _enqueue(database, clock, [calm], body="Анонс")
    await _enqueue(database, clock, [urgent], body="Через час начало", urgent=True)
    bot, api = make_bot()
    engine = make_engine(bot, database.session_factory, policy, clock)

    await engine.tick()

    assert set(per_chat(api)) == {TG_BASE + 1}
    held = next(r for r in await rows(database.session_factory) if r.user_id == calm)
    assert held.state == OutboxState.PENDING
    assert held.due_at == datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # 08:00 in Moscow

    clock.now = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
    await engine.tick()
    assert per_chat(api) == {TG_BASE: 1, TG_BASE + 1: 1}


async def test_an_expired_message_is_dropped_and_never_sent_late(
    database: Database, policy: Policy, clock: Clock
) -> None:
    [person] = await add_people(database.session_factory, 1)
    starts = clock.now + timedelta(hours=2)
    async with database.session_factory() as session:
        OutboxService(session, clock).schedule_reminders(
            user_id=person,
            ref=("event", 1),
            starts_at=starts,
            offsets_hours=(1.0,),
            template="digest-title",
            args={"day": "x"},
        )
        await session.commit()
    bot, api = make_bot()
    engine = make_engine(bot, database.session_factory, policy, clock)
    clock.now = starts + timedelta(minutes=5)  # the bot was down over the reminder and start

    await engine.tick()

    assert sends(api) == []
    [row] = await rows(database.session_factory)
    assert (row.state, row.last_error) == (OutboxState.SKIPPED, "expired")


async def test_reminders_go_before_bulk_and_templates_render_in_the_recipients_language(
    database: Database, policy: Policy, clock: Clock
) -> None:
    [ru] = await add_people(database.session_factory, 1)
    [en] = await add_people(database.session_factory, 1, locale="en", start=1)
    await _enqueue(database, clock, [ru], body="Массовая", priority=Priority.BULK)
    await _enqueue(
        database,
        clock,
        [ru, en],
        body=None,
        template="digest-title",
        args={"day": datetime(2026, 11, 23, 21, 30, tzinfo=UTC)},
        priority=Priority.REMINDER,
    )
    bot, api = make_bot()
    await make_engine(bot, database.session_factory, policy, clock).tick()
    texts = [(r.chat_id, r.text) for r in sends(api)]
    assert texts[0] == (TG_BASE, "<b>Сводка за 24.11.2026 00:30</b>")
    assert (TG_BASE + 1, "<b>Summary for 24.11.2026 00:30</b>") in texts
    assert texts[-1] == (TG_BASE, "Массовая")


async def test_long_texts_are_split_at_paragraphs_and_long_captions_follow_the_file(
    database: Database, policy: Policy, clock: Clock
) -> None:
    paragraph = "Абзац " + "слово " * 120
    text = "\n\n".join(paragraph.strip() for _ in range(12))
    pieces = split_text(text)
    assert all(len(p) <= 4096 for p in pieces) and len(pieces) > 1
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")
    assert all(p.endswith("слово") for p in pieces)

    a, b = await add_people(database.session_factory, 2)
    await _enqueue(database, clock, [a], body=text)
    await _enqueue(
        database, clock, [b], body="x" * 1500, attachment={"type": "photo", "file_id": "PH"}
    )
    bot, api = make_bot()
    await make_engine(bot, database.session_factory, policy, clock).tick()
    to_a = [r for r in sends(api) if r.chat_id == TG_BASE]
    assert len(to_a) == len(pieces)
    to_b = [r for r in sends(api) if r.chat_id == TG_BASE + 1]
    assert isinstance(to_b[0], SendPhoto) and to_b[0].caption is None
    assert isinstance(to_b[1], SendMessage) and to_b[1].text == "x" * 1500
    assert not any(isinstance(r, SendDocument) for r in to_b)


async def test_killed_mid_broadcast_a_new_engine_finishes_and_only_in_flight_rows_repeat(
    database: Database, policy: Policy, clock: Clock
) -> None:
    people = await add_people(database.session_factory, 300)
    await _enqueue(database, clock, people, priority=Priority.BULK, kind="broadcast")
    bot, api = make_bot()
    halfway = asyncio.Event()

    def watch(method: TelegramMethod[Any]) -> None:
        if len(sends(api)) >= 120:
            halfway.set()

    api.responders.append(watch)
    first = make_engine(bot, database.session_factory, policy, clock, concurrency=16)
    task = asyncio.create_task(first.tick())
    await halfway.wait()
    task.cancel()  # the process dies here: nothing after this point runs for this engine
    await asyncio.gather(task, return_exceptions=True)
    in_flight = sum(1 for r in await rows(database.session_factory) if r.state == "sending")
    assert in_flight > 0

    clock.now += timedelta(minutes=6)  # past the lease: the new process takes them over
    second = make_engine(bot, database.session_factory, policy, clock)
    await second.start()
    await second.tick()

    assert all(r.state == OutboxState.SENT for r in await rows(database.session_factory))
    counts = per_chat(api)
    assert set(counts) == {TG_BASE + n for n in range(300)}
    repeated = sum(n - 1 for n in counts.values())
    assert repeated <= in_flight


async def test_daily_digest_reaches_staff_once_a_day(
    database: Database, policy: Policy, clock: Clock
) -> None:
    await add_people(database.session_factory, 3)
    await add_people(database.session_factory, 1, role=Role.PARENT, start=10)
    [methodist] = await add_people(database.session_factory, 1, role=Role.METHODIST, start=20)
    async with database.session_factory() as session:
        # "New in the last 24 hours" is read against the injected clock.
        await session.execute(update(User).values(created_at=clock.now - timedelta(hours=2)))
        await session.commit()
    assert await enqueue_digest(database.session_factory, policy, clock) == 1
    assert await enqueue_digest(database.session_factory, policy, clock) == 0
    bot, api = make_bot()
    await make_engine(bot, database.session_factory, policy, clock).tick()
    [digest] = [r for r in sends(api) if r.chat_id == TG_BASE + 20]
    day = clock.now.astimezone(policy.timezone).strftime("%d.%m.%Y")
    assert f"Сводка за {day}" in digest.text
    assert "педагогов — 3, родителей — 1" in digest.text
    async with database.session_factory() as session:
        row = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "digest"))
        ).scalar_one()
        assert row.user_id == methodist
