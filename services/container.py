"""One object per update that hands each handler the services it needs, bound to one session."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncSession

from services.broadcasts import BroadcastService
from services.consultations import ConsultationService
from services.context import Clock, Policy, system_clock
from services.events import EventService
from services.outbox import OutboxService
from services.reports import ReportService
from services.schools import SchoolService
from services.surveys import SurveyService
from services.users import UserService


class Services:
    def __init__(self, session: AsyncSession, policy: Policy, clock: Clock = system_clock) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock

    @cached_property
    def broadcasts(self) -> BroadcastService:
        return BroadcastService(self.session, self.policy, self.clock)

    @cached_property
    def users(self) -> UserService:
        return UserService(self.session, self.policy, self.clock)

    @cached_property
    def consultations(self) -> ConsultationService:
        return ConsultationService(self.session, self.policy, self.clock, self.outbox)

    @cached_property
    def outbox(self) -> OutboxService:
        return OutboxService(self.session, self.clock)

    @cached_property
    def events(self) -> EventService:
        return EventService(self.session, self.policy, self.clock, self.outbox)

    @cached_property
    def schools(self) -> SchoolService:
        return SchoolService(self.session)

    @cached_property
    def surveys(self) -> SurveyService:
        return SurveyService(self.session, self.policy, self.clock, self.outbox)

    @cached_property
    def reports(self) -> ReportService:
        return ReportService(self.session, self.policy, self.clock)

    async def end_read(self) -> None:
        """Closes the read snapshot taken while loading the actor, before a handler writes."""
        if self.session.in_transaction():
            await self.session.commit()
