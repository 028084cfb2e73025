"""What /forget erases of a person's survey answers."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Survey, SurveyAnswer, SurveyParticipation, SurveyResponse


async def forget_survey_answers(session: AsyncSession, user_id: int) -> None:
    """/forget: free-text answers may name people, so they are erased; choices stay in the
    figures without the person (the response loses its link). Unfinished questionnaires
    count nowhere and are deleted, anonymous ones found through the person's tokens."""
    tokens = list(
        (
            await session.execute(
                select(SurveyParticipation.token).where(
                    SurveyParticipation.user_id == user_id, SurveyParticipation.token.is_not(None)
                )
            )
        ).scalars()
    )
    await session.execute(
        delete(SurveyResponse)
        .where(
            SurveyResponse.completed_at.is_(None),
            or_(SurveyResponse.user_id == user_id, SurveyResponse.token.in_(tokens)),
        )
        .execution_options(synchronize_session=False)
    )
    response_ids = list(
        (
            await session.execute(
                select(SurveyResponse.id).where(SurveyResponse.user_id == user_id)
            )
        ).scalars()
    )
    if response_ids:
        surveys = (
            await session.execute(
                select(Survey.definition)
                .join(SurveyResponse, SurveyResponse.survey_id == Survey.id)
                .where(SurveyResponse.id.in_(response_ids))
            )
        ).scalars()
        text_ids = {
            q["id"]
            for definition in surveys
            for q in definition["questions"]
            if q["type"] == "text"
        }
        if text_ids:
            await session.execute(
                delete(SurveyAnswer)
                .where(
                    SurveyAnswer.response_id.in_(response_ids),
                    SurveyAnswer.question.in_(list(text_ids)),
                )
                .execution_options(synchronize_session=False)
            )
        await session.execute(
            update(SurveyResponse)
            .where(SurveyResponse.id.in_(response_ids))
            .values(user_id=None, token=None)
            .execution_options(synchronize_session=False)
        )
    await session.execute(
        update(SurveyParticipation)
        .where(SurveyParticipation.user_id == user_id)
        .values(token=None)
        .execution_options(synchronize_session=False)
    )
