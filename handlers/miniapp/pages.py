"""The page itself (one HTML, one CSS, one JS, served by the bot), and `api/me`: who the
person is to the page, which screens they get, and every text of the page in their language
(from locales/*/miniapp.ftl, the same files the chat reads)."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from handlers.miniapp.calendar import onboarded
from handlers.miniapp.request import acting, plain
from services.enums import Role, Topic
from services.events.types import EventAudience, EventFormat, EventType
from services.i18n import LOCALES, Text, Translator

STATIC = Path(__file__).resolve().parent / "static"
PAGE_PREFIX = "miniapp-ui-"
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    content_type: str
    version: str


def load_assets() -> dict[str, Asset]:
    """Read once at start-up; the page names each with a hash of its content, so phones may
    keep them until the bot ships a new version."""
    assets = {}
    for path in sorted(STATIC.iterdir()):
        if path.suffix in CONTENT_TYPES:
            body = path.read_bytes()
            version = hashlib.sha256(body).hexdigest()[:12]
            assets[path.name] = Asset(body, CONTENT_TYPES[path.suffix], version)
    return assets


FATAL_KEYS = ("miniapp-fatal-title", "miniapp-fatal-auth", "miniapp-fatal-network")


def fatal_texts(translator: Translator) -> str:
    """The error page's words in both languages, in the page itself: when the launch data is
    refused, the API gives nothing at all, not even the page's texts."""
    attributes = []
    for locale in LOCALES:
        t = translator.bind(locale)
        for key in (*FATAL_KEYS, "miniapp-ui-retry"):
            name = f"data-{locale}-{key.rsplit('-', 1)[-1]}"
            attributes.append(f'{name}="{html.escape(plain(t(key)))}"')
    return " ".join(attributes)


def render_index(assets: dict[str, Asset], script_url: str, translator: Translator) -> bytes:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{telegram_script}}", html.escape(script_url))
    page = page.replace("{{fatal_texts}}", fatal_texts(translator))
    for name, asset in assets.items():
        page = page.replace("{{" + name + "}}", f"static/{name}?v={asset.version}")
    return page.encode()


def page_strings(t: Text) -> dict[str, str]:
    keys = sorted(k for k in t.translator.keys(t.locale) if k.startswith(PAGE_PREFIX))
    return {key[len(PAGE_PREFIX) :]: plain(t(key)) for key in keys}


def options(t: Text) -> dict[str, list[list[str]]]:
    def pairs(values: list[Any], prefix: str) -> list[list[str]]:
        return [[v.value, plain(t(f"{prefix}{v.value}"))] for v in values]

    return {
        "type": pairs(list(EventType), "events-type-"),
        "topic": pairs(list(Topic), "topic-"),
        "format": pairs(list(EventFormat), "events-format-"),
        "audience": pairs(list(EventAudience), "events-audience-"),
    }


async def me(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        is_onboarded = await onboarded(svc, actor)
        reports = actor.is_staff or (
            actor.has(Role.COORDINATOR) and actor.coordinator_school_id is not None
        )
        mentoring = await svc.mentoring.count_listed(actor) > 0
        today = svc.clock().astimezone(svc.policy.timezone).date()
        username = svc.policy.bot_username
        return web.json_response(
            {
                "locale": t.locale,
                "registered": actor.is_registered,
                "onboarded": is_onboarded,
                "staff": actor.is_staff,
                "dashboard": reports,
                "mentoring": mentoring,
                "today": today.isoformat(),
                "chat_link": f"https://t.me/{username}" if username else "",
                "strings": page_strings(t),
                "options": options(t),
            }
        )


def add_routes(router: web.UrlDispatcher, assets: dict[str, Asset], index: bytes) -> None:
    async def page(_request: web.Request) -> web.Response:
        return web.Response(
            body=index,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-cache"},
        )

    async def asset(request: web.Request) -> web.Response:
        found = assets.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        response = web.Response(
            body=found.body,
            headers={
                "Content-Type": found.content_type,
                "Cache-Control": "public, max-age=31536000, immutable",
            },
        )
        response.enable_compression()
        return response

    router.add_get("/", page)
    router.add_get("/static/{name}", asset)
    router.add_get("/api/me", me)
