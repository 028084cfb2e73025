"""A fake Telegram Bot API server on 127.0.0.1, owned by the tests.

The bot talks to it over real HTTP exactly as it talks to api.telegram.org (or a self-hosted
Bot API server): `BOT_API_BASE_URL` points at it. The test pushes updates into the queue that
`getUpdates` long-polls, and reads back every request the bot made.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from tests.support.fakes import BOT_ID, BOT_USERNAME, TOKEN

# Methods that only acknowledge; the real API answers them with `true`.
_ACKNOWLEDGED = {
    "answerCallbackQuery",
    "answerInlineQuery",
    "setMyCommands",
    "deleteMyCommands",
    "deleteWebhook",
    "setWebhook",
    "setChatMenuButton",
    "deleteMessage",
    "sendChatAction",
    "close",
    "logOut",
}
_SENDING = {"sendMessage", "sendDocument", "sendPhoto"}
_LONG_POLL_CAP = 2.0  # seconds a getUpdates may hang, so that stopping the server is quick


@dataclass(frozen=True)
class Fault:
    """What the fake answers instead of doing the method. A faulted request is not recorded
    as done: like Telegram, the fake did not deliver anything."""

    kind: str  # retry_after, blocked, bad_request, server_error, bad_gateway, timeout, reset
    seconds: float = 1.0

    @classmethod
    def retry_after(cls, seconds: int = 1) -> Fault:
        return cls("retry_after", seconds)

    @classmethod
    def blocked(cls) -> Fault:
        return cls("blocked")

    @classmethod
    def bad_request(cls) -> Fault:
        return cls("bad_request")

    @classmethod
    def server_error(cls) -> Fault:
        return cls("server_error")

    @classmethod
    def bad_gateway(cls) -> Fault:
        """A reverse proxy's HTML page, not the Bot API's JSON."""
        return cls("bad_gateway")

    @classmethod
    def timeout(cls, seconds: float) -> Fault:
        """Hangs longer than the client waits, then fails (nothing delivered)."""
        return cls("timeout", seconds)

    @classmethod
    def reset(cls) -> Fault:
        """The connection is dropped without an answer."""
        return cls("reset")


FaultRule = Callable[["Recorded"], Fault | None]


@dataclass
class Recorded:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    result: Any = None
    # When the request arrived (time.monotonic): what benchmarks time sends by.
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of every inline button on the message."""
        markup = self.params.get("reply_markup")
        if not isinstance(markup, dict):
            return []
        return [
            (button["text"], button["callback_data"])
            for row in markup.get("inline_keyboard", [])
            for button in row
            if "callback_data" in button
        ]


