"""What events erase when a person withdraws consent (/forget)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Registration


async def forget_event_feedback(session: AsyncSession, user_id: int) -> None:
    """/forget: a feedback comment is free text the person wrote, so it goes; the score,
    attendance and the registration row stay as anonymous counts of the event."""
    await session.execute(
        update(Registration)
        .where(Registration.user_id == user_id, Registration.feedback_comment.is_not(None))
        .values(feedback_comment=None)
        .execution_options(synchronize_session=False)
    )
