"""A small fake Bot API server on 127.0.0.1 that enforces Telegram's flood limits.

Sending methods (sendMessage, sendPhoto, sendDocument, editMessageText) are counted in a
sliding one-second window; past `limit` the server answers 429 with `retry_after`, as
Telegram does. It also refuses a second message to one chat within `per_chat_interval`.
Every accepted send is stored with its arrival time, so a benchmark or an end-to-end test can
measure what really went over the wire.

    async with FakeBotApi(limit=25) as api:
        bot = Bot(token, session=AiohttpSession(api=api.server))

`with Served(limit=25) as api:` runs it in a separate process, as a benchmark should.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiogram.client.telegram import TelegramAPIServer
from aiohttp import ClientSession, web

BOT_ID = 4242424
SENDING = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}


@dataclass
class Accepted:
    method: str
    chat_id: int
    at: float
    text: str | None


@dataclass
class FakeBotApi:
    limit: float = 30.0
    retry_after: int = 1
    per_chat_interval: float = 1.0
    accepted: list[Accepted] = field(default_factory=list)
    too_many: int = 0
    port: int = 0
    _window: deque[float] = field(default_factory=deque)
    _last_per_chat: dict[int, float] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def server(self) -> TelegramAPIServer:
        return TelegramAPIServer.from_base(self.base_url)

    async def __aenter__(self) -> FakeBotApi:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/stats", self._stats)
        app.router.add_post("/reset", self._reset)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        if not self.port:
            server: Any = site._server
            self.port = server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def reset(self) -> None:
        self.accepted.clear()
        self._window.clear()
        self._last_per_chat.clear()
        self.too_many = 0

    async def _reset(self, request: web.Request) -> web.Response:
        self.reset()
        return _ok(True)

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"accepted": [[a.chat_id, a.at] for a in self.accepted], "too_many": self.too_many}
        )

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        return {k: v for k, v in form.items() if isinstance(v, str)}

    def _flood(self, retry_after: int, what: str) -> web.Response:
        self.too_many += 1
        return web.json_response(
            {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {retry_after} ({what})",
                "parameters": {"retry_after": retry_after},
            }
        )

    async def _handle(self, request: web.Request) -> web.Response:
        # Arrival time, taken before the body is read, is what Telegram's counter would see.
        now = time.monotonic()
        method = request.match_info["method"]
        params = await self._params(request)
        if method == "getMe":
            return _ok(
                {"id": BOT_ID, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
            )
        if method not in SENDING:
            return _ok(True)
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if len(self._window) >= self.limit:
            return self._flood(self.retry_after, "bot")
        chat_id = int(params.get("chat_id", 0))
        last = self._last_per_chat.get(chat_id)
        if (
            last is not None
            and now - last < self.per_chat_interval
            and method != "editMessageText"
        ):
            return self._flood(1, "chat")
        self._window.append(now)
        self._last_per_chat[chat_id] = now
        text = params.get("text") or params.get("caption")
        self.accepted.append(Accepted(method, chat_id, now, text))
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
        }
        if text:
            message["text"] = text
        if "reply_markup" in params:
            message["reply_markup"] = json.loads(params["reply_markup"])
        return _ok(message)


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


class Served:
    """The server in a process of its own, as Telegram is: arrival times measured there do not
    depend on the client's event loop or the GIL. Figures are read back over HTTP."""

    def __init__(self, limit: float, retry_after: int = 1, per_chat_interval: float = 1.0) -> None:
        self.limit = limit
        self.retry_after = retry_after
        self.per_chat_interval = per_chat_interval
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    @property
    def server(self) -> TelegramAPIServer:
        return TelegramAPIServer.from_base(f"http://127.0.0.1:{self.port}")

    def __enter__(self) -> Served:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.fake_bot_api",
                str(self.limit),
                str(self.retry_after),
                str(self.per_chat_interval),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline().strip())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    async def stats(self) -> dict[str, Any]:
        async with (
            ClientSession() as http,
            http.get(f"http://127.0.0.1:{self.port}/stats") as response,
        ):
            return dict(await response.json())

    async def reset(self) -> None:
        """Forgets every send so far: the next measurement starts from an empty window."""
        async with (
            ClientSession() as http,
            http.post(f"http://127.0.0.1:{self.port}/reset") as response,
        ):
            await response.read()


async def _serve(limit: float, retry_after: int, per_chat_interval: float) -> None:
    api = FakeBotApi(limit=limit, retry_after=retry_after, per_chat_interval=per_chat_interval)
    await api.__aenter__()
    print(api.port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(_serve(float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
