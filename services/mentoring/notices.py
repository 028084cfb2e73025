"""What the bot tells the people of a mentorship, through the outbox in the caller's
transaction. Notices carry no names or texts: the screen behind the button shows them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from db.enums import Priority, Role
from db.models import UserRole
from services.delivery.outbox import Button
from services.mentoring.common import MentoringContext
from services.mentoring.types import mentorship_ref

KIND = "mentoring_notice"


def tell(
    ctx: MentoringContext,
    user_ids: Iterable[int | None],
    template: str,
    pair_id: int,
    *,
    button: bool = True,
) -> None:
    """`button=False` for people who no longer see the mentorship (a mentor it was handed
    over from): its screen would refuse them."""
    buttons = (
        [[Button("mentoring-btn-open", "mentoring_open", {"pair": pair_id})]] if button else []
    )
    for user_id in dict.fromkeys(user_ids):
        if user_id is None:
            continue
        ctx.outbox.enqueue(
            user_id=user_id,
            kind=KIND,
            template=template,
            priority=Priority.NOTICE,
            ref=mentorship_ref(pair_id),
            buttons=buttons,
        )


async def methodists(ctx: MentoringContext) -> list[int]:
    ids = await ctx.session.scalars(
        select(UserRole.user_id).where(UserRole.role == Role.METHODIST.value)
    )
    return await ctx.outbox.with_chat(ids)
