"""Who cancelled a consultation booking: the person or the psychologist.

The consultation report counted both as one figure; a psychologist's cancellations say
something else about the service than the families' own and are now shown apart. Earlier
cancellations stay NULL (not known) and count as cancellations without a side.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "consult_bookings", sa.Column("cancelled_by", sa.String(length=16), nullable=True)
    )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table; batch mode does that on both dialects.
    with op.batch_alter_table("consult_bookings") as batch:
        batch.drop_column("cancelled_by")
