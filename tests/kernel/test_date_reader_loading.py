"""The date reader's library (about 11 MB, half a second to load) is not loaded by an idle bot
nor by ordinary taps; the first message typed inside a conversation loads it on a worker
thread, and the event loop keeps running meanwhile."""

from __future__ import annotations

import asyncio
import time

import pytest

from services import dates
from services.enums import Role
from tests.conftest import ADMIN_ID
from tests.support.events_support import add_people
from tests.support.harness import BotHarness


@pytest.fixture
def unloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_parser", None)


async def test_the_library_waits_for_the_first_conversation(
    harness: BotHarness, unloaded: None
) -> None:
    await add_people(harness, [ADMIN_ID], Role.METHODIST, name_prefix="Методист")
    await harness.send(ADMIN_ID, "/events")
    await harness.send(ADMIN_ID, "/new_event")
    assert not dates.reader_loaded()  # commands and lists do not need it
    await harness.send(ADMIN_ID, "Семинар «Тревожность на уроке»")
    assert dates.reader_loaded()


async def test_loading_does_not_hold_the_event_loop(unloaded: None) -> None:
    ticks = 0
    stop = False

    async def tick() -> None:
        nonlocal ticks
        while not stop:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    started = time.perf_counter()
    await dates.load_reader()
    took = time.perf_counter() - started
    stop = True
    await ticker
    # The loop went on ticking through the load: at least a third of the ticks a free loop
    # would have made in that time (the worker thread holds the GIL part of the time).
    assert ticks >= max(1, int(took / 0.01 / 3)), (ticks, took)
