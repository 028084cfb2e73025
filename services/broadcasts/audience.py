"""Who a broadcast reaches: the built-in filters (roles, schools, school categories,
subjects) and the audience sources other features offer."""

from __future__ import annotations

from sqlalchemy import or_, select

from db.models import School, User, UserRole, UserSubject
from services.broadcasts.scope import BroadcastScope, require_staff
from services.broadcasts.types import BroadcastAudience, BroadcastSchoolCategory
from services.context import Actor
from services.delivery.outbox import has_chat
from services.errors import NotFound

_CATEGORY_COLUMNS = {
    BroadcastSchoolCategory.LOW_RESULTS: School.low_results,
    BroadcastSchoolCategory.UNFAVOURABLE: School.unfavourable_conditions,
}


async def sources(scope: BroadcastScope, actor: Actor) -> list[tuple[str, str]]:
    """(name, label key) of every audience source, in a stable order (buttons point at it)."""
    require_staff(actor)
    return [(name, scope.sources[name].label_key) for name in sorted(scope.sources)]


async def source_options(scope: BroadcastScope, actor: Actor, name: str) -> list[tuple[int, str]]:
    require_staff(actor)
    source = scope.sources.get(name)
    if source is None:
        raise NotFound()
    return await source.options(scope.session, scope.clock())


async def _from_sources(scope: BroadcastScope, audience: BroadcastAudience) -> set[int]:
    chosen: set[int] = set()
    for name, ident in sorted(audience.sources):
        source = scope.sources.get(name)
        if source is not None:
            chosen |= await source.resolve(scope.session, ident)
    return chosen


async def recipients(scope: BroadcastScope, audience: BroadcastAudience) -> list[int]:
    stmt = select(User.id).where(has_chat())
    if audience.roles:
        stmt = stmt.where(
            User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(sorted(audience.roles))))
        )
    if audience.school_ids:
        stmt = stmt.where(User.school_id.in_(sorted(audience.school_ids)))
    if audience.categories:
        flags = [_CATEGORY_COLUMNS[c].is_(True) for c in sorted(audience.categories)]
        stmt = stmt.where(User.school_id.in_(select(School.id).where(or_(*flags))))
    if audience.subjects:
        stmt = stmt.where(
            User.id.in_(
                select(UserSubject.user_id).where(
                    UserSubject.subject.in_(sorted(audience.subjects))
                )
            )
        )
    ids = set((await scope.session.execute(stmt)).scalars())
    if audience.sources:
        ids &= await _from_sources(scope, audience)
    return sorted(ids)


async def audience_size(scope: BroadcastScope, actor: Actor, audience: BroadcastAudience) -> int:
    require_staff(actor)
    return len(await recipients(scope, audience))
