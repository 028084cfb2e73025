"""Fluent translations loaded from locales/<lang>/*.ftl; plurals and cases live in the files."""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, cast

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Junk

log = logging.getLogger(__name__)

LOCALES = ("ru", "en")
# The quotation marks of each language, for QUOTED() in the .ftl files.
QUOTES = {"ru": ("«", "»"), "en": ("“", "”")}
_OWN_QUOTES = frozenset('«»“”„"')
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def quoted(value: object, locale: str) -> str:
    """A title in the language's quotes, unless it already has quotes of its own:
    «Практикум «Проверка связи»» reads as a typo, Практикум «Проверка связи» does not."""
    text = str(value)
    if _OWN_QUOTES & set(html.unescape(text)):
        return text
    opening, closing = QUOTES.get(locale, QUOTES["ru"])
    return f"{opening}{text}{closing}"


def L(key: str) -> str:
    """Marks a key that is stored or passed around and translated later."""
    return key


class Translator:
    def __init__(self, locales_dir: Path = LOCALES_DIR, default_locale: str = "ru") -> None:
        self.default_locale = default_locale
        self._bundles: dict[str, FluentBundle] = {}
        self._keys: dict[str, set[str]] = {}
        for locale in LOCALES:
            bundle = FluentBundle(
                [locale],
                use_isolating=False,
                functions={"QUOTED": cast(Any, partial(quoted, locale=locale))},
            )
            keys: set[str] = set()
            for path in sorted((locales_dir / locale).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                bundle.add_resource(resource)
                junk = [entry for entry in resource.body if isinstance(entry, Junk)]
                if junk:
                    raise ValueError(f"{path}: cannot parse {str(junk[0].content)[:80]!r}")
                keys.update(
                    entry.id.name
                    for entry in resource.body
                    if hasattr(entry, "id") and type(entry).__name__ == "Message"
                )
            self._bundles[locale] = bundle
            self._keys[locale] = keys

    def keys(self, locale: str) -> set[str]:
        return set(self._keys[locale])

    def has(self, key: str, locale: str | None = None) -> bool:
        return key in self._keys[locale or self.default_locale]

    def get(self, locale: str, key: str, /, **args: Any) -> str:
        bundle = self._bundles.get(locale) or self._bundles[self.default_locale]
        if not bundle.has_message(key):
            bundle = self._bundles[self.default_locale]
            if not bundle.has_message(key):
                log.error("missing translation key %s", key)
                return key
        message = bundle.get_message(key)
        if message.value is None:
            return key
        text, errors = bundle.format_pattern(message.value, _prepare(args))
        if errors:
            log.warning("translation %s/%s: %s", locale, key, errors)
        return str(text)

    def bind(self, locale: str) -> Text:
        return Text(self, locale if locale in self._bundles else self.default_locale)


def _prepare(args: Mapping[str, Any]) -> dict[str, Any]:
    # Every message is sent as HTML, so every string that goes into one is escaped here, once.
    prepared: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, Raw):
            prepared[name] = value.html
        elif isinstance(value, str):
            prepared[name] = html.escape(value, quote=False)
        elif isinstance(value, bool):
            prepared[name] = str(value)
        elif isinstance(value, (int, float, date, datetime)) or value is None:
            prepared[name] = "" if value is None else value
        else:
            prepared[name] = html.escape(str(value), quote=False)
    return prepared


class Raw:
    """Already-safe HTML (for example text rendered by another message) passed through as is."""

    __slots__ = ("html",)

    def __init__(self, html_text: str) -> None:
        self.html = html_text


class Text:
    """A translator bound to one person's language: `t("key", name=...)`."""

    __slots__ = ("locale", "translator")

    def __init__(self, translator: Translator, locale: str) -> None:
        self.translator = translator
        self.locale = locale

    def __call__(self, key: str, /, **args: Any) -> str:
        return self.translator.get(self.locale, key, **args)


@lru_cache(maxsize=1)
def default_translator() -> Translator:
    return Translator()
