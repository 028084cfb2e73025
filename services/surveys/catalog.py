"""The staff's list of surveys and their cards, and new surveys: from a file or from the
chat wizard (always as drafts)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, or_, select

from db.models import School, Survey, SurveyResponse
from db.tx import write_tx
from services.context import Actor
from services.errors import InvalidInput
from services.surveys.audience import audience_ids
from services.surveys.format import (
    OPTION_MAX,
    QUESTION_MAX,
    TITLE_MAX,
    Issue,
    ParsedSurvey,
    SurveyFormatError,
    localized,
    parse_survey,
    simple_definition,
)
from services.surveys.scope import SurveyScope, get_survey, require_staff
from services.surveys.types import WIZARD_MAX_QUESTIONS, QuestionType, SurveyCard, SurveyStatus

log = logging.getLogger(__name__)


def survey_from(parsed: ParsedSurvey, created_by: int | None) -> Survey:
    return Survey(
        title=localized(parsed.definition["title"], "ru"),
        definition=parsed.definition,
        anonymous=parsed.anonymous,
        allow_repeat=parsed.allow_repeat,
        status=SurveyStatus.DRAFT.value,
        wave=1,
        opens_at=parsed.opens_at,
        closes_at=parsed.closes_at,
        created_by=created_by,
    )


async def _count_completed(scope: SurveyScope, survey_id: int, wave: int) -> int:
    result = await scope.session.execute(
        select(func.count(SurveyResponse.id)).where(
            SurveyResponse.survey_id == survey_id,
            SurveyResponse.wave == wave,
            SurveyResponse.completed_at.is_not(None),
        )
    )
    return int(result.scalar_one())


async def card_of(scope: SurveyScope, survey: Survey) -> SurveyCard:
    return SurveyCard(
        survey_id=survey.id,
        title=survey.title,
        status=SurveyStatus(survey.status),
        anonymous=survey.anonymous,
        allow_repeat=survey.allow_repeat,
        wave=survey.wave,
        questions=len(survey.definition["questions"]),
        respondents=await _count_completed(scope, survey.id, survey.wave),
        audience=len(await audience_ids(scope.session, survey)),
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        launched=survey.launched_at is not None,
    )


async def list_all(scope: SurveyScope, actor: Actor) -> list[SurveyCard]:
    require_staff(actor)
    surveys = (await scope.session.execute(select(Survey).order_by(Survey.id.desc()))).scalars()
    return [await card_of(scope, survey) for survey in surveys]


async def card(scope: SurveyScope, actor: Actor, survey_id: int) -> SurveyCard:
    require_staff(actor)
    return await card_of(scope, await get_survey(scope, survey_id))


async def definition(scope: SurveyScope, actor: Actor, survey_id: int) -> dict[str, Any]:
    require_staff(actor)
    return (await get_survey(scope, survey_id)).definition


async def _school_ids(scope: SurveyScope, parsed: ParsedSurvey) -> list[int]:
    """The schools the file names, or every unknown name as an issue of its line."""
    school_ids = []
    issues = []
    for name, line in parsed.school_names:
        school_id = (
            await scope.session.execute(
                select(School.id).where(or_(School.short_name == name, School.name == name))
            )
        ).scalar_one_or_none()
        if school_id is None:
            issues.append(Issue(line, "error-survey-unknown-school", {"value": name}))
        else:
            school_ids.append(school_id)
    if issues:
        raise SurveyFormatError(issues)
    return school_ids


async def create_from_file(scope: SurveyScope, actor: Actor, raw: bytes) -> SurveyCard:
    require_staff(actor)
    parsed = parse_survey(raw, scope.policy.timezone)
    async with write_tx(scope.session):
        school_ids = await _school_ids(scope, parsed)
        if school_ids:
            parsed.definition["audience"]["school_ids"] = school_ids
        survey = survey_from(parsed, actor.user_id)
        scope.session.add(survey)
    log.info("survey created survey_id=%s by user_id=%s", survey.id, actor.user_id)
    return await card_of(scope, survey)


async def create_simple(
    scope: SurveyScope, actor: Actor, title: str, questions: list[dict[str, Any]]
) -> SurveyCard:
    """A survey from the chat wizard; the questions come from `wizard_question`."""
    require_staff(actor)
    title = " ".join(title.split())
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput("error-survey-wizard-title", max=TITLE_MAX)
    if not questions:
        raise InvalidInput("error-survey-no-questions")
    if len(questions) > WIZARD_MAX_QUESTIONS:
        raise InvalidInput("error-survey-wizard-too-many", max=WIZARD_MAX_QUESTIONS)
    async with write_tx(scope.session):
        survey = Survey(
            title=title,
            definition=simple_definition(title, questions),
            status=SurveyStatus.DRAFT.value,
            wave=1,
            created_by=actor.user_id,
        )
        scope.session.add(survey)
    log.info("survey created by wizard survey_id=%s user_id=%s", survey.id, actor.user_id)
    return await card_of(scope, survey)


def wizard_question(
    number: int, qtype: QuestionType, text: str, options_text: str | None
) -> dict[str, Any]:
    """Validates one question typed in the chat wizard; options come one per line."""
    text = " ".join(text.split())
    if not text or len(text) > QUESTION_MAX:
        raise InvalidInput("error-survey-wizard-question", max=QUESTION_MAX)
    question: dict[str, Any] = {
        "id": f"q{number}",
        "type": qtype.value,
        "text": {"ru": text},
        "optional": False,
    }
    if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
        lines = [" ".join(line.split()) for line in (options_text or "").splitlines()]
        lines = [line for line in lines if line]
        if not 2 <= len(lines) <= 10:
            raise InvalidInput("error-survey-wizard-options", low=2, high=10)
        if any(len(line) > OPTION_MAX for line in lines):
            raise InvalidInput("error-survey-wizard-option-long", max=OPTION_MAX)
        question["options"] = [
            {"id": f"o{i}", "text": {"ru": line}} for i, line in enumerate(lines, start=1)
        ]
    if qtype == QuestionType.TEXT:
        question["max_length"] = 500
    return question
