"""The conversations of surveys. Class and state names are stored with a conversation (and the
catch-all looks up the hint "expect-<state name>"), so they stay as they are."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SurveyAnswer(StatesGroup):
    survey_text = State()
    # A question answered with buttons is on screen: /cancel pauses the survey, and typed text
    # gets the survey's own hint instead of the general "I did not understand".
    survey_buttons = State()


class SurveyEditor(StatesGroup):
    survey_file = State()
    survey_title = State()
    survey_question = State()
    survey_qtype = State()
    survey_options = State()
    survey_next = State()
