"""Mentoring's vocabularies and the views handlers render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Form(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"


class Status(StrEnum):
    REQUESTED = "requested"  # a mentee asked; no mentor yet
    PROPOSED = "proposed"  # a mentor chosen; waiting for both to agree
    ACTIVE = "active"
    FINISHED = "finished"
    ENDED_EARLY = "ended_early"
    DECLINED = "declined"


OPEN_STATUSES = (Status.REQUESTED, Status.PROPOSED, Status.ACTIVE)
PLACE_STATUSES = (Status.PROPOSED, Status.ACTIVE)
ENDED_STATUSES = (Status.FINISHED, Status.ENDED_EARLY)


class Reason(StrEnum):
    """Why a teacher may ask for a mentor."""

    YOUNG = "young"  # experience under 3 years
    DIFFICULTY = "difficulty"  # a serious difficulty in the latest diagnosis


class Side(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    LESSON_VISIT = "lesson_visit"
    OPEN_LESSON = "open_lesson"


class Level(StrEnum):
    """The difficulty scale of the diagnostics."""

    NONE = "none"
    SOME = "some"
    SERIOUS = "serious"


LEVEL_SCORE = {Level.NONE.value: 0, Level.SOME.value: 1, Level.SERIOUS.value: 2}


class Category(StrEnum):
    """The mentee's school category at the start (kept for the reports after /forget)."""

    LOW_RESULTS = "low_results"  # ШНРО
    UNFAVOURABLE = "unfavourable"  # ШФНСУ
    BOTH = "both"  # ШНРО and ШФНСУ
    OTHER = "other"
    NONE = "none"  # no school

    @property
    def flags(self) -> tuple[bool | None, bool | None]:
        """(low_results, unfavourable_conditions) as the reports group them."""
        return {
            Category.LOW_RESULTS: (True, False),
            Category.UNFAVOURABLE: (False, True),
            Category.BOTH: (True, True),
            Category.OTHER: (False, False),
            Category.NONE: (None, None),
        }[self]


class StepKind(StrEnum):
    OPEN_LESSON = "open_lesson"
    LESSON_VISIT = "lesson_visit"
    LESSON_PLAN = "lesson_plan"
    NETWORK_EVENT = "network_event"
    SELF_ASSESSMENT = "self_assessment"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A suggested mentor and why they rank where they do. A coordinator sees candidates of
    the whole network (a leading school mentoring a ШНРО school's teacher is the point), so
    a candidate carries only what the choice needs: no contacts, no answers."""

    user_id: int
    name: str
    school: str
    same_subject: bool
    experienced: bool  # 10+ years
    clear_on_topics: bool  # no serious difficulty on the mentee's difficult topics
    strong_school: bool  # a leading or partner school
    load: int
    limit: int
    subjects: tuple[str, ...] = ()
    experience: str | None = None  # the band: lt3, 3-10, 10-20, 20plus

    @property
    def score(self) -> int:
        return (
            8 * self.same_subject
            + 4 * self.experienced
            + 2 * self.clear_on_topics
            + 1 * self.strong_school
        )


@dataclass(frozen=True, slots=True)
class StepView:
    id: int
    position: int
    kind: StepKind
    topic: str | None
    title: str | None
    due_at: datetime
    done_at: datetime | None
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: int
    held_at: datetime
    format: MeetingFormat
    note: str | None  # None also when the viewer may not read it
    shared: bool = False  # logged once for the whole group


@dataclass(frozen=True, slots=True)
class MentorshipView:
    id: int
    status: Status
    form: Form
    mentor_id: int | None
    mentor_name: str
    mentee_id: int | None
    mentee_name: str
    methodist_id: int | None
    reason: Reason | None
    topics: tuple[str, ...]
    mentor_agreed: bool
    mentee_agreed: bool
    decline_reason: str | None = None
    end_reason: str | None = None
    conclusion: str | None = None
    self_assessment: dict[str, str] | None = None
    steps: tuple[StepView, ...] = ()
    meetings: tuple[MeetingView, ...] = ()
    notes_visible: bool = False
    started_at: datetime | None = None
    ended_at: datetime | None = None
    group_id: int | None = None
    replaces_id: int | None = None  # a proposal to take this mentorship over from its mentor
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def confirmed(self) -> int:
        return sum(1 for step in self.steps if step.confirmed_at is not None)

    @property
    def next_step(self) -> StepView | None:
        pending = [s for s in self.steps if s.confirmed_at is None]
        return min(pending, key=lambda s: (s.due_at, s.position)) if pending else None

    def last_meeting(self, now: datetime) -> MeetingView | None:
        held = [m for m in self.meetings if m.held_at <= now]
        return max(held, key=lambda m: m.held_at) if held else None

    def next_meeting(self, now: datetime) -> MeetingView | None:
        """The nearest planned meeting (logged ahead, for a day still to come)."""
        planned = [m for m in self.meetings if m.held_at > now]
        return min(planned, key=lambda m: m.held_at) if planned else None


@dataclass(frozen=True, slots=True)
class MemberView:
    """One mentee of a group, as the group screen shows them."""

    pair_id: int
    mentee_name: str
    status: Status
    done: int
    total: int
    next_step: StepView | None


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group: one mentor, their mentees (each with their own plan), the meetings logged
    once for all of them."""

    id: int
    mentor_id: int | None
    mentor_name: str
    members: tuple[MemberView, ...]
    meetings: tuple[MeetingView, ...]
    notes_visible: bool

    @property
    def active(self) -> int:
        return sum(1 for m in self.members if m.status == Status.ACTIVE)


@dataclass(frozen=True, slots=True)
class RequestView:
    """An open request, or a teacher a methodist may find a mentor for."""

    mentorship_id: int | None
    user_id: int
    name: str
    school: str
    reason: Reason | None


def mentorship_ref(mentorship_id: int) -> tuple[str, int]:
    return ("mentorship", mentorship_id)


def step_ref(step_id: int) -> tuple[str, int]:
    return ("mentoring_step", step_id)
