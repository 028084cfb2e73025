"""What /forget erases of a person's materials."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material
from services.library.types import MaterialStatus


async def forget_materials(session: AsyncSession, user_id: int) -> None:
    """Submissions never published go; approved materials stay public without their author
    ("the author withdrew"), since colleagues already rely on them."""
    await session.execute(
        delete(Material).where(
            Material.author_id == user_id, Material.status != MaterialStatus.APPROVED.value
        )
    )
    await session.execute(
        update(Material)
        .where(Material.author_id == user_id)
        .values(author_id=None, author_withdrew=True)
    )
    # The school keeps its credit: a school is not a person, and the report counts it.
    await session.execute(
        update(Material).where(Material.reviewed_by == user_id).values(reviewed_by=None)
    )
