"""The library material card's button, for features that point people at a material (surveys'
targeted offers) without importing the library: the library's handlers answer it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MaterialCardCD(CallbackData, prefix="mtc"):
    material_id: int


class EventMaterialsCD(CallbackData, prefix="mte"):
    """The materials of an event, from its card (the events feature shows the button)."""

    event_id: int
