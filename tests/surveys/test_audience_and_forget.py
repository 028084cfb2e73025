"""Who surveys reach beyond answering: the broadcasts' audience of those who have not
answered, and what /forget leaves of a person's answers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from db.models import SurveyAnswer, SurveyResponse
from services.container import Services
from services.surveys.types import QuestionType, QuestionView
from tests.support.harness import Clock
from tests.surveys.survey_support import (
    ADMIN,
    ANONYMOUS,
    answer_all,
    default_survey_id_in,
    make_teacher,
)


async def test_broadcast_audience_of_survey_non_respondents(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    from services.container import audience_sources

    source = next(s for s in audience_sources() if s.name == "survey_non_respondents")
    answered = await make_teacher(svc, 1, schools[0])
    silent = await make_teacher(svc, 2, schools[0])
    survey_id = await default_survey_id_in(svc)
    assert await source.options(svc.session, clock.now) == []  # nothing launched yet
    await svc.surveys.launch(ADMIN, survey_id)
    assert [sid for sid, _ in await source.options(svc.session, clock.now)] == [survey_id]
    await answer_all(svc, answered, survey_id, {})
    assert await source.resolve(svc.session, survey_id) == {silent.user_id}


async def test_forget_unlinks_answers_and_erases_texts(svc: Services, schools: list[int]) -> None:
    from services.container import run_forget_hooks

    teacher = await make_teacher(svc, 1, schools[0])
    survey_id = await default_survey_id_in(svc)
    await svc.surveys.launch(ADMIN, survey_id)
    step: Any = await svc.surveys.start(teacher, survey_id)
    while isinstance(step, QuestionView) and step.type != QuestionType.TEXT:
        if step.type == QuestionType.MULTI:
            await svc.surveys.toggle(teacher, survey_id, step.index, 0)
            step = await svc.surveys.done(teacher, survey_id, step.index)
        else:
            step = await svc.surveys.choose(teacher, survey_id, step.index, 2)
    await svc.surveys.answer_text(teacher, survey_id, "Мой завуч Петрова не помогает")
    anonymous = await svc.surveys.create_from_file(ADMIN, ANONYMOUS.encode())
    await svc.surveys.launch(ADMIN, anonymous.survey_id)
    await svc.surveys.start(teacher, anonymous.survey_id)
    await svc.surveys.choose(teacher, anonymous.survey_id, 0, 1)

    assert teacher.user_id is not None
    await run_forget_hooks(svc.session, teacher.user_id)
    await svc.session.commit()
    responses = (await svc.session.execute(select(SurveyResponse))).scalars().all()
    assert [(r.survey_id, r.user_id) for r in responses] == [(survey_id, None)]
    questions = set((await svc.session.execute(select(SurveyAnswer.question))).scalars())
    assert "comment" not in questions and "exam_prep" in questions
    report = await svc.surveys.report(ADMIN, survey_id)
    assert report.respondents == 1  # the figures keep the answer, without the person
