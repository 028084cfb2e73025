"""The buttons of the /broadcast wizard and of the progress message. Prefixes and values are
stored in messages already sent: they never change."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.broadcasts.types import BroadcastSchoolCategory
from services.enums import Role, Subject


class BcNav(StrEnum):
    MAIN = "main"
    SCHOOLS = "schools"
    SUBJECTS = "subjects"
    RESET = "reset"
    PREVIEW = "preview"
    SEND_NOW = "send"
    SCHEDULE = "schedule"
    CHANNEL = "channel"
    CANCEL = "cancel"


class BcNavCD(CallbackData, prefix="bcn"):
    to: BcNav
    page: int = 0


class BcRoleCD(CallbackData, prefix="bcr"):
    role: Role


class BcCategoryCD(CallbackData, prefix="bcc"):
    category: BroadcastSchoolCategory


class BcSchoolCD(CallbackData, prefix="bcs"):
    school_id: int
    page: int = 0


class BcSubjectCD(CallbackData, prefix="bcj"):
    subject: Subject


class BcSourceCD(CallbackData, prefix="bco"):
    source: int  # position in the sorted list of audience sources
    ident: int = 0  # 0 opens the list of the source's objects


class BcListCD(CallbackData, prefix="bcl"):
    """A page of /broadcasts."""

    page: int


class BcStopCD(CallbackData, prefix="bcx"):
    broadcast_id: int
