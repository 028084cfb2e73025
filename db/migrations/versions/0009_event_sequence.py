"""An event's calendar revision (SEQUENCE of its .ics).

Calendar apps keep the copy with the highest SEQUENCE for one UID: an edited or cancelled
event's new .ics must carry a higher number than the one people already imported, or the old
time stays in their calendars. Existing events start at 0 (what they were sent without one).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("sequence", sa.Integer(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table; batch mode does that on both dialects.
    with op.batch_alter_table("events") as batch:
        batch.drop_column("sequence")
