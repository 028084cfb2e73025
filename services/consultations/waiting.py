"""The waiting list: people who found no free slot are told once when one opens."""

from __future__ import annotations

from sqlalchemy import delete, or_, select

from db.models import ConsultWaiter
from db.tx import write_tx
from services.consultations.common import ConsultContext
from services.consultations.rules import need_booker
from services.context import Actor
from services.delivery.outbox import Button


async def wait_for_slot(ctx: ConsultContext, actor: Actor, psychologist_id: int | None) -> bool:
    """Adds the person to the waiting list; False when they were already on it."""
    user_id = need_booker(actor)
    async with write_tx(ctx.session):
        existing = await ctx.session.scalar(
            select(ConsultWaiter.id).where(
                ConsultWaiter.user_id == user_id,
                ConsultWaiter.psychologist_id.is_(None)
                if psychologist_id is None
                else ConsultWaiter.psychologist_id == psychologist_id,
            )
        )
        if existing is not None:
            return False
        ctx.session.add(ConsultWaiter(user_id=user_id, psychologist_id=psychologist_id))
    return True


async def tell_waiters(ctx: ConsultContext, psychologist_id: int) -> None:
    """Tells everyone waiting for this psychologist (or anyone) once, and takes them off the
    list: the row is deleted in the caller's transaction, the one that writes the message."""
    waiters = list(
        await ctx.session.scalars(
            select(ConsultWaiter).where(
                or_(
                    ConsultWaiter.psychologist_id == psychologist_id,
                    ConsultWaiter.psychologist_id.is_(None),
                )
            )
        )
    )
    if not waiters:
        return
    names = await ctx.names({psychologist_id})
    for waiter in waiters:
        ctx.outbox.enqueue(
            user_id=waiter.user_id,
            kind="consult_notice",
            template="consult-slot-opened",
            args={"name": names.get(psychologist_id, "—")},
            buttons=[[Button("consult-btn-open", "consult_open", {"psy": psychologist_id})]],
        )
    await ctx.session.execute(
        delete(ConsultWaiter).where(ConsultWaiter.id.in_([w.id for w in waiters]))
    )
