"""What /forget erases of a person's broadcasts."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Broadcast


async def forget_broadcasts(session: AsyncSession, user_id: int) -> None:
    """The author's Telegram id is kept only to show progress; /forget removes it."""
    await session.execute(
        update(Broadcast).where(Broadcast.author_id == user_id).values(author_chat_id=None)
    )
