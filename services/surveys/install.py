"""The shipped diagnostics survey, installed as a draft, and the demo answers that give its
staff report figures to show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Survey, SurveyAnswer, SurveyParticipation, SurveyResponse, User, UserSubject
from services.context import Clock, Policy
from services.surveys.catalog import survey_from
from services.surveys.format import parse_survey
from services.surveys.types import QuestionType, SurveyStatus

DEFAULT_SURVEY_FILE = Path(__file__).parent / "data" / "diagnostics.yaml"
DEFAULT_SURVEY_CODE = "difficulty-diagnostics"


async def install_default_survey(session: AsyncSession, policy: Policy, clock: Clock) -> int:
    """Adds the shipped diagnostics survey as a draft unless it is there; returns its id."""
    existing = (
        await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    parsed = parse_survey(DEFAULT_SURVEY_FILE.read_bytes(), policy.timezone)
    survey = survey_from(parsed, None)
    survey.code = DEFAULT_SURVEY_CODE
    survey.created_at = clock()
    session.add(survey)
    await session.flush()
    return survey.id


async def seed_demo_answers(
    session: AsyncSession, policy: Policy, clock: Clock, user_ids: list[int]
) -> int:
    """Completed diagnostics for the demo teachers, so the staff report has figures to show.
    Deterministic, and skips anyone who already answered: running the seed twice adds nothing."""
    survey_id = await install_default_survey(session, policy, clock)
    survey = await session.get(Survey, survey_id)
    assert survey is not None
    if survey.launched_at is None:
        survey.status = SurveyStatus.OPEN.value
        survey.launched_at = clock()
    questions = survey.definition["questions"]
    levels = ("none", "some", "serious")
    added = 0
    for number, user_id in enumerate(user_ids):
        done = await session.execute(
            select(SurveyParticipation.id).where(
                SurveyParticipation.survey_id == survey.id,
                SurveyParticipation.user_id == user_id,
                SurveyParticipation.wave == survey.wave,
            )
        )
        user = await session.get(User, user_id)
        if done.first() is not None or user is None:
            continue
        now = clock()
        session.add(
            SurveyParticipation(
                survey_id=survey.id, user_id=user_id, wave=survey.wave, completed_at=now
            )
        )
        response = SurveyResponse(
            survey_id=survey.id,
            wave=survey.wave,
            user_id=user_id,
            position=len(questions),
            completed_at=now,
            school_id=user.school_id,
            subjects=",".join(
                (
                    await session.execute(
                        select(UserSubject.subject).where(UserSubject.user_id == user_id)
                    )
                ).scalars()
            ),
            experience=user.experience,
        )
        session.add(response)
        await session.flush()
        for index, question in enumerate(questions):
            value: Any
            if question.get("topic"):
                value = levels[(number * 7 + index * 5) % 3]
            elif question["type"] == QuestionType.MULTI:
                value = [question["options"][(number + index) % len(question["options"])]["id"]]
            else:
                continue
            session.add(
                SurveyAnswer(response_id=response.id, question=question["id"], value=value)
            )
        added += 1
    return added
