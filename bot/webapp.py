"""The Mini App's side of the composition root: its services per call, its server in polling
mode (in webhook mode it shares the webhook's server), and the menu button that opens it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import MenuButtonWebApp, WebAppInfo
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from db.engine import is_outage
from handlers.events.registration import confirm_in_chat
from handlers.miniapp.app import mount
from handlers.miniapp.config import MiniAppConfig, OpenServices
from services.container import Services
from services.context import Actor, Clock, Policy
from services.errors import Unavailable
from services.i18n import Translator

log = logging.getLogger(__name__)


def services_opener(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
) -> OpenServices:
    """One session per call and the person acting, as ServicesMiddleware does per update."""

    @asynccontextmanager
    async def open_services(telegram_id: int, hint: str) -> AsyncIterator[tuple[Services, Actor]]:
        try:
            async with session_factory() as session:
                services = Services(session, policy, clock)
                actor = await services.users.actor_for(telegram_id, hint)
                await services.end_read()
                yield services, actor
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("database unavailable miniapp error=%s", type(error).__name__)
            raise Unavailable() from error

    return open_services


def miniapp_config(
    settings: Settings,
    bot: Bot,
    session_factory: async_sessionmaker[AsyncSession],
    policy: Policy,
    translator: Translator,
    clock: Clock,
) -> MiniAppConfig:
    assert settings.bot_token is not None
    return MiniAppConfig(
        token=settings.bot_token.get_secret_value(),
        open_services=services_opener(session_factory, policy, clock),
        translator=translator,
        bot=bot,
        confirm_in_chat=confirm_in_chat,
        clock=clock,
        default_locale=settings.default_locale,
        max_age=timedelta(hours=settings.webapp_auth_max_age_hours),
        script_url=settings.webapp_script_url,
    )


async def serve(config: MiniAppConfig, host: str, port: int) -> web.AppRunner:
    """Polling mode: a small server of its own for the Mini App; stopped with `cleanup()`."""
    web_app = web.Application()
    mount(web_app, config)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("mini app listening on %s:%s", host, port)
    return runner


async def set_menu_button(bot: Bot, url: str, translator: Translator, locale: str) -> None:
    """Everyone's menu button opens the calendar (a person's own chat keeps it too)."""
    text = translator.bind(locale)("miniapp-menu-button")
    try:
        await bot.set_chat_menu_button(
            menu_button=MenuButtonWebApp(text=text, web_app=WebAppInfo(url=url))
        )
    except TelegramAPIError:
        log.warning("could not set the Mini App menu button", exc_info=True)
