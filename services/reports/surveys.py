"""Survey figures for the reports: response rates, the difficulty profile of the diagnostics
and the two diagnostics indicators (teachers diagnosed; risk group supported).

"The diagnostics" is the survey shipped with the bot (`DEFAULT_SURVEY_CODE`), in all its
waves. A teacher is in the risk group when their latest completed diagnosis before the end of
the period rates at least one topic as a serious difficulty; they count as supported when, in
the period, they attended a held event whose topic is one of those serious difficulties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, cast, distinct, exists, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from db.models import (
    Event,
    OutboxMessage,
    Registration,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    User,
)
from services.reports.indicators import (
    Indicator,
    IndicatorCategory,
    IndicatorKind,
    Window,
    attended_in,
    by_category,
    combine,
    school_people,
    teachers_query,
)
from services.surveys.analytics import topic_questions
from services.surveys.install import DEFAULT_SURVEY_CODE
from services.surveys.types import REF_TYPE

INVITE_KIND = "survey_invite"
SERIOUS = json.dumps("serious")
SOME = json.dumps("some")


@dataclass(frozen=True, slots=True)
class SurveyRate:
    survey_id: int
    title: str
    wave: int
    launched_at: datetime | None
    closes_at: datetime | None
    invited: int
    responded: int  # of the invited, how many completed it by the end of the period
    completed_in_period: int

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


@dataclass(frozen=True, slots=True)
class DifficultyRow:
    topic: Topic
    answered: int
    some: int
    serious: int

    @property
    def serious_share(self) -> float | None:
        return self.serious / self.answered if self.answered else None

    @property
    def some_share(self) -> float | None:
        return self.some / self.answered if self.answered else None


@dataclass(frozen=True, slots=True)
class _Diagnostics:
    survey_id: int
    topics: dict[str, Topic]  # question id -> topic


async def _diagnostics(session: AsyncSession) -> _Diagnostics | None:
    row = (
        await session.execute(
            select(Survey.id, Survey.definition).where(Survey.code == DEFAULT_SURVEY_CODE)
        )
    ).first()
    if row is None:
        return None
    topics = {}
    for qid, topic in topic_questions(row[1]):
        try:
            topics[qid] = Topic(topic)
        except ValueError:
            continue
    return _Diagnostics(row[0], topics)


def _in_school(window: Window) -> Any:
    return User.school_id == window.school_id


async def survey_rates(session: AsyncSession, window: Window) -> list[SurveyRate]:
    """Surveys that were running during the period, with their invitations and answers."""
    surveys = (
        await session.execute(
            select(Survey.id, Survey.title, Survey.wave, Survey.launched_at, Survey.closes_at)
            .where(
                Survey.launched_at.is_not(None),
                Survey.launched_at < window.end,
                (Survey.closes_at.is_(None)) | (Survey.closes_at >= window.start),
            )
            .order_by(Survey.launched_at, Survey.id)
        )
    ).all()
    if not surveys:
        return []
    ids = [row[0] for row in surveys]
    invited_stmt = (
        select(OutboxMessage.ref_id, func.count(distinct(OutboxMessage.user_id)))
        .join(User, User.id == OutboxMessage.user_id)
        .where(
            OutboxMessage.kind == INVITE_KIND,
            OutboxMessage.ref_type == REF_TYPE,
            OutboxMessage.ref_id.in_(ids),
        )
        .group_by(OutboxMessage.ref_id)
    )
    was_invited = exists().where(
        OutboxMessage.kind == INVITE_KIND,
        OutboxMessage.ref_type == REF_TYPE,
        OutboxMessage.ref_id == SurveyParticipation.survey_id,
        OutboxMessage.user_id == SurveyParticipation.user_id,
    )
    done = SurveyParticipation.completed_at
    in_period = and_(done >= window.start, done < window.end)
    answered_stmt = (
        select(
            SurveyParticipation.survey_id,
            func.count(distinct(case((was_invited, SurveyParticipation.user_id)))),
            func.count(distinct(case((in_period, SurveyParticipation.user_id)))),
        )
        .join(User, User.id == SurveyParticipation.user_id)
        .where(
            SurveyParticipation.survey_id.in_(ids),
            done.is_not(None),
            done < window.end,
        )
        .group_by(SurveyParticipation.survey_id)
    )
    if window.school_id is not None:
        invited_stmt = invited_stmt.where(_in_school(window))
        answered_stmt = answered_stmt.where(_in_school(window))
    invited = {sid: int(n) for sid, n in (await session.execute(invited_stmt)).all()}
    answered = {
        sid: (int(of_invited), int(period))
        for sid, of_invited, period in (await session.execute(answered_stmt)).all()
    }
    return [
        SurveyRate(
            survey_id=sid,
            title=title,
            wave=wave,
            launched_at=launched_at,
            closes_at=closes_at,
            invited=invited.get(sid, 0),
            responded=answered.get(sid, (0, 0))[0],
            completed_in_period=answered.get(sid, (0, 0))[1],
        )
        for sid, title, wave, launched_at, closes_at in surveys
    ]


async def difficulty_profile(session: AsyncSession, window: Window) -> list[DifficultyRow]:
    """Per topic of the diagnostics, answers completed in the period: some / serious."""
    diagnostics = await _diagnostics(session)
    if diagnostics is None or not diagnostics.topics:
        return []
    level = cast(SurveyAnswer.value, String)
    stmt = (
        select(
            SurveyAnswer.question,
            func.count(SurveyAnswer.id),
            func.sum(case((level == SOME, 1), else_=0)),
            func.sum(case((level == SERIOUS, 1), else_=0)),
        )
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(
            SurveyResponse.survey_id == diagnostics.survey_id,
            SurveyResponse.completed_at >= window.start,
            SurveyResponse.completed_at < window.end,
            SurveyAnswer.question.in_(list(diagnostics.topics)),
        )
        .group_by(SurveyAnswer.question)
    )
    if window.school_id is not None:
        # The response keeps the school even when the person is anonymous or forgotten.
        stmt = stmt.where(SurveyResponse.school_id == window.school_id)
    counts = {
        qid: (int(total), int(some or 0), int(serious or 0))
        for qid, total, some, serious in (await session.execute(stmt)).all()
    }
    rows = [
        DifficultyRow(topic, *counts.get(qid, (0, 0, 0)))
        for qid, topic in diagnostics.topics.items()
    ]
    rows.sort(key=lambda r: (-(r.serious_share or 0), -(r.some_share or 0), r.topic.value))
    return rows


async def diagnostics_indicators(
    session: AsyncSession, window: Window, teachers: dict[IndicatorCategory, int]
) -> list[Indicator]:
    diagnostics = await _diagnostics(session)
    if diagnostics is None:
        return [
            combine(IndicatorKind.TEACHERS_DIAGNOSED, {}, teachers),
            combine(IndicatorKind.RISK_SUPPORTED, {}, {}),
        ]
    diagnosed_stmt = teachers_query(window).where(
        exists().where(
            SurveyParticipation.user_id == User.id,
            SurveyParticipation.survey_id == diagnostics.survey_id,
            SurveyParticipation.completed_at >= window.start,
            SurveyParticipation.completed_at < window.end,
        )
    )
    diagnosed = by_category((await session.execute(diagnosed_stmt)).all())

    latest_query = (
        select(
            SurveyResponse.user_id.label("uid"),
            func.max(SurveyResponse.completed_at).label("at"),
        )
        .where(
            SurveyResponse.survey_id == diagnostics.survey_id,
            SurveyResponse.user_id.is_not(None),
            SurveyResponse.completed_at.is_not(None),
            SurveyResponse.completed_at < window.end,
        )
        .group_by(SurveyResponse.user_id)
    )
    if window.school_id is not None:
        latest_query = latest_query.where(
            SurveyResponse.user_id.in_(school_people(window.school_id))
        )
    latest = latest_query.subquery()
    topic_of = case(
        {qid: topic.value for qid, topic in diagnostics.topics.items()},
        value=SurveyAnswer.question,
    )
    serious = (
        select(SurveyResponse.user_id.label("uid"), topic_of.label("topic"))
        .join(
            latest,
            and_(
                latest.c.uid == SurveyResponse.user_id,
                latest.c.at == SurveyResponse.completed_at,
            ),
        )
        .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
        .where(
            SurveyResponse.survey_id == diagnostics.survey_id,
            SurveyAnswer.question.in_(list(diagnostics.topics)),
            cast(SurveyAnswer.value, String) == SERIOUS,
        )
        .subquery()
    )
    risk_stmt = teachers_query(window).where(User.id.in_(select(serious.c.uid)))
    # A row-value IN keeps the plan "events of the window first"; a plain join let SQLite
    # walk every response for every event.
    came = (
        select(Registration.user_id, Event.topic)
        .join(Event, Event.id == Registration.event_id)
        .where(attended_in(window))
    )
    if window.school_id is not None:
        came = came.where(Registration.user_id.in_(school_people(window.school_id)))
    supported_ids = select(serious.c.uid).where(tuple_(serious.c.uid, serious.c.topic).in_(came))
    supported_stmt = teachers_query(window).where(User.id.in_(supported_ids))
    risk = by_category((await session.execute(risk_stmt)).all())
    supported = by_category((await session.execute(supported_stmt)).all())
    return [
        combine(IndicatorKind.TEACHERS_DIAGNOSED, diagnosed, teachers),
        combine(IndicatorKind.RISK_SUPPORTED, supported, risk),
    ]
