"""Who comes: the participant lists, attendance marked by staff, and the day's check-in code
people type themselves. An attendee may then get a certificate."""

from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.enums import Role
from db.models import Event, Registration, School, User
from db.tx import write_tx
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput, NotFound
from services.events import lookup
from services.events.feedback import ask_feedback_once
from services.events.rules import attendance_window, checkin_window, require_staff
from services.events.shared import EventContext
from services.events.types import (
    ACTIVE,
    EventStatus,
    EventSummary,
    EventView,
    Participant,
    Participants,
    RegStatus,
)

log = logging.getLogger(__name__)

CODE_TRIES = 20
LATE_CODE = timedelta(days=1)


def _only_school(actor: Actor) -> int | None:
    """Staff see everyone; a coordinator sees only the people of their own school."""
    if actor.is_staff:
        return None
    if not actor.has(Role.COORDINATOR) or actor.coordinator_school_id is None:
        raise AccessDenied()
    return actor.coordinator_school_id


async def participants(ctx: EventContext, actor: Actor, event_id: int) -> Participants:
    only_school = _only_school(actor)
    event = await lookup.event(ctx, event_id)
    stmt = (
        select(Registration, User, School.short_name)
        .join(User, User.id == Registration.user_id)
        .outerjoin(School, School.id == User.school_id)
        .where(
            Registration.event_id == event_id,
            Registration.status.in_(list(ACTIVE)),
        )
        .order_by(Registration.queued_at, Registration.id)
    )
    if only_school is not None:
        stmt = stmt.where(User.school_id == only_school)
    lists: dict[RegStatus, list[Participant]] = {
        RegStatus.REGISTERED: [],
        RegStatus.OFFERED: [],
        RegStatus.WAITLISTED: [],
    }
    all_waiting = await lookup.regs(ctx, event_id, [RegStatus.WAITLISTED.value])
    places = {r.id: i + 1 for i, r in enumerate(all_waiting)}
    for reg, user, school in await ctx.session.execute(stmt):
        status = RegStatus(reg.status)
        lists[status].append(
            Participant(
                reg.id,
                user.id,
                user.full_name or f"#{user.id}",
                school or "",
                status,
                places.get(reg.id),
                reg.queued_at,
                reg.attended_at is not None,
                reg.feedback_score,
            )
        )
    view = lookup.view(ctx, event, None, manage=actor.is_staff)
    return Participants(
        view,
        tuple(lists[RegStatus.REGISTERED]),
        tuple(lists[RegStatus.OFFERED]),
        tuple(lists[RegStatus.WAITLISTED]),
        only_school,
    )


async def set_attended(
    ctx: EventContext, actor: Actor, event_id: int, registration_id: int, attended: bool
) -> None:
    """Staff mark during the event and correct for ATTENDANCE_CORRECTION_DAYS after it."""
    require_staff(actor)
    async with write_tx(ctx.session):
        reg = await ctx.session.get(Registration, registration_id, populate_existing=True)
        if reg is None or reg.event_id != event_id or reg.status != RegStatus.REGISTERED:
            raise NotFound("error-event-not-found")
        event = await lookup.event(ctx, event_id)
        now = ctx.clock()
        window = attendance_window(event, ctx.policy)
        if now < window.opens:
            raise Conflict("error-event-attendance-not-yet", opens=ctx.local(window.opens))
        if now >= window.closes:
            raise Conflict("error-event-attendance-closed", until=ctx.local(window.closes))
        if (reg.attended_at is not None) == attended:
            return  # a double tap: already so
        reg.attended_at = now if attended else None
        if attended and event.feedback_requested_at is not None:
            await ask_feedback_once(ctx, event, reg)


async def open_checkin(
    ctx: EventContext, actor: Actor, event_id: int
) -> tuple[str, datetime, datetime]:
    """A six-digit code that counts within the check-in window; staff may hand it out earlier
    (on a slide, say), but a code sent before the window opens is told when it opens."""
    require_staff(actor)
    async with write_tx(ctx.session):
        event = await lookup.event(ctx, event_id, lock=True)
        if event.status not in (EventStatus.PUBLISHED.value, EventStatus.FINISHED.value):
            raise Conflict("error-event-closed")
        now = ctx.clock()
        window = checkin_window(event, ctx.policy)
        if now >= window.closes:
            raise Conflict("error-event-checkin-over", closed=ctx.local(window.closes))
        if event.checkin_code and event.checkin_until is not None and event.checkin_until > now:
            return event.checkin_code, window.opens, window.closes
        for _ in range(CODE_TRIES):
            code = f"{secrets.randbelow(1_000_000):06d}"
            taken = await ctx.session.execute(
                select(Event.id).where(
                    Event.checkin_code == code, Event.checkin_until > now - LATE_CODE
                )
            )
            if taken.first() is None:
                break
        event.checkin_code = code
        event.checkin_until = window.closes
    log.info("event check-in opened event_id=%s", event_id)
    return code, window.opens, window.closes


