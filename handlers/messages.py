"""The one way a screen is shown: answer a message, or edit the tapped message in place.

Telegram refuses an edit that changes nothing ("message is not modified"): a double tap on a
filter, a language or a psychologist's name asks for exactly the screen already shown. That
refusal means the person already sees what they asked for, so it is success, not an error.
"""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message

NOT_MODIFIED = "message is not modified"


def is_not_modified(exc: TelegramBadRequest) -> bool:
    return NOT_MODIFIED in str(exc.message).lower()


async def edit_text(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replaces the text (and keyboard) of a message the bot sent."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if not is_not_modified(exc):
            raise


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    """Replaces only the keyboard under a message the bot sent."""
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as exc:
        if not is_not_modified(exc):
            raise


def tapped_message(query: CallbackQuery) -> Message | None:
    """The message under the tapped button, when the bot can still edit it."""
    message = query.message
    if message is None or isinstance(message, InaccessibleMessage):
        return None
    return message


async def show(
    event: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = True,
) -> None:
    """Shows a screen: in place of the tapped message when `edit`, else as a new message."""
    if isinstance(event, Message):
        await event.answer(text, reply_markup=markup)
        return
    message = tapped_message(event)
    if edit and message is not None:
        await edit_text(message, text, markup)
        return
    assert event.bot is not None
    await event.bot.send_message(event.from_user.id, text, reply_markup=markup)


async def send(
    event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Sends a new message to the person behind the update, leaving the tapped one as it is."""
    await show(event, text, markup, edit=False)
