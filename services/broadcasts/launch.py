"""Sending a broadcast now or at a set time (one outbox row per recipient, written with the
broadcast in one transaction), and stopping it."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from db.enums import Priority
from db.models import Broadcast
from db.tx import write_tx
from services.broadcasts.audience import recipients
from services.broadcasts.compose import check_body
from services.broadcasts.progress import progress
from services.broadcasts.scope import BroadcastScope, require_staff
from services.broadcasts.types import CHANNEL_REF, KIND, REF, BroadcastState, Draft, Progress
from services.context import Actor
from services.delivery.outbox import OutboxService
from services.errors import AccessDenied, InvalidInput, NotFound

log = logging.getLogger(__name__)


def _broadcast_row(
    scope: BroadcastScope,
    actor: Actor,
    draft: Draft,
    due: datetime,
    scheduled: bool,
    total: int,
    progress_message_id: int | None,
) -> Broadcast:
    return Broadcast(
        author_id=actor.user_id,
        author_chat_id=actor.telegram_id,
        body=draft.body,
        attachment_type=draft.attachment_type.value if draft.attachment_type else None,
        attachment_file_id=draft.attachment_file_id,
        audience=draft.audience.to_json(),
        state=(BroadcastState.SCHEDULED if scheduled else BroadcastState.SENDING).value,
        scheduled_at=due,
        started_at=None if scheduled else due,
        total=total,
        to_channel=bool(draft.to_channel and scope.policy.channel_id),
        progress_message_id=progress_message_id,
    )


def _enqueue(
    scope: BroadcastScope, broadcast: Broadcast, draft: Draft, due: datetime, people: list[int]
) -> None:
    attachment: dict[str, Any] | None = None
    if draft.attachment_type and draft.attachment_file_id:
        attachment = {"type": draft.attachment_type.value, "file_id": draft.attachment_file_id}
    outbox = OutboxService(scope.session, scope.clock)
    for user_id in people:
        outbox.enqueue(
            user_id=user_id,
            kind=KIND,
            body=draft.body,
            due_at=due,
            priority=Priority.BULK,
            ref=(REF, broadcast.id),
            attachment=attachment,
            dedupe_key=f"broadcast:{broadcast.id}:{user_id}",
        )
    if broadcast.to_channel and scope.policy.channel_id is not None:
        outbox.enqueue(
            chat_id=scope.policy.channel_id,
            kind="channel",
            body=draft.body,
            due_at=due,
            priority=Priority.BULK,
            ref=(CHANNEL_REF, broadcast.id),
            attachment=attachment,
            dedupe_key=f"broadcast:{broadcast.id}:channel",
        )


async def launch(
    scope: BroadcastScope,
    actor: Actor,
    draft: Draft,
    when: datetime | None = None,
    progress_message_id: int | None = None,
) -> Progress:
    """Writes the broadcast and one outbox row per recipient in one transaction."""
    require_staff(actor)
    check_body(actor, draft.body)
    now = scope.clock()
    if when is not None and when <= now:
        raise InvalidInput("error-broadcast-time-past")
    due = when or now
    async with write_tx(scope.session):
        people = await recipients(scope, draft.audience)
        if not people:
            raise InvalidInput("error-broadcast-nobody")
        broadcast = _broadcast_row(
            scope, actor, draft, due, when is not None, len(people), progress_message_id
        )
        scope.session.add(broadcast)
        await scope.session.flush()
        _enqueue(scope, broadcast, draft, due, people)
    log.info(
        "broadcast %s by user_id=%s recipients=%s scheduled=%s",
        broadcast.id,
        actor.user_id,
        len(people),
        bool(when),
    )
    return await progress(scope, broadcast.id)


async def stop(scope: BroadcastScope, actor: Actor, broadcast_id: int) -> Progress:
    require_staff(actor)
    async with write_tx(scope.session):
        broadcast = await scope.session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise NotFound()
        if broadcast.author_id != actor.user_id and not actor.is_admin:
            raise AccessDenied()
        if broadcast.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING):
            outbox = OutboxService(scope.session, scope.clock)
            await outbox.cancel((REF, broadcast_id))
            await outbox.cancel((CHANNEL_REF, broadcast_id))
            broadcast.state = BroadcastState.CANCELLED.value
            broadcast.finished_at = scope.clock()
            log.info("broadcast %s stopped by user_id=%s", broadcast_id, actor.user_id)
    return await progress(scope, broadcast_id)
