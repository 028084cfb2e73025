"""The main menu: a reply keyboard of the person's actions, built from the features' entries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.filters import Command, Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import KeyboardButton, Message, ReplyKeyboardMarkup, TelegramObject

from services.context import Actor
from services.enums import Role
from services.i18n import L, Text, default_translator

EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    key: str
    roles: frozenset[Role]
    command: str


# Feature handlers reach these through their `/command` too; the menu only offers a button.
MENU_ITEMS: list[MenuItem] = [
    MenuItem(L("menu-profile"), EVERYONE, "profile"),
    MenuItem(L("menu-help"), EVERYONE, "help"),
    MenuItem(L("menu-roles"), frozenset({Role.ADMIN}), "roles"),
    MenuItem(L("menu-schools"), frozenset({Role.ADMIN}), "schools"),
    MenuItem(L("menu-events"), EVERYONE, "events"),
    MenuItem(L("menu-library"), EVERYONE, "library"),
    MenuItem(L("menu-my"), frozenset({Role.TEACHER, Role.PARENT}), "my"),
    MenuItem(L("menu-new-event"), frozenset({Role.METHODIST, Role.ADMIN}), "new_event"),
    MenuItem(L("menu-surveys"), frozenset({Role.TEACHER}), "survey"),
    MenuItem(L("menu-surveys-staff"), frozenset({Role.METHODIST, Role.ADMIN}), "surveys"),
    MenuItem(
        L("menu-reports"), frozenset({Role.METHODIST, Role.ADMIN, Role.COORDINATOR}), "stats"
    ),
    MenuItem(L("menu-broadcast"), frozenset({Role.METHODIST, Role.ADMIN}), "broadcast"),
    MenuItem(L("menu-consult"), frozenset({Role.PARENT, Role.TEACHER}), "consult"),
    MenuItem(L("menu-appointments"), frozenset({Role.PSYCHOLOGIST}), "slots"),
    MenuItem(
        L("menu-mentoring"),
        frozenset({Role.TEACHER, Role.METHODIST, Role.ADMIN, Role.COORDINATOR}),
        "mentoring",
    ),
]


def items_for(actor: Actor) -> list[MenuItem]:
    # Centre staff waiting for their role hold none yet; everyone's entries are theirs too.
    return [
        item
        for item in MENU_ITEMS
        if actor.roles & item.roles or (item.roles == EVERYONE and actor.is_registered)
    ]


def main_menu(actor: Actor, t: Text) -> ReplyKeyboardMarkup:
    items = items_for(actor)
    rows: list[list[KeyboardButton]] = []
    for index in range(0, len(items), 2):
        rows.append([KeyboardButton(text=t(item.key)) for item in items[index : index + 2]])
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, is_persistent=True)


class MenuButton(Filter):
    """Matches the text of a menu button in any language, so a language switch never breaks it."""

    def __init__(self, key: str) -> None:
        self.key = key
        translator = default_translator()
        self.texts = {translator.get(locale, key) for locale in ("ru", "en")}

    async def __call__(self, message: Message) -> bool:
        return message.text in self.texts


@cache
def menu_texts() -> frozenset[str]:
    """Every main-menu button's text, in every language."""
    translator = default_translator()
    return frozenset(
        translator.get(locale, item.key) for item in MENU_ITEMS for locale in ("ru", "en")
    )


class NotMenuButton(Filter):
    """Lets through what is not a main-menu button: a menu tap is never a typed answer."""

    async def __call__(self, message: Message) -> bool:
        return message.text not in menu_texts()


class LeaveStepsOnMenuTap(BaseMiddleware):
    """A main-menu button, or a command other than /cancel, sent while one of `states` waits
    for a typed answer leaves that step before any handler sees it: the step never takes the
    button's text as its answer, and what was tapped opens as it would outside the step.
    Features name their steps in `LEAVE_ON_MENU` (collected in handlers/__init__.py)."""

    def __init__(self, states: Iterable[str]) -> None:
        self.states = frozenset(states)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if (
            isinstance(event, Message)
            and data.get("raw_state") in self.states
            and _leaves_a_step(event.text)
        ):
            state = data.get("state")
            if isinstance(state, FSMContext):
                await state.clear()
            data["raw_state"] = None  # the state filters below see the step left
        return await handler(event, data)


def _leaves_a_step(text: str | None) -> bool:
    if not text:
        return False
    if text.startswith("/"):
        # /cancel says what it cancelled, so it still finds the step.
        return text.split(maxsplit=1)[0].split("@")[0] != "/cancel"
    return text in menu_texts()


async def show_menu(message: Message, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        await message.answer(t("start-needs-onboarding"))
        return
    await message.answer(t("menu-title"), reply_markup=main_menu(actor, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_menu, Command("menu"))
    return router
