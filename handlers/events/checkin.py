"""Checking in at the event: /checkin with the day's code, or the bare six digits while some
event's check-in is open."""

from __future__ import annotations

import re

from aiogram import Router
from aiogram.filters import Command, CommandObject, Filter, StateFilter
from aiogram.types import Message

from handlers.events.catalog import need_user
from handlers.messages import send
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.i18n import Text

CODE_RE = re.compile(r"^\s*(\d{6})\s*$")


async def checkin_command(
    message: Message, command: CommandObject, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    code = (command.args or "").strip()
    if not CODE_RE.match(code):
        raise InvalidInput("error-event-checkin-code")
    event = await svc.events.checkin(actor, code)
    await send(message, t("events-checked-in", title=event.title))


async def checkin_code(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    event = await svc.events.checkin(actor, (message.text or "").strip())
    await send(message, t("events-checked-in", title=event.title))


class OpenCheckin(Filter):
    """Lets a bare six-digit message through only while some event's check-in is open, so
    the digits never shadow another feature's input outside that window."""

    async def __call__(
        self, message: Message, actor: Actor | None = None, svc: Services | None = None
    ) -> bool:
        if svc is None or actor is None or not actor.is_registered:
            return False
        if not message.text or not CODE_RE.match(message.text):
            return False
        return await svc.events.has_open_checkin()


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(checkin_command, Command("checkin"))
    router.message.register(checkin_code, StateFilter(None), OpenCheckin())
    return router
