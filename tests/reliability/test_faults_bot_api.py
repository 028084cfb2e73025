"""The Bot API misbehaves while people use the bot and a broadcast is going out: 429 with
retry_after, 403, 400, 500, a proxy's 502 page, requests that hang past the timeout and
connections dropped without an answer. Over real HTTP, through the app's own polling loop
and scheduler (AiohttpSession against the fake server)."""

from __future__ import annotations

from collections import Counter
from datetime import time

from bot.config import Settings
from db.models import User
from handlers.event_card import EventCardAct, EventCardCD
from tests.conftest import make_settings
from tests.support.fake_api_server import FakeBotAPI, Fault, Recorded
from tests.support.faults_support import (
    FINAL_STATES,
    enqueue_broadcast,
    event_row,
    eventually,
    outbox_rows,
    outbox_states,
    polling,
    registrations,
    seed_event,
    seed_people,
)

TEACHERS = [320_000 + n for n in range(40)]
READERS = [321_000 + n for n in range(80)]  # only get the broadcast
BLOCKED = set(READERS[:5])  # blocked the bot: 403 on every send
GONE = set(READERS[5:10])  # chat not found: 400 on every send
CAPACITY = 25
BROADCAST = "Отчёт о сетевом семинаре опубликован на сайте центра."
TIMEOUT = 1.0
# One failure each, in turn; None lets the first request through.
SEQUENCE: list[Fault | None] = [
    Fault.server_error(),
    Fault.retry_after(1),
    Fault.reset(),
    Fault.timeout(TIMEOUT + 0.5),
    Fault.bad_gateway(),
    None,
]


class FaultPlan:
    """The first send to each chat fails as SEQUENCE says (a retry then goes through), some
    first tap answers fail, two long polls fail, and BLOCKED/GONE chats fail for good."""

    def __init__(self) -> None:
        people = TEACHERS + READERS
        self.first: dict[int, Fault | None] = {
            chat: SEQUENCE[n % len(SEQUENCE)] for n, chat in enumerate(people)
        }
        self.polls = 0
        self.answers: set[str] = set()

    def __call__(self, record: Recorded) -> Fault | None:
        if record.method == "getUpdates":
            self.polls += 1
            return {3: Fault.bad_gateway(), 6: Fault.reset()}.get(self.polls)
        if record.method == "answerCallbackQuery":
            query = str(record.params.get("callback_query_id"))
            first = query not in self.answers
            self.answers.add(query)
            return Fault.server_error() if first and len(self.answers) % 4 == 1 else None
        if record.method != "sendMessage" or record.chat_id is None:
            return None
        if record.chat_id in BLOCKED:
            return Fault.blocked()
        if record.chat_id in GONE:
            return Fault.bad_request()
        return self.first.pop(record.chat_id, None)


def _settings(database_url: str, api: FakeBotAPI) -> Settings:
    return make_settings(
        database_url,
        bot_api_base_url=api.base_url,
        bot_api_timeout=TIMEOUT,
        broadcast_rate=200,
        delivery_tick_seconds=0.2,
        quiet_hours_start=time(0, 0),
        quiet_hours_end=time(0, 0),
    )


async def test_the_bot_keeps_answering_and_loses_nothing_while_the_bot_api_fails(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    plan = FaultPlan()
    async with polling(_settings(database_url, fake_api)) as app:
        sessions = app.database.session_factory
        policy = app.dispatcher["policy"]
        teachers = await seed_people(sessions, TEACHERS)
        readers = await seed_people(sessions, READERS)
        event_id = await seed_event(sessions, policy, 329_999, capacity=CAPACITY)
        fake_api.faults.append(plan)

        await enqueue_broadcast(sessions, [*teachers.values(), *readers.values()], BROADCAST)
        register = EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
        for tg in TEACHERS:  # everybody taps while the broadcast is going out
            await fake_api.press(tg, register)

        def told(tg: int) -> bool:
            return any(
                "Вы записаны" in r.text or "Свободных мест нет" in r.text
                for r in fake_api.sent_to(tg)
            )

        async def everybody_told() -> bool:
            return all(told(tg) for tg in TEACHERS)

        async def every_tap_answered() -> bool:
            answered = {r.params["callback_query_id"] for r in fake_api.of("answerCallbackQuery")}
            return len(answered) == len(TEACHERS)

        async def broadcast_settled() -> bool:
            states = await outbox_states(sessions, "broadcast")
            return set(states) <= FINAL_STATES

        await eventually(everybody_told, wait=60, what="every tap answered with its outcome")
        # Some first answers failed; each tap is answered in the end, and only once.
        await eventually(every_tap_answered, wait=30, what="every tap's spinner stopped")
        await eventually(broadcast_settled, wait=60, what="every broadcast row recorded")

        regs = await registrations(sessions, event_id)
        assert len(regs) == len({r.user_id for r in regs}) == len(TEACHERS)
        assert Counter(r.status for r in regs) == {
            "registered": CAPACITY,
            "waitlisted": len(TEACHERS) - CAPACITY,
        }
        assert (await event_row(sessions, event_id)).seats_taken == CAPACITY

        rows = {row.user_id: row for row in await outbox_rows(sessions, "broadcast")}
        by_tg = {**teachers, **readers}
        for tg, user_id in by_tg.items():
            row = rows[user_id]
            if tg in BLOCKED:
                # Blocked on this row, or already on the event's announcement before it.
                assert row.state == "skipped"
                assert row.last_error in ("blocked", "no recipient")
            elif tg in GONE:
                assert row.state == "failed" and "chat not found" in (row.last_error or "")
            else:
                assert row.state == "sent", (tg, row.state, row.last_error)
        async with sessions() as session:
            for tg in BLOCKED:
                user = await session.get(User, by_tg[tg])
                assert user is not None and user.is_reachable is False

    delivered = Counter(r.chat_id for r in fake_api.of("sendMessage") if r.text == BROADCAST)
    # Delivered once to everybody reachable; a failed request delivered nothing, so a retry
    # never doubled a message.
    assert delivered == {tg: 1 for tg in by_tg if tg not in BLOCKED | GONE}
    injected = Counter(fault.kind for _, fault in fake_api.faulted)
    assert set(injected) == {
        "server_error",
        "retry_after",
        "reset",
        "timeout",
        "bad_gateway",
        "blocked",
        "bad_request",
    }
    assert fake_api.rejected == []
