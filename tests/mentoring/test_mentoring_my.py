"""/my shows a person's mentoring concretely (as mentee and as mentor): the pairing, the
plan's progress, the next step and the next meeting (one planned ahead), worded in the
person's language; nothing for someone without a pairing."""

from __future__ import annotations

from aiogram.methods import SendMessage
from sqlalchemy import update

from db.enums import Role
from db.models import User
from handlers.mentoring.callbacks import MAct, MentorCD
from tests.mentoring.support import add_person, add_school
from tests.support.harness import BotHarness

METHODIST, MENTEE, MENTOR, LONER = 7301, 7302, 7303, 7304


def _my_texts(requests: list[object]) -> str:
    return "\n".join(r.text for r in requests if isinstance(r, SendMessage))


async def test_my_shows_the_plan_the_next_step_and_the_next_meeting(harness: BotHarness) -> None:
    db = harness.database
    school = await add_school(db, "СШ № 3")
    methodist = await add_person(db, METHODIST, role=Role.METHODIST)
    mentee = await add_person(db, MENTEE, school_id=school, experience="lt3", name="Юная Юлия")
    mentor = await add_person(
        db, MENTOR, school_id=school, experience="20plus", name="Опытная Ольга"
    )
    await add_person(db, LONER, school_id=school)
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
        await svc.mentoring.accept(mentor.actor(), pair)
        await svc.mentoring.accept(mentee.actor(), pair)
        view = await svc.mentoring.mentorship(mentor.actor(), pair)
        await svc.mentoring.confirm_step(mentor.actor(), view.steps[0].id)
    finally:
        await svc.session.close()

    # Before any meeting.
    text = _my_texts(await harness.send(MENTEE, "/my"))
    assert "Встреч пока не было и не назначено" in text

    # The mentor plans the next meeting ahead (the clock: 23 November 2026).
    await harness.callback(MENTOR, MentorCD(act=MAct.OPEN, pair=pair).pack())
    await harness.press(MENTOR, "Запланировать встречу")
    await harness.send(MENTOR, "30.11")
    await harness.press(MENTOR, "очно")
    await harness.press(MENTOR, "Без заметки")
    assert "Встреча запланирована" in harness.last_text(MENTOR)
    await harness.press(MENTOR, "Открыть")
    assert "Следующая встреча: 30.11.2026, очно" in harness.last_text(MENTOR)

    text = _my_texts(await harness.send(MENTEE, "/my"))
    assert "🤝 Наставничество" in text
    assert "Ваш наставник: Опытная Ольга — идёт" in text
    assert "План: выполнено 1 из 5" in text
    assert "Следующий шаг: Наставник посещает урок наставляемого — до 23.12.2026" in text
    assert "Следующая встреча: 30.11.2026, очно" in text
    assert "/mentoring" in text
    assert "mentoring-" not in text  # every line worded, no key left

    text = _my_texts(await harness.send(MENTOR, "/my"))
    assert "Вы наставник: Юная Юлия — идёт" in text and "План: выполнено 1 из 5" in text

    # In English too.
    async with db.session_factory() as session:
        await session.execute(update(User).where(User.telegram_id == MENTEE).values(locale="en"))
        await session.commit()
    text = _my_texts(await harness.send(MENTEE, "/my"))
    assert "Your mentor: Опытная Ольга" in text and "Next meeting: 30.11.2026" in text

    # Someone without a pairing sees their events only.
    text = _my_texts(await harness.send(LONER, "/my"))
    assert "Наставничество" not in text
