"""The parsed forms of the Bot API's answers, built once and kept for the process's life.

aiogram parses every answer into `Response[T]`, a pydantic generic class built on first use,
which pydantic keeps only in a weak cache: once the garbage collector frees it, the next
answer builds it again, about 9 ms of CPU each time. A 5,000-message broadcast rebuilt
`Response[Message]` 198 times, 15 % of the engine's CPU, and the same pauses hit replies.
Holding the classes the bot's requests need keeps them built.
"""

from __future__ import annotations

from typing import Any

from aiogram.client.session.base import Response
from aiogram.methods import (
    AnswerCallbackQuery,
    AnswerInlineQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    GetUpdates,
    SendMessage,
    SetMyCommands,
)

_METHODS = (
    SendMessage,  # also sendPhoto, sendDocument, sendVideo: all answer a Message
    EditMessageText,  # and editMessageReplyMarkup: a Message or True
    AnswerCallbackQuery,  # and the other calls that answer True
    AnswerInlineQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    GetMe,
    GetUpdates,
    SetMyCommands,
)


def _response_types() -> tuple[type[Any], ...]:
    returning: dict[Any, type[Any]] = {}
    for method in _METHODS:
        answer: Any = method.__returning__
        returning[answer] = Response[answer]  # type: ignore[valid-type]
    return tuple(returning.values())


KEPT = _response_types()
