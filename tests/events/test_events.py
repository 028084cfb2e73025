"""Events as teachers, parents, coordinators and methodists use them in the chat."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from db.enums import Role
from handlers.event_card import EventCardAct, EventCardCD
from services.context import Actor
from services.errors import AccessDenied
from services.events.types import EventAudience, EventFormat
from tests.support.events_support import (
    COORDINATOR,
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

TEACHERS = [500_001, 500_002, 500_003]
PARENT = 500_100


def tap(event_id: int, act: EventCardAct) -> str:
    return EventCardCD(act=act, event_id=event_id).pack()


async def test_teacher_browses_registers_gets_ics_and_sees_it_in_my(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS)
    event_id = await create_event(
        harness, staff, draft(now=harness.clock.now, capacity=2, fmt=EventFormat.HYBRID)
    )
    teacher = TEACHERS[0]

    listing = texts(await harness.send(teacher, "/events"))[0]
    assert "Найдено 1 мероприятие" in listing
    assert "Осталось 2 места из 2" in listing
    await harness.press(teacher, "подготовка к ОГЭ")
    card = harness.last_text(teacher)
    # 26.11.2026 09:00 UTC is 12:00 in Moscow.
    assert "26.11.2026, 12:00–14:00" in card
    assert "meet.example.org" not in card  # the link is for registered participants only

    replies = await harness.press(teacher, "Записаться")
    said = texts(replies)
    assert any("Вы записаны" in text and "meet.example.org/oge" in text for text in said)
    documents = [r for r in replies if type(r).__name__ == "SendDocument"]
    assert len(documents) == 1
    ics = Calendar.from_ical(documents[0].document.data)  # type: ignore[attr-defined]
    entry = ics.walk("VEVENT")[0]
    assert str(entry["UID"]) == f"event-{event_id}@setevoy-koordinator"
    start: Any = entry["DTSTART"].dt  # type: ignore[union-attr]
    assert start.tzinfo is not None
    assert start.utcoffset() == timedelta(hours=3)
    assert start.hour == 12
    assert str(entry["SUMMARY"]) == "Семинар: подготовка к ОГЭ по математике"
    assert str(entry["LOCATION"]) == "СШ № 1, каб. 12"
    assert str(entry["URL"]) == "https://meet.example.org/oge"
    assert ics.walk("VTIMEZONE"), "the time zone is described for calendar apps"

    my = texts(await harness.send(teacher, "/my"))
    assert "1 предстоящая запись" in my[0]
    assert "Вы записаны" in my[1]

    # Reminders: 24 h with "will come / cannot come", 1 h with the link.
    reminders = await outbox(harness, "reminder")
    assert [r.template for r in reminders] == ["events-reminder", "events-reminder-last"]
    assert reminders[0].buttons[0][0]["a"] == "event_attend_yes"
    assert reminders[1].args["link"] == "https://meet.example.org/oge"

    # A second tap does not register twice.
    await harness.callback(teacher, tap(event_id, EventCardAct.REGISTER))
    assert "уже записаны" in harness.last_text(teacher)
    assert len(await registrations(harness, event_id)) == 1

    # Cancelling asks first and says what happens to the seat; nothing changes yet.
    await harness.callback(teacher, tap(event_id, EventCardAct.CANCEL))
    assert "Ваше место освободится" in harness.last_text(teacher)
    assert (await event_row(harness, event_id)).seats_taken == 1
    await harness.press(teacher, "Да, отменить запись")
    assert "Запись отменена" in harness.last_text(teacher)
    assert all(r.state == "cancelled" for r in await outbox(harness, "reminder"))
    assert (await event_row(harness, event_id)).seats_taken == 0


async def test_full_event_waiting_list_offer_take_and_timeout(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS)
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=1))
    first, second, third = TEACHERS
    said = {}
    for person in TEACHERS:
        said[person] = texts(await harness.callback(person, tap(event_id, EventCardAct.REGISTER)))
    assert "Вы записаны" in said[first][0]
    assert "Свободных мест нет" in harness.last_text(second)
    assert "место в очереди: 1" in harness.last_text(second)
    assert "место в очереди: 2" in harness.last_text(third)

    # The first cancels: the seat is offered to the second, with buttons, for 12 hours.
    await harness.callback(first, tap(event_id, EventCardAct.CANCEL_SURE))
    offers = await outbox(harness, "offer")
    assert len(offers) == 1 and offers[0].user_id == ids[second]
    assert [b["a"] for b in offers[0].buttons[0]] == ["event_offer_take", "event_offer_decline"]
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[second]].status == "offered"
    assert regs[ids[second]].offered_until == harness.clock.now + timedelta(hours=12)

    # Twelve hours pass: the offer expires and moves to the third.
    harness.clock.now += timedelta(hours=12, minutes=1)
    expired = await run(harness, lambda svc: svc.events.expire_offers())
    assert expired == 1
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[second]].status == "cancelled"
    assert regs[ids[third]].status == "offered"
    assert [o.user_id for o in await outbox(harness, "offer_expired")] == [ids[second]]

    # The third takes the seat through the button on the offer.
    offer = (await outbox(harness, "offer"))[-1]
    from handlers.events.registration import BUTTON_ACTIONS

    take = BUTTON_ACTIONS["event_offer_take"](offer.buttons[0][0]["p"]).pack()
    assert "Вы записаны" in texts(await harness.callback(third, take))[0]
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[third]].status == "registered"
    assert (await event_row(harness, event_id)).seats_taken == 1


async def test_offer_is_shorter_close_to_the_event(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(
        harness, staff, draft(now=harness.clock.now, capacity=1, starts_in=timedelta(hours=8))
    )
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.CANCEL_SURE))
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[TEACHERS[1]]].offered_until == harness.clock.now + timedelta(hours=2)


async def test_registration_closes_at_the_deadline(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS[:1])
    now = harness.clock.now
    event_id = await create_event(harness, staff, draft(now=now, deadline=now + timedelta(days=1)))
    harness.clock.now = now + timedelta(days=1, minutes=1)
    replies = texts(await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.REGISTER)))
    assert any("Срок записи истёк" in text for text in replies)
    assert await registrations(harness, event_id) == []


async def test_edit_tells_participants_and_moves_reminders(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now))
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    before = await outbox(harness, "reminder")
    assert len(before) == 4

    new_draft = await run(harness, lambda svc: svc.events.draft_of(staff, event_id))
    from dataclasses import replace

    moved = replace(
        new_draft,
        starts_at=new_draft.starts_at + timedelta(days=1),
        ends_at=new_draft.ends_at + timedelta(days=1),
        place="СШ № 2, актовый зал",
    )
    changes = await run(harness, lambda svc: svc.events.edit(staff, event_id, moved))
    assert {c.field.value for c in changes} == {"when", "place"}
    notices = await outbox(harness, "event_changed")
    assert sorted(n.user_id or 0 for n in notices) == sorted(ids.values())
    assert "актовый зал" in notices[0].args["summary"]
    reminders = await outbox(harness, "reminder")
    old = [r for r in reminders if r.state == "cancelled"]
    new = [r for r in reminders if r.state == "pending"]
    assert len(old) == 4 and len(new) == 4
    assert all(r.due_at >= moved.starts_at - timedelta(hours=24) for r in new)


async def test_cancelling_an_event_tells_participants_and_drops_reminders(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS)
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=2))
    for person in TEACHERS:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    told = await run(harness, lambda svc: svc.events.cancel_event(staff, event_id))
    assert told == 3  # two registered and one waiting
    notices = await outbox(harness, "event_cancelled")
    assert sorted(n.user_id or 0 for n in notices) == sorted(ids.values())
    assert all(r.state == "cancelled" for r in await outbox(harness, "reminder"))
    assert all(r.state == "cancelled" for r in await outbox(harness, "announcement"))


async def test_announcement_goes_to_the_audience_with_a_deep_link(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    teachers = await add_people(harness, TEACHERS[:2])
    await add_people(harness, [PARENT], Role.PARENT, name_prefix="Родитель")
    await create_event(
        harness, staff, draft(now=harness.clock.now, audience=EventAudience.TEACHERS)
    )
    announcements = await outbox(harness, "announcement")
    assert sorted(a.user_id for a in announcements if a.user_id) == sorted(teachers.values())
    assert (
        announcements[0].args["link"].startswith("https://t.me/coordinator_test_bot?start=event_")
    )

    # The parent does not see a teachers' event.
    assert "пока нет" in texts(await harness.send(PARENT, "/events"))[0]


async def test_deep_link_opens_the_card(harness: BotHarness, schools: list[int]) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS[:1], school_id=schools[0])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now))
    await harness.send(TEACHERS[0], f"/start event_{event_id}")
    assert "подготовка к ОГЭ" in harness.last_text(TEACHERS[0])
    await harness.press(TEACHERS[0], "Записаться")
    assert len(await registrations(harness, event_id)) == 1


async def test_checkin_code_feedback_and_certificate_only_for_attendees(
    harness: BotHarness,
) -> None:
    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(
        harness, staff, draft(now=harness.clock.now, starts_in=timedelta(hours=2))
    )
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    code, _opens, _closes = await run(
        harness, lambda svc: svc.events.open_checkin(staff, event_id)
    )
    assert len(code) == 6 and code.isdigit()
    # Two hours before the start the code is not taken yet; the answer says when it opens.
    await harness.send(TEACHERS[0], f"/checkin {code}")
    assert "откроется 23.11.2026 13:00" in harness.last_text(TEACHERS[0])
    harness.clock.now += timedelta(hours=1, minutes=30)

    wrong = "000000" if code != "000000" else "111111"
    await harness.send(TEACHERS[0], f"/checkin {wrong}")
    assert "Код не подошёл" in harness.last_text(TEACHERS[0])
    await harness.send(TEACHERS[0], code)  # just the code, while check-in is open
    assert "Вы отмечены" in harness.last_text(TEACHERS[0])

    # After the end, only the attendee is asked for feedback.
    harness.clock.now += timedelta(hours=3)
    asked = await run(harness, lambda svc: svc.events.finish_ended())
    assert asked == 1
    feedback = await outbox(harness, "feedback")
    assert [f.user_id for f in feedback] == [ids[TEACHERS[0]]]

    from handlers.events.registration import BUTTON_ACTIONS

    five = BUTTON_ACTIONS["event_feedback"](feedback[0].buttons[0][4]["p"]).pack()
    await harness.callback(TEACHERS[0], five)
    assert "Спасибо за оценку 5" in harness.last_text(TEACHERS[0])
    await harness.send(TEACHERS[0], "Очень полезно, спасибо за разбор")
    assert "Спасибо за отзыв" in harness.last_text(TEACHERS[0])
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[TEACHERS[0]]].feedback_score == 5
    assert regs[ids[TEACHERS[0]]].feedback_comment == "Очень полезно, спасибо за разбор"

    # /forget erases the free-text comment and keeps the score as an anonymous count.
    from services.container import run_forget_hooks

    async with harness.database.session_factory() as session:
        await run_forget_hooks(session, ids[TEACHERS[0]])
        await session.commit()
    regs = {r.user_id: r for r in await registrations(harness, event_id)}
    assert regs[ids[TEACHERS[0]]].feedback_comment is None
    assert regs[ids[TEACHERS[0]]].feedback_score == 5

    # The attendee gets a PDF certificate; the absent participant is refused.
    replies = await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.CERTIFICATE))
    pdfs = [r for r in replies if type(r).__name__ == "SendDocument"]
    assert len(pdfs) == 1
    assert pdfs[0].document.data.startswith(b"%PDF")  # type: ignore[attr-defined]
    replies = await harness.callback(TEACHERS[1], tap(event_id, EventCardAct.CERTIFICATE))
    assert not [r for r in replies if type(r).__name__ == "SendDocument"]
    assert any("только участникам" in text for text in texts(replies))


async def test_exports_open_in_excel(harness: BotHarness, schools: list[int]) -> None:
    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS, school_id=schools[0])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=2))
    for person in TEACHERS:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    await harness.send(staff.telegram_id, "/start")

    replies = await harness.callback(staff.telegram_id, tap(event_id, EventCardAct.CSV))
    document = next(r for r in replies if type(r).__name__ == "SendDocument")
    raw = document.document.data  # type: ignore[attr-defined]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["№", "ФИО", "Школа", "Статус"]
    assert [r[1] for r in rows[1:]] == [f"Учитель {tg}" for tg in TEACHERS]
    assert rows[3][3] == "лист ожидания" and rows[3][4] == "1"
    assert rows[1][5] == "23.11.2026 12:00"  # local time

    replies = await harness.callback(staff.telegram_id, tap(event_id, EventCardAct.XLSX))
    document = next(r for r in replies if type(r).__name__ == "SendDocument")
    book = load_workbook(io.BytesIO(document.document.data))  # type: ignore[attr-defined]
    sheet = book.active
    assert sheet is not None
    assert sheet["B1"].value == "ФИО" and sheet["B1"].font.bold
    assert sheet["B2"].value == f"Учитель {TEACHERS[0]}"
    assert sheet.column_dimensions["B"].width >= 30


async def test_rights_teacher_cannot_publish_or_export_coordinator_sees_own_school(
    harness: BotHarness, schools: list[int]
) -> None:
    staff = await staff_actor(harness)
    own = await add_people(harness, TEACHERS[:2], school_id=schools[0])
    await add_people(harness, TEACHERS[2:], school_id=schools[1])
    coordinator_ids = await add_people(
        harness, [COORDINATOR], Role.COORDINATOR, school_id=schools[0]
    )
    event_id = await create_event(harness, staff, draft(now=harness.clock.now))
    for person in TEACHERS:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))

    teacher = Actor(TEACHERS[0], own[TEACHERS[0]], "ru", frozenset({Role.TEACHER}))
    with pytest.raises(AccessDenied):
        await run(
            harness,
            lambda svc: svc.events.create(teacher, draft(now=harness.clock.now), publish=True),
        )
    with pytest.raises(AccessDenied):
        await run(harness, lambda svc: svc.events.publish(teacher, event_id))
    replies = texts(await harness.callback(TEACHERS[0], tap(event_id, EventCardAct.XLSX)))
    assert any("нет прав" in text.lower() or "недоступ" in text.lower() for text in replies)

    coordinator = Actor(
        COORDINATOR,
        coordinator_ids[COORDINATOR],
        "ru",
        frozenset({Role.COORDINATOR}),
        schools[0],
    )
    seen = await run(harness, lambda svc: svc.events.participants(coordinator, event_id))
    assert sorted(p.user_id for p in seen.registered) == sorted(own.values())


async def test_coordinator_proposes_methodist_declines_with_a_reason(
    harness: BotHarness, schools: list[int]
) -> None:
    staff = await staff_actor(harness)
    coordinator_ids = await add_people(
        harness, [COORDINATOR], Role.COORDINATOR, school_id=schools[0], name_prefix="Координатор"
    )
    coordinator = Actor(
        COORDINATOR, coordinator_ids[COORDINATOR], "ru", frozenset({Role.COORDINATOR}), schools[0]
    )
    event_id = await run(
        harness,
        lambda svc: svc.events.create(coordinator, draft(now=harness.clock.now), publish=True),
    )
    row = await event_row(harness, event_id)
    assert row.status == "pending_approval" and row.proposed_by_school_id == schools[0]
    proposals = await outbox(harness, "event_proposal")
    assert [p.user_id for p in proposals] == [staff.user_id]
    assert await outbox(harness, "announcement") == []

    await harness.send(staff.telegram_id, "/event_drafts")
    drafts = harness.last_text(staff.telegram_id)
    # The proposal names its school and coordinator in the list, on the card, in the notice.
    assert "Предложение школы: Любавичская СШ (Координатор 700002)" in drafts
    assert proposals[0].args["school"] == "Любавичская СШ"
    assert proposals[0].args["coordinator"] == f"Координатор {COORDINATOR}"
    await harness.press(staff.telegram_id, "подготовка к ОГЭ")
    assert "Предложение школы: Любавичская СШ" in harness.last_text(staff.telegram_id)
    await harness.press(staff.telegram_id, "Отклонить")
    await harness.send(staff.telegram_id, "Дата совпадает с педсоветом")
    assert "отклонено" in harness.last_text(staff.telegram_id)
    decisions = await outbox(harness, "event_decision")
    assert decisions[0].user_id == coordinator_ids[COORDINATOR]
    assert decisions[0].args["reason"] == "Дата совпадает с педсоветом"


async def test_wizard_shows_the_start_back_and_asks_when_it_reads_two_ways(
    harness: BotHarness,
) -> None:
    from tests.conftest import ADMIN_ID

    await add_people(harness, [ADMIN_ID], Role.METHODIST, name_prefix="Методист")
    me = ADMIN_ID
    await harness.send(me, "/new_event")
    await harness.send(me, "Семинар «Тревожность на уроке»")
    await harness.press(me, "семинар")
    await harness.press(me, "функциональная грамотность")
    await harness.press(me, "очно")
    # Today is Monday: "в понедельник" is today or in a week, so the wizard asks which.
    await harness.send(me, "в понедельник в 15:00")
    assert "по-разному" in harness.last_text(me)
    assert harness.find_button(me, "понедельник, 23.11.2026, 15:00")
    assert harness.find_button(me, "понедельник, 30.11.2026, 15:00")
    await harness.press(me, "Изменить")
    await harness.send(me, "25 декабря с 15:00 до 16:30")
    assert "Понял так: пятница, 25.12.2026, 15:00–16:30 (МСК). Верно?" in harness.last_text(me)
    await harness.press(me, "Да, верно")
    assert "Где проходит" in harness.last_text(me)  # the end came with the range
    await harness.send(me, "СШ № 2, кабинет 5")
    await harness.send(me, "25")
    await harness.press(me, "Пропустить")
    await harness.press(me, "педагоги")
    await harness.press(me, "Готово")
    await harness.press(me, "Готово")
    await harness.press(me, "Пропустить")
    assert "25.12.2026, 15:00–16:30" in harness.last_text(me)


async def test_methodist_wizard_validates_goes_back_and_publishes(harness: BotHarness) -> None:
    from tests.conftest import ADMIN_ID

    await add_people(harness, [ADMIN_ID], Role.METHODIST, name_prefix="Методист")
    teachers = await add_people(harness, TEACHERS[:2])
    me = ADMIN_ID
    await harness.send(me, "/new_event")
    assert "как оно называется" in harness.last_text(me)
    await harness.send(me, "Мастер-класс «Функциональная грамотность на уроках математики»")
    await harness.press(me, "мастер-класс")
    await harness.press(me, "функциональная грамотность")
    await harness.press(me, "очно")
    await harness.send(me, "abc")
    assert "Не удалось понять дату" in harness.last_text(me)
    await harness.send(me, "23.11.2026 08:00")
    assert "уже прошло" in harness.last_text(me)
    await harness.send(me, "25.12 16:30-15:00")
    assert "позже начала" in harness.last_text(me)
    await harness.send(me, "25.12 15:00-16:30")
    await harness.press(me, "Да, верно")
    assert "Где проходит" in harness.last_text(me)  # the end came with the range
    await harness.send(me, "СШ № 2, кабинет 5")
    for bad in ("0", "abc"):
        await harness.send(me, bad)
        assert "целое число от 1" in harness.last_text(me)
    await harness.send(me, "25")
    await harness.press(me, "Пропустить")  # deadline: until the start
    await harness.press(me, "педагоги")
    await harness.press(me, "Готово")  # all subjects
    assert "некоторых школ" in harness.last_text(me)
    await harness.press(me, "Готово")  # all schools
    await harness.press(me, "Пропустить")  # description
    preview = harness.last_text(me)
    assert "Проверьте" in preview and "25.12.2026, 15:00–16:30" in preview
    await harness.press(me, "Назад")
    assert "Коротко опишите" in harness.last_text(me)
    await harness.send(me, "Практика заданий PISA.")
    await harness.press(me, "Опубликовать")
    assert "опубликовано" in texts(harness.chat_requests(me))[-2]

    svc = await harness.services()
    try:
        from sqlalchemy import select

        from db.models import Event

        event = (await svc.session.execute(select(Event))).scalar_one()
    finally:
        await svc.session.close()
    assert event.capacity == 25 and event.status == "published"
    assert event.starts_at.isoformat() == "2026-12-25T12:00:00+00:00"
    assert event.type == "master_class" and event.topic == "functional_literacy"
    assert event.description == "Практика заданий PISA."
    announced = await outbox(harness, "announcement")
    assert sorted(a.user_id or 0 for a in announced) == sorted(teachers.values())


async def test_teacher_cannot_open_the_wizard(harness: BotHarness) -> None:
    await add_people(harness, TEACHERS[:1])
    replies = texts(await harness.send(TEACHERS[0], "/new_event"))
    assert replies and "как оно называется" not in replies[0]


async def test_demo_data_has_upcoming_events_and_seeding_twice_adds_nothing(
    harness: BotHarness,
) -> None:
    from sqlalchemy import func, select

    from bot.demo import seed_demo_data
    from db.models import Event

    for _ in range(2):
        await run(harness, seed_demo_data)
    async with harness.database.session_factory() as session:
        rows = list((await session.execute(select(Event))).scalars())
        assert (await session.execute(select(func.count(Event.id)))).scalar_one() == 4
    assert {e.topic for e in rows} >= {"exam_prep", "disabilities", "functional_literacy"}
    assert all(e.starts_at > harness.clock.now and e.status == "published" for e in rows)


async def test_channel_post_when_configured(harness: BotHarness) -> None:
    from dataclasses import replace

    from services.container import Services

    staff = await staff_actor(harness)
    async with harness.database.session_factory() as session:
        svc = Services(session, replace(harness.policy, channel_id=-100_777), harness.clock)
        await svc.events.create(staff, draft(now=harness.clock.now), publish=True)
    posts = [a for a in await outbox(harness, "announcement") if a.chat_id == -100_777]
    assert len(posts) == 1
    assert posts[0].buttons[0][0]["u"].startswith("https://t.me/coordinator_test_bot?start=event_")


async def test_cannot_come_answer_frees_the_seat_for_the_waiting_list(
    harness: BotHarness,
) -> None:
    from handlers.events.registration import BUTTON_ACTIONS

    staff = await staff_actor(harness)
    ids = await add_people(harness, TEACHERS[:2])
    event_id = await create_event(harness, staff, draft(now=harness.clock.now, capacity=1))
    for person in TEACHERS[:2]:
        await harness.callback(person, tap(event_id, EventCardAct.REGISTER))
    day_before = next(r for r in await outbox(harness, "reminder") if r.buttons)
    cannot = BUTTON_ACTIONS["event_attend_no"](day_before.buttons[0][1]["p"]).pack()
    await harness.callback(TEACHERS[0], cannot)
    # A slip of the thumb costs nothing: the seat goes only after the confirmation.
    assert "Запись отменена" not in harness.last_text(TEACHERS[0])
    assert await outbox(harness, "offer") == []
    await harness.press(TEACHERS[0], "Да, отменить")
    assert "Запись отменена" in harness.last_text(TEACHERS[0])
    offers = await outbox(harness, "offer")
    assert [o.user_id for o in offers] == [ids[TEACHERS[1]]]


async def test_school_limited_event_is_only_for_that_school(
    harness: BotHarness, schools: list[int]
) -> None:
    from dataclasses import replace

    from services.errors import NotFound

    staff = await staff_actor(harness)
    await add_people(harness, TEACHERS[:1], school_id=schools[0])
    await add_people(harness, TEACHERS[1:2], school_id=schools[1])
    limited = replace(draft(now=harness.clock.now), school_ids=(schools[0],))
    await create_event(harness, staff, limited)
    assert "Найдено 1 мероприятие" in texts(await harness.send(TEACHERS[0], "/events"))[0]
    assert "пока нет" in texts(await harness.send(TEACHERS[1], "/events"))[0]
    with pytest.raises(NotFound):
        await create_event(harness, staff, replace(limited, school_ids=(99_999,)))
