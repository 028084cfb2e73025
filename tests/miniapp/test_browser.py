"""The Mini App in a real browser: headless Chromium at a phone's viewport, driven by
Playwright, against the app served by the bot's own wiring over loopback. Telegram's script is
replaced by an offline stand-in that hands the page signed launch data exactly as Telegram
does (in the URL's fragment). Screenshots of each screen land in tests/miniapp/artifacts/.

Skipped, with the reason shown, where Debian's chromium or the playwright package is missing
(.ci/run installs both)."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aiogram.methods import SendDocument, SendMessage
from sqlalchemy import update

from db.models import User
from services.context import Actor
from services.enums import Role
from services.events.types import EventFormat
from tests.miniapp.conftest import COORDINATOR_ID, SECOND_TEACHER, TEACHER
from tests.miniapp.mentoring_support import (
    ANNA,
    BORIS_NOTE,
    GROUP_NOTE,
    MENTOR,
    mentoring_network,
)
from tests.miniapp.support import STUB_PATH, MiniAppServer, config_for, init_data, serving
from tests.support.events_support import METHODIST, create_event, draft
from tests.support.harness import BotHarness

CHROMIUM = Path("/usr/bin/chromium")
EXECUTABLE = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PHONE = {"width": 390, "height": 844}
# A mid-range phone on 4G: the CPU four times slower than this machine's, 40 ms round trips.
CPU_SLOWDOWN = 4
LATENCY_MS = 40
THROUGHPUT = 9 * 1024 * 1024 // 8  # bytes per second
FIRST_SCREEN_LIMIT_MS = 1000
LIGHT = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}
DARK = {
    "bg_color": "#212121",
    "text_color": "#ffffff",
    "hint_color": "#aaaaaa",
    "link_color": "#8774e1",
    "button_color": "#8774e1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#181818",
}

playwright_api = pytest.importorskip(
    "playwright.async_api",
    reason="the playwright package is not installed (pip install playwright)",
)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if EXECUTABLE is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    async with playwright_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=EXECUTABLE,
            headless=True,
            args=["--no-sandbox"],
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def app_server(harness: BotHarness, database_url: str) -> AsyncIterator[MiniAppServer]:
    config = config_for(harness, database_url, webapp_script_url=STUB_PATH)
    async with serving(config) as found:
        yield found


def launch_url(server: MiniAppServer, data: str, theme: dict[str, str], query: str = "") -> str:
    fragment = (
        f"tgWebAppData={quote(data, safe='')}"
        f"&tgWebAppThemeParams={quote(json.dumps(theme), safe='')}"
        "&tgWebAppVersion=7.10&tgWebAppPlatform=android"
    )
    return f"{server.base}{query}#{fragment}"


async def phone(browser: Any, *, throttled: bool = False) -> Any:
    context = await browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="ru-RU"
    )
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    if throttled:
        cdp = await context.new_cdp_session(page)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        await cdp.send("Network.enable")
        await cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": LATENCY_MS,
                "downloadThroughput": THROUGHPUT,
                "uploadThroughput": THROUGHPUT,
            },
        )
    return page


async def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def shot_at(page: Any, name: str, selector: str) -> None:
    """One phone screen from `selector` down (the part of a long page a document shows)."""
    ARTIFACTS.mkdir(exist_ok=True)
    # Just below the sticky tabs, or as far as the page goes.
    await page.locator(selector).evaluate("node => { node.scrollIntoView(); scrollBy(0, -60); }")
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


async def tg_calls(page: Any) -> list[list[Any]]:
    return list(await page.evaluate("window.__tgCalls"))


async def test_a_teacher_filters_the_calendar_and_registers(
    browser: Any,
    app_server: MiniAppServer,
    harness: BotHarness,
    methodist: Actor,
    people: dict[int, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = harness.clock.now
    seminar = await create_event(harness, methodist, draft(now=now, capacity=12))
    await create_event(
        harness,
        methodist,
        draft(
            now=now,
            fmt=EventFormat.ONLINE,
            starts_in=timedelta(days=3, hours=4),
            title="Вебинар: цифровые инструменты урока",
        ),
    )
    await create_event(
        harness,
        methodist,
        draft(now=now, starts_in=timedelta(days=9), title="Мастер-класс: смысловое чтение"),
    )
    page = await phone(browser, throttled=True)
    await page.goto(launch_url(app_server, init_data(TEACHER, now=now), LIGHT))
    await page.wait_for_selector("body[data-ready]")
    first_screen = await page.evaluate("performance.getEntriesByName('first-screen')[0].startTime")
    with capsys.disabled():
        print(
            f"\nMini App first screen (calendar with data): {first_screen:.0f} ms "
            f"(viewport {PHONE['width']}x{PHONE['height']}, CPU {CPU_SLOWDOWN}x slower, "
            f"{LATENCY_MS} ms latency, {THROUGHPUT * 8 // 1024 // 1024} Mbit/s)"
        )
    assert first_screen < FIRST_SCREEN_LIMIT_MS
    assert await page.text_content("#period-title") == "Ноябрь 2026"
    day = page.locator('[data-day="2026-11-26"]')
    assert await day.locator(".dot").count() == 2
    await day.click()
    items = page.locator("#day-list [data-event]")
    assert await items.count() == 2
    await shot(page, "calendar")
    await page.select_option('select[name="format"]', "online")
    await page.wait_for_selector("body[data-ready]")
    await page.locator('[data-day="2026-11-26"]').click()
    assert await page.locator("#day-list [data-event]").count() == 1
    await page.select_option('select[name="format"]', "")
    await page.locator('[data-day="2026-11-26"]').click()
    await page.locator(f'#day-list [data-event="{seminar}"]').click()
    await page.wait_for_selector("#event-title")
    assert await page.text_content("#seats") == "Осталось 12 мест из 12"
    await shot(page, "event")
    await page.click("#register")
    await page.wait_for_selector("#my-status")
    assert await page.text_content("#my-status") == "✅ Вы записаны."
    assert "Вы записаны на" in (await page.text_content("#toast") or "")
    assert await page.locator("#cancel").is_visible()
    await shot(page, "event-registered")
    calls = await tg_calls(page)
    assert ["haptic.notification", "success"] in calls
    assert ["BackButton.show"] in calls
    sent = [r for r in harness.api.requests if getattr(r, "chat_id", None) == TEACHER]
    assert any(isinstance(r, SendMessage) and "Вы записаны" in r.text for r in sent)
    assert any(isinstance(r, SendDocument) for r in sent)
    # Telegram's back button leads back to the calendar.
    await page.evaluate("window.Telegram.WebApp.BackButton.press()")
    await page.wait_for_selector("#period-title")
    await page.click('[data-view="week"]')
    await page.wait_for_selector(".dayhead")
    assert await page.locator(f'[data-event="{seminar}"] .badge').count() == 1
    assert page.errors == []  # type: ignore[attr-defined]


async def test_dark_theme_and_a_stranger_sent_to_the_chat(
    browser: Any, app_server: MiniAppServer, harness: BotHarness, methodist: Actor
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now))
    page = await phone(browser)
    await page.goto(launch_url(app_server, init_data(610_901, now=now), DARK))
    await page.wait_for_selector("body[data-ready]")
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(33, 33, 33)"
    await page.locator('[data-day="2026-11-26"]').click()
    await page.locator(f'[data-event="{event_id}"]').click()
    await page.wait_for_selector("#finish-onboarding")
    await shot(page, "event-guest-dark")
    await page.click("#finish-onboarding")
    calls = await tg_calls(page)
    link = f"https://t.me/coordinator_test_bot?start=event_{event_id}"
    assert ["openTelegramLink", link] in calls


async def test_a_methodist_sees_the_dashboard_and_marks_attendance(
    browser: Any,
    app_server: MiniAppServer,
    harness: BotHarness,
    methodist: Actor,
    people: dict[int, int],
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now, starts_in=timedelta(hours=1)))
    for teacher in (TEACHER, SECOND_TEACHER):
        await app_server.post_json(f"api/events/{event_id}/register", init_data(teacher, now=now))
    await _diagnose_and_attend_history(harness, methodist, people)
    page = await phone(browser)
    data = init_data(METHODIST, now=now)
    await page.goto(launch_url(app_server, data, LIGHT, "?screen=dashboard"))
    await page.wait_for_selector("#headline")
    assert await page.text_content("#dash-period") == "01.11.2026 – 30.11.2026"
    indicators = await page.text_content("#indicators") or ""
    assert "Доля школ-партнёров, вовлечённых в сетевые мероприятия" in indicators
    for chart in ("participation", "attendance", "mentoring"):
        assert await page.locator(f"#chart-{chart}").count() == 1
    # Mentoring has its own section: its indicators and the meetings per pair per month.
    mentoring = await page.text_content("#mentoring-indicators") or ""
    assert "Наставничество: действующие пары" in mentoring
    meetings = await page.text_content("#mentoring-meetings") or ""
    assert "Встречи в месяц на пару" in meetings and "вся сеть0 (0 / 1)" in meetings
    await shot_at(page, "dashboard-mentoring", "#mentoring-meetings")
    await shot(page, "dashboard")
    async with page.expect_download() as download_info:
        await page.click("#export-xlsx")
    download = await download_info.value
    assert download.suggested_filename == "report_20261101-20261130.xlsx"
    await page.click('[data-tab="staff"]')
    await page.locator(f'[data-event="{event_id}"]').click()
    await page.wait_for_selector("#participants-title")
    toggle = page.locator("input.toggle").first
    await toggle.check()
    await page.wait_for_selector("#attended-count >> text=1 / 2")
    await shot(page, "participants")


async def _diagnose_and_attend_history(
    harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    """A mentoring pair, so the mentoring chart and the mentee's screen have something."""
    async with harness.database.session_factory() as session:
        await session.execute(
            update(User).where(User.id == people[TEACHER]).values(experience="lt3")
        )
        await session.commit()
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(methodist, people[TEACHER], people[SECOND_TEACHER])
        for who in (TEACHER, SECOND_TEACHER):
            actor = Actor(who, people[who], "ru", frozenset({Role.TEACHER}))
            await svc.mentoring.accept(actor, pair)
    finally:
        await svc.session.close()


