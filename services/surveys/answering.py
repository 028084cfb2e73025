"""Answering a survey: the open surveys of a person, one question at a time, every answer
written as it is given (so a person resumes where they stopped after any interruption).

Anonymous surveys keep the person-to-response link (a random token) only while the
questionnaire is unfinished; completing it erases the link.
"""

from __future__ import annotations

import logging
import uuid
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select

from db.enums import Topic
from db.models import Survey, SurveyAnswer, SurveyParticipation, SurveyResponse, User
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput, NeedsOnboarding
from services.surveys.analytics import topic_questions
from services.surveys.audience import in_audience
from services.surveys.format import localized
from services.surveys.offers import offers_for
from services.surveys.questions import question_view
from services.surveys.scope import SurveyScope, get_survey
from services.surveys.types import (
    REF_TYPE,
    Finished,
    OpenSurvey,
    QuestionType,
    QuestionView,
    Step,
    SurveyStatus,
)

log = logging.getLogger(__name__)


# Statements of every survey press, built on first use and kept (building one and its cache
# key costs about as much as SQLite takes to run it).
@cache
def _participation_stmt() -> Select[Any]:
    return select(SurveyParticipation).where(
        SurveyParticipation.survey_id == bindparam("survey_id"),
        SurveyParticipation.user_id == bindparam("user_id"),
        SurveyParticipation.wave == bindparam("wave"),
    )


@cache
def _answered_before_stmt() -> Select[Any]:
    return select(SurveyParticipation.id).where(
        SurveyParticipation.survey_id == bindparam("survey_id"),
        SurveyParticipation.user_id == bindparam("user_id"),
        SurveyParticipation.completed_at.is_not(None),
    )


@cache
def _response_by_token_stmt() -> Select[Any]:
    return select(SurveyResponse).where(SurveyResponse.token == bindparam("token"))


@cache
def _answers_stmt() -> Select[Any]:
    return select(SurveyAnswer).where(SurveyAnswer.response_id == bindparam("response_id"))


def _accepting(scope: SurveyScope, survey: Survey) -> bool:
    now = scope.clock()
    return (
        survey.status == SurveyStatus.OPEN
        and (survey.opens_at is None or survey.opens_at <= now)
        and (survey.closes_at is None or now < survey.closes_at)
    )


async def _participation(
    scope: SurveyScope, survey: Survey, user_id: int
) -> SurveyParticipation | None:
    result = await scope.session.execute(
        _participation_stmt(),
        {"survey_id": survey.id, "user_id": user_id, "wave": survey.wave},
    )
    return result.scalar_one_or_none()


async def _answered_before(scope: SurveyScope, survey: Survey, user_id: int) -> bool:
    if survey.allow_repeat:
        return False
    result = await scope.session.execute(
        _answered_before_stmt(), {"survey_id": survey.id, "user_id": user_id}
    )
    return result.first() is not None


async def _response_by_token(scope: SurveyScope, token: str) -> SurveyResponse | None:
    result = await scope.session.execute(_response_by_token_stmt(), {"token": token})
    return result.scalar_one_or_none()


async def _answers(scope: SurveyScope, response: SurveyResponse) -> dict[str, SurveyAnswer]:
    rows = await scope.session.execute(_answers_stmt(), {"response_id": response.id})
    return {a.question: a for a in rows.scalars()}


async def available(scope: SurveyScope, actor: Actor) -> list[OpenSurvey]:
    if actor.user_id is None:
        raise NeedsOnboarding()
    surveys = (
        await scope.session.execute(
            select(Survey).where(Survey.status == SurveyStatus.OPEN.value).order_by(Survey.id)
        )
    ).scalars()
    result = []
    for survey in surveys:
        if not _accepting(scope, survey) or not await in_audience(
            scope.session, survey, actor.user_id
        ):
            continue
        participation = await _participation(scope, survey, actor.user_id)
        if participation is not None and participation.completed_at is not None:
            continue
        if participation is None and await _answered_before(scope, survey, actor.user_id):
            continue
        answered = 0
        if participation is not None and participation.token:
            response = await _response_by_token(scope, participation.token)
            answered = response.position if response else 0
        result.append(
            OpenSurvey(
                survey.id,
                localized(survey.definition["title"], actor.locale),
                len(survey.definition["questions"]),
                answered,
                survey.closes_at,
            )
        )
    return result


