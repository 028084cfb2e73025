"""The words of the consultations feature: statuses, topics, and the views handed out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class SlotFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class SlotStatus(StrEnum):
    FREE = "free"
    BOOKED = "booked"
    BLOCKED = "blocked"
    # Off the schedule, but a cancelled booking still refers to it: bookings are deleted with
    # their slot (ON DELETE CASCADE), and the report must go on counting that cancellation.
    REMOVED = "removed"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    DONE = "done"
    NO_SHOW = "no_show"


class CancelledBy(StrEnum):
    PERSON = "person"
    PSYCHOLOGIST = "psychologist"


class ConsultTopic(StrEnum):
    LEARNING = "learning"
    BEHAVIOUR = "behaviour"
    EMOTIONS = "emotions"
    PEERS = "peers"
    FAMILY = "family"
    EXAMS = "exams"
    CAREER = "career"
    OTHER = "other"


class Contact(StrEnum):
    CHAT = "chat"
    PHONE = "phone"


class VisitOutcome(StrEnum):
    """What the psychologist marks once the consultation's time has come."""

    DONE = "done"
    NO_SHOW = "no_show"


def booking_ref(booking_id: int) -> tuple[str, int]:
    """The outbox reference of a booking's reminders and notices."""
    return ("booking", booking_id)


@dataclass(frozen=True, slots=True)
class Psychologist:
    id: int
    name: str
    free_slots: int


@dataclass(frozen=True, slots=True)
class SlotView:
    id: int
    psychologist_id: int
    psychologist_name: str
    starts_at: datetime
    ends_at: datetime
    format: SlotFormat
    place: str
    status: SlotStatus


@dataclass(frozen=True, slots=True)
class BookingForm:
    topic: ConsultTopic
    contact: Contact
    child_grade: int | None = None
    phone: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class BookingView:
    """The full booking, handed only to the booking person, the slot's psychologist, admins."""

    id: int
    slot: SlotView
    status: BookingStatus
    topic: ConsultTopic
    child_grade: int | None
    contact: Contact
    phone: str | None
    comment: str | None
    note: str | None  # None unless the viewer is the slot's psychologist
    booker_name: str | None
    booker_telegram_id: int | None
    can_cancel: bool


@dataclass(frozen=True, slots=True)
class DaySchedule:
    day: date
    slots: list[tuple[SlotView, BookingView | None]]


@dataclass(frozen=True, slots=True)
class PatternResult:
    created: int
    skipped: int


@dataclass(frozen=True, slots=True)
class CancelResult:
    booking_id: int
    late: bool
    psychologist_name: str


@dataclass(frozen=True, slots=True)
class DayOff:
    day: date
    bookings: list[BookingView]  # still booked and not started: the psychologist decides


@dataclass(frozen=True, slots=True)
class PsyCancelResult:
    booking_id: int
    slot_freed: bool  # False: the slot lies in a day off and was taken off the schedule
