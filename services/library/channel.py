"""The event's post in the centre's channel shows the seats left, kept up to date as people
register. Telegram limits how often a bot may edit messages in a chat, and a burst of
registrations would otherwise ask for an edit each: a post is edited at most once per
MIN_EDIT_INTERVAL, showing the latest figure, so the last change of a burst is never lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from db.enums import OutboxState
from db.models import ChannelPost, OutboxMessage
from db.tx import write_tx
from services.library.scope import LibraryScope, PostedEvent

MIN_EDIT_INTERVAL = timedelta(seconds=60)
CHANNEL_KEY = "announcement:%:channel"


@dataclass(frozen=True, slots=True)
class PostEdit:
    chat_id: int
    message_id: int
    event: PostedEvent


async def _adopt_new_posts(scope: LibraryScope) -> None:
    """Channel announcements the delivery engine has sent since the last round."""
    known = select(ChannelPost.event_id)
    rows = (
        await scope.session.execute(
            select(OutboxMessage.ref_id, OutboxMessage.chat_id, OutboxMessage.telegram_message_id)
            .where(
                OutboxMessage.dedupe_key.like(CHANNEL_KEY),
                OutboxMessage.state == OutboxState.SENT.value,
                OutboxMessage.telegram_message_id.is_not(None),
                OutboxMessage.ref_id.not_in(known),
            )
            .limit(100)
        )
    ).all()
    if not rows:
        return
    async with write_tx(scope.session):
        for ref_id, chat_id, message_id in rows:
            if ref_id is None or chat_id is None or message_id is None:
                continue
            if await scope.session.get(ChannelPost, ref_id) is None:
                scope.session.add(
                    ChannelPost(event_id=ref_id, chat_id=chat_id, message_id=message_id)
                )


async def edits_due(scope: LibraryScope) -> tuple[PostEdit, ...]:
    """Posts whose figure changed and whose last edit is old enough."""
    await _adopt_new_posts(scope)
    now = scope.clock()
    posts = list(
        (
            await scope.session.scalars(
                select(ChannelPost).where(
                    (ChannelPost.edited_at.is_(None))
                    | (ChannelPost.edited_at <= now - MIN_EDIT_INTERVAL)
                )
            )
        ).all()
    )
    events = {e.event_id: e for e in await scope.event_posts(tuple(p.event_id for p in posts))}
    due = []
    for post in posts:
        event = events.get(post.event_id)
        if event is None or not event.open or event.seats_left is None:
            continue
        if post.shown_seats != event.seats_left:
            due.append(PostEdit(post.chat_id, post.message_id, event))
    return tuple(due)


async def shown(scope: LibraryScope, event_id: int, seats_left: int | None) -> None:
    async with write_tx(scope.session):
        await scope.session.execute(
            update(ChannelPost)
            .where(ChannelPost.event_id == event_id)
            .values(shown_seats=seats_left, edited_at=scope.clock())
        )
