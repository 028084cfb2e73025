"""Creating events: staff save a draft or publish; a coordinator's proposal goes to the
methodists, who publish (approve) or decline it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import func, select

from db.enums import Role
from db.models import Event, School
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput, NotFound
from services.events import lookup
from services.events.announce import announce, open_button, tell_methodists
from services.events.catalog import PAGE_SIZE, card
from services.events.rules import REASON_MAX, clean_text, require_staff, validate
from services.events.shared import EventContext
from services.events.types import EventDraft, EventPage, EventStatus, EventView, ref_of
from services.paging import clamp_page

log = logging.getLogger(__name__)


async def create(ctx: EventContext, actor: Actor, draft: EventDraft, *, publish: bool) -> int:
    """Staff save a draft or publish; a coordinator's event goes to the methodists."""
    proposing = not actor.is_staff
    if proposing and not actor.has(Role.COORDINATOR):
        raise AccessDenied()
    if proposing:
        status = EventStatus.PENDING_APPROVAL
    else:
        status = EventStatus.PUBLISHED if publish else EventStatus.DRAFT
    async with write_tx(ctx.session):
        person = await lookup.person(ctx, actor)
        draft = validate(draft, ctx.clock())
        await _check_schools(ctx, draft.school_ids)
        event = _new_event(draft, status, person.user.id)
        event.proposed_by_school_id = actor.coordinator_school_id if proposing else None
        ctx.session.add(event)
        await ctx.session.flush()
        if status == EventStatus.PUBLISHED:
            await announce(ctx, event)
        if status == EventStatus.PENDING_APPROVAL:
            await tell_methodists(ctx, event)
    log.info("event created event_id=%s status=%s by=%s", event.id, status, person.user.id)
    return event.id


def _new_event(draft: EventDraft, status: EventStatus, created_by: int) -> Event:
    return Event(
        title=draft.title,
        type=draft.type.value,
        topic=draft.topic.value,
        format=draft.format.value,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        place=(draft.place or "").strip() or None,
        link=draft.link or None,
        capacity=draft.capacity,
        registration_deadline=draft.registration_deadline,
        audience=draft.audience.value,
        subjects=",".join(s.value for s in draft.subjects),
        school_ids=",".join(str(i) for i in draft.school_ids),
        description=draft.description.strip(),
        status=status.value,
        created_by=created_by,
    )


async def _check_schools(ctx: EventContext, school_ids: Sequence[int]) -> None:
    if not school_ids:
        return
    found = await ctx.session.execute(
        select(func.count(School.id)).where(School.id.in_(list(school_ids)))
    )
    if int(found.scalar_one()) != len(set(school_ids)):
        raise NotFound("error-event-school-unknown")


async def publish(ctx: EventContext, actor: Actor, event_id: int) -> EventView:
    """Publishes a draft, or approves a coordinator's proposal (its author is told)."""
    require_staff(actor)
    async with write_tx(ctx.session):
        event = await lookup.event(ctx, event_id, lock=True)
        if event.status not in (EventStatus.DRAFT, EventStatus.PENDING_APPROVAL):
            raise Conflict("error-event-not-draft")
        if event.starts_at <= ctx.clock():
            raise InvalidInput("error-date-past")
        was_proposal = event.status == EventStatus.PENDING_APPROVAL
        event.status = EventStatus.PUBLISHED.value
        await announce(ctx, event)
        if was_proposal and event.created_by is not None:
            ctx.outbox.enqueue(
                user_id=event.created_by,
                kind="event_decision",
                template="events-proposal-approved",
                args={"title": event.title},
                ref=ref_of(event.id),
                buttons=open_button(event),
            )
    log.info("event published event_id=%s", event_id)
    return await card(ctx, actor, event_id)


async def decline(ctx: EventContext, actor: Actor, event_id: int, reason: str | None) -> None:
    require_staff(actor)
    text = clean_text(reason, REASON_MAX, "error-event-reason")
    async with write_tx(ctx.session):
        event = await lookup.event(ctx, event_id, lock=True)
        if event.status != EventStatus.PENDING_APPROVAL:
            raise Conflict("error-event-not-draft")
        event.status = EventStatus.DECLINED.value
        event.decline_reason = text
        if event.created_by is not None:
            ctx.outbox.enqueue(
                user_id=event.created_by,
                kind="event_decision",
                template="events-proposal-declined",
                args={"title": event.title, "reason": text},
                ref=ref_of(event.id),
            )
    log.info("event proposal declined event_id=%s", event_id)


async def pending(ctx: EventContext, actor: Actor, page: int = 0) -> EventPage:
    """Drafts and proposals waiting for a methodist (/event_drafts), a page at a time."""
    require_staff(actor)
    waiting = Event.status.in_([EventStatus.PENDING_APPROVAL.value, EventStatus.DRAFT.value])
    total = int(
        (await ctx.session.execute(select(func.count(Event.id)).where(waiting))).scalar_one()
    )
    page, pages = clamp_page(total, PAGE_SIZE, page)
    rows = await ctx.session.execute(
        select(Event)
        .where(waiting)
        .order_by(Event.starts_at, Event.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    events = list(rows.scalars())
    by = await lookup.proposers(ctx, events)
    items = tuple(lookup.view(ctx, e, None, manage=True, proposed_by=by.get(e.id)) for e in events)
    return EventPage(items, page, pages, total)


def preview(draft: EventDraft) -> EventView:
    """The card of an event not yet saved, for the wizard's last step."""
    return EventView(
        id=0,
        title=draft.title,
        type=draft.type,
        topic=draft.topic,
        format=draft.format,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        place=draft.place,
        link=draft.link,
        capacity=draft.capacity,
        seats_left=draft.capacity,
        registration_deadline=draft.registration_deadline,
        audience=draft.audience,
        description=draft.description,
        status=EventStatus.DRAFT,
        registration_open=False,
    )
