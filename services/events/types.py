"""The vocabulary of events: statuses, kinds, and the frozen views the screens are drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from db.enums import Subject, Topic


class EventType(StrEnum):
    SEMINAR = "seminar"
    MASTER_CLASS = "master_class"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"
    METHODOLOGICAL_ASSOCIATION = "methodological_association"
    CONFERENCE = "conference"
    ROUND_TABLE = "round_table"
    OPEN_LESSON = "open_lesson"


class EventFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class EventAudience(StrEnum):
    TEACHERS = "teachers"
    PARENTS = "parents"
    EVERYONE = "everyone"


class EventStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    PUBLISHED = "published"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class RegStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed seat held for this person until offered_until
    CANCELLED = "cancelled"


class EventPhase(StrEnum):
    """Where an event is in its day, as people see it (in the configured zone)."""

    UPCOMING = "upcoming"
    TODAY = "today"  # starts later today
    RUNNING = "running"
    FINISHED = "finished"


class StaffScope(StrEnum):
    """The staff's lists of events: not yet ended, today's, or a past month."""

    UPCOMING = "upcoming"
    TODAY = "today"
    PAST = "past"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


class EditField(StrEnum):
    TITLE = "title"
    WHEN = "when"
    PLACE = "place"
    LINK = "link"
    CAPACITY = "capacity"
    DEADLINE = "deadline"
    DESCRIPTION = "description"


ACTIVE = (RegStatus.REGISTERED.value, RegStatus.OFFERED.value, RegStatus.WAITLISTED.value)
HOLDS_SEAT = (RegStatus.REGISTERED.value, RegStatus.OFFERED.value)


def ref_of(event_id: int) -> tuple[str, int]:
    """The outbox reference of everything sent about one event (so it can be cancelled)."""
    return ("event", event_id)


@dataclass(frozen=True, slots=True)
class EventDraft:
    title: str
    type: EventType
    topic: Topic
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    place: str | None = None
    link: str | None = None
    capacity: int | None = None
    registration_deadline: datetime | None = None
    audience: EventAudience = EventAudience.EVERYONE
    subjects: tuple[Subject, ...] = ()
    school_ids: tuple[int, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class EventFilters:
    type: EventType | None = None
    topic: Topic | None = None
    format: EventFormat | None = None
    period: Period | None = None


NO_FILTERS = EventFilters()


@dataclass(frozen=True, slots=True)
class CalendarFilters:
    """The Mini App calendar's filters; `mine`: only events the person is on (any list)."""

    type: EventType | None = None
    topic: Topic | None = None
    format: EventFormat | None = None
    audience: EventAudience | None = None
    mine: bool = False


@dataclass(frozen=True, slots=True)
class MyStatus:
    status: RegStatus
    registration_id: int
    position: int | None = None
    offered_until: datetime | None = None
    attended: bool = False
    feedback_score: int | None = None


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    title: str
    type: EventType
    topic: Topic
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    place: str | None
    link: str | None  # only for the person's own active registration, and staff
    capacity: int | None
    seats_left: int | None
    registration_deadline: datetime | None
    audience: EventAudience
    description: str
    status: EventStatus
    registration_open: bool
    mine: MyStatus | None = None
    can_manage: bool = False
    decline_reason: str | None = None
    waiting: int = 0
    phase: EventPhase = EventPhase.UPCOMING
    sequence: int = 0
    updated_at: datetime | None = None
    # "school (coordinator)" of a school's proposal, for staff.
    proposed_by: str | None = None


@dataclass(frozen=True, slots=True)
class EventPage:
    items: tuple[EventView, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class MyEvents:
    upcoming: tuple[EventView, ...]
    past: tuple[EventView, ...]  # one page, newest first
    past_total: int = 0
    past_page: int = 0
    past_pages: int = 1


@dataclass(frozen=True, slots=True)
class EventSummary:
    """A finished event in figures, for staff."""

    registered: int
    attended: int
    no_shows: int
    waiting_left: int
    average_score: float | None
    comments: int


@dataclass(frozen=True, slots=True)
class CancelOutlook:
    """What cancelling one's own registration would do to the seat, asked before it is done."""

    event: EventView
    holds_seat: bool
    waiting: int


@dataclass(frozen=True, slots=True)
class RegistrationOutcome:
    """What a registration tap did, for the answer in the chat."""

    status: RegStatus
    event: EventView
    already: bool = False


@dataclass(frozen=True, slots=True)
class Participant:
    registration_id: int
    user_id: int
    name: str
    school: str
    status: RegStatus
    position: int | None
    queued_at: datetime
    attended: bool
    feedback_score: int | None


@dataclass(frozen=True, slots=True)
class Participants:
    event: EventView
    registered: tuple[Participant, ...]
    offered: tuple[Participant, ...]
    waiting: tuple[Participant, ...]
    only_school_id: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    field: EditField
    old: str
    new: str
