"""The typed callback data of the consultation screens. The prefixes are stored in buttons
already sent to chats: they never change."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.consultations.types import ConsultTopic, Contact, SlotFormat


class CAct(StrEnum):
    HOME = "home"
    PSY = "psy"
    DAY = "day"
    SLOT = "slot"
    WAIT = "wait"
    MINE = "mine"
    BOOKING = "booking"
    CANCEL = "cancel"
    CANCEL_YES = "cancel_yes"
    RESCHEDULE = "resched"


class ConsultCD(CallbackData, prefix="cns"):
    """/consult: psychologists, days, slots and the person's own bookings."""

    act: CAct
    psy: int = 0  # 0: any psychologist
    day: int = 0  # date ordinal
    slot: int = 0
    page: int = 0
    booking: int = 0
    rb: int = 0  # the booking being rescheduled, carried through the choice


class FormAct(StrEnum):
    TOPIC = "topic"
    GRADE = "grade"
    CONTACT = "contact"
    SKIP = "skip"
    BACK = "back"
    CONFIRM = "confirm"
    CHANGE_GRADE = "grade_edit"


class FormCD(CallbackData, prefix="cnf"):
    """The booking form's buttons."""

    act: FormAct
    topic: ConsultTopic | None = None
    grade: int = 0
    contact: Contact | None = None


class ReportAct(StrEnum):
    TEXT = "text"
    CHART = "chart"
    XLSX = "xlsx"


class ConsultReportCD(CallbackData, prefix="cnr"):
    """/consult_report: another period as text, or this one as a chart or a workbook."""

    act: ReportAct
    first: int
    last: int


class SAct(StrEnum):
    LIST = "list"
    ADD = "add"
    PATTERN = "pattern"
    REMOVE_LIST = "remove_list"
    REMOVE = "remove"
    BLOCK = "block"
    TODAY = "today"


class SlotsCD(CallbackData, prefix="psl"):
    """/slots: the psychologist's slot menu."""

    act: SAct
    slot: int = 0


class WizAct(StrEnum):
    LENGTH = "length"
    BREAK = "break"
    FORMAT = "format"
    WEEKDAY = "weekday"
    WEEKDAYS_DONE = "wd_done"
    BACK = "back"
    CREATE = "create"


class SlotWizardCD(CallbackData, prefix="pwz"):
    """The steps of adding a slot or a weekly pattern, and of taking a day off."""

    act: WizAct
    value: int = 0
    fmt: SlotFormat | None = None


class DayAct(StrEnum):
    SHOW = "show"
    DONE = "done"
    NO_SHOW = "no_show"
    NOTE = "note"
    CANCEL = "cancel"


class DayCD(CallbackData, prefix="pday"):
    """/today: the psychologist's day and what is done to its bookings."""

    act: DayAct
    day: int
    booking: int = 0


class CancelAct(StrEnum):
    ONE = "one"  # cancel the booking without a reason
    ASK_ALL = "ask_all"  # from the day-off answer: ask for a reason for all
    ALL = "all"  # cancel all of the day's bookings without a reason
    KEEP = "keep"  # changed one's mind


class PsyCancelCD(CallbackData, prefix="pcn"):
    """The psychologist cancels one booking or all of a day off."""

    act: CancelAct
    day: int
    booking: int = 0
