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
# Prefixes whose page anyone may see before getting acquainted (the public catalogue): /start
# with such a payload shows it at once instead of asking for a language and consent first.
_PUBLIC: set[str] = set()


def register(prefix: str, opener: Opener, *, public: bool = False) -> None:
    _OPENERS[prefix] = opener
    if public:
        _PUBLIC.add(prefix)


def is_public(payload: str) -> bool:
    return payload.partition("_")[0] in _PUBLIC


PENDING_KEY = "pending_payload"


async def remember(state: FSMContext, payload: str) -> None:
    """A stranger looked at a public page: after /start and onboarding they come back to it.
    Kept in the conversation's state only, never in the database."""
    await state.update_data({PENDING_KEY: payload})


async def remembered(state: FSMContext) -> str | None:
    value = (await state.get_data()).get(PENDING_KEY)
    return str(value) if value else None


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
