"""The FSM steps of the mentoring flows: each waits for one typed answer."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.state import State, StatesGroup
from aiogram.utils.magic_filter import MagicFilter

# Typed answers only: a command (anything starting with "/") is never taken as the answer.
TYPED: MagicFilter = F.text & ~F.text.startswith("/")


class DeclineForm(StatesGroup):
    reason = State()


class StepForm(StatesGroup):
    title = State()
    due = State()


class MoveForm(StatesGroup):
    due = State()


class MeetForm(StatesGroup):
    day = State()
    note = State()


class EndForm(StatesGroup):
    reason = State()


class ConclusionForm(StatesGroup):
    text = State()
