"""The reminders a registered person gets before the event, with "will come / cannot come"."""

from __future__ import annotations

from db.models import Event, Registration
from services.delivery.outbox import Button
from services.events.shared import EventContext
from services.events.types import ref_of


def schedule_reminders(ctx: EventContext, event: Event, reg: Registration) -> None:
    offsets = sorted(set(ctx.policy.reminder_offsets_hours), reverse=True)
    if not offsets:
        return
    args = {
        "title": event.title,
        "starts_at": ctx.local(event.starts_at),
        "place": event.place or "",
    }
    answer = [
        [
            Button("events-btn-will-come", "event_attend_yes", {"registration": reg.id}),
            Button("events-btn-cannot-come", "event_attend_no", {"registration": reg.id}),
        ]
    ]
    ref = ref_of(event.id)
    *earlier, last = offsets
    if earlier:
        ctx.outbox.schedule_reminders(
            user_id=reg.user_id,
            ref=ref,
            starts_at=event.starts_at,
            offsets_hours=earlier,
            template="events-reminder",
            args=args,
            buttons_for={h: answer for h in earlier if h >= 12},
        )
    # The last reminder carries the link of an online event.
    ctx.outbox.schedule_reminders(
        user_id=reg.user_id,
        ref=ref,
        starts_at=event.starts_at,
        offsets_hours=[last],
        template="events-reminder-last",
        args={**args, "link": event.link or ""},
        buttons_for={last: answer} if last >= 12 else None,
    )
