"""Small things people noticed while booking: the child's grade from the profile, the
psychologist's notice that opens the booking's own day, and the person who lost a race for a
slot, who sees the other free times in place of the stale form."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import AnswerCallbackQuery, EditMessageText

from db.enums import Role
from handlers import button_actions
from tests.consultations.test_consult_helpers import (
    PARENT,
    PARENT2,
    PSY,
    add_slot,
    bookings,
    fill_form,
    open_slot,
    outbox,
    person,
)
from tests.support.harness import BotHarness, texts


async def _onboard_parent_with_grade(harness: BotHarness, user: int, grade: str) -> None:
    await harness.send(user, "/start")
    await harness.press(user, "Русский")
    await harness.press(user, "родитель")
    await harness.press(user, "Согласен")
    await harness.send(user, "Петрова Анна")
    await harness.press(user, grade)


async def test_the_grade_given_at_onboarding_is_not_asked_again_and_can_be_changed(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await _onboard_parent_with_grade(harness, PARENT, "7")
    slot_id = await add_slot(harness, psy, timedelta(days=3))

    await open_slot(harness, PARENT, slot_id)
    await harness.press(PARENT, "Трудности в учёбе")
    # Straight to the contact: the grade comes from the profile.
    assert "удобнее связаться" in harness.last_text(PARENT)
    await harness.press(PARENT, "В этом чате")
    await harness.press(PARENT, "Пропустить")
    summary = harness.last_text(PARENT)
    assert "Класс: 7 (из вашего профиля)" in summary

    await harness.press(PARENT, "Изменить класс")
    assert "В каком классе" in harness.last_text(PARENT)
    await harness.press(PARENT, "8")
    summary = harness.last_text(PARENT)  # back at the summary, not at the contact step
    assert "Проверьте запись" in summary and "Класс: 8" in summary
    await harness.press(PARENT, "Записаться")
    assert [b.child_grade for b in await bookings(harness)] == [8]


async def test_a_parent_without_a_grade_in_the_profile_is_asked_for_it(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await harness.onboard_parent(PARENT)  # skips the grade
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await open_slot(harness, PARENT, slot_id)
    await harness.press(PARENT, "Трудности в учёбе")
    assert "В каком классе" in harness.last_text(PARENT)


async def test_the_new_booking_notice_opens_the_booking_s_day(harness: BotHarness) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    parent = await person(harness, PARENT, Role.PARENT, "Петрова")
    assert parent.user_id is not None
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    await open_slot(harness, PARENT, slot_id)
    await fill_form(harness, PARENT, parent=True)
    await harness.press(PARENT, "Записаться")

    [notice] = await outbox(harness, "consult_notice")
    assert notice.user_id == psy.user_id
    [[button]] = notice.buttons
    tap = button_actions()[button["a"]](button["p"]).pack()
    await harness.callback(PSY, tap)
    day = harness.last_text(PSY)
    starts = (await bookings(harness))[0].starts_at.astimezone(harness.policy.timezone)
    assert starts.strftime("%d.%m.%Y") in day  # the booking's day, three days ahead
    assert "Петрова" in day and "записан" in day
    assert harness.clock.now.astimezone(harness.policy.timezone).date() != starts.date()


async def test_the_loser_of_a_race_sees_the_other_free_times_and_keeps_the_answers(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    await person(harness, PARENT2, Role.PARENT, "Сидорова")
    wanted = await add_slot(harness, psy, timedelta(days=3))
    other = await add_slot(harness, psy, timedelta(days=3, hours=1))
    for user in (PARENT, PARENT2):
        await open_slot(harness, user, wanted)
        await fill_form(harness, user, parent=True, comment="Тревожность")
    await harness.press(PARENT, "Записаться")

    lost = await harness.press(PARENT2, "Записаться")
    assert not [r for r in lost if isinstance(r, AnswerCallbackQuery) and r.show_alert]
    [screen] = [r for r in lost if isinstance(r, EditMessageText)]  # the stale form, replaced
    assert "только что занял кто-то другой" in str(screen.text)
    assert "Ваши ответы сохранены" in str(screen.text)
    assert "Записаться" not in str(screen.reply_markup)

    await harness.press(PARENT2, "Соколова")  # the other free time of that day
    summary = harness.last_text(PARENT2)
    assert "Проверьте запись" in summary and "Тревожность" in summary
    booked = texts(await harness.press(PARENT2, "Записаться"))
    assert any("Вы записаны" in text for text in booked)
    assert {b.slot_id for b in await bookings(harness)} == {wanted, other}


async def test_a_stale_slot_button_shows_the_days_left_when_the_day_is_full(
    harness: BotHarness,
) -> None:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    await person(harness, PARENT, Role.PARENT, "Петрова")
    await person(harness, PARENT2, Role.PARENT, "Сидорова")
    wanted = await add_slot(harness, psy, timedelta(days=3))
    await add_slot(harness, psy, timedelta(days=5))
    await open_slot(harness, PARENT, wanted)
    await fill_form(harness, PARENT, parent=True)
    await harness.press(PARENT, "Записаться")

    answer = await open_slot_answer(harness, PARENT2, wanted)
    assert not [r for r in answer if isinstance(r, AnswerCallbackQuery) and r.show_alert]
    text = harness.last_text(PARENT2)
    assert "Это время уже занято" in text and "Выберите день" in text


async def open_slot_answer(harness: BotHarness, user: int, slot_id: int) -> list[object]:
    from handlers.consultations.callbacks import CAct, ConsultCD

    return await harness.callback(user, ConsultCD(act=CAct.SLOT, slot=slot_id).pack())