def _decode(value: str) -> Any:
    # aiogram sends nested objects (reply_markup, commands, scope) as JSON strings.
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotAPI:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.requests: list[Recorded] = []
        self.rejected: list[Recorded] = []
        self._answered: set[str] = set()
        self.files: dict[str, bytes] = {}
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Condition()
        self._new_request = asyncio.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._query_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        # Consulted in order for every request; the first rule that returns a Fault wins.
        self.faults: list[FaultRule] = []
        self.faulted: list[tuple[Recorded, Fault]] = []

    # --- server -------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _method(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params, files = await self._read(request)
        record = Recorded(method, params, files)
        for rule in self.faults:
            fault = rule(record)
            if fault is not None:
                self.faulted.append((record, fault))
                return await self._inject(request, fault)
        if method == "getUpdates":
            # Not recorded: the bot asks continuously and nothing in it is about the user.
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        if method == "answerCallbackQuery":
            # Telegram takes one answer per tap and rejects the next, as this fake does.
            query_id = str(params.get("callback_query_id"))
            if query_id in self._answered:
                self.rejected.append(record)
                return web.json_response(
                    {
                        "ok": False,
                        "error_code": 400,
                        "description": "Bad Request: query is too old and response timeout "
                        "expired or query ID is invalid",
                    },
                    status=400,
                )
            self._answered.add(query_id)
        handler: Callable[[Recorded], Any] | None = getattr(self, f"_do_{method}", None)
        if handler is not None:
            record.result = handler(record)
        elif method in _ACKNOWLEDGED:
            record.result = True
        else:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        async with self._new_request:
            self.requests.append(record)
            self._new_request.notify_all()
        return web.json_response({"ok": True, "result": record.result})

    async def _inject(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        def error(status: int, description: str, **extra: Any) -> web.Response:
            body = {"ok": False, "error_code": status, "description": description, **extra}
            return web.json_response(body, status=status)

        if fault.kind == "retry_after":
            seconds = int(fault.seconds)
            return error(
                429,
                f"Too Many Requests: retry after {seconds}",
                parameters={"retry_after": seconds},
            )
        if fault.kind == "blocked":
            return error(403, "Forbidden: bot was blocked by the user")
        if fault.kind == "bad_request":
            return error(400, "Bad Request: chat not found")
        if fault.kind == "server_error":
            return error(500, "Internal Server Error")
        if fault.kind == "bad_gateway":
            return web.Response(
                status=502,
                text="<html><body>502 Bad Gateway</body></html>",
                content_type="text/html",
            )
        if fault.kind == "timeout":
            await asyncio.sleep(fault.seconds)
            return error(504, "Gateway Timeout")
        if fault.kind == "reset":
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        raise ValueError(f"unknown fault {fault.kind}")

    async def _read(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            return dict(await request.json()), files
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                name = part.name or ""
                if part.filename:
                    files[name] = bytes(await part.read())
                else:
                    params[name] = _decode(await part.text())
        else:
            params = {
                k: _decode(v) for k, v in (await request.post()).items() if isinstance(v, str)
            }
        # An uploaded file is referenced from its field as attach://<part name>.
        resolved = {
            key: files[value.removeprefix("attach://")]
            for key, value in params.items()
            if isinstance(value, str) and value.startswith("attach://")
        }
        return params, resolved

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), _LONG_POLL_CAP)
        deadline = time.monotonic() + timeout
        async with self._new_update:
            # Updates below the offset are confirmed by the bot and never sent again.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                try:
                    await asyncio.wait_for(self._new_update.wait(), remaining)
                except TimeoutError:
                    return []
            return list(self._updates)

    # --- method results -----------------------------------------------------------------

    def _message(self, record: Recorded, message_id: int | None = None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": record.chat_id or 0, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"},
        }
        if "text" in record.params:
            message["text"] = record.text
        elif "caption" in record.params:
            message["caption"] = record.text
        markup = record.params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if record.method == "sendDocument":
            file_id = f"doc{message['message_id']}"
            self.files[file_id] = record.files.get("document", b"")
            message["document"] = {"file_id": file_id, "file_unique_id": file_id}
        if record.method == "sendPhoto":
            file_id = f"photo{message['message_id']}"
            self.files[file_id] = record.files.get("photo", b"")
            message["photo"] = [
                {"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}
            ]
        return message

    def _do_getMe(self, record: Recorded) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME}

    def _do_sendMessage(self, record: Recorded) -> dict[str, Any]:
        return self._message(record)

    def _do_sendDocument(self, record: Recorded) -> dict[str, Any]:
        return self._message(record)

    def _do_sendPhoto(self, record: Recorded) -> dict[str, Any]:
        return self._message(record)

    def _do_editMessageText(self, record: Recorded) -> dict[str, Any]:
        return self._message(record, int(record.params.get("message_id") or 0) or None)

    def _do_editMessageReplyMarkup(self, record: Recorded) -> dict[str, Any]:
        return self._message(record, int(record.params.get("message_id") or 0) or None)

    def _do_getFile(self, record: Recorded) -> dict[str, Any]:
        file_id = str(record.params.get("file_id"))
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(self.files.get(file_id, b"")),
            "file_path": f"documents/{file_id}",
        }

    # --- what the test does -------------------------------------------------------------

    async def push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        async with self._new_update:
            self._updates.append({"update_id": update_id, **payload})
            self._new_update.notify_all()
        return update_id

    def update_payload_message(
        self, user_id: int, text: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Test"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "ru"},
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"message": message}

    async def send_text(self, user_id: int, text: str) -> int:
        return await self.push(self.update_payload_message(user_id, text))

    async def send_document(self, user_id: int, name: str, content: bytes) -> int:
        file_id = f"upload{len(self.files) + 1}"
        self.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
        return await self.push(self.update_payload_message(user_id, document=document))

    async def press(self, user_id: int, data: str, message_id: int = 1) -> str:
        query_id, payload = self.callback_payload(user_id, data, message_id)
        await self.push(payload)
        return query_id

    def callback_payload(
        self, user_id: int, data: str, message_id: int = 1
    ) -> tuple[str, dict[str, Any]]:
        """A tap on a button as Telegram reports it (without the update id)."""
        query_id = f"q{next(self._query_ids)}"
        payload = {
            "callback_query": {
                "id": query_id,
                "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
                "chat_instance": "ci",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"},
                    "text": "…",
                },
            }
        }
        return query_id, payload

    async def wait_for(
        self, predicate: Callable[[Recorded], bool], *, start: int = 0, wait: float = 15.0
    ) -> Recorded:
        """The first request from index `start` on that matches; fails loudly after `wait`."""

        def found() -> Recorded | None:
            return next((r for r in self.requests[start:] if predicate(r)), None)

        async with self._new_request:
            try:
                await asyncio.wait_for(
                    self._new_request.wait_for(lambda: found() is not None), wait
                )
            except TimeoutError:
                seen = [(r.method, r.text[:60]) for r in self.requests[start:]]
                message = f"the bot did not send what was expected; saw {seen}"
                raise AssertionError(message) from None
        result = found()
        assert result is not None
        return result

    def sent_to(self, chat_id: int) -> list[Recorded]:
        return [r for r in self.requests if r.method in _SENDING and r.chat_id == chat_id]

    def of(self, method: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method]


