"""The typed callback data of the events screens (the event card's own button lives in
handlers/event_card.py, shared with surveys). Prefixes never change: buttons already sent in
chats must keep working."""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TypeVar

from aiogram.filters.callback_data import CallbackData

from services.enums import Subject, Topic
from services.events.types import (
    EditField,
    EventAudience,
    EventFilters,
    EventFormat,
    EventType,
    Period,
    StaffScope,
)

# Callback data carries 1-based indexes into these vocabularies (names would not fit
# Telegram's 64-byte limit), so their order is part of the buttons already sent.
TYPES = list(EventType)
TOPICS = list(Topic)
FORMATS = list(EventFormat)
PERIODS = list(Period)
SCOPES = list(StaffScope)
AUDIENCES = list(EventAudience)
SUBJECTS = list(Subject)


class RegAct(StrEnum):
    TAKE = "t"
    DECLINE = "d"
    YES = "y"
    NO = "n"
    SCORE = "s"
    ASK_SCORE = "a"
    SKIP_COMMENT = "k"


class Dim(IntEnum):
    TYPE = 1
    TOPIC = 2
    FORMAT = 3
    PERIOD = 4


class RegCD(CallbackData, prefix="evr"):
    """A person's answer about their own registration: an offer, a reminder, feedback."""

    act: RegAct
    registration: int
    score: int = 0


class MyPastCD(CallbackData, prefix="evy"):
    """A page of the past events in /my, newest first."""

    page: int


class ListCD(CallbackData, prefix="evl"):
    """A page of /events; filters are 1-based indexes into the vocabularies, 0 for any."""

    page: int = 0
    ty: int = 0
    to: int = 0
    fo: int = 0
    pe: int = 0


class StaffListCD(CallbackData, prefix="evs"):
    """A page of /participants: scope is a 1-based index into SCOPES, month is YYYYMM (past)."""

    scope: int = 1
    month: int = 0
    page: int = 0


class DraftsCD(CallbackData, prefix="evd"):
    """A page of /event_drafts."""

    page: int = 0


class FilterCD(CallbackData, prefix="evf"):
    dim: Dim
    ty: int = 0
    to: int = 0
    fo: int = 0
    pe: int = 0


class MarkCD(CallbackData, prefix="evm"):
    event_id: int
    registration: int
    on: bool


class WizField(StrEnum):
    TYPE = "ty"
    TOPIC = "to"
    FORMAT = "fo"
    AUDIENCE = "au"
    SUBJECT = "su"
    SCHOOL = "sc"
    SCHOOL_PAGE = "sp"
    NAV = "nv"


class Nav(IntEnum):
    BACK = 1
    SKIP = 2
    DONE = 3
    PUBLISH = 4
    DRAFT = 5
    # Its own value, so that a second tap on the subjects' "Done" cannot also pass the schools.
    SCHOOLS_DONE = 6


class EventWizardCD(CallbackData, prefix="evw"):
    """A button of the /new_event and /propose_event wizard."""

    field: WizField
    index: int


class EditCD(CallbackData, prefix="eve"):
    event_id: int
    field: EditField


T = TypeVar("T")


def _pick(values: list[T], index: int) -> T | None:
    return values[index - 1] if 1 <= index <= len(values) else None


def scope_of(data: StaffListCD) -> StaffScope:
    return _pick(SCOPES, data.scope) or StaffScope.UPCOMING


def filters_of(data: ListCD | FilterCD) -> EventFilters:
    return EventFilters(
        type=_pick(TYPES, data.ty),
        topic=_pick(TOPICS, data.to),
        format=_pick(FORMATS, data.fo),
        period=_pick(PERIODS, data.pe),
    )
