"""The psychologist's day (/today): the schedule with bookings, the outcome of each visit,
private notes, and cancelling one booking or all of a day with the people told."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select, update

from db.enums import Priority, Role
from db.models import ConsultBooking, ConsultSlot
from db.tx import write_tx
from services.consultations.common import ConsultContext, slot_view
from services.consultations.privacy import booking_and_slot, booking_view
from services.consultations.rules import NOTE_MAX, clean_reason, need_psychologist
from services.consultations.types import (
    BookingStatus,
    BookingView,
    CancelledBy,
    DaySchedule,
    PsyCancelResult,
    SlotStatus,
    SlotView,
    VisitOutcome,
    booking_ref,
)
from services.consultations.waiting import tell_waiters
from services.context import Actor
from services.delivery.engine import quiet_hours_end_after
from services.delivery.outbox import Button
from services.errors import AccessDenied, Conflict, InvalidInput, NotFound

log = logging.getLogger(__name__)


async def day_schedule(ctx: ConsultContext, actor: Actor, day: date) -> DaySchedule:
    user_id = need_psychologist(actor)
    start, end = ctx.day_bounds(day)
    slots = list(
        await ctx.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.psychologist_id == user_id,
                ConsultSlot.starts_at >= start,
                ConsultSlot.starts_at < end,
                ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BOOKED.value]),
            )
            .order_by(ConsultSlot.starts_at)
        )
    )
    bookings = {
        b.slot_id: b
        for b in await ctx.session.scalars(
            select(ConsultBooking).where(
                ConsultBooking.slot_id.in_([s.id for s in slots]),
                ConsultBooking.status != BookingStatus.CANCELLED.value,
            )
        )
    }
    names = await ctx.names({user_id})
    result: list[tuple[SlotView, BookingView | None]] = []
    for slot in slots:
        booking = bookings.get(slot.id)
        view = await booking_view(ctx, actor, booking, slot) if booking else None
        result.append((slot_view(slot, names), view))
    return DaySchedule(day, result)


async def cancellable_on_day(
    ctx: ConsultContext, psychologist_id: int, day: date
) -> list[tuple[ConsultBooking, ConsultSlot]]:
    """The psychologist's bookings of the day that are still booked and not started."""
    start, end = ctx.day_bounds(day)
    rows = await ctx.session.execute(
        select(ConsultBooking, ConsultSlot)
        .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
        .where(
            ConsultSlot.psychologist_id == psychologist_id,
            ConsultBooking.status == BookingStatus.BOOKED.value,
            ConsultBooking.starts_at >= start,
            ConsultBooking.starts_at < end,
            ConsultBooking.starts_at > ctx.clock(),
        )
        .order_by(ConsultBooking.starts_at)
    )
    return [(booking, slot) for booking, slot in rows.all()]


async def _own_booking(ctx: ConsultContext, actor: Actor, booking_id: int) -> ConsultBooking:
    user_id = need_psychologist(actor)
    booking = await ctx.session.get(ConsultBooking, booking_id)
    if booking is None:
        raise NotFound()
    if booking.psychologist_id != user_id:
        raise AccessDenied()
    return booking


async def mark_outcome(
    ctx: ConsultContext, actor: Actor, booking_id: int, outcome: VisitOutcome
) -> None:
    async with write_tx(ctx.session):
        booking = await _own_booking(ctx, actor, booking_id)
        if booking.status not in (
            BookingStatus.BOOKED.value,
            BookingStatus.DONE.value,
            BookingStatus.NO_SHOW.value,
        ):
            raise Conflict("consult-error-not-active")
        if booking.starts_at > ctx.clock():
            raise Conflict("consult-error-not-started")
        booking.status = outcome.value
        booking.outcome_at = ctx.clock()
        await ctx.outbox.cancel(booking_ref(booking.id))


async def set_note(ctx: ConsultContext, actor: Actor, booking_id: int, note: str) -> None:
    note = (note or "").strip()
    if not note:
        raise InvalidInput("consult-error-note-empty")
    if len(note) > NOTE_MAX:
        raise InvalidInput("consult-error-note-long", limit=NOTE_MAX)
    async with write_tx(ctx.session):
        booking = await _own_booking(ctx, actor, booking_id)
        booking.note = note


def _check_psy_cancellable(
    ctx: ConsultContext, actor: Actor, booking: ConsultBooking, slot: ConsultSlot
) -> None:
    own = (
        actor.user_id is not None
        and actor.has(Role.PSYCHOLOGIST)
        and actor.user_id == slot.psychologist_id
    )
    if not (own or actor.is_admin):
        raise AccessDenied()
    if booking.status == BookingStatus.CANCELLED.value:
        raise Conflict("consult-error-already-cancelled")
    if booking.status != BookingStatus.BOOKED.value:
        raise Conflict("consult-error-outcome-marked")
    if booking.starts_at <= ctx.clock():
        raise Conflict("consult-error-psy-cancel-past")


