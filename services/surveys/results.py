"""The staff's view of the answers: the report figures, the raw answers for the XLSX file,
and how many of those with a serious difficulty have since come to an event on it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from db.models import School, Survey, SurveyAnswer, SurveyResponse, User
from services.context import Actor
from services.surveys.analytics import (
    CATEGORY_LOW,
    CATEGORY_OTHER,
    CATEGORY_UNFAVOURABLE,
    ResponseRow,
    SupportFigure,
    SurveyReport,
    build_report,
    topic_questions,
)
from services.surveys.audience import audience_ids
from services.surveys.scope import SurveyScope, get_survey, require_staff
from services.surveys.types import RawAnswerRow

StoredRows = list[tuple[SurveyResponse, dict[str, Any]]]


def _school_categories(school: School | None) -> tuple[str, ...]:
    if school is None:
        return ()
    categories = []
    if school.low_results:
        categories.append(CATEGORY_LOW)
    if school.unfavourable_conditions:
        categories.append(CATEGORY_UNFAVOURABLE)
    return tuple(categories) or (CATEGORY_OTHER,)


async def _rows(scope: SurveyScope, survey: Survey, wave: int) -> StoredRows:
    responses = list(
        (
            await scope.session.execute(
                select(SurveyResponse)
                .where(
                    SurveyResponse.survey_id == survey.id,
                    SurveyResponse.wave == wave,
                    SurveyResponse.completed_at.is_not(None),
                )
                .order_by(SurveyResponse.id)
            )
        ).scalars()
    )
    answers: dict[int, dict[str, Any]] = {r.id: {} for r in responses}
    if responses:
        # Plain rows, not ORM objects: a report reads tens of thousands of answers.
        found = await scope.session.execute(
            select(SurveyAnswer.response_id, SurveyAnswer.question, SurveyAnswer.value)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(
                SurveyResponse.survey_id == survey.id,
                SurveyResponse.wave == wave,
                SurveyResponse.completed_at.is_not(None),
            )
        )
        for response_id, question, value in found:
            answers[response_id][question] = value
    return [(response, answers[response.id]) for response in responses]


async def _schools(scope: SurveyScope) -> dict[int, School]:
    return {s.id: s for s in (await scope.session.execute(select(School))).scalars()}


def _analysis_rows(rows: StoredRows, schools: dict[int, School]) -> list[ResponseRow]:
    result = []
    for response, answers in rows:
        school = schools.get(response.school_id) if response.school_id else None
        result.append(
            ResponseRow(
                response_id=response.id,
                school=school.short_name if school else None,
                categories=_school_categories(school),
                subjects=tuple(s for s in response.subjects.split(",") if s),
                experience=response.experience,
                answers=answers,
            )
        )
    return result


async def report(
    scope: SurveyScope, actor: Actor, survey_id: int, wave: int | None = None
) -> SurveyReport:
    require_staff(actor)
    survey = await get_survey(scope, survey_id)
    wave = wave or survey.wave
    schools = await _schools(scope)
    stored = await _rows(scope, survey, wave)
    rows = _analysis_rows(stored, schools)
    previous = _analysis_rows(await _rows(scope, survey, wave - 1), schools) if wave > 1 else []
    audience = len(await audience_ids(scope.session, survey))
    result = build_report(survey.id, wave, survey.definition, audience, rows, previous)
    if result.profile and not survey.anonymous:
        result.support = await _support(scope, survey, stored)
    return result


def _serious_reporters(survey: Survey, rows: StoredRows) -> dict[str, list[tuple[int, datetime]]]:
    """Per topic: who reported a serious difficulty, and when."""
    pairs = topic_questions(survey.definition)
    reporters: dict[str, list[tuple[int, datetime]]] = {topic: [] for _, topic in pairs}
    for response, answers in rows:
        if response.user_id is None or response.completed_at is None:
            continue
        for qid, topic in pairs:
            if answers.get(qid) == "serious":
                reporters[topic].append((response.user_id, response.completed_at))
    return reporters


async def _support(scope: SurveyScope, survey: Survey, rows: StoredRows) -> list[SupportFigure]:
    """Per topic: who reported a serious difficulty in this wave, and of them who has since
    registered for (and attended) an event with that topic. Two queries in all, so the
    report stays quick with thousands of answers."""
    reporters = _serious_reporters(survey, rows)
    people = sorted({uid for found in reporters.values() for uid, _ in found})
    registrations = await scope.registrations_on_topics(people, list(reporters))
    figures = []
    for _, topic in topic_questions(survey.definition):
        registered = attended = 0
        for user_id, completed_at in reporters[topic]:
            after = [
                went
                for created_at, went in registrations.get((user_id, topic), [])
                if created_at >= completed_at
            ]
            if after:
                registered += 1
                attended += any(after)
        figures.append(SupportFigure(topic, len(reporters[topic]), registered, attended))
    return figures


async def raw_answers(
    scope: SurveyScope, actor: Actor, survey_id: int, wave: int | None = None
) -> list[RawAnswerRow]:
    require_staff(actor)
    survey = await get_survey(scope, survey_id)
    schools = await _schools(scope)
    rows = await _rows(scope, survey, wave or survey.wave)
    names: dict[int, str | None] = {}
    if not survey.anonymous:
        ids = [r.user_id for r, _ in rows if r.user_id is not None]
        if ids:
            found = await scope.session.execute(
                select(User.id, User.full_name).where(User.id.in_(ids))
            )
            names = {row.id: row.full_name for row in found}
    result = []
    for response, answers in rows:
        school = schools.get(response.school_id) if response.school_id else None
        person = None
        if not survey.anonymous:
            person = (names.get(response.user_id) if response.user_id else None) or "—"
        result.append(
            RawAnswerRow(
                response_id=response.id,
                person=person,
                school=school.short_name if school else None,
                subjects=tuple(s for s in response.subjects.split(",") if s),
                experience=response.experience,
                completed_at=response.completed_at,
                answers=answers,
            )
        )
    return result
