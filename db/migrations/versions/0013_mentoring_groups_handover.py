"""Mentoring: a meeting logged once for a whole group, and handing a pairing over to another
mentor.

`mentoring_meetings.shared_id`: a group meeting is stored once per member's mentorship (each
member's figures and plan screen count it), and its copies share the first copy's id, so the
group screen shows it once and /forget erases its note in every copy.

`mentorships.replaces_id`: a proposal to hand an active mentorship over to another mentor
names the mentorship it would take over; when the new mentor agrees, that mentorship (its plan
and meetings) continues with them and the proposal row goes.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("mentoring_meetings", sa.Column("shared_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_mentoring_meetings_shared_id"), "mentoring_meetings", ["shared_id"])
    op.add_column("mentorships", sa.Column("replaces_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_index(op.f("ix_mentoring_meetings_shared_id"), table_name="mentoring_meetings")
    # SQLite drops a column by rebuilding the table; batch mode does that on both dialects.
    with op.batch_alter_table("mentoring_meetings") as batch:
        batch.drop_column("shared_id")
    with op.batch_alter_table("mentorships") as batch:
        batch.drop_column("replaces_id")
