"""The keyboard builder of every screen (handlers/markup.py) lays buttons out as aiogram's does:
the rows a person sees are the same, only built without deep copies."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder

from handlers.markup import Keyboard


def _button(number: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=f"Кнопка {number}", callback_data=f"b:{number}")


def _layout(builder: InlineKeyboardBuilder) -> list[list[str]]:
    for number in range(7):
        builder.button(text=f"Кнопка {number}", callback_data=f"b:{number}")
    builder.adjust(2, 3)
    builder.row(_button(10), _button(11))
    builder.add(_button(12))
    markup = builder.as_markup()
    return [[button.text for button in row] for row in markup.inline_keyboard]


def test_rows_are_laid_out_as_aiograms_builder_lays_them() -> None:
    assert _layout(Keyboard()) == _layout(InlineKeyboardBuilder())


def test_a_markup_taken_from_the_builder_does_not_change_with_later_buttons() -> None:
    keyboard = Keyboard()
    keyboard.row(_button(1))
    first = keyboard.as_markup()
    keyboard.add(_button(2))
    keyboard.row(_button(3))
    assert [[b.text for b in row] for row in first.inline_keyboard] == [["Кнопка 1"]]
