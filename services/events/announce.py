"""Telling people about an event: its audience and the channel when it is published, the
features listening for publications, the methodists when a coordinator proposes one."""

from __future__ import annotations

from sqlalchemy import select

from db.enums import Priority, Role
from db.models import Event, School, User, UserRole
from services.delivery.outbox import Button, has_chat
from services.events.rules import split
from services.events.shared import EventContext
from services.events.types import EventAudience, ref_of
from services.hooks import PublishedEvent

AUDIENCE_ROLES = {
    EventAudience.TEACHERS: [Role.TEACHER.value],
    EventAudience.PARENTS: [Role.PARENT.value],
    EventAudience.EVERYONE: [Role.TEACHER.value, Role.PARENT.value],
}


def open_button(event: Event) -> list[list[Button]]:
    return [[Button("events-btn-open", "event_open", {"event": event.id})]]


async def tell_methodists(ctx: EventContext, event: Event) -> None:
    """A school's proposal reaches the methodists saying which school and coordinator sent it."""
    school, coordinator = await _proposer(ctx, event)
    rows = await ctx.session.execute(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            UserRole.role.in_([Role.METHODIST.value, Role.ADMIN.value]),
            has_chat(),
        )
        .distinct()
    )
    for user_id in rows.scalars():
        ctx.outbox.enqueue(
            user_id=user_id,
            kind="event_proposal",
            template="events-proposal-new",
            args={
                "title": event.title,
                "starts_at": ctx.local(event.starts_at),
                "school": school,
                "coordinator": coordinator,
            },
            ref=ref_of(event.id),
            buttons=open_button(event),
            dedupe_key=f"event_proposal:{event.id}:{user_id}",
        )


async def _proposer(ctx: EventContext, event: Event) -> tuple[str, str]:
    row = (
        await ctx.session.execute(
            select(School.short_name, User.full_name)
            .select_from(Event)
            .outerjoin(School, School.id == Event.proposed_by_school_id)
            .outerjoin(User, User.id == Event.created_by)
            .where(Event.id == event.id)
        )
    ).first()
    school, coordinator = (row[0], row[1]) if row is not None else (None, None)
    return school or "—", coordinator or "—"


async def audience_ids(ctx: EventContext, event: Event) -> list[int]:
    stmt = (
        select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            UserRole.role.in_(AUDIENCE_ROLES[EventAudience(event.audience)]),
            has_chat(),
        )
        .distinct()
    )
    schools = [int(s) for s in split(event.school_ids)]
    if schools:
        stmt = stmt.where(User.school_id.in_(schools))
    users = list((await ctx.session.execute(stmt)).scalars())
    subjects = set(split(event.subjects))
    result = []
    for user in users:
        user_roles = {r.role for r in user.roles}
        mine = {s.subject for s in user.subjects}
        if subjects and Role.PARENT.value not in user_roles and not subjects & mine:
            continue
        result.append(user.id)
    return result


async def announce(ctx: EventContext, event: Event) -> None:
    """Called inside the publishing transaction: the announcements go out only if it commits."""
    args = {
        "title": event.title,
        "type": event.type,
        "starts_at": ctx.local(event.starts_at),
        "place": event.place or "",
        "link": ctx.deep_link(event.id),
    }
    for user_id in await audience_ids(ctx, event):
        ctx.outbox.enqueue(
            user_id=user_id,
            kind="announcement",
            template="events-announcement",
            args=args,
            priority=Priority.NOTICE,
            ref=ref_of(event.id),
            buttons=open_button(event),
            expires_at=event.starts_at,
            dedupe_key=f"announcement:{event.id}:{user_id}",
        )
    if ctx.policy.channel_id is not None:
        ctx.outbox.enqueue(
            chat_id=ctx.policy.channel_id,
            kind="announcement",
            template="events-announcement",
            args=args,
            priority=Priority.NOTICE,
            ref=ref_of(event.id),
            buttons=[[Button("events-btn-register-link", url=ctx.deep_link(event.id))]]
            if ctx.policy.bot_username
            else (),
            expires_at=event.starts_at,
            dedupe_key=f"announcement:{event.id}:channel",
        )
    await tell_listeners(ctx, event)


async def tell_listeners(ctx: EventContext, event: Event) -> None:
    """The other features' hooks (surveys offer the event to teachers who found its topic
    difficult), inside the same transaction as the publication."""
    if not ctx.on_published:
        return
    published = PublishedEvent(event.id, event.title, event.topic, event.starts_at)
    for hook in ctx.on_published:
        await hook(published)
