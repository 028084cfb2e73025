"""A person who writes while a broadcast is going out is answered at once: the reply never
queues behind the broadcast's sends waiting for the rate limiter. Over real HTTP, through the
app's own polling loop and scheduler."""

from __future__ import annotations

from datetime import time

from tests.conftest import make_settings
from tests.support.fake_api_server import FakeBotAPI
from tests.support.faults_support import (
    enqueue_broadcast,
    eventually,
    outbox_states,
    polling,
    seed_people,
)

READERS = [330_000 + n for n in range(80)]
ASKER = 331_000
BROADCAST = "Сетевой семинар переносится на четверг."
RATE = 5  # messages a second: the broadcast needs about 16 s


async def test_a_reply_goes_out_at_once_while_broadcast_sends_wait_for_permits(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    settings = make_settings(
        database_url,
        bot_api_base_url=fake_api.base_url,
        broadcast_rate=RATE,
        delivery_tick_seconds=0.2,
        quiet_hours_start=time(0, 0),
        quiet_hours_end=time(0, 0),
    )
    async with polling(settings) as app:
        sessions = app.database.session_factory
        engine = app.dispatcher["scheduler"].engine
        readers = await seed_people(sessions, READERS)
        await seed_people(sessions, [ASKER])
        await enqueue_broadcast(sessions, list(readers.values()), BROADCAST)

        async def queued() -> bool:
            return engine.limiter.waiting >= 10

        await eventually(queued, wait=30, what="broadcast sends waiting for permits")
        waiting = engine.limiter.waiting
        start = len(fake_api.requests)
        await fake_api.send_text(ASKER, "/help")
        reply = await fake_api.wait_for(
            lambda r: r.chat_id == ASKER and r.method == "sendMessage", start=start, wait=30
        )
        between = [
            r
            for r in fake_api.requests[start:]
            if r.method == "sendMessage" and r.text == BROADCAST
        ]
        states = await outbox_states(sessions, "broadcast")

    assert "Что я умею для вас" in reply.text
    # Had the reply queued behind the sends waiting for a permit, all of them would have gone
    # first; it went while the broadcast was still under way, past nearly all of them.
    assert len(between) < waiting, (len(between), waiting)
    assert states["pending"] + states["sending"] > 0
