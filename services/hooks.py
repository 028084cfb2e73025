"""What one feature tells the others without importing them.

The container (services/container.py) connects a feature's hook to the features that listen,
so events, surveys and the rest stay independent of each other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    """An event at the moment it is published, as other features may see it."""

    event_id: int
    title: str
    topic: str | None
    starts_at: datetime


# Called inside the publishing transaction: what a listener enqueues is sent only if the
# publication commits.
EventPublishedHook = Callable[[PublishedEvent], Awaitable[object]]
