"""The end of a mentorship: the methodist finishes it (or ends it early with a reason), the
mentee assesses the plan's topics on the diagnostics' scale, the mentor writes a conclusion;
the mentor may take a letter of thanks, the mentee a certificate of completion (PDF)."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import delete, select, update

from db.models import MentoringMeeting, MentoringStep, Mentorship
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput
from services.i18n import Text
from services.mentoring import notices, reminders, rules
from services.mentoring.common import MentoringContext
from services.mentoring.plans import plan_topics
from services.mentoring.types import ENDED_STATUSES, Level, Side, Status

log = logging.getLogger(__name__)
REASON_MIN, REASON_MAX = 3, 300
CONCLUSION_MAX = 1000


async def close(
    ctx: MentoringContext, pair: Mentorship, early_reason: str | None, by: int | None
) -> None:
    """Ends an active mentorship inside the caller's transaction: the mentor's place is
    freed, the plan's reminders, meetings planned ahead and a pending hand-over go, both
    sides are told."""
    if pair.status != Status.ACTIVE.value:
        raise Conflict("mentoring-error-not-active")
    pair.status = (Status.ENDED_EARLY if early_reason else Status.FINISHED).value
    pair.end_reason = early_reason
    pair.ended_at = ctx.now()
    pair.place = None
    pair.methodist_id = pair.methodist_id or by
    step_ids = await ctx.session.scalars(
        select(MentoringStep.id).where(MentoringStep.mentorship_id == pair.id)
    )
    for step_id in step_ids:
        await reminders.cancel_step(ctx, step_id)
    # Meetings planned for days still to come will not be held.
    await ctx.session.execute(
        delete(MentoringMeeting)
        .where(MentoringMeeting.mentorship_id == pair.id, MentoringMeeting.held_at > ctx.now())
        .execution_options(synchronize_session=False)
    )
    # A hand-over still waiting for the new mentor has nothing left to take over.
    await ctx.session.execute(
        update(Mentorship)
        .where(Mentorship.replaces_id == pair.id, Mentorship.status == Status.PROPOSED.value)
        .values(status=Status.DECLINED.value, place=None)
        .execution_options(synchronize_session=False)
    )
    notices.tell(ctx, [pair.mentee_id], "mentoring-notice-ended-mentee", pair.id)
    notices.tell(ctx, [pair.mentor_id], "mentoring-notice-ended-mentor", pair.id)


async def finish(
    ctx: MentoringContext, actor: Actor, pair_id: int, early_reason: str | None = None
) -> None:
    rules.require_arranger(actor)
    if early_reason is not None:
        early_reason = " ".join(early_reason.split())
        if not REASON_MIN <= len(early_reason) <= REASON_MAX:
            raise InvalidInput("mentoring-error-reason")
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        await close(ctx, pair, early_reason, actor.user_id)
    log.info("mentoring ended pair=%s early=%s by=%s", pair_id, bool(early_reason), actor.user_id)


async def self_assess(
    ctx: MentoringContext, actor: Actor, pair_id: int, topic: str, level: Level
) -> dict[str, str]:
    """The mentee's level on one of the plan's topics; returns what is answered so far."""
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        rules.require_side(actor, pair, Side.MENTEE)
        if pair.status not in [s.value for s in ENDED_STATUSES]:
            raise Conflict("mentoring-error-not-ended")
        if topic not in plan_topics(pair.baseline or {}):
            raise InvalidInput("mentoring-error-topic")
        pair.self_assessment = {**(pair.self_assessment or {}), topic: level.value}
        return dict(pair.self_assessment)


async def conclude(ctx: MentoringContext, actor: Actor, pair_id: int, text: str) -> None:
    text = " ".join(text.split())
    if not REASON_MIN <= len(text) <= CONCLUSION_MAX:
        raise InvalidInput("mentoring-error-conclusion")
    async with write_tx(ctx.session):
        pair = await ctx.mentorship(pair_id)
        rules.require_side(actor, pair, Side.MENTOR)
        if pair.status not in [s.value for s in ENDED_STATUSES]:
            raise Conflict("mentoring-error-not-ended")
        pair.conclusion = text


def _font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def paper_pdf(heading: str, name: str, body: str, centre: str) -> bytes:
    """A one-page A4 landscape paper, drawn as the events' certificates are."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(_font_path()))
    pdf.set_draw_color(40, 80, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_font("DejaVu", size=14)
    pdf.set_y(24)
    pdf.cell(0, 10, centre, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=34)
    pdf.ln(10)
    pdf.cell(0, 16, heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=24)
    pdf.ln(8)
    pdf.cell(0, 14, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=14)
    pdf.ln(4)
    pdf.multi_cell(0, 9, body, align="C")
    pdf.set_y(170)
    pdf.cell(0, 10, centre, align="R")
    return bytes(pdf.output())


async def paper(ctx: MentoringContext, actor: Actor, pair_id: int, t: Text) -> bytes:
    """The mentor's letter of thanks or the mentee's certificate, for a finished mentorship."""
    pair = await ctx.mentorship(pair_id)
    side = rules.require_side(actor, pair)
    if pair.status != Status.FINISHED.value:
        raise Conflict("mentoring-error-not-finished")
    user = await ctx.person(rules.me(actor))
    centre = ctx.policy.centre_name or t("mentoring-pdf-centre")
    topics = ", ".join(t(f"topic-{topic}") for topic in plan_topics(pair.baseline or {}))
    assert pair.started_at is not None and pair.ended_at is not None
    zone = ctx.policy.timezone
    period = (
        f"{pair.started_at.astimezone(zone):%d.%m.%Y} – {pair.ended_at.astimezone(zone):%d.%m.%Y}"
    )
    key = "mentoring-pdf-thanks" if side == Side.MENTOR else "mentoring-pdf-certificate"
    body = t(f"{key}-body", period=period, topics=topics or "—")
    return paper_pdf(t(f"{key}-heading"), user.full_name or "—", body, centre)
