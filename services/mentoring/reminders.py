"""Reminders before a plan step's due date, through the delivery outbox. They are not urgent,
so the delivery engine holds them through quiet hours."""

from __future__ import annotations

from db.models import MentoringStep, Mentorship
from services.delivery.engine import PARTS_ARG
from services.delivery.outbox import Button
from services.mentoring.common import MentoringContext
from services.mentoring.plans_data import plan_template
from services.mentoring.types import StepKind, step_ref

REMINDER_KIND = "mentoring_step_reminder"


def _parts(step: MentoringStep) -> list[list[object]]:
    """The step and its topic as lines of their own: the engine translates each key in the
    recipient's language when it sends (an argument is never translated)."""
    if step.kind == StepKind.CUSTOM.value:
        parts: list[list[object]] = [["mentoring-step-custom-title", {"title": step.title or ""}]]
    else:
        parts = [[f"mentoring-step-{step.kind}", {}]]
    if step.topic:
        parts.append([f"topic-{step.topic}", {}])
    return parts


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
        args={"due": step.due_at, PARTS_ARG: _parts(step)},
        buttons_for=dict.fromkeys(offsets, buttons),
        kind=REMINDER_KIND,
    )


async def cancel_step(ctx: MentoringContext, step_id: int) -> None:
    await ctx.outbox.cancel(step_ref(step_id), kinds=[REMINDER_KIND])
