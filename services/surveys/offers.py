"""Targeted support: the events offered to a teacher who reported a serious difficulty, at the
end of the questionnaire, on request, and when an event on that topic is published."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Priority, Topic
from db.models import OutboxMessage, Survey, SurveyAnswer, SurveyResponse, User
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import NeedsOnboarding
from services.hooks import PublishedEvent
from services.surveys.analytics import topic_questions
from services.surveys.scope import SurveyScope
from services.surveys.types import OFFER_LIMIT, EventOffer

log = logging.getLogger(__name__)


async def _topic_questions_of_named_surveys(
    session: AsyncSession, topic: str
) -> dict[int, list[str]]:
    """Per survey, its questions on `topic`. Anonymous surveys cannot contribute: nobody is
    linked to their answers."""
    surveys = (
        await session.execute(
            select(Survey.id, Survey.definition).where(Survey.anonymous.is_(False))
        )
    ).all()
    per_survey = {
        sid: [qid for qid, q_topic in topic_questions(definition) if q_topic == topic]
        for sid, definition in surveys
    }
    return {sid: qids for sid, qids in per_survey.items() if qids}


async def difficulty_subscribers(session: AsyncSession, topic: Topic | str) -> list[int]:
    """User ids of the people whose latest named answer on `topic` was "serious difficulty"."""
    per_survey = await _topic_questions_of_named_surveys(session, str(topic))
    if not per_survey:
        return []
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
            .join(User, User.id == SurveyResponse.user_id)
            .where(
                SurveyResponse.survey_id.in_(list(per_survey)),
                SurveyResponse.completed_at.is_not(None),
                User.forgotten_at.is_(None),
                User.telegram_id.is_not(None),
            )
        )
    ).all()
    latest: dict[int, tuple[datetime, bool]] = {}
    for user_id, survey_id, completed_at, question, value in rows:
        if question not in per_survey[survey_id] or user_id is None:
            continue
        known = latest.get(user_id)
        if known is None or completed_at > known[0]:
            latest[user_id] = (completed_at, value == "serious")
    return sorted(user_id for user_id, (_, serious) in latest.items() if serious)


async def offers_for(scope: SurveyScope, topics: tuple[Topic, ...]) -> tuple[EventOffer, ...]:
    """Upcoming published events on the given topics, soonest first."""
    if not topics:
        return ()
    return tuple((await scope.events_on_topics(topics))[:OFFER_LIMIT])


async def my_offers(scope: SurveyScope, actor: Actor) -> tuple[EventOffer, ...]:
    """Offers for the topics the person last reported as a serious difficulty."""
    if actor.user_id is None:
        raise NeedsOnboarding()
    topics = [
        topic
        for topic in Topic
        if actor.user_id in await difficulty_subscribers(scope.session, topic)
    ]
    return await offers_for(scope, tuple(topics))


async def offer_published_event(scope: SurveyScope, published: PublishedEvent) -> int:
    """Tells every teacher whose latest named answer on the event's topic was "serious" about
    the event just published. Runs in the publishing transaction (the caller commits); safe to
    call twice (dedupe keys). Returns how many were offered."""
    if published.topic is None or published.starts_at <= scope.clock():
        return 0
    try:
        topic = Topic(published.topic)
    except ValueError:
        return 0
    starts_at = published.starts_at.astimezone(scope.policy.timezone)
    offered = 0
    subscribers = await difficulty_subscribers(scope.session, topic)
    for user_id in await scope.outbox.with_chat(subscribers):
        key = f"survey_offer:{published.event_id}:{user_id}"
        exists_already = await scope.session.execute(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)
        )
        if exists_already.first() is not None:
            continue
        scope.outbox.enqueue(
            user_id=user_id,
            kind="survey_offer",
            template="survey-support-offer",
            args={
                "title": published.title,
                "topic": topic.value,
                "starts_at": f"{starts_at:%d.%m.%Y %H:%M}",
            },
            priority=Priority.NOTICE,
            ref=("event", published.event_id),
            buttons=[[Button("survey-support-open", "event_open", {"event": published.event_id})]],
            expires_at=published.starts_at,
            dedupe_key=key,
        )
        offered += 1
    log.info("support offers event_id=%s topic=%s offered=%s", published.event_id, topic, offered)
    return offered
