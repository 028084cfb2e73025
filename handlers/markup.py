"""The inline keyboard builder every screen uses."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder


class Keyboard(InlineKeyboardBuilder):
    """aiogram's builder without its deep copies. Its `add` deep-copied every button already
    on the keyboard, and `as_markup` all of them once more: a list of events with its paging
    and filter buttons spent about half a millisecond there. Buttons are never changed once
    added, so copying the rows is enough."""

    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]
