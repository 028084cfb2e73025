"""What every mentoring module works with: the session, the policy, the clock, the outbox and
the port to the diagnostics (handed in by the container, so surveys are never imported)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Mentorship, School, User
from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.errors import NotFound
from services.mentoring.types import Category

# user ids -> per person, topic -> level of their latest diagnosis.
LevelsPort = Callable[[Iterable[int]], Awaitable[dict[int, dict[str, str]]]]


async def no_diagnosis(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    return {}


@dataclass
class MentoringContext:
    session: AsyncSession
    policy: Policy
    clock: Clock
    outbox: OutboxService
    levels: LevelsPort = no_diagnosis

    def now(self) -> datetime:
        return self.clock()

    async def mentorship(self, mentorship_id: int) -> Mentorship:
        found = await self.session.get(Mentorship, mentorship_id, populate_existing=True)
        if found is None:
            raise NotFound("mentoring-error-not-found")
        return found

    async def person(self, user_id: int) -> User:
        found = await self.session.get(User, user_id)
        if found is None or found.forgotten_at is not None:
            raise NotFound("mentoring-error-not-found")
        return found

    async def school(self, school_id: int | None) -> School | None:
        if school_id is None:
            return None
        return await self.session.scalar(select(School).where(School.id == school_id))

    async def category_of(self, user: User) -> Category:
        school = await self.school(user.school_id)
        if school is None:
            return Category.NONE
        if school.low_results and school.unfavourable_conditions:
            return Category.BOTH
        if school.low_results:
            return Category.LOW_RESULTS
        if school.unfavourable_conditions:
            return Category.UNFAVOURABLE
        return Category.OTHER
