"""What people on an event are told when it changes or is cancelled: everyone affected
(registered, offered, waiting), in their own language, with the updated .ics attached."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from db.enums import Priority
from db.models import Event, Registration, User
from services.events import lookup
from services.events.announce import open_button
from services.events.files import file_name, ics_bytes
from services.events.shared import EventContext
from services.events.types import Change, RegStatus, ref_of
from services.i18n import default_translator


async def _locales(ctx: EventContext, regs: Sequence[Registration]) -> dict[int, str]:
    if not regs:
        return {}
    rows = await ctx.session.execute(
        select(User.id, User.locale).where(User.id.in_([r.user_id for r in regs]))
    )
    return {user_id: locale or ctx.policy.default_locale for user_id, locale in rows}


def calendar_attachment(
    ctx: EventContext, event: Event, locale: str, *, with_link: bool, cancelled: bool = False
) -> dict[str, Any]:
    """The .ics as an outbox attachment (a couple of kilobytes, kept in the row itself, so
    the delivery engine sends exactly what was true when the change was made)."""
    view = lookup.view(ctx, event, None, manage=True)
    zone = ctx.policy.timezone
    data = ics_bytes(
        view,
        zone,
        default_translator().bind(locale),
        now=ctx.clock(),
        with_link=with_link,
        cancelled=cancelled,
    )
    return {
        "type": "document",
        "filename": file_name(event.title, event.starts_at, zone, "ics"),
        "data": base64.b64encode(data).decode("ascii"),
    }


async def tell_changed(
    ctx: EventContext, event: Event, regs: Sequence[Registration], changes: Sequence[Change]
) -> None:
    summary = "\n".join(f"{c.old} → {c.new}" for c in changes if c.old or c.new)
    fields = ",".join(c.field.value for c in changes)
    locales = await _locales(ctx, regs)
    for reg in regs:
        locale = locales.get(reg.user_id, ctx.policy.default_locale)
        ctx.outbox.enqueue(
            user_id=reg.user_id,
            kind="event_changed",
            template="events-changed",
            args={
                "title": event.title,
                "fields": fields,
                "summary": summary,
                "status": reg.status,
            },
            priority=Priority.NOTICE,
            urgent=True,
            ref=ref_of(event.id),
            buttons=open_button(event),
            # The link stays with the people who hold a seat, as on the card.
            attachment=calendar_attachment(
                ctx, event, locale, with_link=reg.status == RegStatus.REGISTERED.value
            ),
        )


async def tell_cancelled(ctx: EventContext, event: Event, regs: Sequence[Registration]) -> None:
    locales = await _locales(ctx, regs)
    for reg in regs:
        locale = locales.get(reg.user_id, ctx.policy.default_locale)
        ctx.outbox.enqueue(
            user_id=reg.user_id,
            kind="event_cancelled",
            template="events-cancelled-notice",
            args={"title": event.title, "starts_at": ctx.local(event.starts_at)},
            urgent=True,
            ref=ref_of(event.id),
            attachment=calendar_attachment(ctx, event, locale, with_link=False, cancelled=True),
        )
