"""End to end over real HTTP: the bot's own polling loop and webhook server against a fake
Bot API server on 127.0.0.1, as a person would use the bot."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from bot.app import build_app, webhook_application
from bot.config import Settings
from db.models import Consent, User
from handlers.people.callbacks import GrantCD
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.i18n import default_translator
from tests.conftest import ADMIN_ID, make_settings
from tests.support.fake_api_server import ChatUser, FakeBotAPI
from tests.support.fakes import TOKEN
from tests.support.faults_support import polling

# The refusal, which says whom to ask for the right.
DENIED = default_translator().get("ru", "error-access-denied")

ROOT = Path(__file__).resolve().parents[2]
TEACHER = 300_001
SECRET = "e2e-webhook-secret-token"
SCHOOLS_CSV = (
    "name;short_name;municipality;low_results;unfavourable;leading;partner\n"
    "МБОУ «Средняя школа № 1»;СШ № 1;Рудня;нет;нет;да;да\n"
    "МБОУ «Средняя школа № 2»;СШ № 2;Рудня;да;нет;нет;да\n"
    "МБОУ «Любавичская СШ»;Любавичская СШ;Рудня;да;да;нет;да\n"
)


async def import_schools(svc: Services) -> None:
    admin = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))
    await svc.schools.import_csv(admin, SCHOOLS_CSV.encode())


@pytest.fixture
def e2e_settings(database_url: str, fake_api: FakeBotAPI) -> Settings:
    return make_settings(database_url, bot_api_base_url=fake_api.base_url)


async def test_a_teacher_completes_onboarding_over_http(
    e2e_settings: Settings, fake_api: FakeBotAPI
) -> None:
    await onboard_teacher_over_http(e2e_settings, fake_api)


@pytest.mark.postgres
async def test_a_teacher_completes_onboarding_over_http_on_postgres(
    pg_url: str, fake_api: FakeBotAPI
) -> None:
    settings = make_settings(pg_url, bot_api_base_url=fake_api.base_url)
    await onboard_teacher_over_http(settings, fake_api)


async def onboard_teacher_over_http(settings: Settings, fake_api: FakeBotAPI) -> None:
    async with polling(settings) as app:
        async with app.database.session_factory() as session:
            await import_schools(Services(session, app.dispatcher["policy"]))
        me = ChatUser(fake_api, TEACHER)
        await me.send("/start", expect="Выберите язык")
        await me.press("Русский", expect="Кто вы?")
        await me.press("педагог", expect="152-ФЗ")
        await me.press("Согласен", expect="фамилию, имя")
        await me.send("Сидорова Елена Петровна", expect="школе")
        await me.send("любавич", expect="Нашлась 1 школа")
        await me.press("Любавичская", expect="предметы")
        await me.press("математика")
        await me.press("Готово", expect="стаж")
        await me.press("3–10", expect="должность")
        done = await me.press("учитель", expect="Профиль заполнен")
        assert done.chat_id == TEACHER
        profile = await me.send("/profile", expect="Любавичская СШ")
        assert "математика" in profile.text

        # A forged admin button: one answer, and it carries the reason.
        start = len(fake_api.requests)
        query_id = await fake_api.press(TEACHER, GrantCD(user_id=1, role=Role.ADMIN).pack())
        answer = await fake_api.wait_for(
            lambda r: (
                r.method == "answerCallbackQuery" and r.params.get("callback_query_id") == query_id
            ),
            start=start,
        )
        assert answer.params["text"] == DENIED
        assert str(answer.params.get("show_alert")).lower() == "true"

        async with app.database.session_factory() as session:
            user = (await session.execute(select(User))).scalar_one()
            assert user.telegram_id == TEACHER
            assert user.full_name == "Сидорова Елена Петровна"
            assert (await session.execute(select(Consent))).scalar_one().user_id == user.id

    # Start-up went through the custom base URL: the webhook was dropped, the menu was set,
    # every callback press was answered, and the teacher's own command menu came after.
    assert fake_api.of("getMe")
    assert fake_api.of("deleteWebhook")
    assert fake_api.of("answerCallbackQuery")
    assert fake_api.rejected == []  # no tap was answered twice
    scopes = [r.params.get("scope", {}).get("type") for r in fake_api.of("setMyCommands")]
    assert "default" in scopes and "chat" in scopes


async def test_an_admin_imports_schools_as_a_document_over_http(
    e2e_settings: Settings, fake_api: FakeBotAPI
) -> None:
    async with polling(e2e_settings):
        admin = ChatUser(fake_api, ADMIN_ID)
        await admin.send("/start", expect="Выберите язык")
        await admin.press("Русский", expect="Кто вы?")
        await admin.press("родитель", expect="152-ФЗ")
        await admin.press("Согласен", expect="зовут")
        await admin.send("Админова Ольга", expect="класс")
        await admin.press("Пропустить", expect="Профиль заполнен")
        await admin.send("/schools", expect="Справочник школ")
        await admin.press("Загрузить CSV", expect="CSV")
        start = len(fake_api.requests)
        await fake_api.send_document(ADMIN_ID, "schools.csv", SCHOOLS_CSV.encode("cp1251"))
        report = await fake_api.wait_for(
            lambda r: r.chat_id == ADMIN_ID and "Загрузка завершена" in r.text, start=start
        )
        assert "добавлено 3" in report.text
    assert fake_api.of("getFile")
    assert fake_api.rejected == []


async def test_webhook_checks_the_secret_token(database_url: str, fake_api: FakeBotAPI) -> None:
    settings = make_settings(
        database_url,
        bot_api_base_url=fake_api.base_url,
        webhook_url="https://bot.example.org",
        webhook_secret=SECRET,
    )
    app = await build_app(settings)
    runner = web.AppRunner(webhook_application(app))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    url = f"http://{host}:{port}{settings.webhook_path}"
    update = {"update_id": 77, **fake_api.update_payload_message(TEACHER, "/start")}
    try:
        set_webhook = fake_api.of("setWebhook")[0]
        assert set_webhook.params["url"] == "https://bot.example.org/telegram/webhook"
        assert set_webhook.params["secret_token"] == SECRET
        async with aiohttp.ClientSession() as client:
            async with client.post(url, json=update) as response:
                assert response.status in (401, 403)
            headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            async with client.post(url, json=update, headers=headers) as response:
                assert response.status in (401, 403)
            assert not fake_api.sent_to(TEACHER)
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with client.post(url, json=update, headers=headers) as response:
                assert response.status == 200
        reply = await fake_api.wait_for(lambda r: r.chat_id == TEACHER and bool(r.text))
        assert "Выберите язык" in reply.text
    finally:
        await runner.cleanup()


def _clean_env(**values: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return {**keep, "PYTHONUNBUFFERED": "1", **values}


async def test_python_m_bot_polls_answers_and_stops_cleanly_on_sigterm(
    tmp_path: Path, fake_api: FakeBotAPI
) -> None:
    env = _clean_env(
        BOT_TOKEN=TOKEN,
        BOT_API_BASE_URL=fake_api.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        ADMIN_IDS=str(ADMIN_ID),
    )
    # cwd is the temporary directory so that no developer .env leaks in.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake_api.wait_for(lambda r: r.method == "deleteWebhook", wait=60)
        me = ChatUser(fake_api, TEACHER)
        await me.send("/start", expect="Выберите язык")
        await me.press("English", expect="Who are you")
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "bot stopping" in log
    assert (tmp_path / "bot.sqlite3").exists()  # migrations ran on start


async def _listening(port: int) -> None:
    # The webhook is registered while the server starts; the port opens a moment later.
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise AssertionError(f"nothing listens on port {port}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_python_m_bot_in_webhook_mode_refuses_a_wrong_secret_and_stops_on_sigterm(
    tmp_path: Path, fake_api: FakeBotAPI
) -> None:
    port = _free_port()
    env = _clean_env(
        BOT_TOKEN=TOKEN,
        BOT_API_BASE_URL=fake_api.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        WEBHOOK_URL="https://bot.example.org",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
        PYTHONPATH=str(ROOT),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    update = {"update_id": 91, **fake_api.update_payload_message(TEACHER, "/start")}
    try:
        await fake_api.wait_for(lambda r: r.method == "setWebhook", wait=60)
        await _listening(port)
        async with aiohttp.ClientSession() as client:
            async with client.post(url, json=update) as response:
                assert response.status in (401, 403)
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with client.post(url, json=update, headers=headers) as response:
                assert response.status == 200
        reply = await fake_api.wait_for(lambda r: r.chat_id == TEACHER and bool(r.text))
        assert "Выберите язык" in reply.text
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "bot stopping" in log
