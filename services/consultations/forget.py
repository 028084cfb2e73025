"""/forget: what the consultations keep of a person who withdrew consent (counts only)."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsultBooking, ConsultSlot, ConsultWaiter, OutboxMessage
from services.consultations.types import BookingStatus, CancelledBy, SlotStatus, booking_ref


async def _unname_notices(session: AsyncSession, user_id: int) -> None:
    """The psychologist's notices about the person's bookings carried the person's name; it
    is replaced there too, sent or not."""
    booking_ids = list(
        await session.scalars(select(ConsultBooking.id).where(ConsultBooking.user_id == user_id))
    )
    if not booking_ids:
        return
    notices = await session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.ref_type == booking_ref(0)[0],
            OutboxMessage.ref_id.in_(booking_ids),
            OutboxMessage.user_id != user_id,
        )
    )
    for notice in notices:
        if "name" in (notice.args or {}):
            notice.args = {**notice.args, "name": "—"}


async def _cancel_future(session: AsyncSession, user_id: int) -> None:
    """Nobody would come: future bookings are cancelled and their slots freed."""
    future = select(ConsultBooking.slot_id).where(
        ConsultBooking.user_id == user_id,
        ConsultBooking.status == BookingStatus.BOOKED.value,
    )
    slot_ids = list(await session.scalars(future))
    if not slot_ids:
        return
    await session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id.in_(slot_ids), ConsultSlot.status == SlotStatus.BOOKED.value)
        .values(status=SlotStatus.FREE.value)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(ConsultBooking)
        .where(
            ConsultBooking.user_id == user_id,
            ConsultBooking.status == BookingStatus.BOOKED.value,
        )
        .values(status=BookingStatus.CANCELLED.value, cancelled_by=CancelledBy.PERSON.value)
        .execution_options(synchronize_session=False)
    )


async def forget_consultations(session: AsyncSession, user_id: int) -> None:
    """The person's bookings lose every personal field and their link to the person; the rows
    stay as anonymous counts. Waiting-list rows go."""
    await _unname_notices(session, user_id)
    await _cancel_future(session, user_id)
    await session.execute(
        update(ConsultBooking)
        .where(ConsultBooking.user_id == user_id)
        .values(user_id=None, comment=None, child_grade=None, phone=None, note=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(ConsultWaiter).where(ConsultWaiter.user_id == user_id))
