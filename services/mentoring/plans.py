"""The individual development plan: goals are the mentee's difficulty topics from the latest
diagnosis, steps come from the template and are then the mentor's to edit. The mentee marks
a step done, the mentor confirms it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select

from db.models import MentoringStep, Mentorship
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput, NotFound
from services.mentoring import reminders, rules
from services.mentoring.common import MentoringContext
from services.mentoring.plans_data import plan_template
from services.mentoring.types import Level, Side, Status, StepKind

log = logging.getLogger(__name__)
TITLE_MAX = 300


def plan_topics(baseline: dict[str, str]) -> tuple[str, ...]:
    """Serious topics first; with none, the topics of some difficulty."""
    limit = plan_template().max_topics
    serious = sorted(t for t, level in baseline.items() if level == Level.SERIOUS.value)
    some = sorted(t for t, level in baseline.items() if level == Level.SOME.value)
    return tuple((serious or some)[:limit])


def create_plan(ctx: MentoringContext, pair: Mentorship, start: datetime) -> list[MentoringStep]:
    """The template's steps, due after `start`; called in the activating transaction."""
    topics = plan_topics(pair.baseline or {})
    steps: list[MentoringStep] = []
    for item in plan_template().steps:
        for topic in (topics or (None,)) if item.per_topic else (None,):
            steps.append(
                MentoringStep(
                    mentorship_id=pair.id,
                    position=len(steps) + 1,
                    kind=item.kind.value,
                    topic=topic,
                    due_at=start + timedelta(days=item.days),
                )
            )
    ctx.session.add_all(steps)
    return steps


async def schedule_plan(
    ctx: MentoringContext, pair: Mentorship, steps: list[MentoringStep]
) -> None:
    await ctx.session.flush()
    for step in steps:
        reminders.schedule_step(ctx, pair, step)


async def _step_of(
    ctx: MentoringContext, actor: Actor, step_id: int, side: Side
) -> tuple[MentoringStep, Mentorship]:
    """The step and its mentorship, for the given side of an active one (rights first)."""
    step = await ctx.session.get(MentoringStep, step_id, populate_existing=True)
    if step is None:
        raise NotFound("mentoring-error-not-found")
    pair = await ctx.mentorship(step.mentorship_id)
    rules.require_side(actor, pair, side)
    if pair.status != Status.ACTIVE.value:
        raise Conflict("mentoring-error-not-active")
    return step, pair


async def mark_done(ctx: MentoringContext, actor: Actor, step_id: int) -> bool:
    """The mentee marks a step done. False when it already was (a double tap)."""
    async with write_tx(ctx.session):
        step, pair = await _step_of(ctx, actor, step_id, Side.MENTEE)
        if step.done_at is not None:
            return False
        step.done_at = ctx.now()
        await reminders.cancel_step(ctx, step.id)
    log.info("mentoring step done pair=%s step=%s", pair.id, step_id)
    return True


async def confirm(ctx: MentoringContext, actor: Actor, step_id: int) -> bool:
    """The mentor confirms a step (done or not marked yet). False when already confirmed."""
    async with write_tx(ctx.session):
        step, pair = await _step_of(ctx, actor, step_id, Side.MENTOR)
        if step.confirmed_at is not None:
            return False
        now = ctx.now()
        step.done_at = step.done_at or now
        step.confirmed_at = now
        await reminders.cancel_step(ctx, step.id)
    log.info("mentoring step confirmed pair=%s step=%s", pair.id, step_id)
    return True


async def add_step(
    ctx: MentoringContext, actor: Actor, pair_id: int, title: str, due_at: datetime
) -> int:
    title = " ".join(title.split())
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput("mentoring-error-step-title")
    if due_at <= ctx.now():
        raise InvalidInput("mentoring-error-due-past")
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        rules.require_side(actor, pair, Side.MENTOR)
        if pair.status != Status.ACTIVE.value:
            raise Conflict("mentoring-error-not-active")
        last = await ctx.session.scalar(
            select(func.max(MentoringStep.position)).where(MentoringStep.mentorship_id == pair.id)
        )
        step = MentoringStep(
            mentorship_id=pair.id,
            position=int(last or 0) + 1,
            kind=StepKind.CUSTOM.value,
            title=title,
            due_at=due_at,
        )
        ctx.session.add(step)
        await ctx.session.flush()
        reminders.schedule_step(ctx, pair, step)
        return step.id


async def move_step(ctx: MentoringContext, actor: Actor, step_id: int, due_at: datetime) -> None:
    if due_at <= ctx.now():
        raise InvalidInput("mentoring-error-due-past")
    async with write_tx(ctx.session):
        step, pair = await _step_of(ctx, actor, step_id, Side.MENTOR)
        step.due_at = due_at
        await reminders.cancel_step(ctx, step.id)
        if step.done_at is None:
            reminders.schedule_step(ctx, pair, step)


async def remove_step(ctx: MentoringContext, actor: Actor, step_id: int) -> None:
    async with write_tx(ctx.session):
        step, _ = await _step_of(ctx, actor, step_id, Side.MENTOR)
        await reminders.cancel_step(ctx, step.id)
        await ctx.session.delete(step)
