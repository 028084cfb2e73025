"""The FSM steps of the mentoring flows: each waits for one typed answer."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.state import State, StatesGroup
from aiogram.utils.magic_filter import MagicFilter

# Typed answers only: a command (anything starting with "/") is never taken as the answer;
# nor is a main-menu button, which leaves the step before any handler sees it.
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


class ReplaceForm(StatesGroup):
    reason = State()


# Every typed step of mentoring: a main-menu button or a command typed in one of them leaves
# the step (handlers/menu.py: LeaveStepsOnMenuTap) and opens what was tapped.
TYPED_STEPS = (DeclineForm, StepForm, MoveForm, MeetForm, EndForm, ConclusionForm, ReplaceForm)
