"""Mentoring: a mentorship (one mentor, one mentee), its development plan and its meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin

# The statuses that hold one of a mentor's places (see `place` below).
PLACE_HOLDING = "status IN ('proposed', 'active')"


class Mentorship(TimestampMixin, Base):
    """One mentee with one mentor. A group is several mentorships of one mentor sharing
    `group_id` (the first one's id). A mentee's request is a row without a mentor yet.

    `place` numbers the mentor's places (1..limit) while the mentorship is proposed or
    active; the partial unique index makes two methodists who give the same mentor's last
    free place at once collide, so only one of them wins."""

    __tablename__ = "mentorships"
    __table_args__ = (
        Index(
            "uq_mentorships_mentor_place",
            "mentor_id",
            "place",
            unique=True,
            sqlite_where=text(PLACE_HOLDING),
            postgresql_where=text(PLACE_HOLDING),
        ),
        Index("ix_mentorships_mentee_status", "mentee_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL after /forget (the row stays as an anonymous count) or while only requested.
    mentee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The responsible methodist (or coordinator) who arranged it.
    methodist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    form: Mapped[str] = mapped_column(String(16), default="individual")
    group_id: Mapped[int | None]
    # A proposal to hand an active mentorship over to another mentor: the one it takes over
    # (its plan and meetings continue with the new mentor once they agree).
    replaces_id: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), index=True)
    place: Mapped[int | None]
    # Why the mentee asks (young specialist, serious difficulty), when it came as a request.
    reason: Mapped[str | None] = mapped_column(String(16))
    # School category of the mentee at the start, kept for reports after /forget.
    category: Mapped[str] = mapped_column(String(16), default="other")
    # The diagnosis at the start: topic -> level (none / some / serious).
    baseline: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    self_assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    conclusion: Mapped[str | None] = mapped_column(String(1000))
    decline_reason: Mapped[str | None] = mapped_column(String(300))
    end_reason: Mapped[str | None] = mapped_column(String(300))
    mentor_agreed_at: Mapped[datetime | None]
    mentee_agreed_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]


class MentoringStep(Base):
    """One step of the development plan. The mentee marks it done, the mentor confirms."""

    __tablename__ = "mentoring_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    # A template step's code (its text is a locale key) or "custom" with `title` typed in.
    kind: Mapped[str] = mapped_column(String(32))
    topic: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(300))
    due_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]


class MentoringMeeting(Base):
    """A meeting either side logged. The note is personal text: the pair (the group), the
    responsible methodist and admins see it, /forget erases it.

    A group meeting is logged once and stored once per member's mentorship, so each member's
    plan screen and figures count it; the copies share `shared_id` (the first copy's id)."""

    __tablename__ = "mentoring_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True
    )
    held_at: Mapped[datetime] = mapped_column(index=True)
    format: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(1000))
    logged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    shared_id: Mapped[int | None] = mapped_column(index=True)
