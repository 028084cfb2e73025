"""The FSM steps of the consultation flows."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ConsultForm(StatesGroup):
    topic = State()
    grade = State()
    contact = State()
    phone = State()
    comment = State()
    confirm = State()


class SlotForm(StatesGroup):
    when = State()
    length = State()
    format = State()
    place = State()


class PatternForm(StatesGroup):
    range = State()
    weekdays = State()
    window = State()
    length = State()
    pause = State()
    format = State()
    place = State()
    confirm = State()


class BlockForm(StatesGroup):
    day = State()


class NoteForm(StatesGroup):
    text = State()


class PsyCancelForm(StatesGroup):
    reason = State()


SLOT_STEPS = [SlotForm.when, SlotForm.length, SlotForm.format, SlotForm.place]
PATTERN_STEPS = [
    PatternForm.range,
    PatternForm.weekdays,
    PatternForm.window,
    PatternForm.length,
    PatternForm.pause,
    PatternForm.format,
    PatternForm.place,
    PatternForm.confirm,
]