async def _started_response(
    scope: SurveyScope, actor: Actor, survey: Survey, participation: SurveyParticipation | None
) -> SurveyResponse:
    """A new response of the person, linked to them only through a random token."""
    assert actor.user_id is not None
    token = str(uuid.uuid4())
    user = await scope.session.get(User, actor.user_id)
    if user is None:
        raise AccessDenied()
    if participation is None:
        participation = SurveyParticipation(
            survey_id=survey.id, user_id=actor.user_id, wave=survey.wave
        )
        scope.session.add(participation)
    participation.token = token
    response = SurveyResponse(
        survey_id=survey.id,
        wave=survey.wave,
        user_id=None if survey.anonymous else actor.user_id,
        token=token,
        position=0,
        school_id=user.school_id,
        subjects=",".join(s.subject for s in user.subjects),
        experience=user.experience,
    )
    scope.session.add(response)
    log.info("survey started survey_id=%s wave=%s", survey.id, survey.wave)
    return response


async def _open_response(
    scope: SurveyScope, actor: Actor, survey_id: int, create: bool = False
) -> tuple[Survey, SurveyResponse]:
    """The person's unfinished response, re-checking every rule on every press.

    A press writes after these reads, so callers hold the write lock first: on SQLite a read
    transaction that then writes fails at once ("database is locked") if another connection
    wrote since it began, which concurrent traffic makes common.
    """
    if actor.user_id is None:
        raise NeedsOnboarding()
    survey = await get_survey(scope, survey_id)
    if not _accepting(scope, survey):
        raise Conflict("error-survey-not-open")
    if not await in_audience(scope.session, survey, actor.user_id):
        raise AccessDenied("error-survey-not-for-you")
    participation = await _participation(scope, survey, actor.user_id)
    if participation is not None and participation.completed_at is not None:
        raise Conflict("error-survey-already-answered")
    if participation is None and await _answered_before(scope, survey, actor.user_id):
        raise Conflict("error-survey-already-answered")
    if participation is not None and participation.token:
        response = await _response_by_token(scope, participation.token)
        if response is not None:
            return survey, response
    if not create:
        raise Conflict("error-survey-not-started")
    return survey, await _started_response(scope, actor, survey, participation)


async def _view(
    scope: SurveyScope, actor: Actor, survey: Survey, response: SurveyResponse
) -> QuestionView:
    questions = survey.definition["questions"]
    index = min(response.position, len(questions) - 1)
    answer = (await _answers(scope, response)).get(questions[index]["id"])
    return question_view(
        survey.id, survey.definition, index, answer.value if answer else None, actor.locale
    )


def _question_at(survey: Survey, response: SurveyResponse, index: int) -> dict[str, Any]:
    # A press on an earlier screen (an old message) must not overwrite another question.
    if index != response.position:
        raise Conflict("error-survey-stale-question")
    return dict(survey.definition["questions"][index])


async def _store(scope: SurveyScope, response: SurveyResponse, qid: str, value: Any) -> None:
    answer = (await _answers(scope, response)).get(qid)
    if answer is None:
        scope.session.add(SurveyAnswer(response_id=response.id, question=qid, value=value))
    else:
        answer.value = value


async def _complete(
    scope: SurveyScope, actor: Actor, survey: Survey, response: SurveyResponse
) -> tuple[Topic, ...]:
    """Completes the response, erasing the person's link to it; returns the topics answered
    as a serious difficulty."""
    assert actor.user_id is not None
    now = scope.clock()
    participation = await _participation(scope, survey, actor.user_id)
    assert participation is not None
    user = await scope.session.get(User, actor.user_id)
    if user is not None:
        # The profile may have changed since the first answer; the report uses the latest.
        response.school_id = user.school_id
        response.subjects = ",".join(s.subject for s in user.subjects)
        response.experience = user.experience
    response.completed_at = now
    response.token = None
    participation.token = None
    participation.completed_at = now
    await scope.outbox.cancel(
        (REF_TYPE, survey.id), user_id=actor.user_id, kinds=["survey_invite", "survey_reminder"]
    )
    answers = await _answers(scope, response)
    return tuple(
        Topic(topic)
        for qid, topic in topic_questions(survey.definition)
        if qid in answers and answers[qid].value == "serious"
    )


async def _advance(
    scope: SurveyScope, actor: Actor, survey: Survey, response: SurveyResponse
) -> tuple[Topic, ...] | None:
    """Moves on one question; after the last one completes the response and returns the
    topics of serious difficulty (None while questions remain)."""
    response.position += 1
    if response.position < len(survey.definition["questions"]):
        return None
    return await _complete(scope, actor, survey, response)


