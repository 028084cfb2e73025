"""Drives the real Dispatcher with a recording Bot API session, as a person would tap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import InlineKeyboardMarkup, ReplyKeyboardMarkup
from sqlalchemy import select

from db.models import User
from services.container import Services
from services.context import Policy
from tests.support.fakes import RecordingSession, callback_update, message_update, tg_user


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


class BotHarness:
    def __init__(
        self,
        dp: Dispatcher,
        bot: Bot,
        session: RecordingSession,
        database: Any,
        policy: Policy,
        clock: Clock,
    ) -> None:
        self.dp = dp
        self.bot = bot
        self.api = session
        self.database = database
        self.policy = policy
        self.clock = clock
        self._languages: dict[int, str] = {}

    async def send(self, user_id: int, text: str | None = None, **kwargs: Any) -> list[Any]:
        start = len(self.api.requests)
        user = tg_user(user_id, self._languages.get(user_id, "ru"))
        await self.dp.feed_update(self.bot, message_update(user, text, **kwargs))
        return self.api.requests[start:]

    async def press(self, user_id: int, button: str) -> list[Any]:
        data = self.find_button(user_id, button)
        return await self.callback(user_id, data)

    async def callback(self, user_id: int, data: str) -> list[Any]:
        start = len(self.api.requests)
        user = tg_user(user_id, self._languages.get(user_id, "ru"))
        await self.dp.feed_update(self.bot, callback_update(user, data))
        return self.api.requests[start:]

    def chat_requests(self, user_id: int) -> list[TelegramMethod[Any]]:
        return [r for r in self.api.requests if getattr(r, "chat_id", None) == user_id]

    def find_button(self, user_id: int, button: str) -> str:
        for request in reversed(self.chat_requests(user_id)):
            markup = getattr(request, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                for row in markup.inline_keyboard:
                    for item in row:
                        if button in item.text and item.callback_data:
                            return item.callback_data
        raise AssertionError(f"no button {button!r} in the chat with {user_id}")

    def last_text(self, user_id: int) -> str:
        for request in reversed(self.chat_requests(user_id)):
            text = getattr(request, "text", None) or getattr(request, "caption", None)
            if text:
                return str(text)
        raise AssertionError(f"nothing was sent to {user_id}")

    def reply_keyboard(self, user_id: int) -> list[str]:
        for request in reversed(self.chat_requests(user_id)):
            markup = getattr(request, "reply_markup", None)
            if isinstance(markup, ReplyKeyboardMarkup):
                return [b.text for row in markup.keyboard for b in row]
        return []

    async def services(self) -> Services:
        session = self.database.session_factory()
        return Services(session, self.policy, self.clock)

    async def onboard_teacher(
        self, user_id: int, name: str = "Иванова Мария", school: str = "СШ № 1"
    ) -> None:
        await self.send(user_id, "/start")
        await self.press(user_id, "Русский")
        await self.press(user_id, "педагог")
        await self.press(user_id, "Согласен")
        await self.send(user_id, name)
        await self.press(user_id, school)
        await self.press(user_id, "математика")
        await self.press(user_id, "Готово")
        await self.press(user_id, "3–10")
        await self.press(user_id, "учитель")

    async def onboard_staff(self, user_id: int, name: str = "Методистова Мила") -> None:
        """The staff path at /start: a name and a position, no role until an admin grants one."""
        await self.send(user_id, "/start")
        await self.press(user_id, "Русский")
        await self.press(user_id, "сотрудник центра")
        await self.press(user_id, "Согласен")
        await self.send(user_id, name)
        await self.press(user_id, "методист")

    async def staff_ready(self, user_id: int, name: str = "Админова Алла") -> None:
        """An administrator from ADMIN_IDS with the minimal staff profile every staff command
        asks for (once; a second call changes nothing)."""
        async with self.database.session_factory() as session:
            known = await session.scalar(select(User.id).where(User.telegram_id == user_id))
        if known is None:
            await self.onboard_staff(user_id, name=name)

    async def onboard_parent(self, user_id: int, name: str = "Петрова Анна") -> None:
        await self.send(user_id, "/start")
        await self.press(user_id, "Русский")
        await self.press(user_id, "родитель")
        await self.press(user_id, "Согласен")
        await self.send(user_id, name)
        await self.press(user_id, "Пропустить")


def texts(requests: list[Any]) -> list[str]:
    result = []
    for request in requests:
        if isinstance(request, AnswerCallbackQuery):
            if request.text:
                result.append(request.text)
            continue
        text = getattr(request, "text", None) or getattr(request, "caption", None)
        if text:
            result.append(str(text))
    return result
