"""seed-demo gains two mentorships, once: one under way (its plan and a meeting), one waiting
for the mentor; a methodist sees them at once in /mentoring."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.demo import seed_demo_data
from db.enums import Role
from db.models import MentoringStep, Mentorship
from tests.mentoring.support import add_person
from tests.support.harness import BotHarness


async def test_seed_demo_adds_two_pairs_once(harness: BotHarness) -> None:
    for _ in range(2):
        svc = await harness.services()
        await seed_demo_data(svc)
        await svc.session.close()
    async with harness.database.session_factory() as session:
        statuses = sorted(await session.scalars(select(Mentorship.status)))
        steps = await session.scalar(select(func.count()).select_from(MentoringStep))
    assert statuses == ["active", "proposed"]
    assert steps == 5  # the template: one goal topic (the serious one)
    await add_person(harness.database, 4242, role=Role.METHODIST)
    await harness.send(4242, "/mentoring")
    await harness.press(4242, "Пары")
    assert "Пары (2)" in harness.last_text(4242)
    await harness.press(4242, "Петров")
    assert "План: выполнено 1 из 5" in harness.last_text(4242)
