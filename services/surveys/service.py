"""Surveys: creating, launching and closing them (staff), answering them (teachers), and the
figures behind the staff report and the targeted support offers.

Every answer is written as it is given, so a person resumes where they stopped after any
interruption. Anonymous surveys keep the person-to-response link (a random token) only
while the questionnaire is unfinished; completing it erases the link.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.enums import Priority, Role, Topic
from db.models import (
    Event,
    OutboxMessage,
    Registration,
    School,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    User,
    UserRole,
    UserSubject,
)
from db.tx import begin_write
from services.broadcasts.service import AudienceSource, register_audience_source
from services.context import Actor, Clock, Policy, system_clock
from services.delivery.outbox import Button, OutboxService
from services.errors import AccessDenied, Conflict, InvalidInput, NeedsOnboarding, NotFound
from services.i18n import L
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

log = logging.getLogger(__name__)

DEFAULT_SURVEY_FILE = Path(__file__).parent / "data" / "diagnostics.yaml"
DEFAULT_SURVEY_CODE = "difficulty-diagnostics"
REMINDER_BEFORE = timedelta(hours=48)
OFFER_LIMIT = 5
WIZARD_MAX_QUESTIONS = 20
REF_TYPE = "survey"


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class SurveyCard:
    survey_id: int
    title: str
    status: SurveyStatus
    anonymous: bool
    allow_repeat: bool
    wave: int
    questions: int
    respondents: int
    audience: int
    opens_at: datetime | None
    closes_at: datetime | None
    launched: bool


@dataclass(frozen=True, slots=True)
class OpenSurvey:
    survey_id: int
    title: str
    questions: int
    answered: int  # how far the person got; 0 when not started
    closes_at: datetime | None


@dataclass(frozen=True, slots=True)
class QuestionView:
    survey_id: int
    title: str
    intro: str | None
    index: int
    total: int
    type: QuestionType
    text: str
    options: tuple[str, ...]
    chosen: tuple[int, ...]  # option indexes (or the scale value) already given
    given_text: str | None
    optional: bool
    max_length: int
    max_choices: int | None


@dataclass(frozen=True, slots=True)
class EventOffer:
    event_id: int
    title: str
    topic: Topic
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class Finished:
    survey_id: int
    title: str
    serious_topics: tuple[Topic, ...]
    offers: tuple[EventOffer, ...]


@dataclass(frozen=True, slots=True)
class RawAnswerRow:
    response_id: int
    person: str | None  # None for anonymous surveys
    school: str | None
    subjects: tuple[str, ...]
    experience: str | None
    completed_at: datetime | None
    answers: dict[str, Any]


Step = QuestionView | Finished


def _question_text(question: dict[str, Any], locale: str) -> str:
    return localized(question["text"], locale)


def _school_categories(school: School | None) -> tuple[str, ...]:
    if school is None:
        return ()
    categories = []
    if school.low_results:
        categories.append(CATEGORY_LOW)
    if school.unfavourable_conditions:
        categories.append(CATEGORY_UNFAVOURABLE)
    return tuple(categories) or (CATEGORY_OTHER,)


async def install_default_survey(session: AsyncSession, policy: Policy, clock: Clock) -> int:
    """Adds the shipped diagnostics survey as a draft unless it is there; returns its id."""
    existing = (
        await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    parsed = parse_survey(DEFAULT_SURVEY_FILE.read_bytes(), policy.timezone)
    survey = _survey_from(parsed, None)
    survey.code = DEFAULT_SURVEY_CODE
    survey.created_at = clock()
    session.add(survey)
    await session.flush()
    return survey.id


def _survey_from(parsed: ParsedSurvey, created_by: int | None) -> Survey:
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


async def difficulty_subscribers(session: AsyncSession, topic: Topic | str) -> list[int]:
    """User ids of the people whose latest named answer on `topic` was "serious difficulty".

    Called by the events capability when an event with that topic is published, so these
    teachers are offered it. Anonymous surveys cannot contribute: nobody is linked to them.
    """
    topic = str(topic)
    surveys = (
        await session.execute(
            select(Survey.id, Survey.definition).where(Survey.anonymous.is_(False))
        )
    ).all()
    per_survey = {
        sid: [qid for qid, q_topic in topic_questions(definition) if q_topic == topic]
        for sid, definition in surveys
    }
    per_survey = {sid: qids for sid, qids in per_survey.items() if qids}
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


class SurveyService:
    def __init__(
        self, session: AsyncSession, policy: Policy, clock: Clock, outbox: OutboxService
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.outbox = outbox

    # --- shared helpers -----------------------------------------------------------------------

    async def _survey(self, survey_id: int) -> Survey:
        survey = await self.session.get(Survey, survey_id)
        if survey is None:
            raise NotFound()
        return survey

    def _require_staff(self, actor: Actor) -> None:
        if not actor.is_staff:
            raise AccessDenied()

    def _audience_query(self, survey: Survey) -> Any:
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
            conditions: list[ColumnElement[bool]] = []
            if CATEGORY_LOW in categories:
                conditions.append(School.low_results.is_(True))
            if CATEGORY_UNFAVOURABLE in categories:
                conditions.append(School.unfavourable_conditions.is_(True))
            if CATEGORY_OTHER in categories:
                conditions.append(
                    and_(School.low_results.is_(False), School.unfavourable_conditions.is_(False))
                )
            stmt = stmt.join(School, School.id == User.school_id).where(or_(*conditions))
        return stmt

    async def audience_ids(self, survey: Survey) -> list[int]:
        return list((await self.session.execute(self._audience_query(survey))).scalars())

    async def _in_audience(self, survey: Survey, user_id: int) -> bool:
        stmt = self._audience_query(survey).where(User.id == user_id)
        return (await self.session.execute(stmt)).first() is not None

    async def _respondent_ids(self, survey: Survey, wave: int) -> set[int]:
        rows = await self.session.execute(
            select(SurveyParticipation.user_id).where(
                SurveyParticipation.survey_id == survey.id,
                SurveyParticipation.wave == wave,
                SurveyParticipation.completed_at.is_not(None),
            )
        )
        return set(rows.scalars())

    async def _count_completed(self, survey_id: int, wave: int) -> int:
        result = await self.session.execute(
            select(func.count(SurveyResponse.id)).where(
                SurveyResponse.survey_id == survey_id,
                SurveyResponse.wave == wave,
                SurveyResponse.completed_at.is_not(None),
            )
        )
        return int(result.scalar_one())

    async def _card(self, survey: Survey) -> SurveyCard:
        return SurveyCard(
            survey_id=survey.id,
            title=survey.title,
            status=SurveyStatus(survey.status),
            anonymous=survey.anonymous,
            allow_repeat=survey.allow_repeat,
            wave=survey.wave,
            questions=len(survey.definition["questions"]),
            respondents=await self._count_completed(survey.id, survey.wave),
            audience=len(await self.audience_ids(survey)),
            opens_at=survey.opens_at,
            closes_at=survey.closes_at,
            launched=survey.launched_at is not None,
        )

    def _accepting(self, survey: Survey) -> bool:
        now = self.clock()
        return (
            survey.status == SurveyStatus.OPEN
            and (survey.opens_at is None or survey.opens_at <= now)
            and (survey.closes_at is None or now < survey.closes_at)
        )

    # --- staff ---------------------------------------------------------------------------------

    async def list_all(self, actor: Actor) -> list[SurveyCard]:
        self._require_staff(actor)
        surveys = (await self.session.execute(select(Survey).order_by(Survey.id.desc()))).scalars()
        return [await self._card(survey) for survey in surveys]

    async def card(self, actor: Actor, survey_id: int) -> SurveyCard:
        self._require_staff(actor)
        return await self._card(await self._survey(survey_id))

    async def create_from_file(self, actor: Actor, raw: bytes) -> SurveyCard:
        self._require_staff(actor)
        parsed = parse_survey(raw, self.policy.timezone)
        school_ids = []
        issues = []
        for name, line in parsed.school_names:
            school_id = (
                await self.session.execute(
                    select(School.id).where(or_(School.short_name == name, School.name == name))
                )
            ).scalar_one_or_none()
            if school_id is None:
                issues.append(Issue(line, "error-survey-unknown-school", {"value": name}))
            else:
                school_ids.append(school_id)
        if issues:
            raise SurveyFormatError(issues)
        if school_ids:
            parsed.definition["audience"]["school_ids"] = school_ids
        survey = _survey_from(parsed, actor.user_id)
        self.session.add(survey)
        await self.session.commit()
        log.info("survey created survey_id=%s by user_id=%s", survey.id, actor.user_id)
        return await self._card(survey)

    async def create_simple(
        self, actor: Actor, title: str, questions: list[dict[str, Any]]
    ) -> SurveyCard:
        """A survey from the chat wizard; the questions come from `wizard_question`."""
        self._require_staff(actor)
        title = " ".join(title.split())
        if not title or len(title) > TITLE_MAX:
            raise InvalidInput("error-survey-wizard-title", max=TITLE_MAX)
        if not questions:
            raise InvalidInput("error-survey-no-questions")
        if len(questions) > WIZARD_MAX_QUESTIONS:
            raise InvalidInput("error-survey-wizard-too-many", max=WIZARD_MAX_QUESTIONS)
        survey = Survey(
            title=title,
            definition=simple_definition(title, questions),
            status=SurveyStatus.DRAFT.value,
            wave=1,
            created_by=actor.user_id,
        )
        self.session.add(survey)
        await self.session.commit()
        log.info("survey created by wizard survey_id=%s user_id=%s", survey.id, actor.user_id)
        return await self._card(survey)

    async def launch(self, actor: Actor, survey_id: int) -> int:
        """Opens the survey and invites everyone in its audience who has not answered this wave.

        Launching a repeatable survey that was launched before starts a new wave. Returns the
        number of invitations.
        """
        self._require_staff(actor)
        survey = await self._survey(survey_id)
        now = self.clock()
        if survey.closes_at is not None and survey.closes_at <= now:
            raise Conflict("error-survey-closes-passed")
        if survey.launched_at is not None:
            if not survey.allow_repeat:
                raise Conflict("error-survey-already-launched")
            survey.wave += 1
        survey.status = SurveyStatus.OPEN.value
        survey.launched_at = now
        wave = survey.wave
        answered = await self._respondent_ids(survey, wave)
        invited = 0
        ref = (REF_TYPE, survey.id)
        starts = max(now, survey.opens_at) if survey.opens_at else now
        for user_id in await self.audience_ids(survey):
            if user_id in answered:
                continue
            self.outbox.enqueue(
                user_id=user_id,
                kind="survey_invite",
                template="survey-invite",
                args={"title": survey.title, "questions": len(survey.definition["questions"])},
                due_at=starts,
                expires_at=survey.closes_at,
                priority=Priority.BULK,
                ref=ref,
                buttons=[
                    [Button("survey-invite-button", "survey_open", {"survey_id": survey.id})]
                ],
                dedupe_key=f"survey_invite:{survey.id}:{wave}:{user_id}",
            )
            if survey.closes_at is not None and survey.closes_at - REMINDER_BEFORE > starts:
                self.outbox.enqueue(
                    user_id=user_id,
                    kind="survey_reminder",
                    template="survey-reminder",
                    args={
                        "title": survey.title,
                        # Shown as typed in the municipality's zone, whatever the reader's.
                        "closes": survey.closes_at.astimezone(self.policy.timezone).strftime(
                            "%d.%m.%Y %H:%M"
                        ),
                    },
                    due_at=survey.closes_at - REMINDER_BEFORE,
                    expires_at=survey.closes_at,
                    priority=Priority.REMINDER,
                    ref=ref,
                    buttons=[
                        [Button("survey-invite-button", "survey_open", {"survey_id": survey.id})]
                    ],
                    dedupe_key=f"survey_reminder:{survey.id}:{wave}:{user_id}",
                )
            invited += 1
        await self.session.commit()
        log.info("survey launched survey_id=%s wave=%s invited=%s", survey.id, wave, invited)
        return invited

    async def set_open(self, actor: Actor, survey_id: int, is_open: bool) -> SurveyCard:
        """Opens without invitations, or closes: answers stop and unsent reminders are dropped."""
        self._require_staff(actor)
        survey = await self._survey(survey_id)
        survey.status = (SurveyStatus.OPEN if is_open else SurveyStatus.CLOSED).value
        if not is_open:
            await self.outbox.cancel(
                (REF_TYPE, survey.id), kinds=["survey_invite", "survey_reminder"]
            )
        await self.session.commit()
        log.info("survey survey_id=%s open=%s", survey.id, is_open)
        return await self._card(survey)

    async def non_respondents(self, actor: Actor, survey_id: int) -> list[int]:
        """The audience of the current wave who have not completed it (for announcements)."""
        self._require_staff(actor)
        return await self._non_respondents(await self._survey(survey_id))

    async def _non_respondents(self, survey: Survey) -> list[int]:
        answered = await self._respondent_ids(survey, survey.wave)
        return [uid for uid in await self.audience_ids(survey) if uid not in answered]

    async def _rows(
        self, survey: Survey, wave: int
    ) -> list[tuple[SurveyResponse, dict[str, Any]]]:
        responses = list(
            (
                await self.session.execute(
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
            found = await self.session.execute(
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

    async def _schools(self) -> dict[int, School]:
        return {s.id: s for s in (await self.session.execute(select(School))).scalars()}

    def _analysis_rows(
        self, rows: list[tuple[SurveyResponse, dict[str, Any]]], schools: dict[int, School]
    ) -> list[ResponseRow]:
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

    async def report(self, actor: Actor, survey_id: int, wave: int | None = None) -> SurveyReport:
        self._require_staff(actor)
        survey = await self._survey(survey_id)
        wave = wave or survey.wave
        schools = await self._schools()
        stored = await self._rows(survey, wave)
        rows = self._analysis_rows(stored, schools)
        previous = (
            self._analysis_rows(await self._rows(survey, wave - 1), schools) if wave > 1 else []
        )
        audience = len(await self.audience_ids(survey))
        report = build_report(survey.id, wave, survey.definition, audience, rows, previous)
        if report.profile and not survey.anonymous:
            report.support = await self._support(survey, stored)
        return report

    async def _support(
        self, survey: Survey, rows: list[tuple[SurveyResponse, dict[str, Any]]]
    ) -> list[SupportFigure]:
        """Per topic: who reported a serious difficulty in this wave, and of them who has since
        registered for (and attended) an event with that topic. Two queries in all, so the
        report stays quick with thousands of answers."""
        pairs = topic_questions(survey.definition)
        reporters: dict[str, list[tuple[int, datetime]]] = {topic: [] for _, topic in pairs}
        for response, answers in rows:
            if response.user_id is None or response.completed_at is None:
                continue
            for qid, topic in pairs:
                if answers.get(qid) == "serious":
                    reporters[topic].append((response.user_id, response.completed_at))
        people = sorted({uid for found in reporters.values() for uid, _ in found})
        registrations: dict[tuple[int, str], list[tuple[datetime, bool]]] = {}
        if people:
            found_regs = await self.session.execute(
                select(
                    Registration.user_id,
                    Event.topic,
                    Registration.created_at,
                    Registration.attended_at,
                )
                .join(Event, Event.id == Registration.event_id)
                .where(
                    Registration.user_id.in_(people),
                    Registration.status != "cancelled",
                    Event.topic.in_(list(reporters)),
                )
            )
            for reg in found_regs:
                registrations.setdefault((reg.user_id, reg.topic), []).append(
                    (reg.created_at, reg.attended_at is not None)
                )
        figures = []
        for _, topic in pairs:
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
        self, actor: Actor, survey_id: int, wave: int | None = None
    ) -> list[RawAnswerRow]:
        self._require_staff(actor)
        survey = await self._survey(survey_id)
        schools = await self._schools()
        rows = await self._rows(survey, wave or survey.wave)
        names: dict[int, str | None] = {}
        if not survey.anonymous:
            ids = [r.user_id for r, _ in rows if r.user_id is not None]
            if ids:
                found = await self.session.execute(
                    select(User.id, User.full_name).where(User.id.in_(ids))
                )
                names = {row.id: row.full_name for row in found}
        result = []
        for response, answers in rows:
            school = schools.get(response.school_id) if response.school_id else None
            result.append(
                RawAnswerRow(
                    response_id=response.id,
                    person=None
                    if survey.anonymous
                    else (names.get(response.user_id) if response.user_id else None) or "—",
                    school=school.short_name if school else None,
                    subjects=tuple(s for s in response.subjects.split(",") if s),
                    experience=response.experience,
                    completed_at=response.completed_at,
                    answers=answers,
                )
            )
        return result

    async def definition(self, actor: Actor, survey_id: int) -> dict[str, Any]:
        self._require_staff(actor)
        return (await self._survey(survey_id)).definition

    # --- answering -----------------------------------------------------------------------------

    async def available(self, actor: Actor) -> list[OpenSurvey]:
        if actor.user_id is None:
            raise NeedsOnboarding()
        surveys = (
            await self.session.execute(
                select(Survey).where(Survey.status == SurveyStatus.OPEN.value).order_by(Survey.id)
            )
        ).scalars()
        result = []
        for survey in surveys:
            if not self._accepting(survey) or not await self._in_audience(survey, actor.user_id):
                continue
            participation = await self._participation(survey, actor.user_id)
            if participation is not None and participation.completed_at is not None:
                continue
            if participation is None and await self._answered_before(survey, actor.user_id):
                continue
            answered = 0
            if participation is not None and participation.token:
                response = await self._response_by_token(participation.token)
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

    async def _participation(self, survey: Survey, user_id: int) -> SurveyParticipation | None:
        result = await self.session.execute(
            _participation_stmt(),
            {"survey_id": survey.id, "user_id": user_id, "wave": survey.wave},
        )
        return result.scalar_one_or_none()

    async def _answered_before(self, survey: Survey, user_id: int) -> bool:
        if survey.allow_repeat:
            return False
        result = await self.session.execute(
            _answered_before_stmt(), {"survey_id": survey.id, "user_id": user_id}
        )
        return result.first() is not None

    async def _response_by_token(self, token: str) -> SurveyResponse | None:
        result = await self.session.execute(_response_by_token_stmt(), {"token": token})
        return result.scalar_one_or_none()

    async def _open_response(
        self, actor: Actor, survey_id: int, create: bool = False, *, write: bool = True
    ) -> tuple[Survey, SurveyResponse]:
        """The person's unfinished response, re-checking every rule on every press."""
        if actor.user_id is None:
            raise NeedsOnboarding()
        if write:
            # Every press writes after these reads. On SQLite a read transaction that then
            # writes fails at once ("database is locked") if another connection wrote since
            # it began, which concurrent traffic makes common; the write lock comes first.
            await begin_write(self.session)
        survey = await self._survey(survey_id)
        if not self._accepting(survey):
            raise Conflict("error-survey-not-open")
        if not await self._in_audience(survey, actor.user_id):
            raise AccessDenied("error-survey-not-for-you")
        participation = await self._participation(survey, actor.user_id)
        if participation is not None and participation.completed_at is not None:
            raise Conflict("error-survey-already-answered")
        if participation is None and await self._answered_before(survey, actor.user_id):
            raise Conflict("error-survey-already-answered")
        if participation is not None and participation.token:
            response = await self._response_by_token(participation.token)
            if response is not None:
                return survey, response
        if not create:
            raise Conflict("error-survey-not-started")
        token = str(uuid.uuid4())
        user = await self.session.get(User, actor.user_id)
        if user is None:
            raise AccessDenied()
        if participation is None:
            participation = SurveyParticipation(
                survey_id=survey.id, user_id=actor.user_id, wave=survey.wave
            )
            self.session.add(participation)
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
        self.session.add(response)
        await self.session.commit()
        log.info("survey started survey_id=%s wave=%s", survey.id, survey.wave)
        return survey, response

    async def _answers(self, response: SurveyResponse) -> dict[str, SurveyAnswer]:
        rows = await self.session.execute(_answers_stmt(), {"response_id": response.id})
        return {a.question: a for a in rows.scalars()}

    async def _view(self, actor: Actor, survey: Survey, response: SurveyResponse) -> QuestionView:
        questions = survey.definition["questions"]
        index = min(response.position, len(questions) - 1)
        question = questions[index]
        answer = (await self._answers(response)).get(question["id"])
        value = answer.value if answer is not None else None
        qtype = QuestionType(question["type"])
        options: tuple[str, ...] = ()
        chosen: tuple[int, ...] = ()
        if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
            ids = [o["id"] for o in question["options"]]
            options = tuple(localized(o["text"], actor.locale) for o in question["options"])
            picked = value if isinstance(value, list) else ([value] if value else [])
            chosen = tuple(ids.index(v) for v in picked if v in ids)
        elif qtype == QuestionType.SCALE and isinstance(value, int):
            chosen = (value,)
        intro = survey.definition.get("intro")
        return QuestionView(
            survey_id=survey.id,
            title=localized(survey.definition["title"], actor.locale),
            intro=localized(intro, actor.locale) if intro else None,
            index=index,
            total=len(questions),
            type=qtype,
            text=_question_text(question, actor.locale),
            options=options,
            chosen=chosen,
            given_text=value if qtype == QuestionType.TEXT and isinstance(value, str) else None,
            optional=bool(question.get("optional")),
            max_length=int(question.get("max_length") or 0),
            max_choices=question.get("max_choices"),
        )

    async def start(self, actor: Actor, survey_id: int) -> Step:
        survey, response = await self._open_response(actor, survey_id, create=True)
        return await self._view(actor, survey, response)

    async def current(self, actor: Actor, survey_id: int) -> QuestionView:
        survey, response = await self._open_response(actor, survey_id, write=False)
        return await self._view(actor, survey, response)

    def _question_at(self, survey: Survey, response: SurveyResponse, index: int) -> dict[str, Any]:
        # A press on an earlier screen (an old message) must not overwrite another question.
        if index != response.position:
            raise Conflict("error-survey-stale-question")
        return dict(survey.definition["questions"][index])

    async def _store(self, response: SurveyResponse, qid: str, value: Any) -> None:
        answer = (await self._answers(response)).get(qid)
        if answer is None:
            self.session.add(SurveyAnswer(response_id=response.id, question=qid, value=value))
        else:
            answer.value = value

    async def _advance(self, actor: Actor, survey: Survey, response: SurveyResponse) -> Step:
        response.position += 1
        if response.position < len(survey.definition["questions"]):
            await self.session.commit()
            return await self._view(actor, survey, response)
        return await self._finish(actor, survey, response)

    async def choose(self, actor: Actor, survey_id: int, index: int, option: int) -> Step:
        """A single-choice option or a scale value."""
        survey, response = await self._open_response(actor, survey_id)
        question = self._question_at(survey, response, index)
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
        await self._store(response, question["id"], value)
        return await self._advance(actor, survey, response)

    async def toggle(self, actor: Actor, survey_id: int, index: int, option: int) -> QuestionView:
        survey, response = await self._open_response(actor, survey_id)
        question = self._question_at(survey, response, index)
        if question["type"] != QuestionType.MULTI or not 0 <= option < len(question["options"]):
            raise Conflict("error-survey-stale-question")
        ids = [o["id"] for o in question["options"]]
        answer = (await self._answers(response)).get(question["id"])
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
        await self._store(response, question["id"], [i for i in ids if i in chosen])
        await self.session.commit()
        return await self._view(actor, survey, response)

    async def done(self, actor: Actor, survey_id: int, index: int) -> Step:
        """Confirms a multiple choice (at least one option unless the question is optional)."""
        survey, response = await self._open_response(actor, survey_id)
        question = self._question_at(survey, response, index)
        if question["type"] != QuestionType.MULTI:
            raise Conflict("error-survey-stale-question")
        answer = (await self._answers(response)).get(question["id"])
        if not question.get("optional") and (answer is None or not answer.value):
            raise InvalidInput("error-survey-choose-one")
        return await self._advance(actor, survey, response)

    async def answer_text(self, actor: Actor, survey_id: int, text: str | None) -> Step:
        survey, response = await self._open_response(actor, survey_id)
        question = survey.definition["questions"][response.position]
        if question["type"] != QuestionType.TEXT:
            raise InvalidInput("error-survey-use-buttons")
        cleaned = (text or "").strip()
        if not cleaned:
            raise InvalidInput("error-survey-text-empty-answer")
        limit = int(question.get("max_length") or 0)
        if limit and len(cleaned) > limit:
            raise InvalidInput("error-survey-answer-too-long", max=limit, length=len(cleaned))
        await self._store(response, question["id"], cleaned)
        return await self._advance(actor, survey, response)

    async def skip(self, actor: Actor, survey_id: int, index: int) -> Step:
        survey, response = await self._open_response(actor, survey_id)
        question = self._question_at(survey, response, index)
        if not question.get("optional"):
            raise InvalidInput("error-survey-not-optional")
        answer = (await self._answers(response)).get(question["id"])
        if answer is not None:
            await self.session.delete(answer)
        return await self._advance(actor, survey, response)

    async def back(self, actor: Actor, survey_id: int, index: int) -> QuestionView:
        survey, response = await self._open_response(actor, survey_id)
        self._question_at(survey, response, index)
        response.position = max(0, response.position - 1)
        await self.session.commit()
        return await self._view(actor, survey, response)

    async def _finish(self, actor: Actor, survey: Survey, response: SurveyResponse) -> Finished:
        assert actor.user_id is not None
        now = self.clock()
        participation = await self._participation(survey, actor.user_id)
        assert participation is not None
        user = await self.session.get(User, actor.user_id)
        if user is not None:
            # The profile may have changed since the first answer; the report uses the latest.
            response.school_id = user.school_id
            response.subjects = ",".join(s.subject for s in user.subjects)
            response.experience = user.experience
        response.completed_at = now
        response.token = None
        participation.token = None
        participation.completed_at = now
        await self.outbox.cancel(
            (REF_TYPE, survey.id),
            user_id=actor.user_id,
            kinds=["survey_invite", "survey_reminder"],
        )
        answers = await self._answers(response)
        serious = tuple(
            Topic(topic)
            for qid, topic in topic_questions(survey.definition)
            if qid in answers and answers[qid].value == "serious"
        )
        await self.session.commit()
        log.info("survey completed survey_id=%s wave=%s", survey.id, survey.wave)
        offers = await self.offers_for(serious)
        return Finished(
            survey.id, localized(survey.definition["title"], actor.locale), serious, offers
        )

    async def offers_for(self, topics: tuple[Topic, ...]) -> tuple[EventOffer, ...]:
        """Upcoming published events on the given topics, soonest first."""
        if not topics:
            return ()
        rows = (
            await self.session.execute(
                select(Event.id, Event.title, Event.topic, Event.starts_at)
                .where(
                    Event.status == "published",
                    Event.starts_at > self.clock(),
                    Event.topic.in_([str(t) for t in topics]),
                )
                .order_by(Event.starts_at)
                .limit(OFFER_LIMIT)
            )
        ).all()
        return tuple(EventOffer(r.id, r.title, Topic(r.topic), r.starts_at) for r in rows)

    async def my_offers(self, actor: Actor) -> tuple[EventOffer, ...]:
        """Offers for the topics the person last reported as a serious difficulty."""
        if actor.user_id is None:
            raise NeedsOnboarding()
        topics = [
            topic
            for topic in Topic
            if actor.user_id in await difficulty_subscribers(self.session, topic)
        ]
        return await self.offers_for(tuple(topics))


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


