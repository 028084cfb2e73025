"""The buttons of surveys: answering (sv), the staff's list and cards (svs), the chat wizard
(svw). Prefixes and values are stored in messages already sent: they never change."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.surveys.types import QuestionType


class Do(StrEnum):
    OPEN = "o"
    CHOOSE = "c"
    TOGGLE = "t"
    DONE = "d"
    SKIP = "s"
    BACK = "b"
    PAUSE = "p"


class SurveyCD(CallbackData, prefix="sv"):
    act: Do
    survey_id: int
    index: int = 0
    option: int = 0


class Staff(StrEnum):
    CARD = "c"
    LAUNCH = "l"
    LAUNCH_SURE = "L"
    OPEN = "o"
    CLOSE = "x"
    REPORT = "r"
    XLSX = "e"
    UPLOAD = "u"
    WIZARD = "w"


class StaffCD(CallbackData, prefix="svs"):
    act: Staff
    survey_id: int = 0


class SurveyListCD(CallbackData, prefix="svl"):
    """A page of the staff's /surveys list."""

    page: int


class SurveyWizardAct(StrEnum):
    MORE = "m"
    SAVE = "s"
    BACK = "b"


class SurveyWizardCD(CallbackData, prefix="svw"):
    act: SurveyWizardAct | None = None
    qtype: QuestionType | None = None
