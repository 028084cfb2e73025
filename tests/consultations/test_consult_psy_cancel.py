"""A psychologist cancels booked consultations: one from the day's schedule (with a reason),
or all of a day off; the person is told through the outbox in their language and can book
another time; rights, stale and tampered buttons."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy import update

from bot.factory import Database, create_dispatcher, policy_from
from db.enums import OutboxState, Role
from db.models import User
from handlers.consultations.callbacks import CancelAct, DayAct, DayCD, PsyCancelCD
from services.consultations.rules import REASON_MAX
from services.consultations.types import (
    BookingForm,
    BookingStatus,
    ConsultTopic,
    Contact,
    VisitOutcome,
)
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput
from tests.conftest import make_settings
from tests.consultations.test_consult_helpers import (
    METHODIST,
    PARENT,
    PARENT2,
    PSY,
    PSY2,
    TEACHER,
    add_slot,
    bookings,
    fill_form,
    open_slot,
    outbox,
    person,
    slot_status,
)
from tests.delivery.test_delivery_support import make_engine
from tests.support.fakes import TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock, texts

ADMIN_TG = 850_001


@pytest.fixture
async def pg_harness(pg_database: Database, pg_url: str) -> AsyncIterator[BotHarness]:
    """The Dispatcher over PostgreSQL: the guarded updates and the slot-keeping EXISTS run
    there too."""
    settings = make_settings(pg_url)
    session = RecordingSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    clock = Clock()
    policy = policy_from(settings, bot_username="coordinator_test_bot")
    dp = create_dispatcher(
        settings,
        pg_database.session_factory,
        policy=policy,
        clock=clock,
        storage=MemoryStorage(),
        events_isolation=SimpleEventIsolation(),
    )
    yield BotHarness(dp, bot, session, pg_database, policy, clock)
    await dp.storage.close()


async def _book(harness: BotHarness, booker: Actor, slot_id: int) -> int:
    svc = await harness.services()
    try:
        form = BookingForm(ConsultTopic.EXAMS, Contact.CHAT)
        return (await svc.consultations.book(booker, slot_id, form)).id
    finally:
        await svc.session.close()


async def deliver(harness: BotHarness) -> None:
    """What the delivery engine sends now, into the harness's chats."""
    engine = make_engine(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    )
    await engine.tick()


async def _show_day(harness: BotHarness, user: int, offset: timedelta) -> str:
    day = (harness.clock.now + offset).astimezone(harness.policy.timezone).date()
    await harness.callback(user, DayCD(act=DayAct.SHOW, day=day.toordinal()).pack())
    return harness.last_text(user)


