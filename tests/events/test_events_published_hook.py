"""Publishing an event tells the features that listen (services/hooks.py), inside the
publishing transaction: a draft tells nobody, a publication (direct or approved) tells once,
and a listener's failure undoes the publication."""

from __future__ import annotations

import pytest

from db.enums import Topic
from services.errors import Conflict
from services.events.service import EventService
from services.events.types import EventStatus
from services.hooks import PublishedEvent
from tests.support.events_support import draft, event_row, staff_actor
from tests.support.harness import BotHarness


class Listener:
    def __init__(self, fail: bool = False) -> None:
        self.heard: list[PublishedEvent] = []
        self.fail = fail

    async def __call__(self, published: PublishedEvent) -> None:
        self.heard.append(published)
        if self.fail:
            raise Conflict("error-event-closed")


async def with_listener(harness: BotHarness, listener: Listener, work):  # type: ignore[no-untyped-def]
    svc = await harness.services()
    events = EventService(svc.session, svc.policy, svc.clock, svc.outbox, on_published=[listener])
    try:
        return await work(events)
    finally:
        await svc.session.close()


async def test_direct_publication_tells_the_listeners_once(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    listener = Listener()
    the_draft = draft(now=harness.clock.now)
    event_id = await with_listener(
        harness, listener, lambda events: events.create(staff, the_draft, publish=True)
    )
    assert listener.heard == [
        PublishedEvent(event_id, the_draft.title, Topic.EXAM_PREP.value, the_draft.starts_at)
    ]


async def test_a_draft_tells_nobody_until_it_is_published(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    listener = Listener()
    event_id = await with_listener(
        harness,
        listener,
        lambda events: events.create(staff, draft(now=harness.clock.now), publish=False),
    )
    assert listener.heard == []
    await with_listener(harness, listener, lambda events: events.publish(staff, event_id))
    assert [p.event_id for p in listener.heard] == [event_id]


async def test_a_failing_listener_undoes_the_publication(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    event_id = await with_listener(
        harness,
        Listener(),
        lambda events: events.create(staff, draft(now=harness.clock.now), publish=False),
    )
    with pytest.raises(Conflict):
        await with_listener(
            harness, Listener(fail=True), lambda events: events.publish(staff, event_id)
        )
    assert (await event_row(harness, event_id)).status == EventStatus.DRAFT.value
