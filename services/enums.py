"""The vocabularies the edge needs, re-exported so that handlers never import db."""

from db.enums import GRANTED_ROLES, SELF_CHOSEN_ROLES, Experience, Position, Role, Subject

__all__ = ["GRANTED_ROLES", "SELF_CHOSEN_ROLES", "Experience", "Position", "Role", "Subject"]
