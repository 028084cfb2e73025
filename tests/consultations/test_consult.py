"""Booking a psychologist through the real Dispatcher: the form, the confirmation with .ics,
reminders, limits, cancel and reschedule, the waiting list, forgetting and the purge."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import SendDocument

from db.enums import OutboxState, Role
from handlers import button_actions
from services.consultations.types import BookingStatus, CancelledBy
from tests.consultations.test_consult_helpers import (
    PARENT,
    PARENT2,
    PSY,
    TEACHER,
    add_slot,
    bookings,
    fill_form,
    open_slot,
    outbox,
    person,
    slot_status,
)
from tests.support.harness import BotHarness, texts


async def test_parent_books_through_the_menu_and_gets_ics_and_reminders(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    slot_id = await add_slot(harness, psy, timedelta(days=3))

    await harness.send(PARENT, "🧠 Консультация психолога")
    assert "бесплатно и конфиденциально" in harness.last_text(PARENT)
    await harness.press(PARENT, "Соколова")
    await harness.press(PARENT, "1 окно")
    await harness.press(PARENT, "Соколова")  # the slot's button: time · name
    assert "С чем хотите обратиться" in harness.last_text(PARENT)
    await fill_form(harness, PARENT, parent=True, phone="8 (900) 123-45-67", comment="Тревога")
    summary = harness.last_text(PARENT)
    assert "Класс: 5" in summary and "+79001234567" in summary
    assert "увидят только психолог" in summary
    sent = await harness.press(PARENT, "Записаться")

    assert any("Вы записаны" in text for text in texts(sent))
    documents = [r for r in sent if isinstance(r, SendDocument)]
    assert len(documents) == 1
    stored = await bookings(harness)
    assert len(stored) == 1
    booking = stored[0]
    assert (booking.phone, booking.child_grade, booking.comment) == ("+79001234567", 5, "Тревога")
    assert await slot_status(harness, slot_id) == "booked"
    reminders = await outbox(harness, "consult_reminder")
    assert [r.due_at for r in reminders] == [
        booking.starts_at - timedelta(hours=24),
        booking.starts_at - timedelta(hours=1),
    ]
    assert all(r.buttons for r in reminders)
    notices = await outbox(harness, "consult_notice")
    assert [n.template for n in notices] == ["consult-notice-booked"]


async def test_bad_phone_is_refused_and_the_form_goes_on(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, TEACHER, Role.TEACHER, "Учитель")
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await open_slot(harness, TEACHER, slot_id)
    await harness.press(TEACHER, "Поведение")
    await harness.press(TEACHER, "Звонок")
    await harness.send(TEACHER, "позвоните мне")
    assert "Не похоже на номер" in harness.last_text(TEACHER)
    await harness.send(TEACHER, "+7 900 000 00 00")
    assert "коротко опишите" in harness.last_text(TEACHER)
    await harness.send(TEACHER, "я" * 301)
    assert "слишком длинный" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "Назад")  # back to the phone step
    assert "номер телефона" in harness.last_text(TEACHER)


async def test_minimum_notice_and_horizon(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    soon = await add_slot(harness, psy, timedelta(hours=1, minutes=30))
    far = await add_slot(harness, psy, timedelta(days=31))
    await harness.send(PARENT, "/consult")
    await harness.press(PARENT, "Соколова")
    assert "Свободных окон сейчас нет" in harness.last_text(PARENT)

    await open_slot(harness, PARENT, soon)
    await fill_form(harness, PARENT, parent=True)
    answer = texts(await harness.press(PARENT, "Записаться"))
    assert any("не позднее чем за 2 ч" in text for text in answer)

    await open_slot(harness, PARENT, far)
    await fill_form(harness, PARENT, parent=True)
    answer = texts(await harness.press(PARENT, "Записаться"))
    assert any("не более чем на 30 дней" in text for text in answer)
    assert await bookings(harness) == []


async def test_one_person_holds_at_most_two_active_bookings(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    slots = [await add_slot(harness, psy, timedelta(days=day)) for day in (2, 3, 4)]
    for slot_id in slots[:2]:
        await open_slot(harness, PARENT, slot_id)
        await fill_form(harness, PARENT, parent=True)
        await harness.press(PARENT, "Записаться")
    await open_slot(harness, PARENT, slots[2])
    await fill_form(harness, PARENT, parent=True)
    answer = texts(await harness.press(PARENT, "Записаться"))
    assert any("2 активные записи" in text for text in answer)
    assert len(await bookings(harness)) == 2
    assert await slot_status(harness, slots[2]) == "free"


async def _book(harness: BotHarness, user: int, slot_id: int) -> int:
    await open_slot(harness, user, slot_id)
    await fill_form(harness, user, parent=True, comment="Ребёнок не хочет идти в школу")
    await harness.press(user, "Записаться")
    return (await bookings(harness))[-1].id


async def test_cancel_from_my_bookings_frees_the_slot_and_cancels_reminders(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await _book(harness, PARENT, slot_id)

    await harness.send(PARENT, "/consult")
    await harness.press(PARENT, "Мои записи к психологу (1)")
    await harness.press(PARENT, "Соколова")
    await harness.press(PARENT, "Отменить запись")
    assert "Отменить запись на" in harness.last_text(PARENT)
    await harness.press(PARENT, "Да, отменить")
    assert "Запись отменена" in harness.last_text(PARENT)

    cancelled = (await bookings(harness))[0]
    assert cancelled.status == BookingStatus.CANCELLED.value
    # The reports count it as the family's own cancellation, not the psychologist's.
    assert cancelled.cancelled_by == CancelledBy.PERSON.value
    assert await slot_status(harness, slot_id) == "free"
    reminders = await outbox(harness, "consult_reminder")
    assert reminders and all(r.state == OutboxState.CANCELLED.value for r in reminders)
    notices = [n.template for n in await outbox(harness, "consult_notice")]
    assert notices == ["consult-notice-booked", "consult-notice-cancelled"]


async def test_late_cancel_asks_to_write_to_the_psychologist(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    slot_id = await add_slot(harness, psy, timedelta(days=1))
    booking_id = await _book(harness, PARENT, slot_id)
    harness.clock.now += timedelta(hours=22)  # two hours before the start
    cancel = button_actions()["consult_cancel"]({"booking_id": booking_id})
    await harness.callback(PARENT, cancel.pack())
    await harness.press(PARENT, "Да, отменить")
    assert "напишите об этом психологу" in harness.last_text(PARENT)
    assert "Соколова" in harness.last_text(PARENT)
    assert (await bookings(harness))[0].status == BookingStatus.BOOKED.value
    assert await slot_status(harness, slot_id) == "booked"


async def test_reschedule_from_the_reminder_moves_the_reminders(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    first = await add_slot(harness, psy, timedelta(days=3))
    second = await add_slot(harness, psy, timedelta(days=5))
    booking_id = await _book(harness, PARENT, first)

    reschedule = button_actions()["consult_reschedule"]({"booking_id": booking_id})
    await harness.callback(PARENT, reschedule.pack())
    assert "Выберите новое время" in harness.last_text(PARENT)
    await harness.press(PARENT, "Соколова")
    await harness.press(PARENT, "1 окно")
    moved = texts(await harness.press(PARENT, "Соколова"))
    assert any("Запись перенесена" in text for text in moved)

    old, new = await bookings(harness)
    assert old.status == BookingStatus.CANCELLED.value and new.status == "booked"
    assert new.comment == "Ребёнок не хочет идти в школу"
    assert await slot_status(harness, first) == "free"
    assert await slot_status(harness, second) == "booked"
    reminders = await outbox(harness, "consult_reminder")
    pending = [r for r in reminders if r.state == OutboxState.PENDING.value]
    assert {r.ref_id for r in pending} == {new.id}
    assert len(pending) == 2
    assert all(r.state == OutboxState.CANCELLED.value for r in reminders if r.ref_id == old.id)


async def test_waiting_list_tells_once_when_a_slot_opens(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    await harness.send(PARENT, "/consult")
    await harness.press(PARENT, "Соколова")
    await harness.press(PARENT, "Сообщить, когда появится окно")
    assert "напишу вам" in harness.last_text(PARENT)
    await add_slot(harness, psy, timedelta(days=2))
    await add_slot(harness, psy, timedelta(days=3))
    told = [
        n for n in await outbox(harness, "consult_notice") if n.template == "consult-slot-opened"
    ]
    assert [n.user_id for n in told] == [parent.user_id]


async def test_psychologist_cannot_book_and_parent_cannot_open_slots(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT2, Role.PARENT, "Сидорова")
    slot_id = await add_slot(harness, psy, timedelta(days=2))
    answer = texts(await open_slot_answer(harness, PSY, slot_id))
    assert any("могут родители и педагоги" in text for text in answer)
    await harness.send(PARENT2, "/slots")
    assert "недостаточно" in harness.last_text(PARENT2).lower() or "нет прав" in (
        harness.last_text(PARENT2).lower()
    )


async def open_slot_answer(harness: BotHarness, user: int, slot_id: int) -> list[object]:
    from handlers.consultations.callbacks import CAct, ConsultCD

    return await harness.callback(user, ConsultCD(act=CAct.SLOT, slot=slot_id).pack())


async def test_demo_psychologists_get_two_weeks_of_slots_once(harness: BotHarness) -> None:
    from sqlalchemy import func, select

    from bot.demo import seed_demo_data
    from db.models import ConsultSlot

    for _ in range(2):
        svc = await harness.services()
        await seed_demo_data(svc)
        await svc.session.close()
    async with harness.database.session_factory() as session:
        count = await session.scalar(select(func.count()).select_from(ConsultSlot))
    # Tue/Thu 15-18 and Mon/Wed/Fri 10-13, three slots each, over the 14 days after 23.11.2026.
    assert count == (4 + 6) * 3
    await person(harness, PARENT, Role.PARENT, "Петрова")
    await harness.send(PARENT, "/consult")
    assert "Морозова Елена Сергеевна · 12 окон" in "\n".join(
        b.text
        for r in harness.chat_requests(PARENT)
        for row in getattr(getattr(r, "reply_markup", None), "inline_keyboard", [])
        for b in row
    )


async def test_my_shows_a_parents_booking_and_opens_it(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    await harness.send(PARENT, "/my")
    assert "нет ни предстоящих записей" in harness.last_text(PARENT)

    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await _book(harness, PARENT, slot_id)
    shown = texts(await harness.send(PARENT, "🗂 Мои записи"))
    assert any("Ваши записи к психологу (1)" in text for text in shown)
    assert not any("нет ни предстоящих записей" in text for text in shown)
    await harness.press(PARENT, "Соколова")
    assert "Ребёнок не хочет идти в школу" in harness.last_text(PARENT)
