"""One event from publication to certificate over real HTTP: the bot's own polling loop,
delivery engine and scheduler against the fake Bot API server, with the clock the whole app
runs on moved forward through the event's day."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from icalendar import Calendar

from db.enums import Role
from services.container import Services
from services.context import Actor
from tests.conftest import make_settings
from tests.support.events_support import draft
from tests.support.fake_api_server import ChatUser, FakeBotAPI, Recorded
from tests.support.faults_support import NO_QUIET_HOURS, polling, seed_people
from tests.support.harness import Clock

METHODIST = 720_001
COMES, WAITS = 720_101, 720_102


def announced_to(user_id: int) -> Callable[[Recorded], bool]:
    return lambda r: r.chat_id == user_id and "Новое мероприятие" in r.text


async def test_one_event_from_publish_to_certificate_over_http(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    clock = Clock()  # Monday 23.11.2026 12:00 MSK
    settings = make_settings(
        database_url,
        bot_api_base_url=fake_api.base_url,
        delivery_tick_seconds=0.2,
        **NO_QUIET_HOURS,
    )
    async with polling(settings, clock) as app:
        sessions = app.database.session_factory
        policy = app.dispatcher["policy"]
        await seed_people(sessions, [COMES, WAITS])
        [staff_id] = (await seed_people(sessions, [METHODIST], Role.METHODIST)).values()
        staff = Actor(METHODIST, staff_id, "ru", frozenset({Role.METHODIST}))

        async def services() -> Services:
            return Services(sessions(), policy, clock)

        # Published for tomorrow 12:00-14:00 MSK with one seat: the announcement goes out.
        svc = await services()
        tomorrow = draft(now=clock.now, capacity=1, starts_in=timedelta(days=1))
        event_id = await svc.events.create(staff, tomorrow, publish=True)
        await svc.session.close()
        comes, waits = ChatUser(fake_api, COMES), ChatUser(fake_api, WAITS)
        for person in (COMES, WAITS):
            await fake_api.wait_for(announced_to(person))
        await comes.press("Открыть мероприятие", expect="🗓 Скоро")
        await comes.press("Записаться", expect="Вы записаны")
        await waits.press("Открыть мероприятие", expect="Свободных мест нет")
        await waits.press("лист ожидания", expect="место в очереди: 1")

        # The start moves half an hour: the waiting person hears of it with a newer .ics.
        svc = await services()
        current = await svc.events.draft_of(staff, event_id)
        later = replace(
            current,
            starts_at=current.starts_at + timedelta(minutes=30),
            ends_at=current.ends_at + timedelta(minutes=30),
        )
        await svc.events.edit(staff, event_id, later)
        code, _opens, _closes = await svc.events.open_checkin(staff, event_id)
        await svc.session.close()
        notice = await fake_api.wait_for(
            lambda r: r.chat_id == WAITS and r.method == "sendDocument" and "Изменения" in r.text
        )
        entry: Any = Calendar.from_ical(notice.files["document"]).walk("VEVENT")[0]
        assert int(entry["SEQUENCE"]) == 1
        assert entry["DTSTART"].dt.strftime("%H:%M") == "12:30"

        # The day before, the code is not taken yet; in the window it is.
        await comes.send(f"/checkin {code}", expect="откроется 24.11.2026 11:30")
        clock.now += timedelta(days=1)  # 12:00 MSK, half an hour before the start
        await comes.send(code, expect="Вы отмечены")
        await comes.send("/my", expect="📍 Сегодня")

        # After the end the event is finished: the feedback request, then the certificate.
        clock.now += timedelta(hours=2, minutes=35)
        svc = await services()
        assert await svc.events.finish_ended() == 1
        await svc.session.close()
        await fake_api.wait_for(lambda r: r.chat_id == COMES and "Оцените" in r.text)
        await fake_api.wait_for(lambda r: r.chat_id == COMES and "сертификат" in r.text)
        certificate = await comes.press("Получить сертификат", expect="Сертификат участника")
        assert certificate.method == "sendDocument"
        assert certificate.files["document"].startswith(b"%PDF")
        await comes.send("/my", expect="Прошедшее мероприятие")
    assert fake_api.rejected == []
