"""One object per update that hands each handler the services it needs, bound to one session."""

from __future__ import annotations

from functools import cached_property, partial

from sqlalchemy.ext.asyncio import AsyncSession

from services.audiences import AudienceSource
from services.broadcasts.forget import forget_broadcasts
from services.broadcasts.service import BroadcastService
from services.consultations.forget import forget_consultations
from services.consultations.service import ConsultationService
from services.context import Clock, Policy, system_clock
from services.delivery.outbox import OutboxService
from services.enums import Topic
from services.events.forget import forget_event_feedback, forget_event_registrations
from services.events.on_topics import (
    event_people,
    events_for_posts,
    registrations_on_topics,
    upcoming_matching,
    upcoming_on_topics,
)
from services.events.service import EventService
from services.library.forget import forget_materials
from services.library.scope import EventPeople, PostedEvent, PublicEvent
from services.library.service import LibraryService
from services.mentoring.forget import forget_mentoring
from services.mentoring.service import MentoringService
from services.people.schools import SchoolService
from services.people.users import ForgetHook, UserService
from services.reports.service import ReportService
from services.surveys.audience import non_respondents_source
from services.surveys.forget import forget_survey_answers
from services.surveys.public import latest_levels
from services.surveys.service import SurveyService
from services.surveys.types import MaterialOffer


def forget_hooks(
    policy: Policy | None = None, clock: Clock = system_clock
) -> tuple[ForgetHook, ...]:
    """What each feature erases when a person withdraws consent (/forget), in one place."""
    return (
        forget_survey_answers,
        forget_consultations,
        forget_broadcasts,
        forget_event_feedback,
        partial(forget_mentoring, clock=clock),
        forget_materials,
        # Seats of events still to come go to the waiting list, as a cancellation does.
        partial(forget_event_registrations, policy or Policy(), clock),
    )


def audience_sources() -> tuple[AudienceSource, ...]:
    """The audiences other features offer to broadcasts, in one place."""
    return (non_respondents_source(),)


async def run_forget_hooks(
    session: AsyncSession, user_id: int, policy: Policy | None = None, clock: Clock = system_clock
) -> None:
    for erase in forget_hooks(policy, clock):
        await erase(session, user_id)


class Services:
    def __init__(self, session: AsyncSession, policy: Policy, clock: Clock = system_clock) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock

    @cached_property
    def broadcasts(self) -> BroadcastService:
        return BroadcastService(self.session, self.policy, self.clock, audience_sources())

    @cached_property
    def users(self) -> UserService:
        return UserService(
            self.session, self.policy, self.clock, forget_hooks(self.policy, self.clock)
        )

    @cached_property
    def consultations(self) -> ConsultationService:
        return ConsultationService(self.session, self.policy, self.clock, self.outbox)

    @cached_property
    def outbox(self) -> OutboxService:
        return OutboxService(self.session, self.clock)

    @cached_property
    def events(self) -> EventService:
        # Teachers whose latest diagnosis marks the event's topic serious hear of it once.
        return EventService(
            self.session,
            self.policy,
            self.clock,
            self.outbox,
            on_published=(self.surveys.offer_published_event,),
        )

    @cached_property
    def schools(self) -> SchoolService:
        return SchoolService(self.session)

    @cached_property
    def surveys(self) -> SurveyService:
        return SurveyService(
            self.session,
            self.policy,
            self.clock,
            self.outbox,
            events_on_topics=partial(upcoming_on_topics, self.session, self.clock),
            materials_on_topics=self._materials_on_topics,
            registrations_on_topics=partial(registrations_on_topics, self.session),
        )

    async def _materials_on_topics(self, topics: tuple[Topic, ...]) -> tuple[MaterialOffer, ...]:
        found = await self.library.on_topics(topics)
        return tuple(MaterialOffer(material_id, title) for material_id, title in found)

    @cached_property
    def library(self) -> LibraryService:
        return LibraryService(
            self.session,
            self.policy,
            self.clock,
            self.outbox,
            events_search=self._public_events,
            event_posts=self._posted_events,
            event_people=self._event_people,
        )

    async def _event_people(self, event_id: int) -> EventPeople | None:
        found = await event_people(self.session, self.clock, event_id)
        if found is None:
            return None
        return EventPeople(
            found.event_id,
            found.title,
            found.topic,
            found.finished,
            found.attended,
            found.absent,
        )

    async def _posted_events(self, event_ids: tuple[int, ...]) -> list[PostedEvent]:
        found = await events_for_posts(self.session, self.clock, event_ids)
        return [
            PostedEvent(e.event_id, e.title, e.type, e.starts_at, e.place, e.seats_left, e.open)
            for e in found
        ]

    async def _public_events(self, words: tuple[str, ...], limit: int) -> list[PublicEvent]:
        found = await upcoming_matching(self.session, self.clock, words, limit)
        return [PublicEvent(e.event_id, e.title, e.starts_at, e.seats_left) for e in found]

    @cached_property
    def mentoring(self) -> MentoringService:
        # The mentees' diagnosis comes from surveys through this port, never by import.
        return MentoringService(
            self.session,
            self.policy,
            self.clock,
            self.outbox,
            levels=partial(latest_levels, self.session),
        )

    @cached_property
    def reports(self) -> ReportService:
        return ReportService(self.session, self.policy, self.clock)

    async def end_read(self) -> None:
        """Closes the read snapshot taken while loading the actor, before a handler writes."""
        if self.session.in_transaction():
            await self.session.commit()
