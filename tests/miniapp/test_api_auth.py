"""Every API call carries the Mini App's signed launch data; anything else gets 401 and
nothing more. Responses carry the security headers Telegram's Mini Apps need."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from tests.miniapp.conftest import TEACHER
from tests.miniapp.support import OTHER_TOKEN, MiniAppServer, init_data, tampered
from tests.support.harness import BotHarness

API_PATHS = (
    "api/me",
    "api/calendar?from=2026-11-01&to=2026-12-01",
    "api/events/1",
    "api/staff/dashboard",
    "api/staff/events",
    "api/mentoring",
)


async def test_signed_launch_data_opens_the_api_in_the_persons_language(
    server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    status, me = await server.get_json("api/me", init_data(TEACHER, now=harness.clock.now))
    assert status == 200
    assert me["registered"] and me["onboarded"] and not me["staff"]
    assert me["locale"] == "ru"
    assert me["strings"]["register"] == "Записаться"
    assert me["strings"]["tab-calendar"] == "Календарь"
    assert ["seminar", "семинар"] in me["options"]["type"]


async def test_a_stranger_gets_the_public_calendar_in_the_language_of_telegram(
    server: MiniAppServer, harness: BotHarness
) -> None:
    data = init_data(610_555, now=harness.clock.now, language="en")
    status, me = await server.get_json("api/me", data)
    assert status == 200
    assert not me["registered"] and not me["onboarded"] and not me["dashboard"]
    assert me["strings"]["register"] == "Register"


@pytest.mark.parametrize("path", API_PATHS)
async def test_missing_launch_data_gets_401_and_nothing_else(
    server: MiniAppServer, path: str
) -> None:
    response = await server.call("GET", path, None)
    assert response.status == 401
    assert await response.json() == {"error": "unauthorized"}


@pytest.mark.parametrize(
    "spoil",
    ["tampered", "other_bot", "expired", "from_the_future", "garbage", "empty", "no_user"],
)
async def test_bad_launch_data_gets_401_and_nothing_else(
    server: MiniAppServer,
    harness: BotHarness,
    people: dict[int, int],
    spoil: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = harness.clock.now
    data = {
        "tampered": tampered(init_data(TEACHER, now=now)),
        "other_bot": init_data(TEACHER, now=now, token=OTHER_TOKEN),
        "expired": init_data(TEACHER, now=now, age=timedelta(hours=24, minutes=1)),
        "from_the_future": init_data(TEACHER, now=now, age=-timedelta(hours=1)),
        "garbage": "%%%&&&==",
        "empty": " ",
        "no_user": "auth_date=1&hash=abc",
    }[spoil]
    with caplog.at_level(logging.WARNING):
        for path in API_PATHS:
            response = await server.call("GET", path, data)
            assert response.status == 401, path
            assert await response.json() == {"error": "unauthorized"}
        response = await server.call("POST", "api/events/1/register", data)
        assert response.status == 401
    # Refusing a stale or forged call is ordinary: nothing for the error log.
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_launch_data_a_day_old_still_works(
    server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    data = init_data(TEACHER, now=harness.clock.now, age=timedelta(hours=23, minutes=59))
    status, _ = await server.get_json("api/me", data)
    assert status == 200


async def test_the_page_allows_telegrams_script_and_only_telegrams_web_client_to_frame_it(
    server: MiniAppServer,
) -> None:
    response = await server.http.get(server.base)
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' https://telegram.org" in csp
    assert "frame-ancestors https://web.telegram.org" in csp
    assert "default-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = await response.text()
    assert 'src="https://telegram.org/js/telegram-web-app.js"' in page
    # The error page's words are in the page itself, in both languages.
    assert 'data-ru-title="Не получилось открыть"' in page
    assert 'data-en-title="Could not open"' in page


async def test_api_answers_and_files_are_never_framed_or_cached(
    server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    response = await server.call("GET", "api/me", init_data(TEACHER, now=harness.clock.now))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = await (await server.http.get(server.base)).text()
    script = page.split('src="static/app.js?v=', 1)[1].split('"', 1)[0]
    asset = await server.http.get(server.base + f"static/app.js?v={script}")
    assert asset.status == 200
    assert asset.headers["Content-Type"].startswith("text/javascript")
    assert asset.headers["X-Content-Type-Options"] == "nosniff"
    missing = await server.http.get(server.base + "static/nothing.js")
    assert missing.status == 404


async def test_the_app_without_a_trailing_slash_is_sent_to_the_page(
    server: MiniAppServer,
) -> None:
    response = await server.http.get(server.base.rstrip("/"), allow_redirects=False)
    assert response.status == 308
    assert response.headers["Location"] == "/app/"
