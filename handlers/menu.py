"""The main menu: a reply keyboard of the person's actions, built from the features' entries."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router
from aiogram.filters import Command, Filter
from aiogram.types import KeyboardButton, Message, ReplyKeyboardMarkup

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


async def show_menu(message: Message, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        await message.answer(t("start-needs-onboarding"))
        return
    await message.answer(t("menu-title"), reply_markup=main_menu(actor, t))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_menu, Command("menu"))
    return router
