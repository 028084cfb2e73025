"""The staff's side through the API, with the same rights as the chat: the dashboard, the
participants and their attendance, the exports as downloads, and mentoring plans."""

from __future__ import annotations

import io
import logging
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, update

from db.models import User, UserRole
from services.context import Actor
from services.enums import Role
from tests.miniapp.conftest import COORDINATOR_ID, PARENT, SECOND_TEACHER, STRANGER, TEACHER
from tests.miniapp.support import MiniAppServer, init_data
from tests.support.events_support import METHODIST, add_people, create_event, draft
from tests.support.harness import BotHarness


async def test_a_methodist_sees_the_indicators_and_the_charts(
    server: MiniAppServer, harness: BotHarness, methodist: Actor
) -> None:
    data = init_data(METHODIST, now=harness.clock.now)
    status, me = await server.get_json("api/me", data)
    assert me["staff"] and me["dashboard"]
    status, board = await server.get_json("api/staff/dashboard?kind=month&first=2026-11-05", data)
    assert status == 200
    assert board["period"]["first"] == "2026-11-01" and board["period"]["last"] == "2026-11-30"
    assert board["period"]["label"] == "01.11.2026 – 30.11.2026"
    assert board["period"]["prev"]["first"] == "2026-10-01"
    assert board["school"] is None
    kinds = [i["kind"] for i in board["indicators"]]
    assert kinds[:3] == ["partner_schools", "teachers_participated", "teachers_associations"]
    assert "mentoring_young" in kinds
    partner = board["indicators"][0]
    categories = [v["category"] for v in partner["values"]]
    assert categories == ["all", "low_results", "unfavourable", "other"]
    # Three partner schools, none involved yet: 0 of 3, numerator and denominator both shown.
    assert partner["values"][0] | {"label": ""} == {
        "category": "all",
        "label": "",
        "numerator": 0,
        "denominator": 3,
        "share": 0.0,
        "hidden": False,
    }
    charts = board["charts"]
    assert [c["label"] for c in charts["participation"]] == [
        "ШНРО",
        "ШФНСУ",
        "Остальные",
        "Вся сеть",
    ]
    assert len(charts["attendance"]) >= 6
    assert set(charts["mentoring"]) == {"young", "risk"}
    assert [s["value"] for s in board["sections"]][:3] == ["events", "participants", "indicators"]
    status, year = await server.get_json("api/staff/dashboard?kind=school_year", data)
    assert year["period"]["first"] == "2026-09-01" and year["period"]["last"] == "2027-08-31"


