"""How often materials are opened and sent, and the figures reports show."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material, School
from db.tx import write_tx
from services.library.scope import LibraryScope
from services.library.types import LibraryStats, MaterialKind, MaterialStatus


async def count_opened(scope: LibraryScope, material_id: int) -> None:
    async with write_tx(scope.session):
        await scope.session.execute(
            update(Material)
            .where(Material.id == material_id)
            .values(opened_count=Material.opened_count + 1)
        )


async def count_sent(scope: LibraryScope, material_id: int) -> None:
    async with write_tx(scope.session):
        await scope.session.execute(
            update(Material)
            .where(Material.id == material_id)
            .values(sent_count=Material.sent_count + 1)
        )


def _category() -> object:
    return case(
        (School.unfavourable_conditions.is_(True), "unfavourable"),
        (School.low_results.is_(True), "low_results"),
        else_="other",
    )


async def library_stats(
    session: AsyncSession, start: datetime, end: datetime, top: int = 5
) -> LibraryStats:
    """Materials approved in the period; shared practices by school and school category; the
    most requested materials of all time."""
    in_period = (
        Material.status == MaterialStatus.APPROVED.value,
        Material.created_at >= start,
        Material.created_at < end,
    )
    added = int(await session.scalar(select(func.count(Material.id)).where(*in_period)) or 0)
    practices = (*in_period, Material.kind == MaterialKind.BEST_PRACTICE.value)
    by_school = (
        await session.execute(
            select(School.short_name, func.count(Material.id))
            .join(School, School.id == Material.school_id)
            .where(*practices)
            .group_by(School.short_name)
            .order_by(func.count(Material.id).desc(), School.short_name)
        )
    ).all()
    category = _category()
    by_category = (
        await session.execute(
            select(category, func.count(Material.id))  # type: ignore[call-overload]
            .join(School, School.id == Material.school_id)
            .where(*practices)
            .group_by(category)
            .order_by(category)
        )
    ).all()
    requested = (
        await session.execute(
            select(Material.title, Material.opened_count, Material.sent_count)
            .where(
                Material.status == MaterialStatus.APPROVED.value,
                (Material.opened_count + Material.sent_count) > 0,
            )
            .order_by((Material.opened_count + Material.sent_count).desc(), Material.id)
            .limit(top)
        )
    ).all()
    return LibraryStats(
        added=added,
        practices_by_school=tuple((r[0], int(r[1])) for r in by_school),
        practices_by_category=tuple((str(r[0]), int(r[1])) for r in by_category),
        most_requested=tuple((r[0], int(r[1]), int(r[2])) for r in requested),
    )
