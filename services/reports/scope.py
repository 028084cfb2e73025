"""Who may see which figures, and the time window a period covers for them.

Methodists and admins see the whole network; a school coordinator sees only the people of
their own school (and the events those people took part in); everyone else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role
from db.models import School
from services.context import Actor
from services.errors import AccessDenied, NotFound
from services.reports.indicators import Window
from services.reports.period import ReportPeriod


@dataclass(frozen=True, slots=True)
class Scope:
    school_id: int | None
    school_name: str | None


async def scope_of(session: AsyncSession, actor: Actor) -> Scope:
    """Checked on every call, so every press re-checks the person's rights."""
    if actor.is_staff:
        return Scope(None, None)
    if actor.has(Role.COORDINATOR):
        if actor.coordinator_school_id is None:
            raise AccessDenied("error-report-no-school")
        school = await session.get(School, actor.coordinator_school_id)
        if school is None:
            raise NotFound()
        return Scope(school.id, school.short_name)
    raise AccessDenied()


def window_of(period: ReportPeriod, scope: Scope, zone: ZoneInfo) -> Window:
    return Window(period.start_utc(zone), period.end_utc(zone), scope.school_id)
