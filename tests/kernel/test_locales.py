"""Every text the bot can show exists in Russian and in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax.ast import Junk, Message

from handlers.commands_menu import EVERYONE_COMMANDS, GUEST_COMMANDS, ROLE_COMMANDS
from handlers.menu import MENU_ITEMS
from handlers.people.render import PARENT_FIELDS, TEACHER_FIELDS
from services.enums import GRANTED_ROLES, Experience, Position, Role, Subject, Topic
from services.i18n import LOCALES, LOCALES_DIR, Translator
from services.people.schools import FLAGS
from tests.support.locale_keys import used_keys


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def _missing(translator: Translator, keys: set[str]) -> dict[str, list[str]]:
    return {
        locale: sorted(k for k in keys if not translator.has(k, locale))
        for locale in LOCALES
        if any(not translator.has(k, locale) for k in keys)
    }


@pytest.mark.parametrize("path", sorted(LOCALES_DIR.glob("*/*.ftl")), ids=lambda p: p.name)
def test_every_file_parses_without_junk(path: Path) -> None:
    resource = FluentParser().parse(path.read_text(encoding="utf-8"))
    junk = [(entry.content or "")[:80] for entry in resource.body if isinstance(entry, Junk)]
    assert junk == []
    # A message without a value renders as its bare key on screen.
    empty = [e.id.name for e in resource.body if isinstance(e, Message) and e.value is None]
    assert empty == []


def test_ru_and_en_have_the_same_keys(translator: Translator) -> None:
    ru, en = translator.keys("ru"), translator.keys("en")
    assert sorted(ru - en) == [], "in Russian only"
    assert sorted(en - ru) == [], "in English only"


def test_every_key_the_code_uses_is_defined(translator: Translator) -> None:
    used = used_keys()
    assert len(used) > 50  # the scanner itself still finds the calls
    missing = {
        key: places[:3]
        for key, places in used.items()
        if not all(translator.has(key, locale) for locale in LOCALES)
    }
    assert missing == {}


def test_enum_derived_key_families_exist(translator: Translator) -> None:
    commands = set(EVERYONE_COMMANDS) | set(GUEST_COMMANDS) | {"forget"}
    for role_commands in ROLE_COMMANDS.values():
        commands |= set(role_commands)
    commands |= {item.command for item in MENU_ITEMS}
    keys = (
        {f"subject-{v.value}" for v in Subject}
        | {f"experience-{v.value}" for v in Experience}
        | {f"position-{v.value}" for v in Position}
        | {f"role-{v.value}" for v in Role}
        | {f"role-abilities-{v.value}" for v in GRANTED_ROLES}
        | {f"topic-{v.value}" for v in Topic}
        | {f"cmd-{name}" for name in commands}
        | {f"profile-edit-{field}" for field in (*TEACHER_FIELDS, *PARENT_FIELDS, "language")}
        | {f"schools-toggle-{flag}" for flag in FLAGS}
        | {f"language-name-{locale}" for locale in LOCALES}
        | {item.key for item in MENU_ITEMS}
    )
    assert _missing(translator, keys) == {}


def test_bot_commands_have_telegram_shaped_descriptions(translator: Translator) -> None:
    # setMyCommands rejects a description longer than 256 characters or an empty one.
    commands = set(EVERYONE_COMMANDS) | {c for cs in ROLE_COMMANDS.values() for c in cs}
    for locale in LOCALES:
        for name in commands:
            description = translator.get(locale, f"cmd-{name}")
            assert 0 < len(description) <= 256, (locale, name)


@pytest.mark.parametrize(
    ("count", "word"),
    [(1, "школа"), (2, "школы"), (5, "школ"), (21, "школа"), (11, "школ"), (104, "школы")],
)
def test_russian_plurals_agree_with_the_number(
    translator: Translator, count: int, word: str
) -> None:
    text = translator.get("ru", "profile-school-found", count=count)
    assert f"{count} {word}" in text, text


@pytest.mark.parametrize(("count", "word"), [(1, "столбец"), (2, "столбца"), (5, "столбцов")])
def test_russian_plurals_in_import_errors(translator: Translator, count: int, word: str) -> None:
    text = translator.get("ru", "error-csv-row-columns", found=count, needed=7)
    assert f"{count} {word}" in text


def test_english_plurals(translator: Translator) -> None:
    assert "1 school" in translator.get("en", "profile-school-found", count=1)
    assert "5 schools" in translator.get("en", "profile-school-found", count=5)
