"""A Bot API session that records requests instead of sending them, and update builders."""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    File,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)

BOT_ID = 4242424
BOT_USERNAME = "coordinator_test_bot"
TOKEN = f"{BOT_ID}:AAEtestTOKENtestTOKENtestTOKEN123"

Responder = Callable[[TelegramMethod[Any]], Any]


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.files: dict[str, bytes] = {}
        self.responders: list[Responder] = []
        self._message_ids = itertools.count(1000)
        # Like Telegram, refuse an edit that leaves a message exactly as it is (a double tap
        # asks for the screen already shown): "Bad Request: message is not modified".
        self.refuse_identical_edits = False
        self._edited: dict[tuple[Any, Any], tuple[str | None, Any]] = {}

    async def close(self) -> None:
        return None

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        self.requests.append(method)
        if self.refuse_identical_edits:
            self._refuse_identical_edit(method)
        for responder in self.responders:
            result = responder(method)
            if isinstance(result, BaseException):
                raise result
            if result is not None:
                return result
        return self._default_result(method)

    def _refuse_identical_edit(self, method: TelegramMethod[Any]) -> None:
        if not isinstance(method, EditMessageText | EditMessageReplyMarkup):
            return
        key = (method.chat_id, method.message_id)
        before = self._edited.get(key)
        markup = method.reply_markup.model_dump() if method.reply_markup else None
        if isinstance(method, EditMessageText):
            after = (method.text, markup)
        else:
            after = (before[0] if before else None, markup)
        if before == after:
            raise TelegramBadRequest(
                method=method,
                message="Bad Request: message is not modified: specified new message content "
                "and reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        self._edited[key] = after

    def _default_result(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return User(id=BOT_ID, is_bot=True, first_name="Bot", username=BOT_USERNAME)
        if isinstance(method, (SendMessage, SendDocument, SendPhoto, EditMessageText)):
            chat_id = int(getattr(method, "chat_id", 0) or 0)
            text = getattr(method, "text", None) or getattr(method, "caption", None)
            return Message(
                message_id=next(self._message_ids),
                date=datetime.now(UTC),
                chat=Chat(id=chat_id, type="private"),
                text=text,
                reply_markup=getattr(method, "reply_markup", None)
                if isinstance(getattr(method, "reply_markup", None), InlineKeyboardMarkup)
                else None,
            )
        if isinstance(method, EditMessageReplyMarkup):
            return True
        if isinstance(method, GetFile):
            return File(
                file_id=method.file_id,
                file_unique_id=method.file_id,
                file_path=f"documents/{method.file_id}",
            )
        return True

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        file_id = url.rsplit("/", 1)[-1]
        yield self.files.get(file_id, b"")

    def clear(self) -> None:
        self.requests.clear()


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def tg_user(user_id: int, language_code: str = "ru", first_name: str = "Test") -> User:
    return User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)


def private_chat(user_id: int) -> Chat:
    return Chat(id=user_id, type="private")


def message_update(
    user: User,
    text: str | None = None,
    *,
    document: Document | None = None,
    sticker: bool = False,
    chat: Chat | None = None,
) -> Update:
    extra: dict[str, Any] = {}
    if sticker:
        from aiogram.types import Sticker

        extra["sticker"] = Sticker(
            file_id="stk",
            file_unique_id="stk",
            type="regular",
            width=1,
            height=1,
            is_animated=False,
            is_video=False,
        )
    message = Message(
        message_id=next(_message_ids),
        date=datetime.now(UTC),
        chat=chat or private_chat(user.id),
        from_user=user,
        text=text,
        document=document,
        **extra,
    )
    if text and text.startswith("/"):
        command = text.split()[0]
        from aiogram.types import MessageEntity

        message = message.model_copy(
            update={"entities": [MessageEntity(type="bot_command", offset=0, length=len(command))]}
        )
    return Update(update_id=next(_update_ids), message=message)


def callback_update(user: User, data: str, message_id: int = 1) -> Update:
    message = Message(
        message_id=message_id,
        date=datetime.now(UTC),
        chat=private_chat(user.id),
        from_user=User(id=BOT_ID, is_bot=True, first_name="Bot"),
        text="…",
    )
    return Update(
        update_id=next(_update_ids),
        callback_query=CallbackQuery(
            id=str(next(_update_ids)),
            from_user=user,
            chat_instance="ci",
            message=message,
            data=data,
        ),
    )
