from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin, utcnow


class Event(TimestampMixin, Base):
    """A network event. `seats_taken` counts registered plus offered seats and is only ever
    changed by guarded UPDATEs, so the capacity check and the insert cannot interleave."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR seats_taken <= capacity", name="seats_within"),
        CheckConstraint("seats_taken >= 0", name="seats_nonneg"),
        Index("ix_events_status_start", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    topic: Mapped[str] = mapped_column(String(32))
    format: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str | None] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int | None]
    seats_taken: Mapped[int] = mapped_column(default=0)
    registration_deadline: Mapped[datetime | None]
    audience: Mapped[str] = mapped_column(String(16))
    # Comma-separated Subject values and school ids; empty means "no limit".
    subjects: Mapped[str] = mapped_column(String(400), default="")
    school_ids: Mapped[str] = mapped_column(String(400), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(24), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_by_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("schools.id", ondelete="SET NULL")
    )
    decline_reason: Mapped[str | None] = mapped_column(String(500))
    checkin_code: Mapped[str | None] = mapped_column(String(8))
    checkin_until: Mapped[datetime | None]
    # Set once the feedback requests were scheduled, so they are never scheduled twice.
    feedback_requested_at: Mapped[datetime | None]
    # The .ics SEQUENCE: raised by every change people are told of, so calendar apps replace
    # the copy they imported (same UID) instead of keeping the old time.
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Registration(TimestampMixin, Base):
    """One person's place in one event. The UNIQUE pair is the last line of defence against
    a double registration; a cancelled row is reused when the person registers again."""

    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_registrations_queue", "event_id", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    # The waiting-list order (FIFO): when the person last joined.
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    offered_until: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    attended_at: Mapped[datetime | None]
    feedback_score: Mapped[int | None]
    feedback_comment: Mapped[str | None] = mapped_column(String(1000))
    feedback_at: Mapped[datetime | None]
