"""`t.me/<bot>?start=<payload>`: features register an opener for their payload prefix."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from handlers.guards import out_of_range
from services.container import Services
from services.context import Actor
from services.i18n import Text

Opener = Callable[[str, Message, FSMContext, Services, Actor, Text], Awaitable[None]]

_OPENERS: dict[str, Opener] = {}


def register(prefix: str, opener: Opener) -> None:
    _OPENERS[prefix] = opener


async def open_payload(
    payload: str, message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> bool:
    prefix, _, rest = payload.partition("_")
    opener = _OPENERS.get(prefix)
    if opener is None or not rest:
        await message.answer(t("deeplink-unknown"))
        return False
    if out_of_range(rest):
        await message.answer(t("error-not-found"))
        return False
    await opener(rest, message, state, svc, actor, t)
    return True
