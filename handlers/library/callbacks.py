"""The library's buttons. Prefixes and values are stored in messages already sent: they never
change."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.enums import Topic
from services.library.types import MaterialKind


class LibNav(StrEnum):
    TOPICS = "topics"
    SEARCH = "search"
    SUBMIT = "submit"
    MINE = "mine"
    QUEUE = "queue"
    CANCEL = "cancel"
    LINK = "link"  # the submission's file is a link instead


class LibNavCD(CallbackData, prefix="lbn"):
    to: LibNav


class LibListCD(CallbackData, prefix="lbl"):
    """A page of materials: by topic, or of the last search (its words kept in the FSM)."""

    topic: Topic | None = None
    page: int = 0
    searched: bool = False


class CardAct(StrEnum):
    OPEN = "open"
    FILE = "file"
    APPROVE = "approve"
    DECLINE = "decline"
    CHANGE = "change"
    REVISE = "revise"
    BROADCAST = "broadcast"


class LibCardCD(CallbackData, prefix="lbc"):
    act: CardAct
    material_id: int


class EventAct(StrEnum):
    ADD = "add"
    SEND = "send"  # to those who came
    SEND_ALL = "send_all"  # and to those who registered but did not come


class LibEventCD(CallbackData, prefix="lbe"):
    act: EventAct
    event_id: int


class LibTopicCD(CallbackData, prefix="lbt"):
    """A topic chosen in the submission wizard."""

    topic: Topic


class LibKindCD(CallbackData, prefix="lbk"):
    kind: MaterialKind
