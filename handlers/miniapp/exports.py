"""Exports as downloads: the period's report (XLSX, or one CSV section) and an event's
participants (XLSX or CSV).

A download is fetched by Telegram's client (`WebApp.downloadFile`) or the browser, which send
no initData; so an authenticated call first asks for a link: signed with a key derived from
the bot's token, bound to the person, valid for minutes. Fetching it re-runs the service
calls as that person, so the rights are checked again when the file is built.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from aiohttp import web

from handlers.miniapp.config import MiniAppConfig
from handlers.miniapp.request import acting, body_of, config_of, serving
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.events.files import export_csv, export_xlsx, file_name
from services.i18n import Text
from services.reports.export import Section, render_csv, render_workbook, stem_of
from services.reports.period import PeriodKind, ReportPeriod, custom_period, period_containing

FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _key(config: MiniAppConfig) -> bytes:
    return hmac.new(b"miniapp-download", config.token.encode(), hashlib.sha256).digest()


def sign(config: MiniAppConfig, payload: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    text = body.decode().rstrip("=")
    mac = hmac.new(_key(config), text.encode(), hashlib.sha256).hexdigest()
    return f"{text}.{mac}"


def verify(config: MiniAppConfig, token: str, now: datetime) -> dict[str, Any]:
    """The link's payload, or a 404 for anything forged, altered or expired."""
    text, _, mac = token.partition(".")
    expected = hmac.new(_key(config), text.encode(), hashlib.sha256).hexdigest()
    if not mac or not hmac.compare_digest(mac, expected):
        raise web.HTTPNotFound()
    try:
        payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except ValueError as error:
        raise web.HTTPNotFound() from error
    if not isinstance(payload, dict) or float(payload.get("x", 0)) < now.timestamp():
        raise web.HTTPNotFound()
    return payload


def _period(raw: Any) -> ReportPeriod:
    if not isinstance(raw, dict):
        raise InvalidInput("error-report-period-bad")
    try:
        kind = PeriodKind(str(raw.get("kind")))
        first = date.fromisoformat(str(raw.get("first")))
        last = date.fromisoformat(str(raw.get("last")))
    except ValueError as error:
        raise InvalidInput("error-report-period-bad") from error
    if kind == PeriodKind.CUSTOM:
        return custom_period(first, last)
    return period_containing(kind, first)


async def _describe(svc: Services, actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    """Checks the rights now and returns what the link will build, with the file's name."""
    fmt = body.get("format")
    if fmt not in FORMATS:
        raise InvalidInput("error-stale-button")
    if body.get("what") == "event":
        event_id = body.get("event_id")
        if not isinstance(event_id, int):
            raise InvalidInput("error-stale-button")
        event = (await svc.events.participants(actor, event_id)).event
        name = file_name(event.title, event.starts_at, svc.policy.timezone, str(fmt))
        return {"w": "event", "f": fmt, "e": event_id, "n": name}
    period = _period(body.get("period"))
    section = body.get("section")
    if fmt == "csv":
        if section not in {s.value for s in Section}:
            raise InvalidInput("error-stale-button")
    else:
        section = None
    scope = await svc.reports.scope(actor)
    name = f"{stem_of(period, scope, section or '')}.{fmt}"
    return {
        "w": "report",
        "f": fmt,
        "s": section,
        "k": period.kind.value,
        "a": period.first.isoformat(),
        "b": period.last.isoformat(),
        "n": name,
    }


async def ask_link(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, _t):
        described = await _describe(svc, actor, await body_of(request))
        config = config_of(request)
        expires = config.clock() + config.download_ttl
        token = sign(config, {**described, "u": actor.telegram_id, "x": expires.timestamp()})
        return web.json_response({"url": f"api/download/{token}", "name": described["n"]})


async def _build(svc: Services, actor: Actor, t: Text, payload: dict[str, Any]) -> bytes:
    zone = svc.policy.timezone
    if payload.get("w") == "event":
        data = await svc.events.participants(actor, int(payload["e"]))
        return export_xlsx(data, t, zone) if payload["f"] == "xlsx" else export_csv(data, t, zone)
    period = _period(
        {"kind": payload.get("k"), "first": payload.get("a"), "last": payload.get("b")}
    )
    report = await svc.reports.report_data(actor, period)
    await svc.end_read()
    if payload["f"] == "xlsx":
        return await render_workbook(report, t, zone)
    return await render_csv(report, Section(payload["s"]), t, zone)


async def download(request: web.Request) -> web.Response:
    config = config_of(request)
    payload = verify(config, request.match_info["token"], config.clock())
    async with serving(request, int(payload["u"])) as (svc, actor, t):
        content = await _build(svc, actor, t, payload)
    name = str(payload["n"])
    return web.Response(
        body=content,
        headers={
            "Content-Type": CONTENT_TYPES[str(payload["f"])],
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_post("/api/staff/exports", ask_link)
    router.add_get("/api/download/{token}", download)
