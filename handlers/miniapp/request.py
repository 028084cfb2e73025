"""One API call: the caller checked, the services opened for them, and errors as JSON.

Every error a person can cause (a full event, a closed window, a role they lack, a stale
screen) is a 4xx with a message in their language for the page to show; only the unexpected
is logged as an error, with ids and never names.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from handlers.miniapp.auth import Unauthorized, check_init_data, init_data_of
from handlers.miniapp.config import CONFIG, MiniAppConfig
from services.container import Services
from services.context import Actor
from services.errors import (
    AccessDenied,
    Conflict,
    DomainError,
    InvalidInput,
    NeedsOnboarding,
    NotFound,
    Unavailable,
)
from services.i18n import Text

log = logging.getLogger(__name__)

TEXT = web.RequestKey("miniapp_text", Text)
ACTOR_ID = web.RequestKey("miniapp_actor_id", int)

_TAGS = re.compile(r"<[^>]+>")
STATUS = (
    (NeedsOnboarding, 403, "needs_onboarding"),
    (AccessDenied, 403, "forbidden"),
    (NotFound, 404, "not_found"),
    (InvalidInput, 400, "invalid"),
    (Conflict, 409, "conflict"),
    (Unavailable, 503, "unavailable"),
)


def plain(text: str) -> str:
    """A translation (HTML for the chat) as plain text: the page sets it as text, never as
    markup, so nothing a person typed can become markup there."""
    return html.unescape(_TAGS.sub("", text))


def config_of(request: web.Request) -> MiniAppConfig:
    return request.app[CONFIG]


def language_hint(code: str, default: str) -> str:
    return "en" if code.startswith("en") else default


@asynccontextmanager
async def acting(request: web.Request) -> AsyncIterator[tuple[Services, Actor, Text]]:
    """The services of this call and who acts; a call without valid initData goes no further."""
    config = config_of(request)
    caller = check_init_data(
        config.token,
        init_data_of(request.headers.get("Authorization")),
        config.clock(),
        config.max_age,
    )
    async with serving(request, caller.telegram_id, caller.language_code) as opened:
        yield opened


@asynccontextmanager
async def serving(
    request: web.Request, telegram_id: int, language_code: str = ""
) -> AsyncIterator[tuple[Services, Actor, Text]]:
    """The services for a person already known to be who they say (checked initData, or a
    signed download link), in their language."""
    config = config_of(request)
    hint = language_hint(language_code, config.default_locale)
    request[TEXT] = config.translator.bind(hint)
    async with config.open_services(telegram_id, hint) as (svc, actor):
        t = config.translator.bind(actor.locale)
        request[TEXT] = t
        if actor.user_id is not None:
            request[ACTOR_ID] = actor.user_id
        yield svc, actor, t


def error_response(error: DomainError, t: Text) -> web.Response:
    status, code = 400, "error"
    for kind, kind_status, kind_code in STATUS:
        if isinstance(error, kind):
            status, code = kind_status, kind_code
            break
    return web.json_response(
        {"error": code, "message": plain(t(error.key, **error.args_for_text))}, status=status
    )


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Unauthorized:
        return web.json_response({"error": "unauthorized"}, status=401)
    except DomainError as error:
        return error_response(error, _text(request))
    except web.HTTPException:
        raise
    except Exception:
        log.exception(
            "miniapp call failed path=%s user_id=%s", request.path, request.get(ACTOR_ID)
        )
        t = _text(request)
        return web.json_response(
            {"error": "internal", "message": plain(t("error-generic"))}, status=500
        )


def _text(request: web.Request) -> Text:
    found = request.get(TEXT)
    if found is not None:
        return found
    config = config_of(request)
    return config.translator.bind(config.default_locale)


def int_arg(request: web.Request, name: str, default: int | None = None) -> int:
    """A whole number from the query string or the path; anything else is a stale screen."""
    raw = request.match_info.get(name) or request.query.get(name)
    if raw is None or raw == "":
        if default is None:
            raise InvalidInput("error-stale-button")
        return default
    if not raw.isdigit() or len(raw) > 12:
        raise InvalidInput("error-stale-button")
    return int(raw)


async def body_of(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError as error:
        raise InvalidInput("error-stale-button") from error
    if not isinstance(data, dict):
        raise InvalidInput("error-stale-button")
    return data
