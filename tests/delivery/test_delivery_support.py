"""People and outbox rows for the delivery tests, written straight to the database."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.methods import SendDocument, SendMessage, SendPhoto
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import DeliveryEngine
from db.enums import Role
from db.models import OutboxMessage, User, UserRole
from services.context import Clock, Policy
from tests.support.fakes import TOKEN, RecordingSession

TG_BASE = 7_000_000


async def add_people(
    factory: async_sessionmaker[AsyncSession],
    count: int,
    role: Role = Role.TEACHER,
    locale: str = "ru",
    start: int = 0,
) -> list[int]:
    async with factory() as session:
        users = [
            User(
                telegram_id=TG_BASE + start + n,
                locale=locale,
                full_name=f"Person {start + n}",
                roles=[UserRole(role=role.value)],
                subjects=[],
            )
            for n in range(count)
        ]
        session.add_all(users)
        await session.commit()
        return [u.id for u in users]


def make_bot() -> tuple[Bot, RecordingSession]:
    api = RecordingSession()
    bot = Bot(TOKEN, session=api, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    return bot, api


def make_engine(
    bot: Bot,
    factory: async_sessionmaker[AsyncSession],
    policy: Policy,
    clock: Clock,
    **kwargs: Any,
) -> DeliveryEngine:
    values: dict[str, Any] = {"rate": 5000.0, "batch": 50, "progress_interval": 0.0}
    values.update(kwargs)
    return DeliveryEngine(bot, factory, policy, clock=clock, **values)


def sends(api: RecordingSession) -> list[Any]:
    return [r for r in api.requests if isinstance(r, (SendMessage, SendPhoto, SendDocument))]


def per_chat(api: RecordingSession) -> Counter[int]:
    return Counter(int(r.chat_id) for r in sends(api))


async def rows(factory: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with factory() as session:
        result = await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(result.scalars())
