"""What the Mini App needs from the composition root, handed in rather than imported: the
handlers never open a database session themselves, and never import another feature."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot
from aiohttp import web

from services.container import Services
from services.context import Actor, Clock
from services.events.types import RegistrationOutcome
from services.i18n import Text, Translator

# (telegram id, language hint) -> the services of one request and the person acting.
OpenServices = Callable[[int, str], AbstractAsyncContextManager[tuple[Services, Actor]]]
# The chat's own confirmation of a registration (the text, the card's buttons, the .ics).
ConfirmInChat = Callable[[Bot, int, RegistrationOutcome, Services, Text], Awaitable[None]]


@dataclass(frozen=True)
class MiniAppConfig:
    token: str
    open_services: OpenServices
    translator: Translator
    bot: Bot
    confirm_in_chat: ConfirmInChat
    clock: Clock
    default_locale: str = "ru"
    max_age: timedelta = timedelta(hours=24)
    script_url: str = "https://telegram.org/js/telegram-web-app.js"
    # Download links for exports stay valid this long (they carry no initData).
    download_ttl: timedelta = timedelta(minutes=10)


CONFIG = web.AppKey("miniapp_config", MiniAppConfig)
