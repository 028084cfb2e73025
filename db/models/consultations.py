from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin


class ConsultSlot(TimestampMixin, Base):
    """One bookable period of one psychologist. `status` moves free -> booked only through a
    conditional UPDATE, which is what keeps a slot from being booked twice."""

    __tablename__ = "consult_slots"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_consult_slots_psy_start", "psychologist_id", "starts_at"),
        Index("ix_consult_slots_status_start", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    psychologist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    format: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ConsultBooking(TimestampMixin, Base):
    """One person's booking of one slot. The partial unique index on active bookings per slot
    is the last line of defence behind the guarded UPDATE of the slot."""

    __tablename__ = "consult_bookings"
    __table_args__ = (
        Index(
            "uq_consult_bookings_active_slot",
            "slot_id",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
        Index("ix_consult_bookings_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("consult_slots.id", ondelete="CASCADE"))
    # Kept after /forget (set to NULL) so anonymous counts survive.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Copied from the slot so reports survive a removed slot and need no join.
    psychologist_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime]
    topic: Mapped[str] = mapped_column(String(32))
    child_grade: Mapped[int | None]
    contact: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16))
    cancelled_at: Mapped[datetime | None]
    # Who cancelled: "person" (the booker, a reschedule, /forget) or "psychologist" (or an
    # admin on their behalf); NULL for cancellations recorded before this column existed.
    cancelled_by: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None]
    comment_purged_at: Mapped[datetime | None]


class ConsultWaiter(TimestampMixin, Base):
    """A person waiting for a slot of one psychologist (NULL: any psychologist)."""

    __tablename__ = "consult_waiters"
    __table_args__ = (UniqueConstraint("user_id", "psychologist_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    psychologist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
