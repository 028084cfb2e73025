"""A mentorship's life through the real Dispatcher: a young teacher asks, a methodist picks a
mentor from the suggestions, the mentor agrees, the plan is made from the template with due
dates, reminders come through the delivery engine before a due date (held through quiet
hours), the mentee marks a step, the mentor confirms, a meeting is logged, the methodist
finishes, the mentee assesses and both take their PDF."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import SendDocument, SendMessage
from sqlalchemy import select

from db.enums import OutboxState, Role
from db.models import MentoringStep, OutboxMessage, User
from handlers.mentoring.callbacks import MAct, MentorCD
from services.context import Actor
from services.mentoring.types import Status
from tests.delivery.test_delivery_support import make_engine
from tests.mentoring.support import add_person, add_school, diagnose
from tests.support.harness import BotHarness

METHODIST, MENTEE, MENTOR = 5001, 5002, 5003


async def deliver(harness: BotHarness) -> None:
    engine = make_engine(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    )
    await engine.tick()


async def _steps(harness: BotHarness) -> list[MentoringStep]:
    async with harness.database.session_factory() as session:
        return list(await session.scalars(select(MentoringStep).order_by(MentoringStep.position)))


async def _start(harness: BotHarness, *, via_notice: bool = True) -> int:
    db = harness.database
    school = await add_school(db, "СШ № 2", low=True)
    strong = await add_school(db, "Лицей", leading=True)
    await add_person(db, METHODIST, role=Role.METHODIST)
    mentee = await add_person(db, MENTEE, school_id=school, experience="lt3", name="Юная Юлия")
    await diagnose(db, mentee.user_id, {"exam_prep": "serious", "gifted": "none"})
    mentor = await add_person(
        db, MENTOR, school_id=strong, experience="20plus", name="Опытная Ольга"
    )

    await harness.send(MENTEE, "/mentoring")
    assert "попросить наставника" in harness.last_text(MENTEE)
    await harness.press(MENTEE, "Попросить наставника")
    await harness.press(MENTEE, "Да, отправить")
    assert "Запрос отправлен" in harness.last_text(MENTEE)

    await harness.send(METHODIST, "/mentoring")
    await harness.press(METHODIST, "Подобрать наставника")
    assert "Юная Юлия" in harness.last_text(METHODIST)
    await harness.press(METHODIST, "Юная Юлия")
    text = harness.last_text(METHODIST)
    assert "1. Опытная Ольга" in text and "тот же предмет" in text
    await harness.press(METHODIST, "1. Опытная Ольга")
    assert "пара начнётся, когда согласятся оба" in harness.last_text(METHODIST).lower()
    assert not await _steps(harness)  # nothing before the mentor agrees

    if via_notice:
        await deliver(harness)  # the invitation reaches the mentor
        assert "предлагают стать наставником" in harness.last_text(MENTOR)
        await harness.press(MENTOR, "Открыть")
    else:
        await harness.send(MENTOR, "/mentoring")
        await harness.press(MENTOR, "Пара №")
    await harness.press(MENTOR, "Согласен")
    assert "Статус: идёт" in harness.last_text(MENTOR)
    assert mentor.user_id
    return mentee.user_id


async def test_the_whole_life_of_a_mentorship(harness: BotHarness) -> None:
    await _start(harness)
    steps = await _steps(harness)
    start = harness.clock.now
    assert [s.kind for s in steps] == [
        "open_lesson",
        "lesson_visit",
        "lesson_plan",
        "network_event",
        "self_assessment",
    ]
    assert steps[2].topic == "exam_prep"  # goals from the latest diagnosis
    assert steps[0].due_at == start + timedelta(days=14)

    # The plan, as the mentee sees it; /my points to it.
    await harness.send(MENTEE, "/mentoring")
    await harness.press(MENTEE, "Пара №")
    await harness.press(MENTEE, "План")
    assert "Посетить открытый урок наставника — до 07.12.2026" in harness.last_text(MENTEE)
    await harness.send(MENTEE, "/my")
    assert any("/mentoring" in str(getattr(r, "text", "")) for r in harness.chat_requests(MENTEE))

    # A reminder 3 days before the first step's due date; it falls due at 09:00 UTC (12:00
    # Moscow), outside quiet hours, and comes with a button to the plan.
    before = len(harness.chat_requests(MENTEE))
    harness.clock.now = steps[0].due_at - timedelta(days=3) + timedelta(minutes=1)
    await deliver(harness)
    sent = [r for r in harness.chat_requests(MENTEE)[before:] if isinstance(r, SendMessage)]
    [reminder] = [r.text for r in sent if "Напоминание по плану" in r.text]
    # The step's own words in her language, never a locale key.
    assert "Посетить открытый урок наставника" in reminder
    assert "mentoring-" not in reminder

    # The mentee marks the step; a double tap changes nothing; the mentor confirms.
    done = MentorCD(act=MAct.DONE, step=steps[0].id).pack()
    await harness.callback(MENTEE, done)
    await harness.callback(MENTEE, done)
    await harness.callback(MENTOR, MentorCD(act=MAct.CONFIRM, step=steps[0].id).pack())
    assert "подтверждено 1 из 5" in harness.last_text(MENTOR)
    # The confirmed step's last reminder (1 day before) is cancelled.
    async with harness.database.session_factory() as session:
        states = set(
            await session.scalars(
                select(OutboxMessage.state).where(
                    OutboxMessage.ref_type == "mentoring_step",
                    OutboxMessage.ref_id == steps[0].id,
                    OutboxMessage.state == OutboxState.PENDING.value,
                )
            )
        )
    assert states == set()

    # A meeting, with a note.
    await harness.callback(MENTOR, MentorCD(act=MAct.MEET, pair=steps[0].mentorship_id).pack())
    await harness.send(MENTOR, "вчера")
    await harness.press(MENTOR, "посещение урока")
    await harness.send(MENTOR, "Разобрали урок по ОГЭ, дала рекомендации")
    assert "Встреча записана" in harness.last_text(MENTOR)

    # The methodist finishes; the mentee assesses; both take their papers.
    pair = steps[0].mentorship_id
    await harness.callback(METHODIST, MentorCD(act=MAct.FINISH, pair=pair).pack())
    await harness.callback(
        MENTEE, MentorCD(act=MAct.ASSESS, pair=pair, topic="exam_prep", level="some").pack()
    )
    assert "Оцените" in harness.last_text(MENTEE)
    await harness.callback(MENTEE, MentorCD(act=MAct.PAPER, pair=pair).pack())
    await harness.callback(MENTOR, MentorCD(act=MAct.PAPER, pair=pair).pack())
    docs = [r for r in harness.api.requests if isinstance(r, SendDocument)]
    assert {d.chat_id for d in docs} == {MENTEE, MENTOR}
    svc = await harness.services()
    try:
        methodist_actor = await add_actor(harness, METHODIST)
        view = await svc.mentoring.mentorship(methodist_actor, pair)
    finally:
        await svc.session.close()
    assert view.status == Status.FINISHED
    assert view.self_assessment == {"exam_prep": "some"}


async def add_actor(harness: BotHarness, telegram_id: int) -> Actor:
    async with harness.database.session_factory() as session:
        user_id = await session.scalar(select(User.id).where(User.telegram_id == telegram_id))
    return Actor(telegram_id, user_id, "ru", frozenset({Role.METHODIST}))


async def test_reminders_wait_for_the_end_of_quiet_hours(harness: BotHarness) -> None:
    # The pairing starts late in the evening: its reminders fall due at 22:30 Moscow time.
    harness.clock.now = harness.clock.now.replace(hour=19, minute=30)
    await _start(harness, via_notice=False)
    steps = await _steps(harness)
    harness.clock.now = steps[0].due_at - timedelta(days=3) + timedelta(minutes=1)
    before = len(harness.chat_requests(MENTEE))
    await deliver(harness)
    sent = [r for r in harness.chat_requests(MENTEE)[before:] if isinstance(r, SendMessage)]
    assert not any("Напоминание по плану" in r.text for r in sent)
    harness.clock.now += timedelta(hours=10)  # 08:31 Moscow: quiet hours are over
    await deliver(harness)
    sent = [r for r in harness.chat_requests(MENTEE)[before:] if isinstance(r, SendMessage)]
    assert any("Напоминание по плану" in r.text for r in sent)
