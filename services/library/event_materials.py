"""Materials of an event: staff attach them (straight into the library, on the event's topic);
after the event its participants get them, those who came first and, if staff choose, those
who registered but did not come."""

from __future__ import annotations

from sqlalchemy import func, select

from db.enums import Priority
from db.models import Material, OutboxMessage
from db.tx import write_tx
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import InvalidInput, NotFound
from services.i18n import L
from services.library.scope import EventPeople, LibraryScope, require_reviewer
from services.library.types import MaterialStatus

OPEN_EVENT_MATERIALS = "library_event_materials"


async def event_of(scope: LibraryScope, event_id: int) -> EventPeople:
    people = await scope.event_people(event_id)
    if people is None:
        raise NotFound("error-event-not-found")
    return people


async def send_to_participants(
    scope: LibraryScope, actor: Actor, event_id: int, include_absent: bool
) -> int:
    """Queues one message per participant; a second tap sends nothing new (dedupe keys carry
    the newest material, so materials added later do go out)."""
    require_reviewer(actor)
    people = await event_of(scope, event_id)
    if not people.finished:
        raise InvalidInput("library-error-event-not-finished")
    newest = await scope.session.scalar(
        select(func.max(Material.id)).where(
            Material.event_id == event_id, Material.status == MaterialStatus.APPROVED.value
        )
    )
    if newest is None:
        raise InvalidInput("library-error-event-no-materials")
    recipients = people.attended + (people.absent if include_absent else ())
    queued = 0
    async with write_tx(scope.session):
        keys = {
            user_id: f"event_materials:{event_id}:{user_id}:{newest}"
            for user_id in await scope.outbox.with_chat(list(recipients))
        }
        sent_before = set(
            (
                await scope.session.scalars(
                    select(OutboxMessage.dedupe_key).where(
                        OutboxMessage.dedupe_key.in_(list(keys.values()))
                    )
                )
            ).all()
        )
        for user_id, key in keys.items():
            if key in sent_before:
                continue
            scope.outbox.enqueue(
                user_id=user_id,
                kind="library_event_materials",
                template=L("library-event-materials-notice"),
                args={"title": people.title},
                priority=Priority.NOTICE,
                buttons=[
                    [
                        Button(
                            "library-event-materials-button",
                            OPEN_EVENT_MATERIALS,
                            {"event": event_id},
                        )
                    ]
                ],
                dedupe_key=key,
            )
            queued += 1
    return queued
