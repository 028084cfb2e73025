"""Two `python -m bot` processes in webhook mode on two ports, sharing one PostgreSQL database
and one Redis, fed alternately by the test as a load balancer would: seats stay exact, a
conversation continues on whichever replica gets the next update, and a broadcast and the
reminders reach everybody once."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import update

from bot.factory import Database, policy_from
from db.enums import Role
from db.models import OutboxMessage, Registration
from handlers.event_card import EventCardAct, EventCardCD
from tests.conftest import make_settings, redis_url
from tests.support.fake_api_server import FakeBotAPI
from tests.support.faults_support import (
    BotProcess,
    bot_env,
    enqueue_broadcast,
    event_row,
    eventually,
    free_port,
    outbox_states,
    registrations,
    seed_event,
    seed_people,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SECRET = "replicas-webhook-secret"
TEACHERS = [360_000 + n for n in range(40)]
READERS = [361_000 + n for n in range(150)]
NEWCOMER = 362_001
CAPACITY = 5
BROADCAST = "Открыта запись на весеннюю школу методиста."
START_WAIT = 90.0  # two cold starts at once on a busy machine


class Balancer:
    """Round-robin over the replicas' webhook ports, with Telegram's secret header."""

    def __init__(self, api: FakeBotAPI, ports: list[int]) -> None:
        self.api = api
        self.ports = ports
        self._turn = itertools.cycle(range(len(ports)))
        self._ids = itertools.count(1)
        self.client = aiohttp.ClientSession()

    async def post(self, payload: dict[str, Any], replica: int | None = None) -> int:
        index = next(self._turn) if replica is None else replica
        url = f"http://127.0.0.1:{self.ports[index]}/telegram/webhook"
        update = {"update_id": next(self._ids), **payload}
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with self.client.post(url, json=update, headers=headers) as response:
            assert response.status == 200, await response.text()
        return index

    async def say(self, replica: int, user: int, text: str, expect: str) -> str:
        start = len(self.api.requests)
        await self.post(self.api.update_payload_message(user, text), replica)
        return (await self._reply(user, expect, start)).text

    async def tap(self, replica: int, user: int, button: str, expect: str) -> str:
        data = self._button(user, button)
        start = len(self.api.requests)
        _, payload = self.api.callback_payload(user, data)
        await self.post(payload, replica)
        return (await self._reply(user, expect, start)).text

    async def _reply(self, user: int, expect: str, start: int) -> Any:
        return await self.api.wait_for(
            lambda r: r.chat_id == user and expect in r.text and r.method != "answerCallbackQuery",
            start=start,
            wait=30,
        )

    def _button(self, user: int, text: str) -> str:
        for record in reversed(self.api.requests):
            if record.chat_id == user:
                for label, data in record.buttons():
                    if text in label:
                        return data
        raise AssertionError(f"no button {text!r} for {user}")

    async def close(self) -> None:
        await self.client.close()


async def _listening(port: int) -> None:
    async def up() -> bool:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return False
        writer.close()
        await writer.wait_closed()
        return True

    await eventually(up, wait=START_WAIT, what=f"a replica listening on {port}", step=0.1)


def _told(api: FakeBotAPI, tg: int) -> list[str]:
    return [
        r.text
        for r in api.sent_to(tg)
        if "Вы записаны" in r.text or "Свободных мест нет" in r.text
    ]


async def _forget_fsm(redis_client: Any, users: list[int]) -> None:
    for user in users:
        keys = [key async for key in redis_client.scan_iter(match=f"fsm:*:{user}:*")]
        if keys:
            await redis_client.delete(*keys)


def _replicas(
    fake_api: FakeBotAPI, pg_url: str, tmp_path: Path, ports: list[int]
) -> list[BotProcess]:
    return [
        BotProcess(
            bot_env(
                fake_api,
                pg_url,
                REDIS_URL=str(redis_url()),
                WEBHOOK_URL="https://bot.example.org",
                WEBHOOK_SECRET=SECRET,
                WEBHOOK_HOST="127.0.0.1",
                WEBHOOK_PORT=str(port),
                BROADCAST_RATE="200",
            ),
            tmp_path,
            f"replica{n}",
        )
        for n, port in enumerate(ports)
    ]


async def _stampede(
    balancer: Balancer, fake_api: FakeBotAPI, sessions: Any, event_id: int
) -> list[Registration]:
    """Forty taps at once, spread over both replicas: the seats stay exact."""
    register = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
    served = await asyncio.gather(
        *(balancer.post(fake_api.callback_payload(tg, register)[1]) for tg in TEACHERS)
    )
    assert Counter(served) == {0: len(TEACHERS) // 2, 1: len(TEACHERS) // 2}

    # A newcomer's onboarding, each step on the other replica than the one before.
    await balancer.say(0, NEWCOMER, "/start", "Выберите язык")
    await balancer.tap(1, NEWCOMER, "Русский", "Кто вы?")
    await balancer.tap(0, NEWCOMER, "педагог", "152-ФЗ")
    await balancer.tap(1, NEWCOMER, "Согласен", "фамилию, имя")
    await balancer.say(0, NEWCOMER, "Миронова Алла Игоревна", "В какой школе")

    async def everybody_told() -> bool:
        return all(_told(fake_api, tg) for tg in TEACHERS)

    await eventually(everybody_told, wait=30, what="every tap answered")
    regs = await registrations(sessions, event_id)
    assert len(regs) == len({r.user_id for r in regs}) == len(TEACHERS)
    assert Counter(r.status for r in regs)["registered"] == CAPACITY
    assert (await event_row(sessions, event_id)).seats_taken == CAPACITY
    assert all(len(_told(fake_api, tg)) == 1 for tg in TEACHERS)
    return regs


async def _deliver_everything(sessions: Any) -> None:
    # The reminders fall due now (rather than in three days) on both replicas at once.
    async with sessions() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "reminder", OutboxMessage.state == "pending")
            .values(due_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        await session.commit()

    async def delivered() -> bool:
        return set(await outbox_states(sessions)) <= {"sent"}

    await eventually(delivered, wait=60, what="the broadcast and reminders delivered")


def _assert_each_sent_once(
    fake_api: FakeBotAPI, ids: dict[int, int], regs: list[Registration]
) -> None:
    sends = Counter(r.chat_id for r in fake_api.of("sendMessage") if r.text == BROADCAST)
    assert sends == dict.fromkeys(READERS, 1)
    holders = {
        tg for tg in TEACHERS if ids[tg] in {r.user_id for r in regs if r.status == "registered"}
    }
    reminders = Counter(
        r.chat_id
        for r in fake_api.of("sendMessage")
        if r.text.startswith(("⏰ Напоминаем", "⏰ Скоро начало"))
    )
    assert reminders == dict.fromkeys(holders, 2)
    announced = Counter(
        r.chat_id for r in fake_api.of("sendMessage") if r.text.startswith("📢 Новое мероприятие")
    )
    assert announced == dict.fromkeys([*TEACHERS, *READERS], 1)  # the event's, to everyone


async def test_two_webhook_replicas_share_seats_conversations_and_deliveries(
    tmp_path: Path,
    pg_database: Database,
    pg_url: str,
    redis_client: Any,
    fake_api: FakeBotAPI,
) -> None:
    sessions = pg_database.session_factory
    ids = await seed_people(sessions, TEACHERS)
    readers = await seed_people(sessions, READERS, Role.PARENT)
    event_id = await seed_event(
        sessions, policy_from(make_settings(pg_url)), 369_999, capacity=CAPACITY
    )
    await enqueue_broadcast(sessions, list(readers.values()), BROADCAST)

    ports = [free_port(), free_port()]
    replicas = _replicas(fake_api, pg_url, tmp_path, ports)
    balancer = Balancer(fake_api, ports)
    try:
        await asyncio.gather(*(replica.start() for replica in replicas))
        await asyncio.gather(*(_listening(port) for port in ports))
        regs = await _stampede(balancer, fake_api, sessions, event_id)
        await _deliver_everything(sessions)
        codes = await asyncio.gather(*(replica.stop() for replica in replicas))
        assert codes == [0, 0], [replica.log() for replica in replicas]
    finally:
        await balancer.close()
        for replica in replicas:
            await replica.ensure_dead()
        await _forget_fsm(redis_client, [*TEACHERS, NEWCOMER])

    _assert_each_sent_once(fake_api, ids, regs)
    logs = [replica.log() for replica in replicas]
    assert all("Traceback" not in log for log in logs), logs
