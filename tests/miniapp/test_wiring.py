"""`python -m bot` serves the Mini App itself: on WEBAPP_PORT beside long polling, and from
the webhook's own server in webhook mode; the menu button opens it. Without WEBAPP_URL nothing
of it exists and the bot works as before."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.factory import Database, create_dispatcher, policy_from
from tests.conftest import ADMIN_ID, make_settings
from tests.miniapp.support import init_data
from tests.support.fake_api_server import FakeBotAPI
from tests.support.fakes import BOT_USERNAME, TOKEN, RecordingSession
from tests.support.faults_support import BotProcess, bot_env, eventually, free_port
from tests.support.harness import BotHarness, Clock

APP_URL = "https://coordinator.example.org/app/"


async def _answers(url: str) -> bool:
    try:
        async with aiohttp.ClientSession() as client, client.get(url) as response:
            return response.status == 200
    except aiohttp.ClientError:
        return False


async def _check_app(base: str, fake_api: FakeBotAPI) -> None:
    await eventually(lambda: _answers(base), wait=60, what="the Mini App answers")
    async with aiohttp.ClientSession() as client:
        async with client.get(base) as page:
            assert (
                "frame-ancestors https://web.telegram.org"
                in page.headers["Content-Security-Policy"]
            )
        now = datetime.now(UTC)
        headers = {"Authorization": f"tma {init_data(555_001, now=now)}"}
        async with client.get(base + "api/me", headers=headers) as me:
            assert me.status == 200
            assert (await me.json())["registered"] is False
        async with client.get(base + "api/me") as refused:
            assert refused.status == 401
    menu = await fake_api.wait_for(lambda r: r.method == "setChatMenuButton", wait=30)
    button = menu.params["menu_button"]
    button = json.loads(button) if isinstance(button, str) else button
    assert button == {"type": "web_app", "text": "Календарь", "web_app": {"url": APP_URL}}


async def test_polling_mode_serves_the_app_on_its_own_port(
    tmp_path: Path, fake_api: FakeBotAPI
) -> None:
    port = free_port()
    env = bot_env(
        fake_api,
        f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        WEBAPP_URL=APP_URL,
        WEBAPP_HOST="127.0.0.1",
        WEBAPP_PORT=str(port),
    )
    process = BotProcess(env, tmp_path)
    await process.start()
    try:
        await _check_app(f"http://127.0.0.1:{port}/app/", fake_api)
        assert await process.stop() == 0
    finally:
        await process.ensure_dead()
    assert "Traceback" not in process.log()


async def test_webhook_mode_serves_the_app_beside_the_webhook(
    tmp_path: Path, fake_api: FakeBotAPI
) -> None:
    port = free_port()
    env = bot_env(
        fake_api,
        f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        WEBAPP_URL=APP_URL,
        WEBHOOK_URL="https://coordinator.example.org",
        WEBHOOK_SECRET="s3cret-s3cret",
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    process = BotProcess(env, tmp_path)
    await process.start()
    try:
        await _check_app(f"http://127.0.0.1:{port}/app/", fake_api)
        assert await process.stop() == 0
    finally:
        await process.ensure_dead()
    assert "Traceback" not in process.log()


async def test_without_webapp_url_events_has_no_app_button(harness: BotHarness) -> None:
    await harness.send(610_400, "/events")
    sent = harness.chat_requests(610_400)
    markups = [getattr(r, "reply_markup", None) for r in sent]
    buttons = [
        b
        for m in markups
        if isinstance(m, InlineKeyboardMarkup)
        for row in m.inline_keyboard
        for b in row
    ]
    assert buttons and all(b.web_app is None for b in buttons)


@pytest.mark.parametrize("url", ["http://insecure.example.org/app/", "not a url"])
def test_webapp_url_must_be_https(url: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="WEBAPP_URL"):
        make_settings("sqlite+aiosqlite:///x.sqlite3", webapp_url=url)


def _web_buttons(harness: BotHarness, user_id: int) -> list[InlineKeyboardButton]:
    markups = [getattr(r, "reply_markup", None) for r in harness.chat_requests(user_id)]
    return [
        button
        for markup in markups
        if isinstance(markup, InlineKeyboardMarkup)
        for row in markup.inline_keyboard
        for button in row
        if button.web_app is not None
    ]


async def test_with_webapp_url_events_and_stats_open_the_app(
    database: Database, database_url: str
) -> None:
    settings = make_settings(database_url, webapp_url=APP_URL)
    policy = policy_from(settings, bot_username=BOT_USERNAME)
    clock = Clock()
    session = RecordingSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = create_dispatcher(
        settings,
        database.session_factory,
        policy=policy,
        clock=clock,
        storage=MemoryStorage(),
        events_isolation=SimpleEventIsolation(),
    )
    harness = BotHarness(dp, bot, session, database, policy, clock)
    await harness.send(610_401, "/events")
    [calendar] = _web_buttons(harness, 610_401)
    assert calendar.text == "📅 Открыть календарь"
    assert calendar.web_app is not None and calendar.web_app.url == APP_URL
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/stats")
    [board] = _web_buttons(harness, ADMIN_ID)
    assert board.web_app is not None
    assert board.web_app.url == APP_URL + "?screen=dashboard"
    await dp.storage.close()
