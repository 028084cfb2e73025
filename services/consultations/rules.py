"""The limits a booking and a slot obey, and who may do what: checked before any write."""

from __future__ import annotations

import re

from db.enums import Role
from services.consultations.types import BookingForm, Contact
from services.context import Actor
from services.errors import AccessDenied, InvalidInput, NeedsOnboarding

COMMENT_MAX = 300
NOTE_MAX = 1000
PLACE_MAX = 300
REASON_MAX = 200
SLOT_MIN_MINUTES = 10
SLOT_MAX_MINUTES = 240
PATTERN_MAX_DAYS = 120
PATTERN_MAX_SLOTS = 400
PHONE_RE = re.compile(r"^\+?\d{10,15}$")
BOOKERS = (Role.PARENT, Role.TEACHER)


def clean_reason(text: str | None) -> str | None:
    """The optional reason a psychologist gives the person; blank means none."""
    reason = " ".join((text or "").split())
    if len(reason) > REASON_MAX:
        raise InvalidInput("consult-error-reason-long", limit=REASON_MAX)
    return reason or None


def validate_phone(text: str | None) -> str:
    cleaned = re.sub(r"[\s()\-]", "", text or "")
    if cleaned.startswith("8") and len(cleaned) == 11:
        cleaned = "+7" + cleaned[1:]
    if not PHONE_RE.match(cleaned):
        raise InvalidInput("consult-error-phone")
    return cleaned if cleaned.startswith("+") else "+" + cleaned


def check_length(minutes: int) -> None:
    if not SLOT_MIN_MINUTES <= minutes <= SLOT_MAX_MINUTES:
        raise InvalidInput("consult-error-length", low=SLOT_MIN_MINUTES, high=SLOT_MAX_MINUTES)


def clean_place(place: str | None) -> str:
    cleaned = (place or "").strip()
    if len(cleaned) > PLACE_MAX:
        raise InvalidInput("consult-error-place-long", limit=PLACE_MAX)
    return cleaned


def check_form(form: BookingForm) -> BookingForm:
    """The form as stored: comment trimmed, phone normalised (kept only for phone contact)."""
    comment = (form.comment or "").strip() or None
    if comment is not None and len(comment) > COMMENT_MAX:
        raise InvalidInput("consult-error-comment-long", limit=COMMENT_MAX)
    phone = validate_phone(form.phone) if form.contact == Contact.PHONE else None
    grade = form.child_grade
    if grade is not None and not 0 <= grade <= 11:
        raise InvalidInput("consult-error-grade")
    return BookingForm(form.topic, form.contact, grade, phone, comment)


def need_user(actor: Actor) -> int:
    if actor.user_id is None:
        raise NeedsOnboarding()
    return actor.user_id


def need_psychologist(actor: Actor) -> int:
    user_id = need_user(actor)
    if not actor.has(Role.PSYCHOLOGIST):
        raise AccessDenied()
    return user_id


def need_booker(actor: Actor) -> int:
    user_id = need_user(actor)
    if not actor.has(*BOOKERS):
        raise AccessDenied("consult-error-not-booker")
    return user_id
