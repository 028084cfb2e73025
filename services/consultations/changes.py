"""A person's own bookings: the list, cancelling one, moving one to another slot."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from db.models import ConsultBooking, ConsultSlot
from db.tx import write_tx
from services.consultations.booking import (
    announce,
    bookable_slot,
    check_active_limit,
    take,
)
from services.consultations.common import ConsultContext
from services.consultations.privacy import booking, booking_view
from services.consultations.reminders import cancel_reminders
from services.consultations.rules import check_form, need_booker, need_user
from services.consultations.types import (
    BookingForm,
    BookingStatus,
    BookingView,
    CancelledBy,
    CancelResult,
    SlotStatus,
    booking_ref,
)
from services.consultations.waiting import tell_waiters
from services.context import Actor
from services.errors import AccessDenied, Conflict, NotFound

log = logging.getLogger(__name__)


async def locked_booking(ctx: ConsultContext, booking_id: int) -> ConsultBooking | None:
    """The booking, re-read under a row lock: on PostgreSQL a person's cancel and the
    psychologist's cancel of the same booking then run one after the other, and the second
    sees the first's status instead of cancelling (and notifying) a second time."""
    return await ctx.session.scalar(
        select(ConsultBooking)
        .where(ConsultBooking.id == booking_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def check_cancellable(ctx: ConsultContext, found: ConsultBooking) -> None:
    if found.status != BookingStatus.BOOKED.value:
        raise Conflict("consult-error-not-active")
    hours = ctx.policy.consult.cancel_notice_hours
    if found.starts_at - timedelta(hours=hours) <= ctx.clock():
        raise Conflict("consult-error-late-cancel", hours=hours)


async def release(
    ctx: ConsultContext, found: ConsultBooking, *, notify_psychologist: bool
) -> None:
    """Cancels the booking on the person's side and frees its slot, in the caller's write
    transaction; people waiting for this psychologist are told."""
    found.status = BookingStatus.CANCELLED.value
    found.cancelled_at = ctx.clock()
    found.cancelled_by = CancelledBy.PERSON.value
    await ctx.session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id == found.slot_id, ConsultSlot.status == SlotStatus.BOOKED.value)
        .values(status=SlotStatus.FREE.value)
        .execution_options(synchronize_session=False)
    )
    await cancel_reminders(ctx, found.id)
    if notify_psychologist and found.psychologist_id is not None:
        ctx.outbox.enqueue(
            user_id=found.psychologist_id,
            kind="consult_notice",
            template="consult-notice-cancelled",
            args={"when": ctx.local_when(found.starts_at)},
            ref=booking_ref(found.id),
            buttons=ctx.day_button(found.starts_at),
        )
    if found.psychologist_id is not None:
        await tell_waiters(ctx, found.psychologist_id)


async def cancel(ctx: ConsultContext, actor: Actor, booking_id: int) -> CancelResult:
    """Cancels the person's booking; too close to the start, nothing changes and the result
    says so (the person is asked to tell the psychologist instead)."""
    user_id = need_user(actor)
    async with write_tx(ctx.session):
        found = await locked_booking(ctx, booking_id)
        if found is None:
            raise NotFound()
        if found.user_id != user_id:
            raise AccessDenied()
        names = await ctx.names({found.psychologist_id})
        psychologist_name = names.get(found.psychologist_id or 0, "—")
        try:
            check_cancellable(ctx, found)
        except Conflict as exc:
            if exc.key != "consult-error-late-cancel":
                raise
            await ctx.session.rollback()
            return CancelResult(booking_id, True, psychologist_name)
        await release(ctx, found, notify_psychologist=True)
    log.info("consult booking %s cancelled by user %s", booking_id, user_id)
    return CancelResult(booking_id, False, psychologist_name)


async def own_active_booking(ctx: ConsultContext, actor: Actor, booking_id: int) -> BookingView:
    """The person's own booking that is still active, for the cancel and reschedule screens:
    a psychologist or admin who may see it is still not the one to cancel or move it from
    there (the psychologist cancels from the day's schedule)."""
    user_id = need_user(actor)
    found = await ctx.session.get(ConsultBooking, booking_id)
    if found is None:
        raise NotFound()
    if found.user_id != user_id:
        raise AccessDenied()
    if found.status != BookingStatus.BOOKED.value:
        raise Conflict("consult-error-not-active")
    return await booking(ctx, actor, booking_id)


async def check_reschedulable(ctx: ConsultContext, actor: Actor, booking_id: int) -> BookingView:
    user_id = need_booker(actor)
    found = await ctx.session.get(ConsultBooking, booking_id)
    if found is None:
        raise NotFound()
    if found.user_id != user_id:
        raise AccessDenied()
    check_cancellable(ctx, found)
    return await booking(ctx, actor, booking_id)


async def reschedule(
    ctx: ConsultContext, actor: Actor, booking_id: int, slot_id: int
) -> BookingView:
    """Moves the booking to another slot with the same form; the old booking is cancelled,
    its slot freed and its reminders cancelled in the same transaction."""
    old_view = await check_reschedulable(ctx, actor, booking_id)
    user_id = need_booker(actor)
    form = check_form(
        BookingForm(
            old_view.topic,
            old_view.contact,
            old_view.child_grade,
            old_view.phone,
            old_view.comment,
        )
    )
    try:
        async with write_tx(ctx.session):
            found = await bookable_slot(ctx, slot_id)
            old = await locked_booking(ctx, booking_id)
            if old is None or old.user_id != user_id:
                raise AccessDenied()
            check_cancellable(ctx, old)
            await check_active_limit(ctx, user_id, replacing=True)
            new = await take(ctx, found, user_id, form)
            await release(
                ctx, old, notify_psychologist=old.psychologist_id != found.psychologist_id
            )
            await announce(ctx, new, found, rescheduled=True)
    except IntegrityError as exc:
        raise Conflict("consult-error-slot-taken") from exc
    log.info("consult booking %s: slot %s by user %s (moved)", new.id, slot_id, user_id)
    await ctx.session.refresh(found)
    return await booking_view(ctx, actor, new, found)


async def upcoming_bookings(ctx: ConsultContext, actor: Actor) -> list[BookingView]:
    """The person's active bookings, soonest first (for /consult and /my)."""
    user_id = need_user(actor)
    rows = await ctx.session.execute(
        select(ConsultBooking, ConsultSlot)
        .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
        .where(
            ConsultBooking.user_id == user_id,
            ConsultBooking.status == BookingStatus.BOOKED.value,
            ConsultBooking.starts_at > ctx.clock() - timedelta(hours=1),
        )
        .order_by(ConsultBooking.starts_at)
    )
    return [await booking_view(ctx, actor, b, s) for b, s in rows.all()]
