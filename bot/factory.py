"""The one place that builds the application; `__main__` and the tests both call it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.middlewares import ServicesMiddleware
from bot.resilience import RetryInteractive
from db.engine import create_engine, create_session_factory
from handlers import build_root_router
from handlers.errors import AnswerEveryTap
from services.context import Clock, ConsultPolicy, Policy, system_clock
from services.i18n import Translator, default_translator


def policy_from(settings: Settings, bot_username: str = "") -> Policy:
    return Policy(
        timezone=settings.zone,
        admin_telegram_ids=frozenset(settings.admin_ids),
        default_locale=settings.default_locale,
        consent_version=settings.consent_version,
        centre_name=settings.centre_name,
        bot_username=bot_username,
        reminder_offsets_hours=tuple(settings.reminder_offsets_hours),
        quiet_hours_start=settings.quiet_hours_start,
        quiet_hours_end=settings.quiet_hours_end,
        channel_id=settings.channel_id,
        offer_ttl_hours=settings.offer_ttl_hours,
        checkin_opens_minutes_before=settings.checkin_opens_minutes_before,
        checkin_closes_minutes_after=settings.checkin_closes_minutes_after,
        attendance_correction_days=settings.attendance_correction_days,
        consult=ConsultPolicy(
            cancel_notice_hours=settings.consult_cancel_notice_hours,
            min_notice_hours=settings.consult_min_notice_hours,
            horizon_days=settings.consult_horizon_days,
            max_active=settings.consult_max_active,
            comment_retention_days=settings.consult_comment_retention_days,
        ),
        mentor_max_mentees=settings.mentor_max_mentees,
        webapp_url=settings.webapp_url or "",
    )


def create_bot(settings: Settings, session: AiohttpSession | None = None) -> Bot:
    if session is None:
        session = AiohttpSession(timeout=settings.bot_api_timeout)
        if settings.bot_api_base_url:
            session.api = TelegramAPIServer.from_base(
                settings.bot_api_base_url.rstrip("/"), is_local=settings.bot_api_local_mode
            )
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is required to run the bot")
    session.middleware(RetryInteractive())
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def create_storage(settings: Settings) -> tuple[BaseStorage, BaseEventIsolation]:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import (
            DefaultKeyBuilder,
            RedisEventIsolation,
            RedisStorage,
        )

        storage = RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True)
        )
        return storage, RedisEventIsolation(storage.redis, key_builder=storage.key_builder)
    return MemoryStorage(), SimpleEventIsolation()


def create_dispatcher(
    settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    *,
    policy: Policy | None = None,
    translator: Translator | None = None,
    clock: Clock = system_clock,
    storage: BaseStorage | None = None,
    events_isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    if storage is None:
        storage, events_isolation = create_storage(settings)
    translator = translator or default_translator()
    policy = policy or policy_from(settings)
    dp = Dispatcher(storage=storage, events_isolation=events_isolation or SimpleEventIsolation())
    dp["settings"] = settings
    dp["policy"] = policy
    dp["translator"] = translator
    dp["session_factory"] = session_factory
    services = ServicesMiddleware(session_factory, policy, translator, clock)
    # On the update observer, so that the error handlers see the person's language too.
    dp.update.outer_middleware(services)
    dp.callback_query.middleware(AnswerEveryTap())
    dp.include_router(build_root_router())
    run_plain_filters_inline(dp)
    return dp


def run_plain_filters_inline(router: Router) -> None:
    """aiogram (3.31 here) sends every filter that is a plain function (an FSM `State`, an `F.text`
    magic filter) through `asyncio.to_thread`: a trip to the thread pool and back for a
    comparison of a few microseconds, made for each such filter an update is checked against
    on its way to its handler. Ours only compare values, so they run on the loop."""
    for observer in router.observers.values():
        handlers = [*observer.handlers]
        if isinstance(observer, TelegramEventObserver):
            handlers.append(observer._handler)  # the observer's own filters (router.x.filter)
        for handler in handlers:
            for item in handler.filters or ():
                if not item.awaitable:
                    item.callback = _on_the_loop(item.callback)
                    item.awaitable = True
    for sub_router in router.sub_routers:
        run_plain_filters_inline(sub_router)


def _on_the_loop(function: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def call(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **kwargs)

    return call


@dataclass
class Database:
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]

    @classmethod
    def from_url(cls, url: str, *, busy_timeout: float | None = None) -> Database:
        if busy_timeout is None:
            engine = create_engine(url)
        else:
            engine = create_engine(url, busy_timeout_ms=int(busy_timeout * 1000))
        return cls(engine, create_session_factory(engine))

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls.from_url(settings.database_url, busy_timeout=settings.sqlite_busy_timeout)
