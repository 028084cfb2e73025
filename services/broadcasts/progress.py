"""How far a broadcast has got: the figures of its live progress message, the staff's list of
recent broadcasts, and the state moves the delivery engine reports."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select, update

from db.enums import OutboxState
from db.models import Broadcast, OutboxMessage, User
from db.tx import write_tx
from services.broadcasts.scope import BroadcastScope, require_staff
from services.broadcasts.types import REF, BroadcastState, Progress
from services.context import Actor
from services.delivery.engine import REASON_BLOCKED
from services.errors import NotFound
from services.paging import clamp_page

log = logging.getLogger(__name__)

Counts = dict[tuple[str, str | None], int]


async def _outbox_counts(
    scope: BroadcastScope, broadcast_id: int
) -> tuple[Counts, datetime | None, datetime | None]:
    """Messages per (state, reason skipped), and the first and last send."""
    counts: Counts = {}
    first_sent: datetime | None = None
    last_sent: datetime | None = None
    for state, error, count, first, last in (
        await scope.session.execute(
            select(
                OutboxMessage.state,
                OutboxMessage.last_error,
                func.count(),
                func.min(OutboxMessage.sent_at),
                func.max(OutboxMessage.sent_at),
            )
            .where(and_(OutboxMessage.ref_type == REF, OutboxMessage.ref_id == broadcast_id))
            .group_by(OutboxMessage.state, OutboxMessage.last_error)
        )
    ).all():
        key = (state, error if state == OutboxState.SKIPPED.value else None)
        counts[key] = counts.get(key, 0) + int(count)
        if first is not None and last is not None:
            first_sent = first if first_sent is None else min(first_sent, first)
            last_sent = last if last_sent is None else max(last_sent, last)
    return counts, first_sent, last_sent


async def progress(scope: BroadcastScope, broadcast_id: int) -> Progress:
    row = (
        await scope.session.execute(
            select(Broadcast, User.locale)
            .outerjoin(User, User.id == Broadcast.author_id)
            .where(Broadcast.id == broadcast_id)
        )
    ).one_or_none()
    if row is None:
        raise NotFound()
    broadcast, locale = row
    counts, first_sent, last_sent = await _outbox_counts(scope, broadcast_id)

    def total_of(state: OutboxState) -> int:
        return sum(n for (s, _), n in counts.items() if s == state.value)

    sent = total_of(OutboxState.SENT)
    blocked = counts.get((OutboxState.SKIPPED.value, REASON_BLOCKED), 0)
    left = total_of(OutboxState.PENDING) + total_of(OutboxState.SENDING)
    rate = 0.0
    if first_sent is not None and last_sent is not None and sent > 1:
        span = (last_sent - first_sent).total_seconds()
        rate = (sent - 1) / span if span > 0 else 0.0
    return Progress(
        broadcast_id=broadcast.id,
        state=BroadcastState(broadcast.state),
        author_chat_id=broadcast.author_chat_id,
        author_locale=locale or scope.policy.default_locale,
        message_id=broadcast.progress_message_id,
        total=broadcast.total,
        sent=sent,
        failed=total_of(OutboxState.FAILED) + total_of(OutboxState.SKIPPED) - blocked,
        blocked=blocked,
        left=left,
        cancelled=total_of(OutboxState.CANCELLED),
        started_at=broadcast.started_at,
        scheduled_at=broadcast.scheduled_at,
        rate=rate,
        eta_seconds=int(left / rate) if rate > 0 and left else None,
    )


LIST_PAGE_SIZE = 10


@dataclass(frozen=True, slots=True)
class BroadcastPage:
    items: list[Progress]
    page: int
    pages: int


async def list_recent(scope: BroadcastScope, actor: Actor, limit: int = 10) -> list[Progress]:
    return (await list_page(scope, actor, 0, limit)).items


async def list_page(
    scope: BroadcastScope, actor: Actor, page: int, size: int = LIST_PAGE_SIZE
) -> BroadcastPage:
    """The newest first, `size` at a time; a page past the end shows the last one."""
    require_staff(actor)
    total = int(
        (await scope.session.execute(select(func.count()).select_from(Broadcast))).scalar_one()
    )
    page, pages = clamp_page(total, size, page)
    ids = (
        await scope.session.execute(
            select(Broadcast.id).order_by(Broadcast.id.desc()).offset(page * size).limit(size)
        )
    ).scalars()
    items = [await progress(scope, i) for i in list(ids)]
    return BroadcastPage(items, page, pages)


async def set_progress_message(scope: BroadcastScope, broadcast_id: int, message_id: int) -> None:
    """Remembers the message that shows the progress, to edit it as the figures change."""
    async with write_tx(scope.session):
        await scope.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_message_id=message_id)
        )


async def note_sending(scope: BroadcastScope, broadcast_id: int) -> Progress:
    """For the engine: moves a scheduled broadcast to sending, and a finished one to done."""
    async with write_tx(scope.session):
        broadcast = await scope.session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise NotFound()
        if broadcast.state == BroadcastState.SCHEDULED.value:
            broadcast.state = BroadcastState.SENDING.value
            broadcast.started_at = scope.clock()
    current = await progress(scope, broadcast_id)
    if not (current.finished and current.state == BroadcastState.SENDING):
        return current
    async with write_tx(scope.session):
        await scope.session.execute(
            update(Broadcast)
            .where(
                Broadcast.id == broadcast_id,
                Broadcast.state == BroadcastState.SENDING.value,
            )
            .values(state=BroadcastState.DONE.value, finished_at=scope.clock())
        )
    log.info("broadcast %s done sent=%s", broadcast_id, current.sent)
    return await progress(scope, broadcast_id)