async def check_psy_cancellable(ctx: ConsultContext, actor: Actor, booking_id: int) -> BookingView:
    """For the confirmation step: refuses at once what `cancel_by_psychologist` would."""
    booking, slot = await booking_and_slot(ctx, booking_id)
    _check_psy_cancellable(ctx, actor, booking, slot)
    return await booking_view(ctx, actor, booking, slot)


async def _in_day_off(ctx: ConsultContext, slot: ConsultSlot) -> bool:
    blocked = await ctx.session.scalar(
        select(ConsultSlot.id)
        .where(
            ConsultSlot.psychologist_id == slot.psychologist_id,
            ConsultSlot.status == SlotStatus.BLOCKED.value,
            ConsultSlot.starts_at < slot.ends_at,
            ConsultSlot.ends_at > slot.starts_at,
        )
        .limit(1)
    )
    return blocked is not None


async def _tell_person(
    ctx: ConsultContext, booking: ConsultBooking, slot: ConsultSlot, reason: str | None
) -> None:
    """The person hears of the cancellation (with the reason) and gets a button to rebook."""
    if booking.user_id is None:
        return
    names = await ctx.names({slot.psychologist_id})
    args = {"when": ctx.local_when(booking.starts_at)}
    args["name"] = names.get(slot.psychologist_id, "—")
    if reason:
        args["reason"] = reason
    ctx.outbox.enqueue(
        user_id=booking.user_id,
        kind="consult_notice",
        template="consult-notice-psy-cancelled-reason"
        if reason
        else "consult-notice-psy-cancelled",
        args=args,
        ref=booking_ref(booking.id),
        priority=Priority.NOTICE,
        # Held back by quiet hours, the notice must still come an hour before the start.
        urgent=booking.starts_at - timedelta(hours=1)
        <= quiet_hours_end_after(ctx.clock(), ctx.policy),
        buttons=[[Button("consult-btn-rebook", "consult_open", {"psy": slot.psychologist_id})]],
    )


async def _psy_release(
    ctx: ConsultContext, booking: ConsultBooking, slot: ConsultSlot, reason: str | None
) -> bool:
    """Cancels one checked booking on the psychologist's side, in the caller's write
    transaction; True when the slot became free again (False: removed, a day off)."""
    # The booking's own guard: the person may be cancelling the same booking right now.
    taken = await ctx.session.execute(
        update(ConsultBooking)
        .where(
            ConsultBooking.id == booking.id,
            ConsultBooking.status == BookingStatus.BOOKED.value,
        )
        .values(
            status=BookingStatus.CANCELLED.value,
            cancelled_at=ctx.clock(),
            cancelled_by=CancelledBy.PSYCHOLOGIST.value,
        )
    )
    if getattr(taken, "rowcount", 0) != 1:
        raise Conflict("consult-error-already-cancelled")
    await ctx.outbox.cancel(booking_ref(booking.id), kinds=["consult_reminder"])
    day_off = await _in_day_off(ctx, slot)
    await ctx.session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id == slot.id, ConsultSlot.status == SlotStatus.BOOKED.value)
        .values(status=(SlotStatus.REMOVED if day_off else SlotStatus.FREE).value)
        .execution_options(synchronize_session=False)
    )
    await _tell_person(ctx, booking, slot, reason)
    if not day_off:
        low, high = ctx.booking_window()
        # A waiting person is taken off the list when told, so only of a bookable slot.
        if low <= slot.starts_at <= high:
            await tell_waiters(ctx, slot.psychologist_id)
    return not day_off


async def cancel_by_psychologist(
    ctx: ConsultContext, actor: Actor, booking_id: int, reason: str | None = None
) -> PsyCancelResult:
    """The slot's psychologist (or an admin) cancels a booking that has not started: the
    person is told (with the reason, if given) and offered another time, the reminders go,
    the slot is freed, or removed when it lies in a day off."""
    text = clean_reason(reason)
    async with write_tx(ctx.session):
        booking, slot = await booking_and_slot(ctx, booking_id)
        _check_psy_cancellable(ctx, actor, booking, slot)
        freed = await _psy_release(ctx, booking, slot, text)
    log.info(
        "consult booking %s cancelled by staff user %s (slot %s)",
        booking_id,
        actor.user_id,
        slot.id,
    )
    return PsyCancelResult(booking_id, freed)


async def cancel_day_by_psychologist(
    ctx: ConsultContext, actor: Actor, day: date, reason: str | None = None
) -> int:
    """Cancels all of the psychologist's bookings of the day still ahead, in one transaction,
    each as `cancel_by_psychologist` would; returns how many."""
    user_id = need_psychologist(actor)
    text = clean_reason(reason)
    async with write_tx(ctx.session):
        rows = await cancellable_on_day(ctx, user_id, day)
        for booking, slot in rows:
            _check_psy_cancellable(ctx, actor, booking, slot)
            await _psy_release(ctx, booking, slot, text)
    log.info(
        "consult day %s: %s bookings cancelled by user %s", day.isoformat(), len(rows), user_id
    )
    return len(rows)
