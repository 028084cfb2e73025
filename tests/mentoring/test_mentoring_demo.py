"""seed-demo gains mentoring, once: a pairing under way (its plan and a meeting), one waiting
for the mentor, and a group of two young teachers with one mentor across schools (their plans
under way and two group meetings); a methodist sees them at once in /mentoring."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.demo import seed_demo_data
from db.enums import Role
from db.models import MentoringMeeting, MentoringStep, Mentorship
from handlers.mentoring.callbacks import MAct, MentorCD
from tests.mentoring.support import add_person
from tests.support.harness import BotHarness


async def test_seed_demo_adds_pairs_and_a_group_once(harness: BotHarness) -> None:
    for _ in range(2):
        svc = await harness.services()
        await seed_demo_data(svc)
        await svc.session.close()
    async with harness.database.session_factory() as session:
        rows = (
            await session.execute(
                select(Mentorship.form, Mentorship.status, Mentorship.group_id).order_by(
                    Mentorship.id
                )
            )
        ).all()
        steps = await session.scalar(select(func.count()).select_from(MentoringStep))
        meetings = await session.scalar(select(func.count()).select_from(MentoringMeeting))
    forms = [(form, status) for form, status, _ in rows]
    assert forms == [
        ("individual", "active"),
        ("individual", "proposed"),
        ("group", "active"),
        ("group", "active"),
    ]
    group = rows[2][2]
    assert group is not None and rows[3][2] == group
    assert steps == 15  # the template, one goal topic each, for the three pairings under way
    assert meetings == 1 + 2 * 2  # the pair's one, and two group meetings for each member

    await add_person(harness.database, 4242, role=Role.METHODIST)
    await harness.send(4242, "/mentoring")
    await harness.press(4242, "Пары")
    assert "Пары (4)" in harness.last_text(4242)
    await harness.press(4242, "Петров")
    assert "План: выполнено 1 из 5" in harness.last_text(4242)
    await harness.callback(4242, MentorCD(act=MAct.GROUP, pair=group).pack())
    screen = harness.last_text(4242)
    assert "Наставляемых сейчас: 2" in screen and "Встречи группы (2)" in screen
    assert "Смирнова Дарья Игоревна — идёт, план 1 из 5" in screen
