"""Launching a survey (a new wave of a repeatable one) with its invitations and reminders,
opening and closing it, and who of the wave has not answered yet."""

from __future__ import annotations

import logging
from datetime import datetime

from db.enums import Priority
from db.models import Survey
from db.tx import write_tx
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import Conflict
from services.surveys.audience import audience_ids, non_respondents, respondent_ids
from services.surveys.catalog import card_of
from services.surveys.format import localized
from services.surveys.scope import SurveyScope, get_survey, require_staff
from services.surveys.types import REF_TYPE, REMINDER_BEFORE, SurveyCard, SurveyStatus

log = logging.getLogger(__name__)
INVITE_KINDS = ["survey_invite", "survey_reminder"]


def _open_button(survey: Survey) -> list[list[Button]]:
    return [[Button("survey-invite-button", "survey_open", {"survey_id": survey.id})]]


def _titles(survey: Survey) -> dict[str, str]:
    """The title in each language: the message is rendered in the reader's language at
    sending, and the English template reads `title_en` (the Russian one when none is given)."""
    return {"title": survey.title, "title_en": localized(survey.definition["title"], "en")}


def _invite(scope: SurveyScope, survey: Survey, user_id: int, starts: datetime) -> None:
    """The invitation of one person, and a reminder before the end when there is time."""
    ref = (REF_TYPE, survey.id)
    wave = survey.wave
    scope.outbox.enqueue(
        user_id=user_id,
        kind="survey_invite",
        template="survey-invite",
        args={
            **_titles(survey),
            "questions": len(survey.definition["questions"]),
        },
        due_at=starts,
        expires_at=survey.closes_at,
        priority=Priority.BULK,
        ref=ref,
        buttons=_open_button(survey),
        dedupe_key=f"survey_invite:{survey.id}:{wave}:{user_id}",
    )
    if survey.closes_at is None or survey.closes_at - REMINDER_BEFORE <= starts:
        return
    scope.outbox.enqueue(
        user_id=user_id,
        kind="survey_reminder",
        template="survey-reminder",
        args={
            **_titles(survey),
            # Shown as typed in the municipality's zone, whatever the reader's.
            "closes": survey.closes_at.astimezone(scope.policy.timezone).strftime(
                "%d.%m.%Y %H:%M"
            ),
        },
        due_at=survey.closes_at - REMINDER_BEFORE,
        expires_at=survey.closes_at,
        priority=Priority.REMINDER,
        ref=ref,
        buttons=_open_button(survey),
        dedupe_key=f"survey_reminder:{survey.id}:{wave}:{user_id}",
    )


async def launch(scope: SurveyScope, actor: Actor, survey_id: int) -> int:
    """Opens the survey and invites everyone in its audience who has not answered this wave.

    Launching a repeatable survey that was launched before starts a new wave. Returns the
    number of invitations.
    """
    require_staff(actor)
    async with write_tx(scope.session):
        survey = await get_survey(scope, survey_id)
        now = scope.clock()
        if survey.closes_at is not None and survey.closes_at <= now:
            raise Conflict("error-survey-closes-passed")
        if survey.launched_at is not None:
            if not survey.allow_repeat:
                raise Conflict("error-survey-already-launched")
            survey.wave += 1
        survey.status = SurveyStatus.OPEN.value
        survey.launched_at = now
        answered = await respondent_ids(scope.session, survey, survey.wave)
        starts = max(now, survey.opens_at) if survey.opens_at else now
        invited = 0
        # The audience's figures count demo people too; only those with a chat are invited.
        for user_id in await scope.outbox.with_chat(await audience_ids(scope.session, survey)):
            if user_id not in answered:
                _invite(scope, survey, user_id, starts)
                invited += 1
    log.info("survey launched survey_id=%s wave=%s invited=%s", survey.id, survey.wave, invited)
    return invited


async def set_open(scope: SurveyScope, actor: Actor, survey_id: int, is_open: bool) -> SurveyCard:
    """Opens without invitations, or closes: answers stop and unsent reminders are dropped."""
    require_staff(actor)
    async with write_tx(scope.session):
        survey = await get_survey(scope, survey_id)
        survey.status = (SurveyStatus.OPEN if is_open else SurveyStatus.CLOSED).value
        if not is_open:
            await scope.outbox.cancel((REF_TYPE, survey.id), kinds=INVITE_KINDS)
    log.info("survey survey_id=%s open=%s", survey.id, is_open)
    return await card_of(scope, survey)


async def staff_non_respondents(scope: SurveyScope, actor: Actor, survey_id: int) -> list[int]:
    """The audience of the current wave who have not completed it (for announcements)."""
    require_staff(actor)
    return await non_respondents(scope.session, await get_survey(scope, survey_id))
