"""A booking's reminders, written to the outbox with the booking and cancelled with it."""

from __future__ import annotations

from db.models import ConsultBooking, ConsultSlot
from services.consultations.common import ConsultContext
from services.consultations.types import booking_ref
from services.delivery.outbox import Button

REMINDER_KIND = "consult_reminder"


def schedule_reminders(ctx: ConsultContext, booking: ConsultBooking, slot: ConsultSlot) -> None:
    params = {"booking_id": booking.id}
    buttons = [
        [
            Button("consult-btn-cancel", "consult_cancel", params),
            Button("consult-btn-reschedule", "consult_reschedule", params),
        ]
    ]
    offsets = ctx.policy.reminder_offsets_hours
    assert booking.user_id is not None
    ctx.outbox.schedule_reminders(
        user_id=booking.user_id,
        ref=booking_ref(booking.id),
        starts_at=slot.starts_at,
        offsets_hours=offsets,
        template="consult-reminder",
        args={"when": ctx.local_when(slot.starts_at), "place": slot.place},
        buttons_for=dict.fromkeys(offsets, buttons),
        kind=REMINDER_KIND,
    )


async def cancel_reminders(ctx: ConsultContext, booking_id: int) -> None:
    await ctx.outbox.cancel(booking_ref(booking_id), kinds=[REMINDER_KIND])