async def _step(
    scope: SurveyScope,
    actor: Actor,
    survey: Survey,
    response: SurveyResponse,
    serious: tuple[Topic, ...] | None,
) -> Step:
    """What the person sees after a committed press: the next question or the end."""
    if serious is None:
        return await _view(scope, actor, survey, response)
    log.info("survey completed survey_id=%s wave=%s", survey.id, survey.wave)
    title = localized(survey.definition["title"], actor.locale)
    materials = await scope.materials_on_topics(serious) if serious else ()
    return Finished(survey.id, title, serious, await offers_for(scope, serious), materials)


async def start(scope: SurveyScope, actor: Actor, survey_id: int) -> Step:
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id, create=True)
    return await _view(scope, actor, survey, response)


async def current(scope: SurveyScope, actor: Actor, survey_id: int) -> QuestionView:
    survey, response = await _open_response(scope, actor, survey_id)
    return await _view(scope, actor, survey, response)


async def choose(
    scope: SurveyScope, actor: Actor, survey_id: int, index: int, option: int
) -> Step:
    """A single-choice option or a scale value."""
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        question = _question_at(survey, response, index)
        if question["type"] == QuestionType.SINGLE:
            if not 0 <= option < len(question["options"]):
                raise InvalidInput()
            value: Any = question["options"][option]["id"]
        elif question["type"] == QuestionType.SCALE:
            if not 1 <= option <= 5:
                raise InvalidInput()
            value = option
        else:
            raise Conflict("error-survey-stale-question")
        await _store(scope, response, question["id"], value)
        serious = await _advance(scope, actor, survey, response)
    return await _step(scope, actor, survey, response, serious)


async def toggle(
    scope: SurveyScope, actor: Actor, survey_id: int, index: int, option: int
) -> QuestionView:
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        question = _question_at(survey, response, index)
        if question["type"] != QuestionType.MULTI or not 0 <= option < len(question["options"]):
            raise Conflict("error-survey-stale-question")
        ids = [o["id"] for o in question["options"]]
        answer = (await _answers(scope, response)).get(question["id"])
        chosen = (
            list(answer.value) if answer is not None and isinstance(answer.value, list) else []
        )
        key = ids[option]
        if key in chosen:
            chosen.remove(key)
        else:
            limit = question.get("max_choices")
            if limit and len(chosen) >= limit:
                raise InvalidInput("error-survey-too-many-choices", max=limit)
            chosen.append(key)
        await _store(scope, response, question["id"], [i for i in ids if i in chosen])
    return await _view(scope, actor, survey, response)


async def done(scope: SurveyScope, actor: Actor, survey_id: int, index: int) -> Step:
    """Confirms a multiple choice (at least one option unless the question is optional)."""
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        question = _question_at(survey, response, index)
        if question["type"] != QuestionType.MULTI:
            raise Conflict("error-survey-stale-question")
        answer = (await _answers(scope, response)).get(question["id"])
        if not question.get("optional") and (answer is None or not answer.value):
            raise InvalidInput("error-survey-choose-one")
        serious = await _advance(scope, actor, survey, response)
    return await _step(scope, actor, survey, response, serious)


async def answer_text(scope: SurveyScope, actor: Actor, survey_id: int, text: str | None) -> Step:
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        question = survey.definition["questions"][response.position]
        if question["type"] != QuestionType.TEXT:
            raise InvalidInput("error-survey-use-buttons")
        cleaned = (text or "").strip()
        if not cleaned:
            raise InvalidInput("error-survey-text-empty-answer")
        limit = int(question.get("max_length") or 0)
        if limit and len(cleaned) > limit:
            raise InvalidInput("error-survey-answer-too-long", max=limit, length=len(cleaned))
        await _store(scope, response, question["id"], cleaned)
        serious = await _advance(scope, actor, survey, response)
    return await _step(scope, actor, survey, response, serious)


async def skip(scope: SurveyScope, actor: Actor, survey_id: int, index: int) -> Step:
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        question = _question_at(survey, response, index)
        if not question.get("optional"):
            raise InvalidInput("error-survey-not-optional")
        answer = (await _answers(scope, response)).get(question["id"])
        if answer is not None:
            await scope.session.delete(answer)
        serious = await _advance(scope, actor, survey, response)
    return await _step(scope, actor, survey, response, serious)


async def back(scope: SurveyScope, actor: Actor, survey_id: int, index: int) -> QuestionView:
    async with write_tx(scope.session):
        survey, response = await _open_response(scope, actor, survey_id)
        _question_at(survey, response, index)
        response.position = max(0, response.position - 1)
    return await _view(scope, actor, survey, response)