async def test_a_coordinator_sees_only_their_school(
    server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    data = init_data(COORDINATOR_ID, now=harness.clock.now)
    status, me = await server.get_json("api/me", data)
    assert me["dashboard"] and not me["staff"]
    status, board = await server.get_json("api/staff/dashboard", data)
    assert status == 200
    assert board["school"] in ("СШ № 1", "СШ № 2", "Любавичская СШ")
    assert [v["label"] for v in board["indicators"][0]["values"]] == ["школа"]


@pytest.mark.parametrize("who", [TEACHER, PARENT, STRANGER])
async def test_teachers_parents_and_strangers_get_no_staff_data(
    server: MiniAppServer,
    harness: BotHarness,
    methodist: Actor,
    who: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    event_id = await create_event(harness, methodist, draft(now=harness.clock.now))
    data = init_data(who, now=harness.clock.now)
    with caplog.at_level(logging.WARNING):
        for path in (
            "api/staff/dashboard",
            "api/staff/events",
            f"api/staff/events/{event_id}/participants",
        ):
            status, body = await server.get_json(path, data)
            assert status == 403, path
            assert "нет прав" in body["message"] or "познакомимся" in body["message"]
        status, _ = await server.post_json(
            f"api/staff/events/{event_id}/attendance",
            data,
            {"registration_id": 1, "attended": True},
        )
        assert status == 403
        status, _ = await server.post_json(
            "api/staff/exports", data, {"what": "event", "format": "csv", "event_id": event_id}
        )
        assert status == 403
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_participants_and_attendance_follow_the_chats_window(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now, capacity=5))
    for teacher in (TEACHER, SECOND_TEACHER):
        await server.post_json(f"api/events/{event_id}/register", init_data(teacher, now=now))
    staff = init_data(METHODIST, now=now)
    status, listing = await server.get_json("api/staff/events?scope=upcoming", staff)
    assert status == 200 and [e["id"] for e in listing["items"]] == [event_id]
    status, data = await server.get_json(f"api/staff/events/{event_id}/participants", staff)
    assert [p["name"] for p in data["registered"]] == [
        f"Учитель {TEACHER}",
        f"Учитель {SECOND_TEACHER}",
    ]
    assert data["can_mark"] is False  # three days before: check-in has not opened
    first = data["registered"][0]["registration_id"]
    mark = {"registration_id": first, "attended": True}
    path = f"api/staff/events/{event_id}/attendance"
    status, body = await server.post_json(path, staff, mark)
    assert status == 409 and body["message"].startswith("Отмечать присутствие можно с ")
    harness.clock.now = now + timedelta(days=3, minutes=30)  # the event is running
    staff = init_data(METHODIST, now=harness.clock.now)
    status, data = await server.get_json(f"api/staff/events/{event_id}/participants", staff)
    assert data["can_mark"] is True
    status, data = await server.post_json(path, staff, mark)
    assert status == 200 and data["attended"] == 1 and data["registered"][0]["attended"]
    status, data = await server.post_json(path, staff, mark)  # a double tap changes nothing
    assert status == 200 and data["attended"] == 1
    # The coordinator of school 2 sees none of school 1's teachers, and marks nothing.
    coordinator = init_data(COORDINATOR_ID, now=harness.clock.now)
    status, theirs = await server.get_json(
        f"api/staff/events/{event_id}/participants", coordinator
    )
    assert status == 200 and theirs["registered"] == [] and theirs["can_mark"] is False
    status, _ = await server.post_json(path, coordinator, mark)
    assert status == 403
    harness.clock.now = now + timedelta(days=30)  # the corrections are over
    staff = init_data(METHODIST, now=harness.clock.now)
    status, body = await server.post_json(path, staff, {**mark, "attended": False})
    assert status == 409 and "Срок исправлений прошёл" in body["message"]
    status, body = await server.post_json(path, staff, {"registration_id": "x"})
    assert status == 400


async def test_exports_download_through_a_short_lived_link(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    now = harness.clock.now
    event_id = await create_event(harness, methodist, draft(now=now))
    await server.post_json(f"api/events/{event_id}/register", init_data(TEACHER, now=now))
    staff = init_data(METHODIST, now=now)
    period = {"kind": "month", "first": "2026-11-01", "last": "2026-11-30"}
    status, link = await server.post_json(
        "api/staff/exports", staff, {"what": "report", "format": "xlsx", "period": period}
    )
    assert status == 200
    assert link["name"] == "report_20261101-20261130.xlsx"
    assert link["url"].startswith("api/download/")
    response = await server.http.get(server.base + link["url"])
    assert response.status == 200
    assert "spreadsheetml" in response.headers["Content-Type"]
    assert "report_20261101-20261130.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(await response.read()), read_only=True)
    assert len(workbook.sheetnames) >= 3
    status, link = await server.post_json(
        "api/staff/exports",
        staff,
        {"what": "report", "format": "csv", "section": "indicators", "period": period},
    )
    assert link["name"] == "report_20261101-20261130_indicators.csv"
    csv = await (await server.http.get(server.base + link["url"])).read()
    assert csv.startswith(b"\xef\xbb\xbf")  # Russian Excel reads the BOM as UTF-8
    status, link = await server.post_json(
        "api/staff/exports", staff, {"what": "event", "format": "csv", "event_id": event_id}
    )
    assert status == 200 and link["name"].endswith(".csv")
    people_csv = (await (await server.http.get(server.base + link["url"])).read()).decode()
    assert f"Учитель {TEACHER}" in people_csv
    # Altered, or fetched after its minutes are up, the link is simply not there.
    forged = link["url"][:-3] + ("000" if not link["url"].endswith("000") else "111")
    assert (await server.http.get(server.base + forged)).status == 404
    harness.clock.now = now + timedelta(minutes=11)
    assert (await server.http.get(server.base + link["url"])).status == 404
    status, _ = await server.post_json(
        "api/staff/exports", staff, {"what": "report", "format": "pdf", "period": period}
    )
    assert status == 400


async def test_a_lost_role_closes_a_download_link_already_given(
    server: MiniAppServer, harness: BotHarness, people: dict[int, int]
) -> None:
    ids = await add_people(harness, [610_300], Role.METHODIST, name_prefix="Методист")
    staff = init_data(610_300, now=harness.clock.now)
    period = {"kind": "month", "first": "2026-11-01", "last": "2026-11-30"}
    status, link = await server.post_json(
        "api/staff/exports", staff, {"what": "report", "format": "xlsx", "period": period}
    )
    assert status == 200
    async with harness.database.session_factory() as session:
        await session.execute(delete(UserRole).where(UserRole.user_id == ids[610_300]))
        await session.commit()
    response = await server.http.get(server.base + link["url"])
    assert response.status == 403


async def test_mentoring_plans_as_checklists_with_progress(
    server: MiniAppServer, harness: BotHarness, methodist: Actor, people: dict[int, int]
) -> None:
    async with harness.database.session_factory() as session:
        await session.execute(
            update(User).where(User.id == people[TEACHER]).values(experience="lt3")
        )
        await session.commit()
    svc = await harness.services()
    try:
        mentee = Actor(TEACHER, people[TEACHER], "ru", frozenset({Role.TEACHER}))
        mentor = Actor(SECOND_TEACHER, people[SECOND_TEACHER], "ru", frozenset({Role.TEACHER}))
        pair = await svc.mentoring.propose(methodist, people[TEACHER], people[SECOND_TEACHER])
        await svc.mentoring.accept(mentee, pair)
        await svc.mentoring.accept(mentor, pair)
    finally:
        await svc.session.close()
    now = harness.clock.now
    mentee_data, mentor_data = init_data(TEACHER, now=now), init_data(SECOND_TEACHER, now=now)
    status, me = await server.get_json("api/me", mentee_data)
    assert me["mentoring"]
    status, plans = await server.get_json("api/mentoring", mentee_data)
    assert status == 200
    [plan] = plans["pairs"]
    assert plan["side"] == "mentee" and plan["other"] == f"Учитель {SECOND_TEACHER}"
    assert plan["title"] == f"Наставник: Учитель {SECOND_TEACHER}"
    assert plan["total"] >= 3 and plan["done"] == 0
    first = plan["steps"][0]
    assert first["can_mark"] and not first["can_confirm"] and first["text"]
    status, plans = await server.post_json(f"api/mentoring/steps/{first['id']}/done", mentee_data)
    assert status == 200 and plans["pairs"][0]["steps"][0]["done"]
    status, theirs = await server.get_json("api/mentoring", mentor_data)
    step = theirs["pairs"][0]["steps"][0]
    assert step["can_confirm"] and not step["can_mark"]
    status, theirs = await server.post_json(
        f"api/mentoring/steps/{first['id']}/confirm", mentor_data
    )
    assert theirs["pairs"][0]["done"] == 1
    # The mentee cannot confirm their own step: the service refuses as in the chat.
    status, _body = await server.post_json(
        f"api/mentoring/steps/{first['id']}/confirm", mentee_data
    )
    assert status in (403, 404)
    status, me = await server.get_json("api/me", init_data(PARENT, now=now))
    assert me["mentoring"] is False
    status, _others = await server.get_json("api/mentoring", init_data(PARENT, now=now))
    assert status == 403


def test_a_group_too_small_to_show_leaves_the_server_without_its_figures() -> None:
    from handlers.miniapp.dashboard import ratio_json
    from services.reports.indicators import Ratio

    assert ratio_json(Ratio(2, 3, hidden=True)) == {
        "numerator": None,
        "denominator": None,
        "share": None,
        "hidden": True,
    }
    assert ratio_json(Ratio(2, 8))["numerator"] == 2
