from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin


class OutboxMessage(TimestampMixin, Base):
    """One message the bot sends on its own initiative, written in the same transaction as
    whatever caused it; the delivery engine claims, sends and records the outcome."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "due_at", "priority"),
        Index("ix_outbox_ref", "ref_type", "ref_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # A channel or group instead of a person (announcements to the centre's channel).
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    # Lower is sooner: reminders go before notices, notices before bulk announcements.
    priority: Mapped[int] = mapped_column(default=5)
    urgent: Mapped[bool] = mapped_column(default=False)
    due_at: Mapped[datetime]
    # Past this moment the message is useless (a reminder after the event): dropped, logged.
    expires_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))
    claimed_at: Mapped[datetime | None]
    claim_token: Mapped[str | None] = mapped_column(String(36))
    # The delivery instance (process) holding the claim: its heartbeat says whether it lives.
    claimed_by: Mapped[str | None] = mapped_column(String(36))
    sent_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    ref_type: Mapped[str | None] = mapped_column(String(32))
    ref_id: Mapped[int | None]
    template: Mapped[str | None] = mapped_column(String(100))
    args: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Literal HTML (a staff broadcast's own text) used instead of a template.
    body: Mapped[str | None] = mapped_column(Text)
    buttons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attachment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)


class DeliveryInstance(Base):
    """One running delivery engine (a bot process) and its heartbeat. Rows of `outbox` in
    "sending" whose instance stopped beating are taken back by a live one within seconds."""

    __tablename__ = "delivery_instances"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
