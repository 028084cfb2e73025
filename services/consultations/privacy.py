"""Who may see a booking's details: the booking person, the slot's psychologist, admins.
Methodists see counts in the report only; the private note is the psychologist's alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.enums import Role
from db.models import ConsultBooking, ConsultSlot, User
from services.consultations.common import ConsultContext, slot_view
from services.consultations.types import BookingStatus, BookingView, ConsultTopic, Contact
from services.context import Actor
from services.errors import AccessDenied, NotFound


def can_see_details(actor: Actor, booking: ConsultBooking) -> bool:
    if actor.is_admin:
        return True
    if actor.user_id is None:
        return False
    if actor.user_id == booking.user_id:
        return True
    return actor.has(Role.PSYCHOLOGIST) and actor.user_id == booking.psychologist_id


async def booking_view(
    ctx: ConsultContext, actor: Actor, booking: ConsultBooking, slot: ConsultSlot
) -> BookingView:
    if not can_see_details(actor, booking):
        raise AccessDenied()
    names = await ctx.names({slot.psychologist_id, booking.user_id})
    booker_tg = None
    if booking.user_id is not None:
        booker_tg = await ctx.session.scalar(
            select(User.telegram_id).where(User.id == booking.user_id)
        )
    is_psychologist = actor.user_id == booking.psychologist_id
    notice = timedelta(hours=ctx.policy.consult.cancel_notice_hours)
    return BookingView(
        id=booking.id,
        slot=slot_view(slot, names),
        status=BookingStatus(booking.status),
        topic=ConsultTopic(booking.topic),
        child_grade=booking.child_grade,
        contact=Contact(booking.contact),
        phone=booking.phone,
        comment=booking.comment,
        note=booking.note if is_psychologist else None,
        booker_name=names.get(booking.user_id) if booking.user_id else None,
        booker_telegram_id=booker_tg,
        can_cancel=booking.status == BookingStatus.BOOKED
        and booking.starts_at - notice > ctx.clock(),
    )


async def booking_and_slot(
    ctx: ConsultContext, booking_id: int
) -> tuple[ConsultBooking, ConsultSlot]:
    row = (
        await ctx.session.execute(
            select(ConsultBooking, ConsultSlot)
            .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
            .where(ConsultBooking.id == booking_id)
        )
    ).first()
    if row is None:
        raise NotFound()
    return row[0], row[1]


async def booking(ctx: ConsultContext, actor: Actor, booking_id: int) -> BookingView:
    """The booking's details, or AccessDenied for anyone but the booking person, the slot's
    psychologist and admins."""
    found, slot = await booking_and_slot(ctx, booking_id)
    return await booking_view(ctx, actor, found, slot)
