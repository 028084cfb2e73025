"""The rules an event obeys: what a valid draft is, who an event is for, when registration is
open. Pure functions over plain values, so the screens can check input the same way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from db.enums import Role
from db.models import Event
from services.context import Actor, Policy
from services.errors import AccessDenied, InvalidInput
from services.events.types import (
    EventAudience,
    EventDraft,
    EventFormat,
    EventPhase,
    EventStatus,
)

TITLE_MAX = 200
PLACE_MAX = 300
LINK_MAX = 500
DESCRIPTION_MAX = 2000
CAPACITY_MAX = 10_000
REASON_MAX = 500
TEACHING_ROLES = frozenset({Role.TEACHER, Role.PSYCHOLOGIST, Role.METHODIST, Role.COORDINATOR})


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    school_id: int | None
    full_name: str | None
    subjects: frozenset[str]


@dataclass
class Person:
    user: UserRow
    roles: set[Role] = field(default_factory=set)


class Reach(Protocol):
    """Who an event is for: an Event, or a row of just these columns (the list reads no more
    than this for the events it does not show)."""

    @property
    def audience(self) -> str: ...
    @property
    def school_ids(self) -> str: ...
    @property
    def subjects(self) -> str: ...


def split(raw: str) -> list[str]:
    return [part for part in raw.split(",") if part]


def clean_text(raw: str | None, limit: int, key: str) -> str:
    text = " ".join((raw or "").split())
    if not text:
        raise InvalidInput(f"{key}-empty")
    if len(text) > limit:
        raise InvalidInput(f"{key}-too-long", max=limit)
    return text


def clean_link(raw: str | None) -> str:
    link = (raw or "").strip()
    if not link.startswith(("https://", "http://")) or " " in link or len(link) > LINK_MAX:
        raise InvalidInput("error-event-link")
    return link


def parse_capacity(raw: str | None) -> int | None:
    text = (raw or "").strip().lower()
    if text in ("0", "-", "без ограничений", "нет", "unlimited", "no limit", "∞"):
        if text == "0":
            raise InvalidInput("error-event-capacity")
        return None
    if not text.isdigit():
        raise InvalidInput("error-event-capacity")
    value = int(text)
    if not 1 <= value <= CAPACITY_MAX:
        raise InvalidInput("error-event-capacity")
    return value


def validate(draft: EventDraft, now: datetime) -> EventDraft:
    title = clean_text(draft.title, TITLE_MAX, "error-event-title")
    if draft.starts_at <= now:
        raise InvalidInput("error-date-past")
    if draft.ends_at <= draft.starts_at:
        raise InvalidInput("error-date-end-before-start")
    if draft.format != EventFormat.ONLINE and not (draft.place or "").strip():
        raise InvalidInput("error-event-place-empty")
    if draft.format != EventFormat.IN_PERSON and not draft.link:
        raise InvalidInput("error-event-link")
    if draft.link:
        clean_link(draft.link)
    if draft.capacity is not None and not 1 <= draft.capacity <= CAPACITY_MAX:
        raise InvalidInput("error-event-capacity")
    deadline = draft.registration_deadline
    if deadline is not None and not now < deadline <= draft.starts_at:
        raise InvalidInput("error-event-deadline")
    if len(draft.description) > DESCRIPTION_MAX:
        raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
    return replace(draft, title=title)


def require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()


def fits(event: Reach, person: Person, actor: Actor) -> bool:
    """Whether the event is meant for this person (staff see every event)."""
    if actor.is_staff:
        return True
    if not actor.is_registered:
        # The public catalogue: every event not limited to particular schools.
        return not split(event.school_ids)
    audience = EventAudience(event.audience)
    is_teacher = bool(person.roles & TEACHING_ROLES)
    is_parent = Role.PARENT in person.roles
    if audience == EventAudience.TEACHERS and not is_teacher:
        return False
    if audience == EventAudience.PARENTS and not is_parent:
        return False
    schools = split(event.school_ids)
    if schools and str(person.user.school_id) not in schools:
        return False
    subjects = set(split(event.subjects))
    return not (subjects and is_teacher and not is_parent and not subjects & person.user.subjects)


def registration_open(event: Event, now: datetime) -> bool:
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return False
    return event.registration_deadline is None or now < event.registration_deadline


def phase_of(starts_at: datetime, ends_at: datetime, now: datetime, zone: ZoneInfo) -> EventPhase:
    if now >= ends_at:
        return EventPhase.FINISHED
    if now >= starts_at:
        return EventPhase.RUNNING
    if starts_at.astimezone(zone).date() == now.astimezone(zone).date():
        return EventPhase.TODAY
    return EventPhase.UPCOMING


@dataclass(frozen=True, slots=True)
class Window:
    opens: datetime
    closes: datetime

    def holds(self, moment: datetime) -> bool:
        return self.opens <= moment < self.closes


def checkin_window(event: Event, policy: Policy) -> Window:
    """When a code or a staff tap counts: around the event, not the day before it."""
    return _checkin_window_of(event.starts_at, event.ends_at, policy)


def _checkin_window_of(starts_at: datetime, ends_at: datetime, policy: Policy) -> Window:
    return Window(
        starts_at - timedelta(minutes=policy.checkin_opens_minutes_before),
        ends_at + timedelta(minutes=policy.checkin_closes_minutes_after),
    )


def attendance_window(event: Event, policy: Policy) -> Window:
    """When staff may mark or correct attendance: from check-in until some days after."""
    return attendance_window_of(event.starts_at, event.ends_at, policy)


def attendance_window_of(starts_at: datetime, ends_at: datetime, policy: Policy) -> Window:
    checkin = _checkin_window_of(starts_at, ends_at, policy)
    corrections = ends_at + timedelta(days=policy.attendance_correction_days)
    return Window(checkin.opens, max(checkin.closes, corrections))
