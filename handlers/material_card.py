"""The library material card's button, for features that point people at a material (surveys'
targeted offers) without importing the library: the library's handlers answer it."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MaterialCardCD(CallbackData, prefix="mtc"):
    material_id: int
