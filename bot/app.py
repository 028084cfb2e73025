"""Run modes: long polling (default) and webhook, both with migrations first and a clean stop."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import Settings
from bot.factory import Database, create_bot, create_dispatcher, policy_from
from bot.scheduler import Scheduler
from bot.webapp import miniapp_config, serve, set_menu_button
from db import migrate
from handlers.commands_menu import set_default_commands
from handlers.miniapp.app import mount
from handlers.miniapp.config import MiniAppConfig
from services.context import Clock, system_clock
from services.i18n import default_translator

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    database: Database
    bot: Bot
    dispatcher: Dispatcher
    clock: Clock = system_clock

    def miniapp(self) -> MiniAppConfig:
        d = self.dispatcher
        return miniapp_config(
            self.settings,
            self.bot,
            self.database.session_factory,
            d["policy"],
            d["translator"],
            self.clock,
        )


async def build_app(settings: Settings, clock: Clock = system_clock) -> App:
    """`clock`: what the services and the scheduler take for now; only tests move it (an
    event's day walked end to end over HTTP)."""
    settings.ensure_sqlite_dir()
    database = Database.from_settings(settings)
    if settings.migrate_on_start:
        await migrate.upgrade(database.engine)
    bot = create_bot(settings)
    # The username goes into deep links, so it is asked for before anything is built on it.
    me = await bot.get_me()
    policy = policy_from(settings, bot_username=me.username or "")
    dispatcher = create_dispatcher(settings, database.session_factory, policy=policy, clock=clock)
    app = App(settings, database, bot, dispatcher, clock)
    # Registered before _on_shutdown, so the engine finishes its round before the pool closes.
    dispatcher["scheduler"] = Scheduler.from_settings(
        settings, bot, database.session_factory, policy, clock=clock
    )
    dispatcher.startup.register(_start_scheduler)
    dispatcher.shutdown.register(_stop_scheduler)
    dispatcher.startup.register(_on_startup)
    dispatcher.shutdown.register(_on_shutdown)
    dispatcher["app"] = app
    freeze_startup_heap()
    return app


def freeze_startup_heap() -> None:
    """Takes what start-up built and keeps (modules, aiogram's pydantic models of the Bot API,
    routers, SQLAlchemy mappers: ~330,000 objects) out of the garbage collector's reach. A
    full collection walked all of them, ~200 ms during which no update moved, several times
    a minute under load. What the updates allocate later is collected as before."""
    gc.collect()
    gc.freeze()


async def _start_scheduler(scheduler: Scheduler) -> None:
    await scheduler.start()


async def _stop_scheduler(scheduler: Scheduler) -> None:
    await scheduler.stop()


async def _on_startup(bot: Bot, settings: Settings) -> None:
    try:
        await set_default_commands(bot, default_translator())
    except TelegramAPIError:
        log.warning("could not set the default command menu", exc_info=True)
    if settings.webapp_url:
        await set_menu_button(
            bot, settings.webapp_url, default_translator(), settings.default_locale
        )
    log.info("bot started as id=%s", bot.id)


async def _on_shutdown(app: App) -> None:
    log.info("bot stopping")
    await app.database.engine.dispose()


async def run_polling(settings: Settings) -> None:
    app = await build_app(settings)
    miniapp = None
    if settings.webapp_url:
        miniapp = await serve(app.miniapp(), settings.webapp_host, settings.webapp_port)
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            app.bot,
            handle_signals=True,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
    finally:
        if miniapp is not None:
            await miniapp.cleanup()
        await app.bot.session.close()


def webhook_application(app: App) -> web.Application:
    """The aiohttp application that receives updates; the secret token is checked on each."""
    settings = app.settings
    assert settings.webhook_url and settings.webhook_secret
    secret = settings.webhook_secret.get_secret_value()

    async def set_webhook(bot: Bot) -> None:
        await bot.set_webhook(
            settings.webhook_url.rstrip("/") + settings.webhook_path,  # type: ignore[union-attr]
            secret_token=secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )

    app.dispatcher.startup.register(set_webhook)
    web_app = web.Application()
    SimpleRequestHandler(app.dispatcher, app.bot, secret_token=secret).register(
        web_app, path=settings.webhook_path
    )
    if settings.webapp_url:
        mount(web_app, app.miniapp())
    setup_application(web_app, app.dispatcher, bot=app.bot, app=app)
    return web_app


async def run_webhook(settings: Settings) -> None:
    app = await build_app(settings)
    web_app = webhook_application(app)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
