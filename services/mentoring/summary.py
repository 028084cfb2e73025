"""A person's mentoring in their /my (the events' screen, through the port the container
hands in): each open pairing, with the plan's progress, the next step and the next meeting,
as phrases the screen words in the person's language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.context import Actor
from services.hooks import MySection
from services.i18n import Phrase
from services.mentoring import rules, views
from services.mentoring.common import MentoringContext
from services.mentoring.types import OPEN_STATUSES, MentorshipView, Status, StepView

SHOWN = 5  # pairings listed; a mentor of a bigger group is pointed to /mentoring for the rest


def step_phrase(step: StepView) -> Phrase:
    """A plan step's name: the typed title, or the template's words with the goal topic."""
    if step.title:
        return Phrase("mentoring-step-custom-title", {"title": step.title})
    name = Phrase(f"mentoring-step-{step.kind.value}")
    if step.topic:
        return Phrase(
            "mentoring-step-on-topic", {"step": name, "topic": Phrase(f"topic-{step.topic}")}
        )
    return name


def _day(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%d.%m.%Y}"


def _head(view: MentorshipView, user_id: int) -> Phrase:
    status = Phrase(f"mentoring-status-{view.status.value}")
    if view.mentor_id == user_id:
        return Phrase("mentoring-my-as-mentor", {"name": view.mentee_name, "status": status})
    if view.status == Status.REQUESTED:
        return Phrase("mentoring-my-requested")
    return Phrase("mentoring-my-as-mentee", {"name": view.mentor_name, "status": status})


def _pairing(view: MentorshipView, user_id: int, now: datetime, zone: ZoneInfo) -> list[Phrase]:
    lines = [_head(view, user_id)]
    if view.status != Status.ACTIVE:
        return lines
    lines.append(
        Phrase("mentoring-my-progress", {"done": view.confirmed, "total": len(view.steps)})
    )
    step = view.next_step
    if step is not None:
        lines.append(
            Phrase(
                "mentoring-my-next-step",
                {"step": step_phrase(step), "due": _day(step.due_at, zone)},
            )
        )
    planned = view.next_meeting(now)
    last = view.last_meeting(now)
    if planned is not None:
        fmt = Phrase(f"mentoring-format-{planned.format.value}")
        lines.append(
            Phrase(
                "mentoring-my-next-meeting", {"date": _day(planned.held_at, zone), "format": fmt}
            )
        )
    elif last is not None:
        lines.append(Phrase("mentoring-my-no-meeting-last", {"date": _day(last.held_at, zone)}))
    else:
        lines.append(Phrase("mentoring-my-no-meeting"))
    return lines


async def my_section(ctx: MentoringContext, actor: Actor) -> MySection | None:
    """None when the person has no open pairing (as mentor or mentee)."""
    if actor.user_id is None or not actor.has(*rules.MENTORING_ROLES):
        return None  # a parent or a psychologist: mentoring is not theirs
    mine = [v for v in await views.mine(ctx, actor) if v.status in OPEN_STATUSES]
    if not mine:
        return None
    # The mentee's own pairings first, then the mentees of the person as a mentor.
    mine.sort(key=lambda v: (v.mentee_id != actor.user_id, v.id))
    now, zone = ctx.now(), ctx.policy.timezone
    lines = [Phrase("mentoring-my-title")]
    for view in mine[:SHOWN]:
        lines += _pairing(view, actor.user_id, now, zone)
    if len(mine) > SHOWN:
        lines.append(Phrase("mentoring-my-more", {"count": len(mine) - SHOWN}))
    lines.append(Phrase("mentoring-my-open"))
    return MySection(tuple(lines))
