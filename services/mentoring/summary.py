"""A person's open pairings for their /my (handlers/mentoring registers that part of the
screen in handlers/my_sections.py): as a mentee first, then their mentees as a mentor."""

from __future__ import annotations

from services.context import Actor
from services.mentoring import rules, views
from services.mentoring.common import MentoringContext
from services.mentoring.types import OPEN_STATUSES, MentorshipView


async def open_pairings(ctx: MentoringContext, actor: Actor) -> list[MentorshipView]:
    """Empty for anyone mentoring is not for (a parent, a psychologist) or without one."""
    if actor.user_id is None or not actor.has(*rules.MENTORING_ROLES):
        return []
    found = [v for v in await views.mine(ctx, actor) if v.status in OPEN_STATUSES]
    found.sort(key=lambda v: (v.mentee_id != actor.user_id, v.id))
    return found
