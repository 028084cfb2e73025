"""The /broadcast conversation. Names are stored with a conversation (and the catch-all looks
up the hint "expect-<state name>"), so they stay as they are."""

from __future__ import annotations

from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup


class BroadcastForm(StatesGroup):
    bc_compose = State()
    bc_audience = State()
    bc_time = State()


# Where the wizard's navigation buttons work; elsewhere they are stale.
IN_WIZARD = StateFilter(BroadcastForm.bc_audience, BroadcastForm.bc_time)