async def test_cancel_with_a_reason_tells_the_person_and_frees_the_slot(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    other = await person(harness, PARENT2, Role.PARENT, "Сидорова")
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await open_slot(harness, PARENT, slot_id)
    await fill_form(harness, PARENT, parent=True)
    await harness.press(PARENT, "Записаться")
    svc = await harness.services()
    await svc.consultations.wait_for_slot(other, psy.user_id)
    await svc.session.close()

    assert "Петрова" in await _show_day(harness, PSY, timedelta(days=3))
    await harness.press(PSY, "Отменить консультацию 12:00")
    assert "Человек получит уведомление" in harness.last_text(PSY)
    answer = texts(await harness.send(PSY, "Заболела, простите за неудобство"))
    assert any("Консультация отменена" in a and "снова свободно" in a for a in answer)
    assert "12:00–12:45 · свободно" in harness.last_text(PSY)  # the day shown again

    (booking,) = await bookings(harness)
    assert booking.status == BookingStatus.CANCELLED.value and booking.cancelled_at
    assert await slot_status(harness, slot_id) == "free"
    reminders = await outbox(harness, "consult_reminder")
    assert reminders and all(r.state == OutboxState.CANCELLED.value for r in reminders)
    (notice_row,) = [n for n in await outbox(harness, "consult_notice") if n.ref_id == booking.id][
        1:
    ]  # after the psychologist's own booking notice
    assert notice_row.template == "consult-notice-psy-cancelled-reason"
    assert notice_row.urgent is False  # three days ahead: quiet hours may hold it

    # The person reads the notice in their own language, with the local time and the reason.
    async with harness.database.session_factory() as session:
        await session.execute(update(User).where(User.telegram_id == PARENT).values(locale="en"))
        await session.commit()
    await deliver(harness)
    notice = harness.last_text(PARENT)
    assert "your consultation at 26.11.2026 12:00 is cancelled" in notice
    assert "Reason: Заболела, простите за неудобство" in notice
    await harness.press(PARENT, "Choose another time")
    assert "Choose a day" in harness.last_text(PARENT)
    # The waiting parent is told the slot opened, and books it.
    assert "Появилось свободное окно" in harness.last_text(PARENT2)
    await harness.press(PARENT2, "Выбрать время")
    await harness.press(PARENT2, "1 окно")
    await harness.press(PARENT2, "Соколова")
    await fill_form(harness, PARENT2, parent=True)
    assert any("Вы записаны" in a for a in texts(await harness.press(PARENT2, "Записаться")))
    assert await slot_status(harness, slot_id) == "booked"
    assert [b.status for b in await bookings(harness)] == ["cancelled", "booked"]


async def _day_off_with_two_bookings(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    parent2 = await person(harness, PARENT2, Role.PARENT, "Сидорова")
    teacher = await person(harness, TEACHER, Role.TEACHER, "Учитель")
    first = await add_slot(harness, psy, timedelta(days=2))
    second = await add_slot(harness, psy, timedelta(days=2, hours=1))
    next_day = await add_slot(harness, psy, timedelta(days=3))
    await _book(harness, parent, first)
    await _book(harness, parent2, second)
    kept = await _book(harness, teacher, next_day)
    svc = await harness.services()
    await svc.consultations.wait_for_slot(teacher, psy.user_id)
    await svc.session.close()

    day = (harness.clock.now + timedelta(days=2)).astimezone(harness.policy.timezone)
    await harness.send(PSY, "/slots")
    await harness.press(PSY, "Выходной")
    await harness.send(PSY, day.strftime("%d.%m"))
    answer = harness.last_text(PSY)
    assert "На этот день остались 2 записи" in answer
    assert "12:00 — Петрова" in answer and "13:00 — Сидорова" in answer
    await harness.press(PSY, "Оставить записи")
    assert "остались в силе" in harness.last_text(PSY)
    assert await slot_status(harness, first) == "booked"

    await harness.press(PSY, "Отменить все и сообщить людям")
    assert "Отменить все 2 записи на" in harness.last_text(PSY)
    await harness.press(PSY, "Отменить без причины")
    assert "Отменены 2 записи" in harness.last_text(PSY)

    stored = {b.slot_id: b.status for b in await bookings(harness)}
    assert stored == {first: "cancelled", second: "cancelled", next_day: "booked"}
    # Inside the day off the slots are withdrawn, not offered again, and nobody is told.
    assert [await slot_status(harness, s) for s in (first, second)] == ["removed", "removed"]
    notices = [n for n in await outbox(harness, "consult_notice") if n.user_id != psy.user_id]
    assert sorted((n.user_id, n.template) for n in notices) == sorted(
        [
            (parent.user_id, "consult-notice-psy-cancelled"),
            (parent2.user_id, "consult-notice-psy-cancelled"),
        ]
    )
    assert all(n.buttons[0][0]["a"] == "consult_open" for n in notices)
    pending = [
        r.ref_id
        for r in await outbox(harness, "consult_reminder")
        if r.state == OutboxState.PENDING.value
    ]
    assert set(pending) == {kept}
    # /slots no longer lists the withdrawn slots; /today shows no booking on that day.
    await harness.send(PSY, "/slots")
    assert "Свободно: 0, занято: 1" in harness.last_text(PSY)
    assert "Петрова" not in await _show_day(harness, PSY, timedelta(days=2))

    # The report counts both as cancellations (not no-shows), and keeps them after the
    # psychologist removes the day off.
    svc = await harness.services()
    staff = await person(harness, METHODIST, Role.METHODIST, "Методист")
    end = harness.clock.now + timedelta(days=7)
    report = await svc.reports.consult_report(staff, harness.clock.now, end)
    assert (report.total.cancelled, report.total.no_show, report.total.booked) == (2, 0, 1)
    assert report.total.cancelled_by_psychologist == 2
    blocked = [s.id for s in await svc.consultations.my_slots(psy) if s.status == "blocked"]
    await svc.consultations.remove_slot(psy, blocked[0])
    assert (await svc.reports.consult_report(staff, harness.clock.now, end)).total.cancelled == 2
    await svc.session.close()


async def _rights_and_states(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    other_psy = await person(harness, PSY2, Role.PSYCHOLOGIST, "Орлова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    stranger = await person(harness, PARENT2, Role.PARENT, "Сидорова")
    methodist = await person(harness, METHODIST, Role.METHODIST, "Методист")
    admin = Actor(ADMIN_TG, None, "ru", frozenset({Role.ADMIN}))
    unknown = Actor(ADMIN_TG + 1, None, "ru")
    soon = await add_slot(harness, psy, timedelta(hours=3))
    later = await add_slot(harness, psy, timedelta(days=2))
    third = await add_slot(harness, psy, timedelta(days=2, hours=1))
    soon_id = await _book(harness, parent, soon)
    later_id = await _book(harness, parent, later)
    third_id = await _book(harness, stranger, third)

    svc = await harness.services()
    service = svc.consultations
    for actor in (parent, stranger, other_psy, methodist, unknown):
        with pytest.raises(AccessDenied):
            await service.check_psy_cancellable(actor, later_id)
        with pytest.raises(AccessDenied):
            await service.cancel_by_psychologist(actor, later_id, "x")
    with pytest.raises(AccessDenied):
        await service.cancel_day_by_psychologist(parent, harness.clock.now.date())
    with pytest.raises(InvalidInput):
        await service.cancel_by_psychologist(psy, later_id, "я" * (REASON_MAX + 1))
    assert [b.status for b in await bookings(harness)] == ["booked"] * 3

    assert (await service.cancel_by_psychologist(admin, later_id)).slot_freed
    # Removing the freed slot keeps the cancelled booking (and so the report's count).
    await service.remove_slot(psy, later)
    assert await slot_status(harness, later) == "removed"
    with pytest.raises(Conflict) as cancelled:
        await service.cancel_by_psychologist(psy, later_id)
    assert cancelled.value.key == "consult-error-already-cancelled"

    harness.clock.now += timedelta(hours=3, minutes=5)  # the first consultation has started
    with pytest.raises(Conflict) as past:
        await service.cancel_by_psychologist(psy, soon_id)
    assert past.value.key == "consult-error-psy-cancel-past"
    await service.mark_outcome(psy, soon_id, VisitOutcome.DONE)
    with pytest.raises(Conflict) as marked:
        await service.cancel_by_psychologist(psy, soon_id)
    assert marked.value.key == "consult-error-outcome-marked"

    # The person's own cancellation and the psychologist's race for the same booking.
    await service.cancel(stranger, third_id)
    with pytest.raises(Conflict):
        await service.cancel_by_psychologist(psy, third_id)
    await svc.session.close()
    statuses = [b.status for b in await bookings(harness)]
    assert statuses == ["done", "cancelled", "cancelled"]


async def test_day_off_with_two_bookings_cancels_them_all(harness: BotHarness) -> None:
    await _day_off_with_two_bookings(harness)


@pytest.mark.postgres
async def test_day_off_with_two_bookings_cancels_them_all_on_postgresql(
    pg_harness: BotHarness,
) -> None:
    await _day_off_with_two_bookings(pg_harness)


async def test_rights_and_states_of_the_cancel_action(harness: BotHarness) -> None:
    await _rights_and_states(harness)


@pytest.mark.postgres
async def test_rights_and_states_of_the_cancel_action_on_postgresql(
    pg_harness: BotHarness,
) -> None:
    await _rights_and_states(pg_harness)


async def test_stale_and_tampered_cancel_buttons_are_answered(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PSY2, Role.PSYCHOLOGIST, "Орлова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    slot_id = await add_slot(harness, psy, timedelta(hours=5))
    booking_id = await _book(harness, parent, slot_id)
    day = (harness.clock.now + timedelta(hours=5)).astimezone(harness.policy.timezone).date()

    for data in ("pcn:one:zzz:1", "pday:cancel:1:abc", "pcn:explode:1:1"):
        assert any("кнопка устарела" in a for a in texts(await harness.callback(PSY, data)))
    foreign = [
        DayCD(act=DayAct.CANCEL, day=day.toordinal(), booking=booking_id).pack(),
        PsyCancelCD(act=CancelAct.ONE, day=day.toordinal(), booking=booking_id).pack(),
    ]
    for data in foreign:
        assert any("нет прав" in a for a in texts(await harness.callback(PSY2, data)))
    assert (await bookings(harness))[0].status == "booked"

    await harness.send(PSY, "/today")
    await harness.press(PSY, "Отменить консультацию")
    await harness.press(PSY, "Не отменять")
    assert (await bookings(harness))[0].status == "booked"
    await harness.send(PSY, "Это не причина, а случайный текст")  # the step is over
    assert (await bookings(harness))[0].status == "booked"

    await harness.press(PSY, "Отменить консультацию")
    await harness.press(PSY, "Отменить без причины")
    assert (await bookings(harness))[0].status == "cancelled"
    # The same confirmation pressed again, from the old message.
    again = texts(await harness.callback(PSY, foreign[1]))
    assert any("уже отменена" in a for a in again)
    notices = [n for n in await outbox(harness, "consult_notice") if n.user_id == parent.user_id]
    assert [n.template for n in notices] == ["consult-notice-psy-cancelled"]
    assert notices[0].urgent is True  # this evening: not held back by the night's quiet hours


async def _cancel_race(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    for round_ in range(5):
        slot_id = await add_slot(harness, psy, timedelta(days=2, hours=round_))
        booking_id = await _book(harness, parent, slot_id)
        own, staff = await harness.services(), await harness.services()
        try:
            outcomes = await asyncio.gather(
                own.consultations.cancel(parent, booking_id),
                staff.consultations.cancel_by_psychologist(psy, booking_id, "болезнь"),
                return_exceptions=True,
            )
        finally:
            await own.session.close()
            await staff.session.close()
        refused = [o for o in outcomes if isinstance(o, Conflict)]
        assert len(refused) == 1, outcomes  # exactly one side cancelled
        notices = [
            n
            for n in await outbox(harness, "consult_notice")
            if n.ref_id == booking_id and "cancelled" in (n.template or "")
        ]
        assert len(notices) == 1, [n.template for n in notices]  # and only one side was told


async def test_the_person_and_the_psychologist_cancelling_at_once_cancel_once(
    harness: BotHarness,
) -> None:
    await _cancel_race(harness)


@pytest.mark.postgres
async def test_the_person_and_the_psychologist_cancelling_at_once_cancel_once_on_postgresql(
    pg_harness: BotHarness,
) -> None:
    await _cancel_race(pg_harness)
