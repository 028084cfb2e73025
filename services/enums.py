"""The vocabularies the edge needs, re-exported so that handlers never import db."""

from db.enums import (
    DIFFICULTY_TOPICS,
    GRANTED_ROLES,
    SELF_CHOSEN_ROLES,
    Experience,
    OutboxState,
    Position,
    Priority,
    Role,
    Subject,
    Topic,
)

__all__ = [
    "DIFFICULTY_TOPICS",
    "GRANTED_ROLES",
    "SELF_CHOSEN_ROLES",
    "Experience",
    "OutboxState",
    "Position",
    "Priority",
    "Role",
    "Subject",
    "Topic",
]
