"""The library's vocabularies and the views handlers render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from db.enums import Topic


class MaterialKind(StrEnum):
    LESSON_PLAN = "lesson_plan"
    PRESENTATION = "presentation"
    VIDEO = "video"
    ARTICLE = "article"
    PROGRAMME = "programme"
    BEST_PRACTICE = "best_practice"
    EVENT_MATERIAL = "event_material"


class MaterialStatus(StrEnum):
    PENDING = "pending"  # a teacher's submission waiting for a methodist
    CHANGES = "changes"  # a methodist asked the author for a change
    APPROVED = "approved"  # public in the library
    DECLINED = "declined"  # seen only by its author and staff


class FileType(StrEnum):
    DOCUMENT = "document"
    PHOTO = "photo"
    VIDEO = "video"


@dataclass(frozen=True, slots=True)
class Upload:
    """What a person sent as a material's file, as the edge read it from the message."""

    file_id: str | None
    file_type: FileType
    file_size: int | None = None
    mime_type: str | None = None
    file_name: str | None = None


@dataclass(frozen=True, slots=True)
class MaterialDraft:
    title: str
    description: str
    topic: Topic
    kind: MaterialKind
    upload: Upload | None = None
    link: str | None = None
    event_id: int | None = None


@dataclass(frozen=True, slots=True)
class MaterialView:
    id: int
    title: str
    description: str
    topic: Topic
    kind: MaterialKind
    status: MaterialStatus
    author_name: str | None
    school_name: str | None
    author_withdrew: bool
    created_at: datetime
    file_id: str | None
    file_type: FileType | None
    link: str | None
    event_id: int | None
    review_note: str | None
    file_broken: bool
    opened_count: int
    sent_count: int
    is_own: bool


@dataclass(frozen=True, slots=True)
class MaterialPage:
    items: tuple[MaterialView, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class SharedItem:
    """One inline-mode answer: an event or a material, with the deep link back to the bot."""

    kind: str  # "event" or "material"
    item_id: int
    title: str
    description: str
    deep_link: str


@dataclass(frozen=True, slots=True)
class LibraryStats:
    added: int
    practices_by_school: tuple[tuple[str, int], ...]
    practices_by_category: tuple[tuple[str, int], ...]
    most_requested: tuple[tuple[str, int, int], ...]  # title, opened, sent
