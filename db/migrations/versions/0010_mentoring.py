"""Mentoring: mentorships, their development-plan steps and their meetings.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACE_HOLDING = "status IN ('proposed', 'active')"


def _when(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, db.base.UTCDateTime(timezone=True), nullable=nullable)


def _user_fk(table: str, column: str, ondelete: str = "SET NULL") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=f"fk_{table}_{column}_users", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "mentorships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=True),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("methodist_id", sa.Integer(), nullable=True),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("place", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("baseline", sa.JSON(), nullable=False),
        sa.Column("self_assessment", sa.JSON(), nullable=True),
        sa.Column("conclusion", sa.String(length=1000), nullable=True),
        sa.Column("decline_reason", sa.String(length=300), nullable=True),
        sa.Column("end_reason", sa.String(length=300), nullable=True),
        _when("mentor_agreed_at"),
        _when("mentee_agreed_at"),
        _when("started_at"),
        _when("ended_at"),
        sa.Column(
            "created_at",
            db.base.UTCDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        _user_fk("mentorships", "mentee_id"),
        _user_fk("mentorships", "mentor_id"),
        _user_fk("mentorships", "methodist_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorships")),
    )
    op.create_index(op.f("ix_mentorships_mentor_id"), "mentorships", ["mentor_id"])
    op.create_index(op.f("ix_mentorships_status"), "mentorships", ["status"])
    op.create_index("ix_mentorships_mentee_status", "mentorships", ["mentee_id", "status"])
    op.create_index(
        "uq_mentorships_mentor_place",
        "mentorships",
        ["mentor_id", "place"],
        unique=True,
        sqlite_where=sa.text(PLACE_HOLDING),
        postgresql_where=sa.text(PLACE_HOLDING),
    )
    op.create_table(
        "mentoring_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        _when("due_at", nullable=False),
        _when("done_at"),
        _when("confirmed_at"),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_mentoring_steps_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_steps")),
    )
    op.create_index(op.f("ix_mentoring_steps_mentorship_id"), "mentoring_steps", ["mentorship_id"])
    op.create_table(
        "mentoring_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        _when("held_at", nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("logged_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_mentoring_meetings_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        _user_fk("mentoring_meetings", "logged_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentoring_meetings")),
    )
    op.create_index(
        op.f("ix_mentoring_meetings_mentorship_id"), "mentoring_meetings", ["mentorship_id"]
    )
    op.create_index(op.f("ix_mentoring_meetings_held_at"), "mentoring_meetings", ["held_at"])


def downgrade() -> None:
    op.drop_table("mentoring_meetings")
    op.drop_table("mentoring_steps")
    op.drop_table("mentorships")
