from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin


class Material(TimestampMixin, Base):
    """One library material: a file kept by Telegram (only its id is stored) or a link.

    A teacher's submission waits for a methodist's review; staff's own uploads and event
    materials are approved at once. `search_text` is the folded title and description
    (db/search.py), because SQLite's lower() does not fold Cyrillic.
    """

    __tablename__ = "library_materials"
    __table_args__ = (Index("ix_library_materials_status_topic", "status", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    file_id: Mapped[str | None] = mapped_column(String(200))
    file_type: Mapped[str | None] = mapped_column(String(16))
    file_size: Mapped[int | None]
    link: Mapped[str | None] = mapped_column(String(500))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    review_note: Mapped[str | None] = mapped_column(String(500))
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    # Set by /forget: the author is no longer named, an approved material stays public.
    author_withdrew: Mapped[bool] = mapped_column(default=False)
    # Telegram refused to send the file again: staff are shown it, people are not misled.
    file_broken: Mapped[bool] = mapped_column(default=False)
    opened_count: Mapped[int] = mapped_column(default=0)
    sent_count: Mapped[int] = mapped_column(default=0)


class ChannelPost(Base):
    """An event's post in the centre's channel, kept showing the seats left. Edits of one post
    are at least `services/library/channel.py: MIN_EDIT_INTERVAL` apart (Telegram's limits)."""

    __tablename__ = "library_channel_posts"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    # What the post shows now; None until the first edit after it was posted.
    shown_seats: Mapped[int | None]
    edited_at: Mapped[datetime | None]
