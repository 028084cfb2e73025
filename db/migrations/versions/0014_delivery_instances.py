"""Delivery instances and their heartbeats; which instance holds each claimed outbox row.

A process killed mid-broadcast left its claimed rows "sending" until a 5-minute lease ran
out. Each delivery engine now has an id and a heartbeat row; rows claimed by an instance
whose heartbeat is stale are taken back by a live one within seconds (docs/delivery.md).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "delivery_instances",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("started_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_instances")),
    )
    op.add_column("outbox", sa.Column("claimed_by", sa.String(length=36), nullable=True))


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table; batch mode does that on both dialects.
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("claimed_by")
    op.drop_table("delivery_instances")
