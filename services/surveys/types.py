"""What the surveys feature hands out: statuses, cards, question screens and results."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from db.enums import Topic

REF_TYPE = "survey"
REMINDER_BEFORE = timedelta(hours=48)
OFFER_LIMIT = 5
WIZARD_MAX_QUESTIONS = 20


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class SurveyCard:
    survey_id: int
    title: str
    status: SurveyStatus
    anonymous: bool
    allow_repeat: bool
    wave: int
    questions: int
    respondents: int
    audience: int
    opens_at: datetime | None
    closes_at: datetime | None
    launched: bool


@dataclass(frozen=True, slots=True)
class OpenSurvey:
    survey_id: int
    title: str
    questions: int
    answered: int  # how far the person got; 0 when not started
    closes_at: datetime | None


@dataclass(frozen=True, slots=True)
class QuestionView:
    survey_id: int
    title: str
    intro: str | None
    index: int
    total: int
    type: QuestionType
    text: str
    options: tuple[str, ...]
    chosen: tuple[int, ...]  # option indexes (or the scale value) already given
    given_text: str | None
    optional: bool
    max_length: int
    max_choices: int | None


class EventOffer(Protocol):
    """An upcoming event offered for a difficult topic. The events feature supplies it (see
    `EventsOnTopics`), so surveys read no events table of their own."""

    @property
    def event_id(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def topic(self) -> Topic: ...

    @property
    def starts_at(self) -> datetime: ...


# The port to the events feature: upcoming published events on the topics, soonest first.
EventsOnTopics = Callable[[tuple[Topic, ...]], Awaitable[tuple[EventOffer, ...]]]


@dataclass(frozen=True, slots=True)
class MaterialOffer:
    """A library material on a difficult topic, supplied by the library (see
    `MaterialsOnTopics`)."""

    material_id: int
    title: str


# The port to the library: approved materials on the topics, most requested first.
MaterialsOnTopics = Callable[[tuple[Topic, ...]], Awaitable[tuple[MaterialOffer, ...]]]

# (people, topics) -> (person, topic) -> [(registered at, came)]: events' own data for the
# support figures, handed in by the container (services/events/on_topics.py).
RegistrationsOnTopics = Callable[
    [Sequence[int], Sequence[str]], Awaitable[dict[tuple[int, str], list[tuple[datetime, bool]]]]
]


@dataclass(frozen=True, slots=True)
class Finished:
    survey_id: int
    title: str
    serious_topics: tuple[Topic, ...]
    offers: tuple[EventOffer, ...]
    materials: tuple[MaterialOffer, ...] = ()


@dataclass(frozen=True, slots=True)
class RawAnswerRow:
    response_id: int
    person: str | None  # None for anonymous surveys
    school: str | None
    subjects: tuple[str, ...]
    experience: str | None
    completed_at: datetime | None
    answers: dict[str, Any]


Step = QuestionView | Finished
