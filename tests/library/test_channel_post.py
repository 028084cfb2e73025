"""The event's channel post shows the seats left and follows registrations, edited at most once
a minute per post however many people register at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from aiogram.methods import EditMessageText, SendMessage

from bot.channel_posts import refresh_channel_posts
from services.context import Actor
from services.enums import Role
from tests.delivery.test_delivery_support import make_engine
from tests.support.events_support import add_people, create_event, staff_actor
from tests.support.events_support import draft as event_draft
from tests.support.harness import BotHarness

CHANNEL = -100_777
PEOPLE = list(range(970_001, 970_021))


async def _refresh(harness: BotHarness) -> int:
    return await refresh_channel_posts(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    )


def _edits(harness: BotHarness) -> list[EditMessageText]:
    return [
        r for r in harness.api.requests if isinstance(r, EditMessageText) and r.chat_id == CHANNEL
    ]


async def test_channel_post_follows_a_registration_burst_within_the_edit_limit(
    harness: BotHarness,
) -> None:
    harness.policy = replace(harness.policy, channel_id=CHANNEL)
    staff = await staff_actor(harness)
    event_id = await create_event(
        harness, staff, event_draft(now=harness.clock.now, capacity=30, title="Семинар в канале")
    )
    engine = make_engine(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    )
    await engine.tick()
    posted = [
        r for r in harness.api.requests if isinstance(r, SendMessage) and r.chat_id == CHANNEL
    ]
    assert len(posted) == 1

    assert await _refresh(harness) == 1  # the fresh post learns its figure
    assert "Свободных мест: 30" in str(_edits(harness)[-1].text)
    assert await _refresh(harness) == 0  # nothing changed

    edited_at = [harness.clock.now]
    ids = await add_people(harness, PEOPLE)
    for telegram_id in PEOPLE:
        svc = await harness.services()
        try:
            await svc.events.register(
                Actor(telegram_id, ids[telegram_id], "ru", frozenset({Role.TEACHER})), event_id
            )
        finally:
            await svc.session.close()
        harness.clock.now += timedelta(seconds=2)
        if await _refresh(harness):
            edited_at.append(harness.clock.now)
    # 20 registrations in 40 seconds: the post was edited once, within the minute's limit.
    assert edited_at == [edited_at[0]]
    assert len(_edits(harness)) == 1

    harness.clock.now += timedelta(seconds=19)
    assert await _refresh(harness) == 0  # 59 seconds after the last edit: not yet
    harness.clock.now += timedelta(seconds=1)
    assert await _refresh(harness) == 1
    assert "Свободных мест: 10" in str(_edits(harness)[-1].text)
    assert await _refresh(harness) == 0
