"""The button that opens the Mini App, added under the chat's own screens when WEBAPP_URL is
set (/events opens the calendar, /stats the dashboard); without it the screens are as before."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo


def with_webapp_button(
    markup: InlineKeyboardMarkup, base_url: str, text: str, screen: str = ""
) -> InlineKeyboardMarkup:
    if not base_url:
        return markup
    url = base_url + (f"?screen={screen}" if screen else "")
    button = InlineKeyboardButton(text=text, web_app=WebAppInfo(url=url))
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, [button]])
