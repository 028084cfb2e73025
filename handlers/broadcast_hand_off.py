"""Starting a broadcast with a prepared text and attachment from another feature (the library
sends a material as a document) without importing the broadcasts feature: broadcasts register
the starter, the other feature calls `start`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from services.container import Services
from services.context import Actor
from services.i18n import Text


@dataclass(frozen=True, slots=True)
class Prepared:
    body: str  # HTML, already safe
    attachment_type: str | None  # "document" or "photo", as broadcasts store it
    file_id: str | None


Starter = Callable[[CallbackQuery, Prepared, FSMContext, Services, Actor, Text], Awaitable[None]]

_STARTERS: list[Starter] = []


def register(starter: Starter) -> None:
    _STARTERS[:] = [starter]


async def start(
    query: CallbackQuery,
    prepared: Prepared,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not _STARTERS:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    await _STARTERS[0](query, prepared, state, svc, actor, t)
