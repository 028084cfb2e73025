"""What every broadcasts module works with, and the staff check they all repeat."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from services.audiences import AudienceSource
from services.context import Actor, Clock, Policy
from services.errors import AccessDenied


@dataclass(frozen=True, slots=True)
class BroadcastScope:
    session: AsyncSession
    policy: Policy
    clock: Clock
    # The audiences other features offer, by name (handed in by the container).
    sources: Mapping[str, AudienceSource] = field(default_factory=dict)


def require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()
