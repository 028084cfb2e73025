"""Reminders before a plan step's due date, through the delivery outbox. They are not urgent,
so the delivery engine holds them through quiet hours."""

from __future__ import annotations

from db.models import MentoringStep, Mentorship
from services.delivery.outbox import Button
from services.mentoring.common import MentoringContext
from services.mentoring.plans_data import plan_template
from services.mentoring.types import step_ref

REMINDER_KIND = "mentoring_step_reminder"


def schedule_step(ctx: MentoringContext, pair: Mentorship, step: MentoringStep) -> None:
    if pair.mentee_id is None:
        return
    offsets = tuple(24.0 * days for days in plan_template().remind_days_before)
    buttons = [[Button("mentoring-btn-open", "mentoring_open", {"pair": pair.id})]]
    ctx.outbox.schedule_reminders(
        user_id=pair.mentee_id,
        ref=step_ref(step.id),
        starts_at=step.due_at,
        offsets_hours=offsets,
        template="mentoring-step-reminder",
        args={
            "step": f"mentoring-step-{step.kind}",
            "title": step.title or "",
            "due": step.due_at,
        },
        buttons_for=dict.fromkeys(offsets, buttons),
        kind=REMINDER_KIND,
    )


async def cancel_step(ctx: MentoringContext, step_id: int) -> None:
    await ctx.outbox.cancel(step_ref(step_id), kinds=[REMINDER_KIND])
