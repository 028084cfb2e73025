"""The event card's button, shared by the features that point people at an event.

Events opens and acts on its cards with it; surveys offers an event on a teacher's difficult
topic with the same button, so the tap lands on the same card with the same rights checks.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class EventCardAct(StrEnum):
    OPEN = "o"
    REGISTER = "r"
    CANCEL = "c"
    CANCEL_SURE = "C"  # the second tap of cancelling one's own registration
    ICS = "i"
    CERTIFICATE = "z"
    PARTICIPANTS = "p"
    XLSX = "x"
    CSV = "v"
    CHECKIN = "k"
    ATTENDANCE = "a"
    CANCEL_EVENT = "d"
    CANCEL_EVENT_SURE = "D"
    PUBLISH = "P"
    DECLINE = "N"
    EDIT = "e"


class EventCardCD(CallbackData, prefix="ev"):
    act: EventCardAct
    event_id: int
