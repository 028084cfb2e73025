"""Administration of people: finding them, and granting or revoking the staff roles."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import GRANTED_ROLES, Role
from db.models import School, User, UserRole
from db.search import fold
from db.tx import write_tx
from services.context import Actor, Clock, Policy
from services.errors import Conflict, InvalidInput, NotFound
from services.people.actor import require_admin

log = logging.getLogger(__name__)

BIGINT_LIMIT = 2**63


@dataclass(frozen=True, slots=True)
class PersonRow:
    user_id: int
    telegram_id: int | None
    full_name: str | None
    roles: tuple[Role, ...]
    coordinator_school_id: int | None


def person_row(user: User, policy: Policy) -> PersonRow:
    roles = tuple(sorted(Role(r.role) for r in user.roles))
    if user.telegram_id in policy.admin_telegram_ids and Role.ADMIN not in roles:
        roles = (*roles, Role.ADMIN)
    school = next((r.school_id for r in user.roles if r.role == Role.COORDINATOR), None)
    return PersonRow(user.id, user.telegram_id, user.full_name, roles, school)


def as_number(query: str) -> str | None:
    """An id as people paste it: "7 102", "7\u00a0102" (a grouped number copied from a card or
    a spreadsheet) or "7102"; None when the query is a name."""
    compact = "".join(query.split())  # str.split() also splits at non-breaking spaces
    if compact.lstrip("-").isdigit() and compact.isascii():
        return compact
    return None


async def find_people(
    session: AsyncSession, policy: Policy, actor: Actor, query: str, limit: int = 10
) -> list[PersonRow]:
    require_admin(actor)
    query = query.strip()
    stmt = select(User).where(User.forgotten_at.is_(None))
    digits = as_number(query)
    if digits is not None:
        number = int(digits)
        if not -BIGINT_LIMIT <= number < BIGINT_LIMIT:
            return []  # no row can have it; the database would refuse the parameter
        stmt = stmt.where(or_(User.telegram_id == number, User.id == number))
    elif len(query) >= 2:
        stmt = stmt.where(User.name_search.contains(fold(query), autoescape=True))
    else:
        raise InvalidInput("error-search-too-short")
    rows = (await session.execute(stmt.order_by(User.full_name).limit(limit))).scalars()
    return [person_row(u, policy) for u in rows]


async def person(session: AsyncSession, policy: Policy, actor: Actor, user_id: int) -> PersonRow:
    require_admin(actor)
    user = await session.get(User, user_id)
    if user is None or user.forgotten_at is not None:
        raise NotFound()
    return person_row(user, policy)


async def grant(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    user_id: int,
    role: Role,
    school_id: int | None = None,
) -> None:
    require_admin(actor)
    if role not in GRANTED_ROLES:
        raise InvalidInput()
    async with write_tx(session):
        if role == Role.COORDINATOR and (
            school_id is None or await session.get(School, school_id) is None
        ):
            raise InvalidInput("error-coordinator-needs-school")
        user = await session.get(User, user_id)
        if user is None or user.forgotten_at is not None:
            raise NotFound()
        existing = next((r for r in user.roles if r.role == role), None)
        if existing is not None:
            existing.school_id = school_id
        else:
            user.roles.append(
                UserRole(
                    user_id=user.id,
                    role=role,
                    school_id=school_id,
                    granted_by=actor.user_id,
                    granted_at=clock(),
                )
            )
    log.info("role granted user_id=%s role=%s by=%s", user_id, role, actor.user_id)


async def revoke(session: AsyncSession, actor: Actor, user_id: int, role: Role) -> None:
    require_admin(actor)
    if role not in GRANTED_ROLES:
        raise InvalidInput()
    if role == Role.ADMIN and user_id == actor.user_id:
        raise Conflict("error-revoke-own-admin")
    async with write_tx(session):
        await session.execute(
            delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role)
        )
    log.info("role revoked user_id=%s role=%s by=%s", user_id, role, actor.user_id)


async def staff(session: AsyncSession, policy: Policy, actor: Actor) -> list[PersonRow]:
    require_admin(actor)
    stmt = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_([r.value for r in GRANTED_ROLES]))
        .distinct()
        .order_by(User.full_name)
    )
    return [person_row(u, policy) for u in (await session.execute(stmt)).scalars()]
