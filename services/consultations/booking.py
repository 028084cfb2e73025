"""Booking a slot: who may see free time, and the guard that a slot is never booked twice.

The no-double-booking invariant: a slot moves free -> booked only through
`UPDATE consult_slots SET status='booked' WHERE id=:id AND status='free'` inside `write_tx`;
its rowcount decides who got the slot (SQLite: the write lock serialises the transactions;
PostgreSQL: the row lock makes the second UPDATE re-check and match nothing). The partial
unique index on active bookings per slot is the last line of defence.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Priority, Role
from db.models import ConsultBooking, ConsultSlot, User, UserRole
from db.tx import write_tx
from services.consultations.common import ConsultContext, slot_view
from services.consultations.privacy import booking_view
from services.consultations.reminders import schedule_reminders
from services.consultations.rules import check_form, need_booker
from services.consultations.types import (
    BookingForm,
    BookingStatus,
    BookingView,
    Psychologist,
    SlotStatus,
    SlotView,
    booking_ref,
)
from services.context import Actor
from services.errors import Conflict, NotFound

log = logging.getLogger(__name__)


async def take_slot(session: AsyncSession, slot_id: int) -> bool:
    """The guard: only the transaction whose UPDATE still finds the slot free gets it."""
    taken = await session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id == slot_id, ConsultSlot.status == SlotStatus.FREE.value)
        .values(status=SlotStatus.BOOKED.value)
        .execution_options(synchronize_session=False)
    )
    return getattr(taken, "rowcount", 0) == 1


def _free_where(ctx: ConsultContext, psychologist_id: int | None) -> list[Any]:
    low, high = ctx.booking_window()
    conditions: list[Any] = [
        ConsultSlot.status == SlotStatus.FREE.value,
        ConsultSlot.starts_at >= low,
        ConsultSlot.starts_at <= high,
    ]
    if psychologist_id:
        conditions.append(ConsultSlot.psychologist_id == psychologist_id)
    return conditions


async def psychologists(ctx: ConsultContext, actor: Actor) -> list[Psychologist]:
    need_booker(actor)
    free = dict(
        (
            await ctx.session.execute(
                select(ConsultSlot.psychologist_id, func.count())
                .where(*_free_where(ctx, None))
                .group_by(ConsultSlot.psychologist_id)
            )
        ).all()
    )
    rows = await ctx.session.execute(
        select(User.id, User.full_name)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.PSYCHOLOGIST.value, User.forgotten_at.is_(None))
        .order_by(User.full_name)
    )
    return [Psychologist(r.id, r.full_name or "—", int(free.get(r.id, 0))) for r in rows]


async def free_days(
    ctx: ConsultContext, actor: Actor, psychologist_id: int | None
) -> list[tuple[date, int]]:
    need_booker(actor)
    starts = await ctx.session.scalars(
        select(ConsultSlot.starts_at).where(*_free_where(ctx, psychologist_id))
    )
    counts: dict[date, int] = {}
    for moment in starts:
        day = moment.astimezone(ctx.policy.timezone).date()
        counts[day] = counts.get(day, 0) + 1
    return sorted(counts.items())


async def free_slots(
    ctx: ConsultContext, actor: Actor, psychologist_id: int | None, day: date
) -> list[SlotView]:
    need_booker(actor)
    start, end = ctx.day_bounds(day)
    slots = list(
        await ctx.session.scalars(
            select(ConsultSlot)
            .where(
                *_free_where(ctx, psychologist_id),
                ConsultSlot.starts_at >= start,
                ConsultSlot.starts_at < end,
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.psychologist_id)
        )
    )
    names = await ctx.names({s.psychologist_id for s in slots})
    return [slot_view(slot, names) for slot in slots]


async def slot(ctx: ConsultContext, actor: Actor, slot_id: int) -> SlotView:
    need_booker(actor)
    found = await ctx.session.get(ConsultSlot, slot_id)
    if found is None:
        raise NotFound()
    names = await ctx.names({found.psychologist_id})
    return slot_view(found, names)


async def profile_grade(ctx: ConsultContext, actor: Actor) -> int | None:
    """The child's grade a parent gave in their profile, which the booking form starts from
    (None for a teacher, or a parent who skipped it)."""
    user_id = need_booker(actor)
    if not actor.has(Role.PARENT):
        return None
    grade = await ctx.session.scalar(select(User.child_grade).where(User.id == user_id))
    return int(grade) if grade else None


async def bookable_slot(ctx: ConsultContext, slot_id: int) -> ConsultSlot:
    """The slot, if its start lies inside the booking window (free or not: the guard decides)."""
    found = await ctx.session.get(ConsultSlot, slot_id)
    if found is None:
        raise NotFound()
    low, high = ctx.booking_window()
    rules = ctx.policy.consult
    if found.starts_at < low:
        raise Conflict("consult-error-too-soon", hours=rules.min_notice_hours)
    if found.starts_at > high:
        raise Conflict("consult-error-too-far", days=rules.horizon_days)
    return found


async def check_active_limit(ctx: ConsultContext, user_id: int, *, replacing: bool) -> None:
    """A person holds at most `max_active` bookings ahead; a reschedule frees one first."""
    active = int(
        await ctx.session.scalar(
            select(func.count())
            .select_from(ConsultBooking)
            .where(
                ConsultBooking.user_id == user_id,
                ConsultBooking.status == BookingStatus.BOOKED.value,
                ConsultBooking.starts_at > ctx.clock(),
            )
        )
        or 0
    )
    if replacing:
        active -= 1
    limit = ctx.policy.consult.max_active
    if active >= limit:
        raise Conflict("consult-error-limit", limit=limit)


async def take(
    ctx: ConsultContext, found: ConsultSlot, user_id: int, form: BookingForm
) -> ConsultBooking:
    """Books the slot through the guard, in the caller's write transaction."""
    if not await take_slot(ctx.session, found.id):
        raise Conflict("consult-error-slot-taken")
    booking = ConsultBooking(
        slot_id=found.id,
        user_id=user_id,
        psychologist_id=found.psychologist_id,
        starts_at=found.starts_at,
        topic=form.topic.value,
        child_grade=form.child_grade,
        contact=form.contact.value,
        phone=form.phone,
        comment=form.comment,
        status=BookingStatus.BOOKED.value,
    )
    ctx.session.add(booking)
    await ctx.session.flush()
    return booking


