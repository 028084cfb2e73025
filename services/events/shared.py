"""What every events module works with, handed around as one object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.hooks import EventPublishedHook


@dataclass(frozen=True, slots=True)
class EventContext:
    session: AsyncSession
    policy: Policy
    clock: Clock
    outbox: OutboxService
    # Other features (surveys) listen for publications; the container connects them.
    on_published: tuple[EventPublishedHook, ...] = ()

    def local(self, moment: datetime) -> str:
        # Outgoing texts carry the time already in the configured zone, as on every screen.
        return f"{moment.astimezone(self.policy.timezone):%d.%m.%Y %H:%M}"

    def deep_link(self, event_id: int) -> str:
        if not self.policy.bot_username:
            return ""
        return f"https://t.me/{self.policy.bot_username}?start=event_{event_id}"
