"""The vocabularies the edge needs, re-exported so that handlers never import db."""

from db.enums import (
    DIFFICULTY_TOPICS,
    GRANTED_ROLES,
    SCHOOL_POSITIONS,
    SELF_CHOSEN_ROLES,
    STAFF_POSITIONS,
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
    "SCHOOL_POSITIONS",
    "SELF_CHOSEN_ROLES",
    "STAFF_POSITIONS",
    "Experience",
    "OutboxState",
    "Position",
    "Priority",
    "Role",
    "Subject",
    "Topic",
]
