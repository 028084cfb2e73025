"""What a broadcast is made of: its audience, the draft being composed, and its progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from db.enums import Role, Subject

BODY_MAX = 4000
REF = "broadcast"
CHANNEL_REF = "broadcast-channel"
KIND = "broadcast"


class BroadcastSchoolCategory(StrEnum):
    """The school categories a broadcast audience can be narrowed to (stored in the draft)."""

    LOW_RESULTS = "low_results"  # ШНРО
    UNFAVOURABLE = "unfavourable"  # ШФНСУ


class BroadcastState(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class AttachmentType(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True)
class BroadcastAudience:
    """Filters of different kinds are combined with AND (teachers AND school № 1); several
    values of one kind with OR (school № 1 OR school № 2; registrants of event 5 OR of 7)."""

    roles: frozenset[Role] = frozenset()
    school_ids: frozenset[int] = frozenset()
    categories: frozenset[BroadcastSchoolCategory] = frozenset()
    subjects: frozenset[Subject] = frozenset()
    # (source name, object id) pairs from the audience sources of other features.
    sources: frozenset[tuple[str, int]] = frozenset()

    @property
    def is_everyone(self) -> bool:
        return not (
            self.roles or self.school_ids or self.categories or self.subjects or self.sources
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "roles": sorted(self.roles),
            "schools": sorted(self.school_ids),
            "categories": sorted(self.categories),
            "subjects": sorted(self.subjects),
            "sources": sorted([name, ident] for name, ident in self.sources),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> BroadcastAudience:
        data = data or {}
        return cls(
            roles=frozenset(Role(r) for r in data.get("roles", [])),
            school_ids=frozenset(int(s) for s in data.get("schools", [])),
            categories=frozenset(BroadcastSchoolCategory(c) for c in data.get("categories", [])),
            subjects=frozenset(Subject(s) for s in data.get("subjects", [])),
            sources=frozenset((str(n), int(i)) for n, i in data.get("sources", [])),
        )


@dataclass(frozen=True, slots=True)
class Draft:
    body: str
    audience: BroadcastAudience = field(default_factory=BroadcastAudience)
    attachment_type: AttachmentType | None = None
    attachment_file_id: str | None = None
    to_channel: bool = False


@dataclass(frozen=True, slots=True)
class Progress:
    broadcast_id: int
    state: BroadcastState
    author_chat_id: int | None
    author_locale: str
    message_id: int | None
    total: int
    sent: int
    failed: int
    blocked: int
    left: int
    cancelled: int
    started_at: datetime | None
    scheduled_at: datetime | None
    rate: float  # messages per second since the first send
    eta_seconds: int | None

    @property
    def finished(self) -> bool:
        return self.left == 0
