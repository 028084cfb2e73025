"""Many teachers open and answer the diagnostics at the same moment on SQLite: every press is
kept, none is refused as "the database is unavailable"."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from db.enums import Role
from db.models import Survey, SurveyAnswer
from handlers.surveys.callbacks import Do, SurveyCD
from services.surveys.install import DEFAULT_SURVEY_CODE
from tests.support.events_support import add_people, run, staff_actor
from tests.support.fakes import callback_update, tg_user
from tests.support.harness import BotHarness, texts

TEACHERS = list(range(400_001, 400_031))


async def test_simultaneous_survey_presses_are_all_kept(harness: BotHarness) -> None:
    await add_people(harness, TEACHERS, Role.TEACHER)
    staff = await staff_actor(harness)
    async with harness.database.session_factory() as session:
        survey_id = (
            await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()
    await run(harness, lambda svc: svc.surveys.launch(staff, survey_id))
    harness.api.clear()

    async def press(teacher: int, data: SurveyCD) -> None:
        await harness.dp.feed_update(harness.bot, callback_update(tg_user(teacher), data.pack()))

    await asyncio.gather(
        *(press(tg, SurveyCD(act=Do.OPEN, survey_id=survey_id)) for tg in TEACHERS)
    )
    await asyncio.gather(
        *(
            press(tg, SurveyCD(act=Do.CHOOSE, survey_id=survey_id, index=0, option=1))
            for tg in TEACHERS
        )
    )

    for tg in TEACHERS:
        said = texts(harness.chat_requests(tg))
        assert any("Вопрос 2/14" in text for text in said), said
    async with harness.database.session_factory() as session:
        answers = (await session.execute(select(func.count(SurveyAnswer.id)))).scalar_one()
    assert answers == len(TEACHERS)
