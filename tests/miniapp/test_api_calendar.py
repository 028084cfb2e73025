"""The calendar through the API as a person uses it: a month with filters, an event's page,
registering, the waiting list and cancelling, with the chat told as after a tap there."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import SendDocument, SendMessage

from services.context import Actor
from services.events.types import EventAudience, EventFormat, EventType
from tests.miniapp.conftest import PARENT, SECOND_TEACHER, STRANGER, TEACHER
from tests.miniapp.support import MiniAppServer, init_data
from tests.support.events_support import create_event, draft, event_row, registrations
from tests.support.harness import BotHarness

MONTH = "from=2026-11-23&to=2027-01-04"


def _ids(events: list[dict[str, Any]]) -> list[int]:
    return [e["id"] for e in events]


async def _calendar(server: MiniAppServer, data: str, query: str = "") -> list[Any]:
    status, body = await server.get_json(f"api/calendar?{MONTH}{query}", data)
    assert status == 200, body
    return list(body["events"])


async def test_a_teacher_sees_the_month_and_filters_it(
    server: MiniAppServer, harness: BotHarness, methodist: Actor
) -> None:
    now = harness.clock.now
    seminar = await create_event(harness, methodist, draft(now=now))
    online = await create_event(
        harness,
        methodist,
        draft(now=now, fmt=EventFormat.ONLINE, starts_in=timedelta(days=10), title="Вебинар"),
    )
    parents = await create_event(
        harness,
        methodist,
        draft(now=now, audience=EventAudience.PARENTS, title="Родительское собрание"),
    )
    past = await create_event(harness, methodist, draft(now=now, starts_in=timedelta(days=1)))
    data = init_data(TEACHER, now=now)
    harness.clock.now = now + timedelta(days=2)  # the last one is over by now
    data = init_data(TEACHER, now=harness.clock.now)
    events = await _calendar(server, data)
    assert _ids(events) == [seminar, online]  # not the parents' meeting, not the past one
    first = events[0]
    assert first["title"] == "Семинар: подготовка к ОГЭ по математике"
    assert first["day"] == "2026-11-26" and first["time"] == "12:00"  # Moscow time
    assert first["seats"] == "Осталось 10 мест из 10"
    assert first["can_register"] and first["mine"] is None
    assert _ids(await _calendar(server, data, "&format=online")) == [online]
    assert _ids(await _calendar(server, data, "&type=webinar")) == []
    assert _ids(await _calendar(server, data, "&type=seminar&topic=exam_prep")) == [
        seminar,
        online,
    ]
    assert _ids(await _calendar(server, data, "&audience=parents")) == []
    assert _ids(await _calendar(server, data, "&mine=1")) == []
    parent = await _calendar(server, init_data(PARENT, now=harness.clock.now))
    assert parents in _ids(parent)
    assert past not in _ids(parent)


async def test_a_stranger_sees_the_public_calendar_and_is_sent_to_the_chat(
    server: MiniAppServer, harness: BotHarness, methodist: Actor
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now))
    data = init_data(STRANGER, now=now)
    assert _ids(await _calendar(server, data)) == [event_id]
    status, card = await server.get_json(f"api/events/{event_id}", data)
    assert status == 200
    assert card["chat_link"] == f"https://t.me/coordinator_test_bot?start=event_{event_id}"
    status, body = await server.post_json(f"api/events/{event_id}/register", data)
    assert status == 403
    assert body["error"] == "needs_onboarding"
    assert "закончите знакомство с ботом в чате" in body["message"]
    assert await registrations(harness, event_id) == []


async def test_registering_tells_the_chat_with_the_calendar_file(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now, capacity=1))
    data = init_data(TEACHER, now=now)
    before = len(harness.api.requests)
    status, body = await server.post_json(f"api/events/{event_id}/register", data)
    assert status == 200
    assert body["status"] == "registered" and body["chat_sent"]
    assert "Вы записаны" in body["message"]
    assert body["event"]["mine"] == "registered"
    assert body["event"]["can_cancel"] and not body["event"]["can_register"]
    assert body["event"]["link"] is None  # in person: nothing to join
    sent = harness.api.requests[before:]
    texts = [r for r in sent if isinstance(r, SendMessage) and r.chat_id == TEACHER]
    files = [r for r in sent if isinstance(r, SendDocument) and r.chat_id == TEACHER]
    assert len(texts) == 1 and "Вы записаны" in texts[0].text
    assert len(files) == 1
    assert str(getattr(files[0].document, "filename", "")).endswith(".ics")
    # A second tap (a double tap, or the chat's button) finds the seat already taken.
    status, again = await server.post_json(f"api/events/{event_id}/register", data)
    assert status == 200 and again["already"]
    # The event is full: the next teacher joins the waiting list, as in the chat.
    other = init_data(SECOND_TEACHER, now=now)
    status, card = await server.get_json(f"api/events/{event_id}", other)
    assert card["full"] and card["can_register"]
    status, waiting = await server.post_json(f"api/events/{event_id}/register", other)
    assert waiting["status"] == "waitlisted"
    assert "в листе ожидания" in waiting["message"]
    assert (await event_row(harness, event_id)).seats_taken == 1
    mine = await _calendar(server, data, "&mine=1")
    assert _ids(mine) == [event_id] and mine[0]["mine"] == "registered"


async def test_cancelling_asks_first_and_gives_the_seat_to_the_waiting_list(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now, capacity=1))
    first, second = init_data(TEACHER, now=now), init_data(SECOND_TEACHER, now=now)
    await server.post_json(f"api/events/{event_id}/register", first)
    await server.post_json(f"api/events/{event_id}/register", second)
    status, outlook = await server.get_json(f"api/events/{event_id}/cancel", first)
    assert status == 200
    assert "предложат первому из листа ожидания" in outlook["message"]
    status, body = await server.post_json(f"api/events/{event_id}/cancel", first)
    assert status == 200
    # The seat is held for the first on the waiting list: registering again means waiting.
    assert body["event"]["mine"] is None and body["event"]["full"]
    assert "Запись отменена" in body["message"]
    statuses = {r.user_id: r.status for r in await registrations(harness, event_id)}
    assert statuses[people[TEACHER]] == "cancelled"
    assert statuses[people[SECOND_TEACHER]] == "offered"
    status, again = await server.post_json(f"api/events/{event_id}/cancel", first)
    assert status == 409
    assert again["message"] == "Вы не записаны на это мероприятие."


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("api/events/999999", 404),
        ("api/events/abc", 400),
        ("api/events/99999999999999999999", 400),
        ("api/calendar?from=2026-11-01&to=2027-11-01", 400),
        ("api/calendar?from=yesterday&to=2026-12-01", 400),
        ("api/calendar?from=2026-11-01&to=2026-12-01&type=party", 400),
    ],
)
async def test_crafted_requests_get_a_clear_message_not_an_error_log(
    server: MiniAppServer,
    harness: BotHarness,
    people: dict[int, int],
    path: str,
    status: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        got, body = await server.get_json(path, init_data(TEACHER, now=harness.clock.now))
    assert got == status
    assert body["message"]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_an_event_for_others_is_refused_on_its_page(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    now = harness.clock.now
    event_id = await create_event(
        harness, methodist, draft(now=now, audience=EventAudience.PARENTS)
    )
    data = init_data(TEACHER, now=now)
    status, body = await server.get_json(f"api/events/{event_id}", data)
    assert status == 403
    assert body["message"] == "Это мероприятие для другой аудитории."
    status, body = await server.post_json(f"api/events/{event_id}/register", data)
    assert status == 403
    assert await registrations(harness, event_id) == []


async def test_an_english_speaker_reads_the_calendar_in_english(
    server: MiniAppServer, harness: BotHarness, methodist: Actor
) -> None:
    now = harness.clock.now
    await create_event(harness, methodist, draft(now=now))
    events = await _calendar(server, init_data(610_777, now=now, language="en"))
    assert events[0]["type_label"] == "seminar"
    assert events[0]["seats"].startswith("10 of 10") or "10" in events[0]["seats"]
    assert EventType.SEMINAR.value == events[0]["type"]