# --- the broadcasts' audience "survey non-respondents" ----------------------------------------


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
    # The audience rules read neither the policy nor the clock nor the outbox.
    service = SurveyService(session, Policy(), system_clock, OutboxService(session, system_clock))
    return set(await service._non_respondents(survey))


register_audience_source(
    AudienceSource(
        name="survey_non_respondents",
        label_key=L("broadcast-source-survey"),
        options=_launched_surveys,
        resolve=_non_respondent_ids,
    )
)


async def offer_event_to_subscribers(
    session: AsyncSession, outbox: OutboxService, policy: Policy, clock: Clock, event_id: int
) -> int:
    """Targeted support on publication: tells every teacher whose latest named answer on the
    event's topic was "serious" about the event. For the events capability to call when it
    publishes; the caller commits. Safe to call twice (dedupe keys). Returns how many."""
    event = await session.get(Event, event_id)
    if event is None or event.status != "published" or event.starts_at <= clock():
        return 0
    try:
        topic = Topic(event.topic)
    except ValueError:
        return 0
    offered = 0
    for user_id in await difficulty_subscribers(session, topic):
        key = f"survey_offer:{event.id}:{user_id}"
        exists_already = await session.execute(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)
        )
        if exists_already.first() is not None:
            continue
        outbox.enqueue(
            user_id=user_id,
            kind="survey_offer",
            template="survey-support-offer",
            args={
                "title": event.title,
                "topic": topic.value,
                "starts_at": f"{event.starts_at.astimezone(policy.timezone):%d.%m.%Y %H:%M}",
            },
            priority=Priority.NOTICE,
            ref=("event", event.id),
            buttons=[[Button("survey-support-open", "event_open", {"event": event.id})]],
            expires_at=event.starts_at,
            dedupe_key=key,
        )
        offered += 1
    log.info("support offers event_id=%s topic=%s offered=%s", event.id, topic.value, offered)
    return offered
