"""Free-text comments and notes are kept only so long after the consultation."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import ConsultBooking
from db.tx import write_tx
from services.consultations.common import ConsultContext
from services.context import Policy
from services.delivery.outbox import OutboxService

log = logging.getLogger(__name__)


async def purge_comments(ctx: ConsultContext, now: datetime | None = None) -> int:
    now = now or ctx.clock()
    border = now - timedelta(days=ctx.policy.consult.comment_retention_days)
    async with write_tx(ctx.session):
        result = await ctx.session.execute(
            update(ConsultBooking)
            .where(
                ConsultBooking.starts_at < border,
                or_(ConsultBooking.comment.is_not(None), ConsultBooking.note.is_not(None)),
            )
            .values(comment=None, note=None, comment_purged_at=now)
            .execution_options(synchronize_session=False)
        )
    count = int(getattr(result, "rowcount", 0) or 0)
    log.info("consult retention purge: %s bookings cleared", count)
    return count


async def purge_expired_comments(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, now: datetime
) -> int:
    """The scheduler's entry point for the daily retention purge."""
    async with session_factory() as session:
        ctx = ConsultContext(session, policy, lambda: now, OutboxService(session, lambda: now))
        return await purge_comments(ctx, now)
