"""Changing or cancelling an event after it was created: participants are told what changed,
reminders move with the start, and a raised capacity lets the waiting list in."""

from __future__ import annotations

import logging

from db.enums import Subject, Topic
from db.models import Event
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.events import lookup
from services.events.notices import tell_cancelled, tell_changed
from services.events.offers import fill_free_seats
from services.events.reminders import schedule_reminders
from services.events.rules import require_staff, split, validate
from services.events.seats import free_all_seats
from services.events.shared import EventContext
from services.events.types import (
    ACTIVE,
    Change,
    EditField,
    EventAudience,
    EventDraft,
    EventFormat,
    EventStatus,
    EventType,
    RegStatus,
    ref_of,
)

log = logging.getLogger(__name__)

CLOSED = (EventStatus.CANCELLED, EventStatus.FINISHED, EventStatus.DECLINED)


async def draft_of(ctx: EventContext, actor: Actor, event_id: int) -> EventDraft:
    require_staff(actor)
    return draft_from(await lookup.event(ctx, event_id))


def draft_from(event: Event) -> EventDraft:
    return EventDraft(
        title=event.title,
        type=EventType(event.type),
        topic=Topic(event.topic),
        format=EventFormat(event.format),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        link=event.link,
        capacity=event.capacity,
        registration_deadline=event.registration_deadline,
        audience=EventAudience(event.audience),
        subjects=tuple(Subject(s) for s in split(event.subjects)),
        school_ids=tuple(int(s) for s in split(event.school_ids)),
        description=event.description,
    )


async def edit(ctx: EventContext, actor: Actor, event_id: int, draft: EventDraft) -> list[Change]:
    """Applies a changed draft; participants are told what changed, reminders move."""
    require_staff(actor)
    async with write_tx(ctx.session):
        event = await lookup.event(ctx, event_id, lock=True)
        if event.status in CLOSED:
            raise Conflict("error-event-closed")
        old = draft_from(event)
        new = validate(draft, ctx.clock())
        if new.capacity is not None and new.capacity < event.seats_taken:
            raise InvalidInput("error-event-capacity-below-taken", taken=event.seats_taken)
        changes = changes_between(ctx, old, new)
        if not changes:
            await ctx.session.rollback()
            return []
        event.title = new.title
        event.starts_at, event.ends_at = new.starts_at, new.ends_at
        event.place = (new.place or "").strip() or None
        event.link = new.link or None
        event.capacity = new.capacity
        event.registration_deadline = new.registration_deadline
        event.description = new.description.strip()
        event.sequence = (event.sequence or 0) + 1
        event.updated_at = ctx.clock()
        await ctx.session.flush()
        if event.status == EventStatus.PUBLISHED:
            await _tell_participants(ctx, event, old, new, changes)
            # Raised capacity frees seats for the waiting list.
            await fill_free_seats(ctx, event)
    log.info("event edited event_id=%s fields=%s", event_id, [c.field for c in changes])
    return changes


async def _tell_participants(
    ctx: EventContext, event: Event, old: EventDraft, new: EventDraft, changes: list[Change]
) -> None:
    """Everyone on the event hears of the change (a waiting person's plans depend on the
    time too); reminders move with the start or the link."""
    moved = old.starts_at != new.starts_at or old.link != new.link
    regs = await lookup.regs(ctx, event.id, ACTIVE)
    await tell_changed(ctx, event, regs, changes)
    for reg in regs:
        if moved and reg.status == RegStatus.REGISTERED:
            await ctx.outbox.cancel(ref_of(event.id), user_id=reg.user_id, kinds=["reminder"])
            schedule_reminders(ctx, event, reg)


def changes_between(ctx: EventContext, old: EventDraft, new: EventDraft) -> list[Change]:
    zone = ctx.policy.timezone

    def when(d: EventDraft) -> str:
        start, end = d.starts_at.astimezone(zone), d.ends_at.astimezone(zone)
        return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"

    def deadline(d: EventDraft) -> str:
        value = d.registration_deadline
        return f"{value.astimezone(zone):%d.%m.%Y %H:%M}" if value else ""

    pairs = [
        (EditField.TITLE, old.title, new.title),
        (EditField.WHEN, when(old), when(new)),
        (EditField.PLACE, old.place or "", new.place or ""),
        (EditField.CAPACITY, str(old.capacity or "∞"), str(new.capacity or "∞")),
        (EditField.DEADLINE, deadline(old), deadline(new)),
    ]
    result = [Change(f, a, b) for f, a, b in pairs if a != b]
    # The link itself is not repeated in the notice: it goes to participants only in
    # the last reminder and on their card. The description is too long to quote.
    if old.link != new.link:
        result.append(Change(EditField.LINK, "", ""))
    if old.description != new.description:
        result.append(Change(EditField.DESCRIPTION, "", ""))
    return result


async def cancel_event(ctx: EventContext, actor: Actor, event_id: int) -> int:
    """Cancels the event for everyone on it; returns how many people were told."""
    require_staff(actor)
    async with write_tx(ctx.session):
        event = await lookup.event(ctx, event_id, lock=True)
        if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
            raise Conflict("error-event-closed")
        event.status = EventStatus.CANCELLED.value
        event.sequence = (event.sequence or 0) + 1
        event.updated_at = ctx.clock()
        await ctx.outbox.cancel(ref_of(event.id))
        regs = await lookup.regs(ctx, event.id, ACTIVE)
        for reg in regs:
            reg.status = RegStatus.CANCELLED.value
            reg.cancelled_at = ctx.clock()
            reg.offered_until = None
        await tell_cancelled(ctx, event, regs)
        free_all_seats(event)
    log.info("event cancelled event_id=%s told=%s", event_id, len(regs))
    return len(regs)
