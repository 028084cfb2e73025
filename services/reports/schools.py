"""Who is in the network: people by role, and each school with its teachers and parents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role
from db.models import School, User, UserRole
from services.reports.indicators import IndicatorCategory
from services.reports.scope import Scope


@dataclass(frozen=True, slots=True)
class SchoolPeople:
    school_id: int
    short_name: str
    category: tuple[IndicatorCategory, ...]
    teachers: int
    parents: int


def categories_of(low: bool | None, unfavourable: bool | None) -> tuple[IndicatorCategory, ...]:
    if low is None and unfavourable is None:
        return ()
    found = []
    if low:
        found.append(IndicatorCategory.LOW_RESULTS)
    if unfavourable:
        found.append(IndicatorCategory.UNFAVOURABLE)
    return tuple(found) or (IndicatorCategory.OTHER,)


async def people_by_role(session: AsyncSession, scope: Scope) -> dict[Role, int]:
    stmt = (
        select(UserRole.role, func.count(distinct(User.id)))
        .join(User, User.id == UserRole.user_id)
        .where(User.forgotten_at.is_(None))
        .group_by(UserRole.role)
    )
    if scope.school_id is not None:
        stmt = stmt.where(User.school_id == scope.school_id)
    counts = {Role(role): int(n) for role, n in (await session.execute(stmt)).all()}
    return {role: counts[role] for role in Role if role in counts}


async def school_people(session: AsyncSession, scope: Scope) -> list[SchoolPeople]:
    """Schools with most teachers first (then parents, then name)."""
    teacher = case((UserRole.role == Role.TEACHER.value, User.id))
    parent = case((UserRole.role == Role.PARENT.value, User.id))
    stmt = (
        select(
            School.id,
            School.short_name,
            School.low_results,
            School.unfavourable_conditions,
            func.count(distinct(teacher)),
            func.count(distinct(parent)),
        )
        .select_from(School)
        .outerjoin(User, and_(User.school_id == School.id, User.forgotten_at.is_(None)))
        .outerjoin(UserRole, UserRole.user_id == User.id)
        .group_by(School.id, School.short_name, School.low_results, School.unfavourable_conditions)
    )
    if scope.school_id is not None:
        stmt = stmt.where(School.id == scope.school_id)
    rows = [
        SchoolPeople(sid, name, categories_of(low, unf), int(t), int(p))
        for sid, name, low, unf, t, p in (await session.execute(stmt)).all()
    ]
    rows.sort(key=lambda s: (-s.teachers, -s.parents, s.short_name))
    return rows