async def checkin(ctx: EventContext, actor: Actor, code: str) -> EventView:
    async with write_tx(ctx.session):
        person = await lookup.person(ctx, actor)
        now = ctx.clock()
        # A code of the last day still finds its event, so that a late one is told the
        # check-in closed rather than that the digits are wrong.
        rows = await ctx.session.execute(
            select(Event)
            .where(
                Event.checkin_code == code.strip(),
                Event.checkin_until > now - LATE_CODE,
                Event.status.in_([EventStatus.PUBLISHED.value, EventStatus.FINISHED.value]),
            )
            .order_by(Event.checkin_until.desc())
        )
        event = rows.scalars().first()
        if event is None:
            raise InvalidInput("error-event-checkin-code")
        if event.checkin_until is not None and now >= event.checkin_until:
            raise Conflict(
                "error-event-checkin-closed",
                title=event.title,
                closed=ctx.local(event.checkin_until),
            )
        reg = await lookup.mine(ctx, event.id, person.user.id)
        if reg is None or reg.status != RegStatus.REGISTERED:
            raise Conflict("error-event-checkin-not-registered", title=event.title)
        opens = checkin_window(event, ctx.policy).opens
        if now < opens:
            raise Conflict(
                "error-event-checkin-not-yet", title=event.title, opens=ctx.local(opens)
            )
        if reg.attended_at is None:
            reg.attended_at = now
            if event.feedback_requested_at is not None:
                await ask_feedback_once(ctx, event, reg)
        view = lookup.view(ctx, event, await lookup.my_status(ctx, reg))
    log.info("event check-in event_id=%s user_id=%s", view.id, person.user.id)
    return view


async def has_open_checkin(ctx: EventContext) -> bool:
    rows = await ctx.session.execute(
        select(Event.id).where(Event.checkin_until > ctx.clock()).limit(1)
    )
    return rows.first() is not None


async def attendee(ctx: EventContext, actor: Actor, event_id: int) -> tuple[EventView, str]:
    """The event and the person's name, for a certificate: attendees only, after the end."""
    person = await lookup.person(ctx, replace(actor, profile=None))  # with the name
    event = await lookup.event(ctx, event_id)
    reg = await lookup.mine(ctx, event_id, person.user.id)
    if reg is None or reg.attended_at is None:
        raise AccessDenied("error-event-attendees-only")
    if ctx.clock() < event.ends_at:
        raise Conflict("error-event-certificate-not-yet", ends=ctx.local(event.ends_at))
    if not person.user.full_name:
        raise InvalidInput("error-event-certificate-name")
    view = lookup.view(ctx, event, await lookup.my_status(ctx, reg))
    return view, person.user.full_name


async def summary(ctx: EventContext, actor: Actor, event_id: int) -> EventSummary:
    """A finished event in figures: who came, who did not, what they thought of it."""
    only_school = _only_school(actor)
    event = await lookup.event(ctx, event_id)
    registered = Registration.status == RegStatus.REGISTERED.value
    # The waiting list and open offers are closed when the event is finished, so what was
    # left of them is what was cancelled at or after the end.
    left = (Registration.status == RegStatus.CANCELLED.value) & (
        Registration.cancelled_at >= event.ends_at
    )
    stmt = (
        select(
            func.count().filter(registered),
            func.count(Registration.attended_at).filter(registered),
            func.count().filter(left),
            func.avg(Registration.feedback_score),
            func.count(Registration.feedback_comment),
        )
        .select_from(Registration)
        .where(Registration.event_id == event_id)
    )
    if only_school is not None:
        stmt = stmt.join(User, User.id == Registration.user_id).where(
            User.school_id == only_school
        )
    total, attended, waiting_left, average, comments = (await ctx.session.execute(stmt)).one()
    return EventSummary(
        registered=int(total),
        attended=int(attended),
        no_shows=int(total) - int(attended),
        waiting_left=int(waiting_left),
        average_score=round(float(average), 1) if average is not None else None,
        comments=int(comments),
    )
