"""Who is asked: a survey's audience rules, who of them answered, and the broadcasts'
audience "those who have not answered a survey" built on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.enums import Role
from db.models import School, Survey, SurveyParticipation, User, UserRole, UserSubject
from services.audiences import AudienceSource
from services.i18n import L
from services.surveys.analytics import CATEGORY_LOW, CATEGORY_OTHER, CATEGORY_UNFAVOURABLE

NON_RESPONDENTS_SOURCE = "survey_non_respondents"


def _category_condition(categories: list[str]) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if CATEGORY_LOW in categories:
        conditions.append(School.low_results.is_(True))
    if CATEGORY_UNFAVOURABLE in categories:
        conditions.append(School.unfavourable_conditions.is_(True))
    if CATEGORY_OTHER in categories:
        conditions.append(
            and_(School.low_results.is_(False), School.unfavourable_conditions.is_(False))
        )
    return or_(*conditions)


def audience_query(survey: Survey) -> Any:
    audience = survey.definition.get("audience", {})
    roles = audience.get("roles") or [Role.TEACHER.value]
    stmt = (
        select(User.id)
        .where(
            User.forgotten_at.is_(None),
            User.telegram_id.is_not(None),
            exists().where(UserRole.user_id == User.id, UserRole.role.in_(roles)),
        )
        .order_by(User.id)
    )
    if audience.get("subjects"):
        stmt = stmt.where(
            exists().where(
                UserSubject.user_id == User.id, UserSubject.subject.in_(audience["subjects"])
            )
        )
    if audience.get("school_ids"):
        stmt = stmt.where(User.school_id.in_(audience["school_ids"]))
    categories = audience.get("categories") or []
    if categories:
        stmt = stmt.join(School, School.id == User.school_id).where(
            _category_condition(categories)
        )
    return stmt


async def audience_ids(session: AsyncSession, survey: Survey) -> list[int]:
    return list((await session.execute(audience_query(survey))).scalars())


async def in_audience(session: AsyncSession, survey: Survey, user_id: int) -> bool:
    stmt = audience_query(survey).where(User.id == user_id)
    return (await session.execute(stmt)).first() is not None


async def respondent_ids(session: AsyncSession, survey: Survey, wave: int) -> set[int]:
    rows = await session.execute(
        select(SurveyParticipation.user_id).where(
            SurveyParticipation.survey_id == survey.id,
            SurveyParticipation.wave == wave,
            SurveyParticipation.completed_at.is_not(None),
        )
    )
    return set(rows.scalars())


async def non_respondents(session: AsyncSession, survey: Survey) -> list[int]:
    """The audience of the current wave who have not completed it."""
    answered = await respondent_ids(session, survey, survey.wave)
    return [uid for uid in await audience_ids(session, survey) if uid not in answered]


async def _launched_surveys(session: AsyncSession, now: datetime) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(Survey.id, Survey.title)
        .where(
            Survey.launched_at.is_not(None),
            or_(Survey.closes_at.is_(None), Survey.closes_at > now),
        )
        .order_by(Survey.id.desc())
    )
    return [(row.id, row.title) for row in rows]


async def _non_respondent_ids(session: AsyncSession, survey_id: int) -> set[int]:
    survey = await session.get(Survey, survey_id)
    if survey is None:
        return set()
    return set(await non_respondents(session, survey))


def non_respondents_source() -> AudienceSource:
    """The broadcasts' audience "those who have not answered survey N" (the container hands it
    to the broadcasts service)."""
    return AudienceSource(
        name=NON_RESPONDENTS_SOURCE,
        label_key=L("broadcast-source-survey"),
        options=_launched_surveys,
        resolve=_non_respondent_ids,
    )
