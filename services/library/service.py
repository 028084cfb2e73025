"""The library: the one object handlers use, a thin front over the feature's modules
(rules: upload checks; materials: add, read, search; review: a methodist's decisions;
sharing: inline mode and deep links; stats: opened and sent counts, report figures)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Topic
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from services.library import channel, event_materials, materials, review, rules, sharing, stats
from services.library.channel import PostEdit
from services.library.scope import (
    EventPeople,
    EventPeopleOf,
    EventPosts,
    EventSearch,
    LibraryScope,
    can_review,
    no_events,
    no_people,
    no_posts,
)
from services.library.types import (
    LibraryStats,
    MaterialDraft,
    MaterialPage,
    MaterialView,
    SharedItem,
    Upload,
)


class LibraryService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        outbox: OutboxService,
        events_search: EventSearch = no_events,
        event_posts: EventPosts = no_posts,
        event_people: EventPeopleOf = no_people,
    ) -> None:
        self.scope = LibraryScope(
            session, policy, clock, outbox, events_search, event_posts, event_people
        )

    def can_review(self, actor: Actor) -> bool:
        return can_review(actor)

    def check_upload(self, upload: Upload) -> Upload:
        return rules.check_upload(upload)

    def check_title(self, text: str | None) -> str:
        return rules.check_title(text)

    def check_description(self, text: str | None) -> str:
        return rules.check_description(text)

    def check_link(self, text: str | None) -> str:
        return rules.check_link(text)

    async def add(self, actor: Actor, draft: MaterialDraft) -> MaterialView:
        return await materials.add(self.scope, actor, draft)

    async def get(self, actor: Actor, material_id: int) -> MaterialView:
        return await materials.get(self.scope, actor, material_id)

    async def open(self, actor: Actor, material_id: int) -> MaterialView:
        """A card shown to someone: counted as opened."""
        view = await materials.get(self.scope, actor, material_id)
        await stats.count_opened(self.scope, material_id)
        return view

    async def search(
        self,
        actor: Actor,
        query: str | None = None,
        topic: Topic | None = None,
        page: int = 0,
        event_id: int | None = None,
    ) -> MaterialPage:
        return await materials.search(self.scope, actor, query, topic, page, event_id)

    async def mine(self, actor: Actor) -> tuple[MaterialView, ...]:
        return await materials.mine(self.scope, actor)

    async def on_topics(
        self, topics: tuple[Topic, ...], limit: int = 3
    ) -> tuple[tuple[int, str], ...]:
        return await materials.on_topics(self.scope, topics, limit)

    async def file_sent(self, material_id: int) -> None:
        await stats.count_sent(self.scope, material_id)

    async def file_broken(self, material_id: int) -> None:
        await materials.mark_broken(self.scope, material_id)

    async def review_queue(self, actor: Actor) -> tuple[MaterialView, ...]:
        return await review.queue(self.scope, actor)

    async def approve(self, actor: Actor, material_id: int) -> MaterialView:
        return await review.approve(self.scope, actor, material_id)

    async def decline(self, actor: Actor, material_id: int, reason: str | None) -> MaterialView:
        return await review.decline(self.scope, actor, material_id, reason)

    async def ask_change(self, actor: Actor, material_id: int, note: str | None) -> MaterialView:
        return await review.ask_change(self.scope, actor, material_id, note)

    async def revise(
        self, actor: Actor, material_id: int, title: str, description: str
    ) -> MaterialView:
        return await review.revise(self.scope, actor, material_id, title, description)

    async def inline_items(self, actor: Actor, query: str) -> tuple[SharedItem, ...]:
        return await sharing.inline_items(self.scope, actor, query)

    def deep_link(self, kind: str, item_id: int) -> str:
        return sharing.deep_link(self.scope, kind, item_id)

    async def stats(self, start: datetime, end: datetime) -> LibraryStats:
        return await stats.library_stats(self.scope.session, start, end)

    async def channel_edits_due(self) -> tuple[PostEdit, ...]:
        """For the scheduler: channel posts whose seats figure should be edited now."""
        return await channel.edits_due(self.scope)

    async def channel_post_shown(self, event_id: int, seats_left: int | None) -> None:
        await channel.shown(self.scope, event_id, seats_left)

    async def event(self, event_id: int) -> EventPeople:
        """The event whose materials are shown (its title and topic)."""
        return await event_materials.event_of(self.scope, event_id)

    async def send_event_materials(self, actor: Actor, event_id: int, include_absent: bool) -> int:
        return await event_materials.send_to_participants(
            self.scope, actor, event_id, include_absent
        )