async def announce(
    ctx: ConsultContext, booking: ConsultBooking, found: ConsultSlot, *, rescheduled: bool
) -> None:
    """The person's reminders and the psychologist's notice, written with the booking."""
    schedule_reminders(ctx, booking, found)
    user_id = booking.user_id
    names = await ctx.names({found.psychologist_id, user_id})
    ctx.outbox.enqueue(
        user_id=found.psychologist_id,
        kind="consult_notice",
        template="consult-notice-rescheduled" if rescheduled else "consult-notice-booked",
        args={
            "when": ctx.local_when(found.starts_at),
            "name": names.get(user_id or 0, "—"),
            "topic": booking.topic,
        },
        ref=booking_ref(booking.id),
        priority=Priority.NOTICE,
        buttons=ctx.day_button(found.starts_at),
    )


async def book(ctx: ConsultContext, actor: Actor, slot_id: int, form: BookingForm) -> BookingView:
    """Books the slot for the person, or raises Conflict when someone else was first."""
    user_id = need_booker(actor)
    form = check_form(form)
    try:
        async with write_tx(ctx.session):
            found = await bookable_slot(ctx, slot_id)
            await check_active_limit(ctx, user_id, replacing=False)
            booking = await take(ctx, found, user_id, form)
            await announce(ctx, booking, found, rescheduled=False)
    except IntegrityError as exc:
        raise Conflict("consult-error-slot-taken") from exc
    log.info("consult booking %s: slot %s by user %s", booking.id, slot_id, user_id)
    await ctx.session.refresh(found)
    return await booking_view(ctx, actor, booking, found)
