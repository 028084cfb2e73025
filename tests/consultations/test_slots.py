"""Psychologists in chat: one slot, overlap refusal, a weekly pattern, removal, a day off, and
the day's schedule with outcomes and a private note."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.enums import Role
from db.models import ConsultSlot
from services.consultations.parsing import parse_day, parse_day_range, parse_window
from services.consultations.slots import pattern_times
from services.consultations.types import BookingForm, ConsultTopic, Contact
from services.errors import InvalidInput
from tests.consultations.test_consult_helpers import PARENT, PSY, add_slot, bookings, person
from tests.support.harness import BotHarness, texts

MOSCOW = ZoneInfo("Europe/Moscow")


async def _slots(harness: BotHarness) -> list[ConsultSlot]:
    async with harness.database.session_factory() as session:
        return list(await session.scalars(select(ConsultSlot).order_by(ConsultSlot.starts_at)))


async def _add_in_chat(harness: BotHarness, when: str) -> str:
    await harness.send(PSY, "🗓 Мои приёмы")
    await harness.press(PSY, "➕ Окно")
    await harness.send(PSY, when)
    assert "Понял так:" in harness.last_text(PSY)  # the time is shown back first
    await harness.press(PSY, "Да, верно")
    await harness.press(PSY, "45 мин")
    await harness.press(PSY, "Очно")
    return "\n".join(texts(await harness.send(PSY, "Кабинет 12, ул. Ленина, 5")))


async def test_psychologist_adds_a_slot_and_an_overlap_is_refused(harness: BotHarness) -> None:
    await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    answer = await _add_in_chat(harness, "25.11 15:00")
    assert "Окно добавлено" in answer and "25.11 15:00–15:45" in answer
    answer = await _add_in_chat(harness, "25.11 15:30")
    assert "пересекается с вашим окном 25.11.2026 15:00–15:45" in answer
    slots = await _slots(harness)
    assert len(slots) == 1
    assert slots[0].starts_at == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 15:00 in Moscow
    assert slots[0].place == "Кабинет 12, ул. Ленина, 5"


async def test_typed_mistakes_get_an_answer_and_the_step_stays(harness: BotHarness) -> None:
    await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await harness.send(PSY, "/slots")
    await harness.press(PSY, "➕ Окно")
    await harness.send(PSY, "в пятницу")
    assert "Укажите ещё и время" in harness.last_text(PSY)  # a day alone lacks its time
    await harness.send(PSY, "31.02 10:00")
    assert "Такой даты нет" in harness.last_text(PSY)
    await harness.send(PSY, "26 ноября 10:00-10:50")  # a range sets the length itself
    assert "Понял так: четверг, 26.11.2026, 10:00–10:50 (МСК). Верно?" in harness.last_text(PSY)
    await harness.press(PSY, "Изменить")
    assert "Когда" in harness.last_text(PSY) or "окн" in harness.last_text(PSY)
    await harness.send(PSY, "26.11 10:00-10:50")
    await harness.press(PSY, "Да, верно")
    assert "Формат консультации" in harness.last_text(PSY)
    await harness.send(PSY, "/cancel")
    assert await _slots(harness) == []


async def test_weekly_pattern_in_chat(harness: BotHarness) -> None:
    await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await harness.send(PSY, "/slots")
    await harness.press(PSY, "Шаблон")
    await harness.send(PSY, "01.12-14.12")
    await harness.press(PSY, "вт")
    await harness.press(PSY, "чт")
    await harness.press(PSY, "Готово")
    await harness.send(PSY, "15:00-18:00")
    await harness.press(PSY, "45 мин")
    await harness.press(PSY, "15 мин")
    await harness.press(PSY, "Онлайн")
    await harness.send(PSY, "Звонок в Telegram")
    assert "Часы: 15:00–18:00" in harness.last_text(PSY)
    await harness.press(PSY, "Создать окна")
    # Tuesdays and Thursdays 1-14 December 2026: 1, 3, 8, 10; three 45-minute slots with
    # 15-minute breaks fit into 15:00-18:00 (15:00, 16:00, 17:00): 4 x 3 = 12.
    assert "Создано 12 окон" in harness.last_text(PSY)
    slots = await _slots(harness)
    local = [s.starts_at.astimezone(MOSCOW) for s in slots]
    assert {d.date() for d in local} == {date(2026, 12, d) for d in (1, 3, 8, 10)}
    assert sorted({d.time() for d in local}) == [time(15), time(16), time(17)]

    # The same pattern again adds nothing: every period overlaps.
    await harness.send(PSY, "/slots")
    await harness.press(PSY, "Шаблон")
    await harness.send(PSY, "01.12-03.12")
    await harness.press(PSY, "вт")
    await harness.press(PSY, "Готово")
    await harness.send(PSY, "15:00-18:00")
    await harness.press(PSY, "45 мин")
    await harness.press(PSY, "15 мин")
    await harness.press(PSY, "Онлайн")
    await harness.send(PSY, "Звонок")
    await harness.press(PSY, "Создать окна")
    assert "Новых окон не создано" in harness.last_text(PSY)
    assert "Пропущено 3 окна" in harness.last_text(PSY)
    assert len(await _slots(harness)) == 12


def test_pattern_times_and_typed_periods() -> None:
    periods = pattern_times(
        date(2026, 12, 1),
        date(2026, 12, 7),
        frozenset({0, 2}),
        time(9, 0),
        time(11, 0),
        50,
        10,
        MOSCOW,
    )
    # Wednesday 2nd and Monday 7th; 9:00-9:50 and 10:00-10:50 (11:00 would end past the window).
    assert [p[0].astimezone(MOSCOW) for p in periods] == [
        datetime(2026, 12, 2, 9, 0, tzinfo=MOSCOW),
        datetime(2026, 12, 2, 10, 0, tzinfo=MOSCOW),
        datetime(2026, 12, 7, 9, 0, tzinfo=MOSCOW),
        datetime(2026, 12, 7, 10, 0, tzinfo=MOSCOW),
    ]
    assert all(end - start == timedelta(minutes=50) for start, end in periods)
    today = date(2026, 11, 23)
    assert parse_day("25.12", today=today) == date(2026, 12, 25)
    assert parse_day("05.01", today=today) == date(2027, 1, 5)
    assert parse_day("завтра", today=today) == date(2026, 11, 24)
    assert parse_day_range("28.12 - 10.01", today=today) == (date(2026, 12, 28), date(2027, 1, 10))
    assert parse_window("15.00–18.30") == (time(15), time(18, 30))
    for bad in ("18:00-15:00", "утром"):
        with pytest.raises(InvalidInput):
            parse_window(bad)


async def test_remove_free_slot_and_block_a_day(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    keep = await add_slot(harness, psy, timedelta(days=2))
    gone = await add_slot(harness, psy, timedelta(days=2, hours=1))
    booked = await add_slot(harness, psy, timedelta(days=2, hours=2))
    svc = await harness.services()
    parent = await person(harness, PARENT + 1, Role.PARENT, "Иванова")
    await svc.consultations.book(parent, booked, BookingForm(ConsultTopic.OTHER, Contact.CHAT))
    await svc.session.close()

    await harness.send(PSY, "/slots")
    await harness.press(PSY, "Удалить окно")
    start = (harness.clock.now + timedelta(days=2, hours=1)).astimezone(MOSCOW)
    await harness.press(PSY, start.strftime("%H:%M"))
    remaining = [s.id for s in await _slots(harness)]
    assert remaining == [keep, booked] and gone not in remaining

    day = (harness.clock.now + timedelta(days=2)).astimezone(MOSCOW)
    await harness.send(PSY, "/slots")
    await harness.press(PSY, "Выходной")
    await harness.send(PSY, day.strftime("%d.%m"))
    assert "осталась 1 запись" in harness.last_text(PSY)
    statuses = sorted(s.status for s in await _slots(harness))
    assert statuses == ["blocked", "booked"]
    answer = "\n".join(
        texts(await harness.send(PSY, "/slots"))
        + texts(await harness.press(PSY, "➕ Окно"))
        + texts(await harness.send(PSY, day.strftime("%d.%m") + " 18:00"))
        + texts(await harness.press(PSY, "Да, верно"))
        + texts(await harness.press(PSY, "45 мин"))
        + texts(await harness.press(PSY, "Очно"))
        + texts(await harness.send(PSY, "Кабинет 12"))
    )
    assert "пересекается" in answer


async def test_day_schedule_outcome_and_note(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    slot_id = await add_slot(harness, psy, timedelta(hours=5))
    svc = await harness.services()
    form = BookingForm(ConsultTopic.EXAMS, Contact.PHONE, 9, "+79001112233", "Боится ОГЭ")
    await svc.consultations.book(parent, slot_id, form)
    await svc.session.close()

    await harness.send(PSY, "/today")
    text = harness.last_text(PSY)
    assert "Петрова" in text and "Экзаменационный стресс" in text and "Боится ОГЭ" in text
    assert "+79001112233" in text and "Класс: 9" in text
    start = (harness.clock.now + timedelta(hours=5)).astimezone(MOSCOW).strftime("%H:%M")
    answer = texts(await harness.press(PSY, f"✅ {start}"))
    assert any("ещё не началась" in a for a in answer)

    harness.clock.now += timedelta(hours=5, minutes=10)
    await harness.press(PSY, f"🚫 {start}")
    assert (await bookings(harness))[0].status == "no_show"
    await harness.press(PSY, f"✅ {start}")  # a mistake corrected
    assert (await bookings(harness))[0].status == "done"
    await harness.press(PSY, f"📝 {start}")
    await harness.send(PSY, "Рекомендована повторная встреча")
    assert "Заметка сохранена" in "\n".join(texts(harness.chat_requests(PSY)[-3:]))
    assert (await bookings(harness))[0].note == "Рекомендована повторная встреча"
