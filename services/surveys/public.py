"""What other features may read of the diagnostics, through the container: each person's
latest named answer per difficulty topic. Nothing else of the surveys leaves the package."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Survey, SurveyAnswer, SurveyResponse
from services.surveys.analytics import topic_questions

Levels = dict[str, str]


async def latest_levels(session: AsyncSession, user_ids: Iterable[int]) -> dict[int, Levels]:
    """Per person, topic -> the level ("none", "some", "serious") of their latest completed
    named answer on it. People who never answered are absent."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return {}
    surveys = (
        await session.execute(
            select(Survey.id, Survey.definition).where(Survey.anonymous.is_(False))
        )
    ).all()
    topic_of = {
        (sid, qid): topic
        for sid, definition in surveys
        for qid, topic in topic_questions(definition)
    }
    if not topic_of:
        return {}
    rows = (
        await session.execute(
            select(
                SurveyResponse.user_id,
                SurveyResponse.survey_id,
                SurveyResponse.completed_at,
                SurveyAnswer.question,
                SurveyAnswer.value,
            )
            .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
            .where(
                SurveyResponse.user_id.in_(wanted),
                SurveyResponse.completed_at.is_not(None),
            )
        )
    ).all()
    latest: dict[int, dict[str, tuple[datetime, str]]] = {}
    for user_id, survey_id, completed_at, question, value in rows:
        topic = topic_of.get((survey_id, question))
        if topic is None or user_id is None or not isinstance(value, str):
            continue
        known = latest.setdefault(user_id, {}).get(topic)
        if known is None or completed_at > known[0]:
            latest[user_id][topic] = (completed_at, value)
    return {uid: {t: level for t, (_, level) in per.items()} for uid, per in latest.items()}


async def serious_user_ids(session: AsyncSession, user_ids: Iterable[int]) -> set[int]:
    """The people whose latest diagnosis marks at least one topic serious ("risk group")."""
    levels = await latest_levels(session, user_ids)
    return {uid for uid, per in levels.items() if "serious" in per.values()}
