from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ReportsForm(StatesGroup):
    custom_period = State()
