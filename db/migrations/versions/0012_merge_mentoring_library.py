"""Join mentoring (0010) and the library (0011), built side by side on 0009, into one head.

Revision ID: 0012
Revises: 0010, 0011
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0012"
down_revision: str | Sequence[str] | None = ("0010", "0011")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the merge only records that both branches are applied."""


def downgrade() -> None:
    """Nothing to undo."""
