"""The library: event materials, methodical materials and shared best practices.

Revision ID: 0011
Revises: 0009
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "library_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("file_id", sa.String(length=200), nullable=True),
        sa.Column("file_type", sa.String(length=16), nullable=True),
        sa.Column("file_size", sa.Integer(), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("review_note", sa.String(length=500), nullable=True),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("author_withdrew", sa.Boolean(), nullable=False),
        sa.Column("file_broken", sa.Boolean(), nullable=False),
        sa.Column("opened_count", sa.Integer(), nullable=False),
        sa.Column("sent_count", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            db.base.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_library_materials_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_library_materials_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_library_materials_school_id_schools"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by"],
            ["users.id"],
            name=op.f("fk_library_materials_reviewed_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_materials")),
    )
    with op.batch_alter_table("library_materials") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_library_materials_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_library_materials_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            "ix_library_materials_status_topic", ["status", "topic"], unique=False
        )
    op.create_table(
        "library_channel_posts",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("shown_seats", sa.Integer(), nullable=True),
        sa.Column("edited_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_library_channel_posts_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_library_channel_posts")),
    )


def downgrade() -> None:
    op.drop_table("library_channel_posts")
    with op.batch_alter_table("library_materials") as batch_op:
        batch_op.drop_index("ix_library_materials_status_topic")
        batch_op.drop_index(batch_op.f("ix_library_materials_event_id"))
        batch_op.drop_index(batch_op.f("ix_library_materials_author_id"))
    op.drop_table("library_materials")
