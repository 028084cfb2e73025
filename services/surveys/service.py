"""Surveys: the one object handlers use, a thin front over the modules of the feature.

- catalog: the staff's list and cards, new surveys from a file or the chat wizard;
- waves: launching (with invitations), opening and closing;
- answering: one question at a time, every answer written as it is given;
- results: the report figures and the raw answers;
- offers: events offered for a serious difficulty;
- audience, install, forget: who is asked, the shipped diagnostics, /forget.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from db.models import Survey
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from services.hooks import PublishedEvent
from services.surveys import answering, catalog, offers, results, waves
from services.surveys.analytics import SurveyReport
from services.surveys.audience import audience_ids
from services.surveys.scope import SurveyScope, no_events, no_materials, no_registrations
from services.surveys.types import (
    EventOffer,
    EventsOnTopics,
    MaterialsOnTopics,
    OpenSurvey,
    QuestionView,
    RawAnswerRow,
    RegistrationsOnTopics,
    Step,
    SurveyCard,
)


class SurveyService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        outbox: OutboxService,
        events_on_topics: EventsOnTopics = no_events,
        materials_on_topics: MaterialsOnTopics = no_materials,
        registrations_on_topics: RegistrationsOnTopics = no_registrations,
    ) -> None:
        self.session = session
        self.scope = SurveyScope(
            session,
            policy,
            clock,
            outbox,
            events_on_topics,
            materials_on_topics,
            registrations_on_topics,
        )

    async def audience_ids(self, survey: Survey) -> list[int]:
        return await audience_ids(self.session, survey)

    # --- staff ---------------------------------------------------------------------------------

    async def list_all(self, actor: Actor) -> list[SurveyCard]:
        return await catalog.list_all(self.scope, actor)

    async def card(self, actor: Actor, survey_id: int) -> SurveyCard:
        return await catalog.card(self.scope, actor, survey_id)

    async def definition(self, actor: Actor, survey_id: int) -> dict[str, Any]:
        return await catalog.definition(self.scope, actor, survey_id)

    async def create_from_file(self, actor: Actor, raw: bytes) -> SurveyCard:
        return await catalog.create_from_file(self.scope, actor, raw)

    async def create_simple(
        self, actor: Actor, title: str, questions: list[dict[str, Any]]
    ) -> SurveyCard:
        return await catalog.create_simple(self.scope, actor, title, questions)

    async def launch(self, actor: Actor, survey_id: int) -> int:
        return await waves.launch(self.scope, actor, survey_id)

    async def set_open(self, actor: Actor, survey_id: int, is_open: bool) -> SurveyCard:
        return await waves.set_open(self.scope, actor, survey_id, is_open)

    async def non_respondents(self, actor: Actor, survey_id: int) -> list[int]:
        return await waves.staff_non_respondents(self.scope, actor, survey_id)

    async def report(self, actor: Actor, survey_id: int, wave: int | None = None) -> SurveyReport:
        return await results.report(self.scope, actor, survey_id, wave)

    async def raw_answers(
        self, actor: Actor, survey_id: int, wave: int | None = None
    ) -> list[RawAnswerRow]:
        return await results.raw_answers(self.scope, actor, survey_id, wave)

    # --- answering -----------------------------------------------------------------------------

    async def available(self, actor: Actor) -> list[OpenSurvey]:
        return await answering.available(self.scope, actor)

    async def start(self, actor: Actor, survey_id: int) -> Step:
        return await answering.start(self.scope, actor, survey_id)

    async def current(self, actor: Actor, survey_id: int) -> QuestionView:
        return await answering.current(self.scope, actor, survey_id)

    async def choose(self, actor: Actor, survey_id: int, index: int, option: int) -> Step:
        return await answering.choose(self.scope, actor, survey_id, index, option)

    async def toggle(self, actor: Actor, survey_id: int, index: int, option: int) -> QuestionView:
        return await answering.toggle(self.scope, actor, survey_id, index, option)

    async def done(self, actor: Actor, survey_id: int, index: int) -> Step:
        return await answering.done(self.scope, actor, survey_id, index)

    async def answer_text(self, actor: Actor, survey_id: int, text: str | None) -> Step:
        return await answering.answer_text(self.scope, actor, survey_id, text)

    async def skip(self, actor: Actor, survey_id: int, index: int) -> Step:
        return await answering.skip(self.scope, actor, survey_id, index)

    async def back(self, actor: Actor, survey_id: int, index: int) -> QuestionView:
        return await answering.back(self.scope, actor, survey_id, index)

    # --- targeted support ----------------------------------------------------------------------

    async def offers_for(self, topics: tuple[Topic, ...]) -> tuple[EventOffer, ...]:
        return await offers.offers_for(self.scope, topics)

    async def my_offers(self, actor: Actor) -> tuple[EventOffer, ...]:
        return await offers.my_offers(self.scope, actor)

    async def offer_published_event(self, published: PublishedEvent) -> int:
        """An `EventPublishedHook`: offers the event to the teachers with that difficulty."""
        return await offers.offer_published_event(self.scope, published)
