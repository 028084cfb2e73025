"""Domain errors carry a locale key; the edge translates them for the person."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    key = "error-generic"

    def __init__(self, key: str | None = None, /, **args: Any) -> None:
        self.key = key or type(self).key
        self.args_for_text = args
        super().__init__(self.key)


class AccessDenied(DomainError):
    key = "error-access-denied"


class NotFound(DomainError):
    key = "error-not-found"


class InvalidInput(DomainError):
    key = "error-invalid-input"


class Conflict(DomainError):
    key = "error-conflict"


class NeedsOnboarding(DomainError):
    key = "error-needs-onboarding"


class Unavailable(DomainError):
    """The database is out of reach for the moment; nothing of the request was kept."""

    key = "error-unavailable"
