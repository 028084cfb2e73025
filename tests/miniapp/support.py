"""The Mini App under test: signed launch data made as Telegram makes it, and the app served
over real HTTP on loopback with the bot's own wiring (bot/webapp.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientResponse, ClientSession, web

from bot.webapp import miniapp_config
from handlers.miniapp.app import PREFIX, mount
from handlers.miniapp.config import MiniAppConfig
from services.i18n import default_translator
from tests.conftest import make_settings
from tests.support.fakes import TOKEN
from tests.support.harness import BotHarness

STUB = Path(__file__).resolve().parent / "telegram_stub.js"
STUB_PATH = "/stub/telegram-web-app.js"
OTHER_TOKEN = "5555555:AAotherBOTtokenOTHERbotTOKEN12345"


def init_data(
    user_id: int,
    *,
    now: datetime,
    token: str = TOKEN,
    language: str = "ru",
    age: timedelta = timedelta(minutes=1),
    first_name: str = "Мария",
) -> str:
    """The query string Telegram hands a Mini App, signed as the Bot API documents it."""
    user = {"id": user_id, "first_name": first_name, "language_code": language}
    fields = {
        "query_id": f"AAH{user_id}",
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(int((now - age).timestamp())),
    }
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def tampered(data: str) -> str:
    """The same launch data with another user id put in: the signature no longer matches."""
    return data.replace("%22id%22%3A", "%22id%22%3A1", 1)


def config_for(harness: BotHarness, database_url: str, **settings: Any) -> MiniAppConfig:
    values: dict[str, Any] = {"webapp_url": "https://coordinator.example.org/app/", **settings}
    return miniapp_config(
        make_settings(database_url, **values),
        harness.bot,
        harness.database.session_factory,
        harness.policy,
        default_translator(),
        harness.clock,
    )


def root_app(config: MiniAppConfig) -> web.Application:
    app = web.Application()
    mount(app, config)

    async def stub(_request: web.Request) -> web.Response:
        return web.Response(body=STUB.read_bytes(), content_type="text/javascript")

    # Telegram's script replaced by an offline stand-in (tests have no internet).
    app.router.add_get(STUB_PATH, stub)
    return app


@dataclass
class MiniAppServer:
    base: str  # http://127.0.0.1:PORT/app/
    http: ClientSession

    async def call(
        self, method: str, path: str, data: str | None, body: Any = None
    ) -> ClientResponse:
        headers = {} if data is None else {"Authorization": f"tma {data}"}
        return await self.http.request(method, self.base + path, headers=headers, json=body)

    async def get_json(self, path: str, data: str | None) -> tuple[int, Any]:
        response = await self.call("GET", path, data)
        return response.status, await response.json()

    async def post_json(self, path: str, data: str | None, body: Any = None) -> tuple[int, Any]:
        response = await self.call("POST", path, data, body if body is not None else {})
        return response.status, await response.json()


@asynccontextmanager
async def serving(config: MiniAppConfig) -> AsyncIterator[MiniAppServer]:
    runner = web.AppRunner(root_app(config), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with ClientSession() as http:
            yield MiniAppServer(f"http://127.0.0.1:{port}{PREFIX}/", http)
    finally:
        await runner.cleanup()