async def test_a_mentee_marks_a_step_of_the_plan(
    browser: Any,
    app_server: MiniAppServer,
    harness: BotHarness,
    methodist: Actor,
    people: dict[int, int],
) -> None:
    await _diagnose_and_attend_history(harness, methodist, people)
    page = await phone(browser)
    await page.goto(launch_url(app_server, init_data(TEACHER, now=harness.clock.now), LIGHT))
    await page.wait_for_selector("body[data-ready]")
    await page.click('[data-tab="mentoring"]')
    await page.wait_for_selector("[data-pair]")
    first = page.locator("[data-step]").first
    await first.locator("button").click()
    await page.wait_for_selector("[data-step] >> text=ждёт подтверждения наставника")
    await shot(page, "mentoring")


async def open_mentoring(page: Any, server: MiniAppServer, data: str) -> None:
    await page.goto(launch_url(server, data, LIGHT))
    await page.wait_for_selector("body[data-ready]")
    await page.click('[data-tab="mentoring"]')


async def test_a_group_plan_for_its_mentor_and_for_a_member(
    browser: Any, app_server: MiniAppServer, harness: BotHarness
) -> None:
    network = await mentoring_network(harness)
    now = harness.clock.now
    page = await phone(browser)
    await open_mentoring(page, app_server, init_data(MENTOR, now=now))
    group = page.locator(f'[data-group="{network.group}"]')
    await group.wait_for()
    # The card starts at its padding: no blank band above the heading.
    margin = await group.locator("h2").evaluate("h => getComputedStyle(h).marginTop")
    assert margin == "0px"
    assert await group.locator("[data-member]").count() == 2
    assert GROUP_NOTE in (await group.text_content() or "")
    boris = page.locator(f'[data-pair="{network.boris_pair}"]')
    await boris.locator("[data-step] button").nth(1).click()
    await page.wait_for_selector("#toast >> text=Шаг подтверждён")
    member = page.locator(f'[data-member="{network.boris_pair}"]')
    assert "1 / 5" in (await member.text_content() or "")
    await shot(page, "mentoring-group")
    page = await phone(browser)
    await open_mentoring(page, app_server, init_data(ANNA, now=now))
    card = page.locator(f'[data-pair="{network.anna_pair}"]')
    await card.wait_for()
    text = await card.text_content() or ""
    assert "Следующая встреча:" in text and "(запланирована)" in text
    assert GROUP_NOTE in text and "(встреча группы)" in text
    assert "Борис" not in text and BORIS_NOTE not in text
    assert await page.locator("[data-group]").count() == 0
    await shot(page, "mentoring-member")
    assert page.errors == []  # type: ignore[attr-defined]


async def test_a_coordinator_and_tampered_launch_data(
    browser: Any, app_server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    now = harness.clock.now
    page = await phone(browser)
    await page.goto(launch_url(app_server, init_data(COORDINATOR_ID, now=now), LIGHT))
    await page.wait_for_selector("body[data-ready]")
    assert await page.locator('[data-tab="dashboard"]').count() == 1
    forged = init_data(COORDINATOR_ID, now=now).replace("%22id%22%3A", "%22id%22%3A9", 1)
    page = await phone(browser)
    await page.goto(launch_url(app_server, forged, LIGHT))
    await page.wait_for_selector("#fatal-page")
    text = await page.text_content("#fatal-page") or ""
    assert "Не получилось открыть" in text
    assert "Откройте календарь из чата с ботом" in text
    await shot(page, "error")