class ChatUser:
    """One person in a private chat with the bot, over the fake server."""

    def __init__(self, api: FakeBotAPI, user_id: int) -> None:
        self.api = api
        self.user_id = user_id
        self._shown: list[Recorded] = []

    def _to_me(self, record: Recorded) -> bool:
        return record.chat_id == self.user_id and (
            record.method in _SENDING or record.method == "editMessageText"
        )

    async def send(self, text: str, expect: str) -> Recorded:
        """Types `text` and waits until the bot shows a message containing `expect`."""
        start = len(self.api.requests)
        await self.api.send_text(self.user_id, text)
        return await self._expect(expect, start)

    async def press(self, button: str, expect: str | None = None) -> Recorded:
        """Taps a button; waits for a message containing `expect`, or else for the tap's answer."""
        data = self.button(button)
        start = len(self.api.requests)
        query_id = await self.api.press(self.user_id, data)
        if expect is not None:
            return await self._expect(expect, start)
        return await self.api.wait_for(
            lambda r: (
                r.method == "answerCallbackQuery" and r.params.get("callback_query_id") == query_id
            ),
            start=start,
        )

    async def _expect(self, expect: str, start: int) -> Recorded:
        record = await self.api.wait_for(
            lambda r: self._to_me(r) and expect in r.text, start=start
        )
        self._shown.append(record)
        return record

    def button(self, text: str) -> str:
        for record in reversed(self.api.requests):
            if self._to_me(record) or (
                record.method == "editMessageReplyMarkup" and record.chat_id == self.user_id
            ):
                for label, data in record.buttons():
                    if text in label:
                        return data
        raise AssertionError(f"no button {text!r} in the chat with {self.user_id}")
