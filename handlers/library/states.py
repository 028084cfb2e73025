"""The library's conversations. Names are stored with a conversation (and the catch-all looks
up the hint "expect-<state name>"), so they stay as they are."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class LibraryForm(StatesGroup):
    lib_query = State()
    lib_topic = State()
    lib_kind = State()
    lib_title = State()
    lib_description = State()
    lib_file = State()
    lib_link = State()
    lib_note = State()
    lib_revise_title = State()
    lib_revise_description = State()
