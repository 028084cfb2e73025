"""One event's whole life with a moving clock: the day itself (phases, the check-in window),
the weeks after it (certificates, /my past, corrections, the staff's lists and summary) and
every change in between (notices with a new .ics, cancellation, a confirmed cancellation)."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import timedelta
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from icalendar import Calendar

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.registration import BUTTON_ACTIONS as REG_BUTTONS
from services.events.types import EventFormat
from tests.support.events_support import (
    add_people,
    create_event,
    draft,
    event_row,
    outbox,
    registrations,
    run,
    staff_actor,
)
from tests.support.harness import BotHarness, texts

TEACHERS = [510_001, 510_002, 510_003]


def tap(event_id: int, act: EventCardAct) -> str:
    return EventCardCD(act=act, event_id=event_id).pack()


def documents(replies: list[Any]) -> list[Any]:
    return [r.document for r in replies if type(r).__name__ == "SendDocument"]


def ics_of(row: Any) -> Any:
    assert row.attachment is not None and row.attachment["filename"].endswith(".ics")
    calendar = Calendar.from_ical(base64.b64decode(row.attachment["data"]))
    return calendar, calendar.walk("VEVENT")[0]


async def test_one_event_day_with_a_moving_clock(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    came, absent = TEACHERS[:2]
    # Now: Monday 23.11.2026 12:00 MSK. The seminar: Tuesday 24.11, 12:00-14:00 MSK.
    day0 = harness.clock.now
    event_id = await create_event(harness, staff, draft(now=day0, starts_in=timedelta(days=1)))
    for person in (came, absent):
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await harness.callback(came, tap(event_id, EventCardAct.OPEN))
    assert "🗓 Скоро" in harness.last_text(came)

    # The day before: the code is handed out early, but neither it nor a tap counts yet.
    code, _opens, _closes = await run(harness, lambda s: s.events.open_checkin(staff, event_id))
    await harness.send(came, f"/checkin {code}")
    assert "ещё не открыта: она откроется 24.11.2026 11:00" in harness.last_text(came)
    data = await run(harness, lambda s: s.events.participants(staff, event_id))
    reg_came = next(p.registration_id for p in data.registered if p.user_id == ids[came])
    from handlers.events.callbacks import MarkCD

    mark = MarkCD(event_id=event_id, registration=reg_came, on=True).pack()
    await harness.send(staff.telegram_id, "/start")
    assert "можно с 24.11.2026 11:00" in texts(await harness.callback(staff.telegram_id, mark))[0]

    # The day itself, before the window: "today", still refused.
    harness.clock.now = day0 + timedelta(hours=22)  # 10:00 MSK
    await harness.callback(came, tap(event_id, EventCardAct.OPEN))
    assert "📍 Сегодня" in harness.last_text(came)
    await harness.send(came, f"/checkin {code}")
    assert "откроется 24.11.2026 11:00" in harness.last_text(came)

    # In the window (30 minutes before the start) the code counts.
    harness.clock.now = day0 + timedelta(hours=23, minutes=30)
    await harness.send(came, code)
    assert "Вы отмечены" in harness.last_text(came)

    # Running: no "cancel registration" any more, and no certificate before the end.
    harness.clock.now = day0 + timedelta(days=1, minutes=30)
    await harness.callback(came, tap(event_id, EventCardAct.OPEN))
    assert "🟢 Идёт сейчас" in harness.last_text(came)
    with_buttons = harness.chat_requests(came)[-1]
    labels = [b.text for row in with_buttons.reply_markup.inline_keyboard for b in row]  # type: ignore[attr-defined]
    assert not any("Отменить запись" in label for label in labels)
    assert (
        "уже началось"
        in texts(await harness.callback(came, tap(event_id, EventCardAct.CANCEL)))[0]
    )
    replies = await harness.callback(came, tap(event_id, EventCardAct.CERTIFICATE))
    assert not documents(replies)
    assert any("после окончания мероприятия (24.11.2026 14:00)" in t for t in texts(replies))

    await _after_the_end(harness, event_id, code, ids)


async def _after_the_end(
    harness: BotHarness, event_id: int, code: str, ids: dict[int, int]
) -> None:
    came, absent = TEACHERS[:2]
    day0 = harness.clock.now - timedelta(days=1, minutes=30)
    # After the window (an hour after the end) a code is refused with the reason.
    harness.clock.now = day0 + timedelta(days=1, hours=3, minutes=1)  # 15:01 MSK
    await harness.send(absent, f"/checkin {code}")
    assert "закрылась 24.11.2026 15:00" in harness.last_text(absent)

    # The event is finished: the attendee (only) gets the feedback request and, right after
    # it, "your certificate is ready" with the PDF one tap away.
    assert await run(harness, lambda s: s.events.finish_ended()) == 1
    ready = await outbox(harness, "certificate_ready")
    assert [r.user_id for r in ready] == [ids[came]]
    feedback = await outbox(harness, "feedback")
    assert ready[0].id > feedback[0].id
    certificate = button_data(ready[0].buttons[0][0])
    replies = await harness.callback(came, certificate)
    [pdf] = documents(replies)
    assert pdf.data.startswith(b"%PDF")
    assert pdf.filename == "Семинар подготовка к ОГЭ по математике 24.11.2026.pdf"
    replies = await harness.callback(absent, tap(event_id, EventCardAct.CERTIFICATE))
    assert not documents(replies)
    assert any("только участникам" in t for t in texts(replies))

    # /my keeps the past: attendance, the feedback state and the certificate.
    my = texts(await harness.send(came, "/my"))
    assert "Предстоящих записей нет" in my[0]
    assert "Прошедшее мероприятие" in my[1] and "вы были" in my[1] and "ждём вашу оценку" in my[1]
    assert harness.find_button(came, "Сертификат: Семинар")
    # The rating can be given from /my too (the message asking for it may be long gone).
    await harness.press(came, "Оценить: Семинар")
    assert "Оцените, пожалуйста" in harness.last_text(came)
    await harness.press(came, "4")
    rated = await harness.send(came, "/my")
    assert "ваша оценка 4" in texts(rated)[1]
    markups = [r.reply_markup for r in rated if isinstance(r.reply_markup, InlineKeyboardMarkup)]
    labels = [b.text for markup in markups for row in markup.inline_keyboard for b in row]
    assert labels and not any("Оценить" in label for label in labels)
    five = REG_BUTTONS["event_feedback"](feedback[0].buttons[0][4]["p"]).pack()
    await harness.callback(came, five)
    assert "ваша оценка 5" in texts(await harness.send(came, "/my"))[1]
    assert "присутствие не отмечено" in texts(await harness.send(absent, "/my"))[1]


def button_data(button: dict[str, Any]) -> str:
    from handlers import button_actions

    return button_actions()[button["a"]](button["p"]).pack()


async def test_staff_lists_page_through_running_and_past_events(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await harness.send(staff.telegram_id, "/start")
    start = harness.clock.now
    # Seven events a day apart (more than a page of five), the first one two hours from now.
    for day in range(7):
        await create_event(
            harness,
            staff,
            draft(now=start, starts_in=timedelta(days=day, hours=2), title=f"Семинар {day + 1}"),
        )
    me = staff.telegram_id
    await harness.send(me, "/participants")
    assert "Предстоящие: 7 (страница 1 из 2)" in harness.last_text(me)
    await harness.press(me, "▶️")
    assert "страница 2 из 2" in harness.last_text(me)
    assert harness.find_button(me, "Семинар 7")

    # Three hours later the first one is running: still listed, under "today" too.
    harness.clock.now = start + timedelta(hours=3)
    await harness.send(me, "/participants")
    assert harness.find_button(me, "🟢 23.11 Семинар 1")
    await harness.press(me, "Сегодня")
    assert "Сегодня: 1" in harness.last_text(me)

    # Two days later three are past; the past tab shows this month's, newest first.
    harness.clock.now = start + timedelta(days=2, hours=5)
    await run(harness, lambda s: s.events.finish_ended())
    await harness.send(me, "/participants")
    assert "Предстоящие: 4" in harness.last_text(me)
    await harness.press(me, "Прошедшие")
    assert "Прошедшие за 11.2026: 3" in harness.last_text(me)
    await harness.press(me, "Семинар 2")
    assert "Итоги" in harness.last_text(me)
    # Exports work after the end, with a readable file name.
    await harness.press(me, "CSV")
    [document] = documents(harness.api.requests[-3:])
    assert document.filename == "Семинар 2 24.11.2026.csv"
    # The previous month has none.
    await harness.press(me, "⏪")
    assert "Прошедшие за 10.2026: мероприятий нет" in harness.last_text(me)


async def test_attendance_correction_within_and_after_the_allowed_days(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:1])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now))
    await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.REGISTER))
    [reg] = await registrations(harness, event_id)
    ends = (await event_row(harness, event_id)).ends_at
    harness.clock.now = ends + timedelta(minutes=5)
    await run(harness, lambda s: s.events.finish_ended())

    # Three days after the end (ATTENDANCE_CORRECTION_DAYS is 7): the mark is corrected, and
    # the person is asked for feedback and told the certificate is ready.
    harness.clock.now = ends + timedelta(days=3)
    await run(harness, lambda s: s.events.set_attended(staff, event_id, reg.id, True))
    assert [r.user_id for r in await outbox(harness, "certificate_ready")] == [ids[TEACHERS[0]]]
    # Taken back and given again: still one request.
    await run(harness, lambda s: s.events.set_attended(staff, event_id, reg.id, False))
    await run(harness, lambda s: s.events.set_attended(staff, event_id, reg.id, True))
    assert len(await outbox(harness, "feedback")) == 1

    # Eight days after: too late, with the date it was possible until.
    harness.clock.now = ends + timedelta(days=8)
    from services.errors import Conflict

    try:
        await run(harness, lambda s: s.events.set_attended(staff, event_id, reg.id, False))
    except Conflict as error:
        assert error.key == "error-event-attendance-closed"
    else:
        raise AssertionError("a correction after the allowed days was accepted")
    assert (await registrations(harness, event_id))[0].attended_at is not None


async def test_a_change_reaches_waiting_and_offered_people_with_a_newer_ics(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS)
    first, second, third = TEACHERS
    event_id = await create_event(
        harness, staff, draft(now=harness.clock.now, capacity=1, fmt=EventFormat.HYBRID)
    )
    for person in TEACHERS:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await harness.callback(first, tap(event_id, EventCardAct.CANCEL_SURE))
    statuses = {r.user_id: r.status for r in await registrations(harness, event_id)}
    assert statuses[ids[second]] == "offered" and statuses[ids[third]] == "waitlisted"

    for round_no in (1, 2):
        current = await run(harness, lambda s: s.events.draft_of(staff, event_id))
        moved = replace(
            current,
            starts_at=current.starts_at + timedelta(hours=1),
            ends_at=current.ends_at + timedelta(hours=1),
        )
        await run(harness, lambda s, d=moved: s.events.edit(staff, event_id, d))
        notices = (await outbox(harness, "event_changed"))[-2:]
        assert sorted(n.user_id or 0 for n in notices) == sorted([ids[second], ids[third]])
        for notice in notices:
            _calendar, entry = ics_of(notice)
            assert str(entry["UID"]) == f"event-{event_id}@setevoy-koordinator"
            assert int(entry["SEQUENCE"]) == round_no
            assert entry.get("LAST-MODIFIED") is not None
            assert entry["DTSTART"].dt.hour == 12 + round_no  # MSK
            assert "URL" not in entry  # the link is for registered participants only
        assert {n.args["status"] for n in notices} == {"offered", "waitlisted"}
    name = notices[0].attachment["filename"]  # type: ignore[index]
    assert name == "Семинар подготовка к ОГЭ по математике 26.11.2026.ics"


async def test_a_cancelled_event_sends_a_calendar_cancellation(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS[:2])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=1))
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await run(harness, lambda s: s.events.cancel_event(staff, event_id))
    notices = await outbox(harness, "event_cancelled")
    assert len(notices) == 2  # the registered one and the waiting one
    for notice in notices:
        calendar, entry = ics_of(notice)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(entry["STATUS"]) == "CANCELLED"
        assert int(entry["SEQUENCE"]) == 1


async def test_cancelling_a_registration_asks_first_and_says_where_the_seat_goes(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=1))
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.CANCEL))
    assert "первому из листа ожидания (1" in harness.last_text(TEACHERS[0])
    assert await outbox(harness, "offer") == []  # nothing happened on the first tap
    await harness.press(TEACHERS[0], "Оставить как есть")
    assert (await registrations(harness, event_id))[0].status == "registered"

    await harness.callback(TEACHERS[1], tap(event_id, EventCardAct.CANCEL))
    assert "Выйти из листа ожидания" in harness.last_text(TEACHERS[1])
    await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.CANCEL))
    await harness.press(TEACHERS[0], "Да, отменить запись")
    assert [o.user_id for o in await outbox(harness, "offer")] == [ids[TEACHERS[1]]]


async def test_registering_drops_the_queued_announcement(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now))
    await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.REGISTER))
    states = {a.user_id: a.state for a in await outbox(harness, "announcement")}
    assert states == {ids[TEACHERS[0]]: "cancelled", ids[TEACHERS[1]]: "pending"}


async def test_forget_gives_future_seats_to_the_waiting_list(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    past = await create_event(
        harness, staff, draft(now=harness.clock.now, starts_in=timedelta(hours=2))
    )
    future = await create_event(harness, staff, draft(now=harness.clock.now, capacity=1))
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(future, EventCardAct.REGISTER))
    await harness.callback(TEACHERS[0], tap(past, EventCardAct.REGISTER))
    harness.clock.now += timedelta(hours=2, minutes=30)
    [reg] = await registrations(harness, past)
    await run(harness, lambda s: s.events.set_attended(staff, past, reg.id, True))

    await harness.send(TEACHERS[0], "/forget")
    await harness.press(TEACHERS[0], "Да")
    regs = {r.user_id: r.status for r in await registrations(harness, future)}
    assert regs == {ids[TEACHERS[0]]: "cancelled", ids[TEACHERS[1]]: "offered"}
    assert (await event_row(harness, future)).seats_taken == 1
    seen = await run(harness, lambda s: s.events.participants(staff, future))
    assert [p.user_id for p in seen.registered + seen.offered] == [ids[TEACHERS[1]]]
    # The past attendance stays as an anonymous count.
    [kept] = await registrations(harness, past)
    assert kept.status == "registered" and kept.attended_at is not None


async def test_a_sticker_at_each_wizard_step_gets_that_steps_hint(harness: BotHarness) -> None:
    from db.enums import Role
    from tests.conftest import ADMIN_ID

    await add_people(harness, [ADMIN_ID], Role.METHODIST, name_prefix="Методист")
    me = ADMIN_ID
    await harness.send(me, "/new_event")
    said = texts(await harness.send(me, sticker=True))
    assert said == ["Нужен текст: напишите название мероприятия обычным сообщением."]
    await harness.send(me, "Практикум «Проверка связи»")
    said = texts(await harness.send(me, sticker=True))
    assert said == ["Выберите тип мероприятия кнопкой выше (семинар, мастер-класс…)."]
    said = texts(await harness.send(me, "семинар"))
    assert said == ["Выберите тип мероприятия кнопкой выше (семинар, мастер-класс…)."]


def test_titles_are_quoted_only_when_they_have_no_quotes_of_their_own() -> None:
    from services.i18n import default_translator

    t = default_translator().bind("ru")
    own = t("events-already-waitlisted", title="Практикум «Проверка связи»", position=1)
    assert "на Практикум «Проверка связи», ваше" in own
    assert "«Практикум «" not in own
    plain = t("events-already-waitlisted", title="Практикум", position=1)
    assert "на «Практикум»," in plain
    en = default_translator().bind("en")
    assert "“Workshop”" in en("events-already-waitlisted", title="Workshop", position=1)


def test_file_names_are_readable_and_safe() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from services.events.files import file_name

    when = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)  # 01.12 in Moscow
    zone = ZoneInfo("Europe/Moscow")
    assert file_name("Семинар: ОГЭ/математика?", when, zone, "ics") == (
        "Семинар ОГЭ математика 01.12.2026.ics"
    )
    long = file_name("Очень " * 30 + "длинное название", when, zone, "pdf")
    assert long.endswith(" 01.12.2026.pdf") and len(long) <= 80
    assert "  " not in long and not long.startswith(" ")
    assert file_name('<>:"/\\|?*', when, zone, "csv") == "event 01.12.2026.csv"


async def test_my_pages_through_every_past_event_to_the_oldest_certificate(
    harness: BotHarness,
) -> None:
    from sqlalchemy import update

    from db.models import Registration

    staff = await staff_actor(harness)
    [me] = TEACHERS[:1]
    await add_people(harness, [me])
    start = harness.clock.now
    for day in range(1, 13):
        event_draft = draft(now=start, starts_in=timedelta(days=day), title=f"Семинар {day:02d}")
        event_id = await create_event(harness, staff, event_draft)
        await harness.callback(me, tap(event_id, EventCardAct.REGISTER))
    async with harness.database.session_factory() as session:
        await session.execute(update(Registration).values(attended_at=start))
        await session.commit()
    harness.clock.now = start + timedelta(days=20)

    first = texts(await harness.send(me, "/my"))[-1]
    assert "Прошедшие мероприятия: 12 (страница 1 из 2)" in first
    assert "Семинар 12" in first and "Семинар 03" in first and "Семинар 02" not in first
    await harness.press(me, "Раньше")
    older = harness.last_text(me)
    assert "страница 2 из 2" in older and "Семинар 02" in older and "Семинар 01" in older
    assert harness.find_button(me, "Сертификат: Семинар 01")
    await harness.press(me, "Недавние")
    assert "страница 1 из 2" in harness.last_text(me)


def test_a_long_title_on_a_button_is_cut_at_a_word_with_an_ellipsis() -> None:
    from handlers.events.keyboards import clipped

    title = "Формирующее оценивание на уроках математики"
    assert clipped(title, 40) == "Формирующее оценивание на уроках…"
    assert clipped("Семинар 01", 40) == "Семинар 01"
    assert len(clipped("Ф" * 60, 40)) == 40
