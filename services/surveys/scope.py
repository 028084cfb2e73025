"""What every surveys module works with: one session, the policy, the clock, the outbox and
the port to the events feature, and the checks all of them repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Survey
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from services.errors import AccessDenied, NotFound
from services.surveys.types import (
    EventOffer,
    EventsOnTopics,
    MaterialOffer,
    MaterialsOnTopics,
    RegistrationsOnTopics,
)


async def no_events(topics: object) -> tuple[EventOffer, ...]:
    """The port when no events feature is wired (scripts, the audience source)."""
    return ()


async def no_materials(topics: object) -> tuple[MaterialOffer, ...]:
    return ()


async def no_registrations(
    people: object, topics: object
) -> dict[tuple[int, str], list[tuple[datetime, bool]]]:
    return {}


@dataclass(frozen=True, slots=True)
class SurveyScope:
    session: AsyncSession
    policy: Policy
    clock: Clock
    outbox: OutboxService
    events_on_topics: EventsOnTopics = no_events
    materials_on_topics: MaterialsOnTopics = no_materials
    registrations_on_topics: RegistrationsOnTopics = no_registrations


async def get_survey(scope: SurveyScope, survey_id: int) -> Survey:
    survey = await scope.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound()
    return survey


def require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()
