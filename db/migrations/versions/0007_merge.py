"""Join the capability branches (events, surveys, consultations, broadcasts) into one head.

The four capabilities were built side by side on top of the outbox revision. One head keeps
`alembic upgrade head`, `alembic history` and the next migration unambiguous for operators.

Revision ID: 0007
Revises: 0003, 0004, 0005, 0006
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | Sequence[str] | None = ("0003", "0004", "0005", "0006")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the merge only records that all four branches are applied."""


def downgrade() -> None:
    """Nothing to undo."""
