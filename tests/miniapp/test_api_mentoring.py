"""Mentoring in the Mini App as the chat shows it: who gets the tab, a group's plan for its
mentor and for a member, meetings (planned ahead, a group's, private notes kept private), a
hand-over waiting for the new mentor, a finished pairing; and on the dashboard the mentoring
figures of /stats with meetings per pair per month, small groups sent without figures."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest

from services.reports.indicators import IndicatorCategory
from services.reports.period import PeriodKind, period_containing
from tests.miniapp.mentoring_support import (
    ANNA,
    BORIS,
    BORIS_NOTE,
    COORD,
    FINISHED,
    GROUP_NOTE,
    MENTOR,
    MENTOR2,
    METHODIST_ID,
    NEW_MENTOR,
    OTHER_METHODIST,
    PARENT_ID,
    PETR,
    REQUESTER,
    STRANGER_ID,
    Network,
    mentoring_network,
)
from tests.miniapp.support import MiniAppServer, init_data
from tests.support.harness import BotHarness


@pytest.fixture
async def network(harness: BotHarness) -> Network:
    return await mentoring_network(harness)


async def _plans(server: MiniAppServer, harness: BotHarness, who: int) -> tuple[dict, str]:
    status, body = await server.get_json("api/mentoring", init_data(who, now=harness.clock.now))
    assert status == 200, body
    return body, json.dumps(body, ensure_ascii=False)


async def test_the_tab_is_there_for_every_mentorship_the_chat_lists(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    now = harness.clock.now
    # A request, a proposal (the hand-over's new mentor), pairings under way, a finished one.
    for who in (REQUESTER, NEW_MENTOR, ANNA, BORIS, MENTOR, PETR, MENTOR2, FINISHED):
        status, me = await server.get_json("api/me", init_data(who, now=now))
        assert status == 200 and me["mentoring"] is True, who
    # Staff, a parent and a stranger have no mentorship of their own.
    for who in (METHODIST_ID, OTHER_METHODIST, COORD, PARENT_ID, STRANGER_ID):
        status, me = await server.get_json("api/me", init_data(who, now=now))
        assert status == 200 and me["mentoring"] is False, who


async def test_a_group_mentor_sees_the_group_and_confirms_a_members_step(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    body, _text = await _plans(server, harness, MENTOR)
    [group] = body["groups"]
    assert group["id"] == network.group and group["title"] == f"Группа № {network.group}"
    assert group["active_label"] == "Наставляемых сейчас: 2"
    members = {m["name"]: m for m in group["members"]}
    assert set(members) == {"Анна Юная", "Борис Юный"}
    assert (members["Анна Юная"]["done"], members["Анна Юная"]["total"]) == (1, 5)
    assert members["Борис Юный"]["done"] == 0
    assert members["Борис Юный"]["next_step"].startswith(
        "Следующий шаг: Посетить открытый урок наставника — до "
    )
    # The group's meeting once, with its note (the mentor reads it).
    [meeting] = group["meetings"]
    assert meeting["note"] == GROUP_NOTE and meeting["marks"] == ["(встреча группы)"]
    assert {p["form"] for p in body["pairs"]} == {"group"}
    boris = next(p for p in body["pairs"] if p["id"] == network.boris_pair)
    assert boris["title"] == "Наставляемый: Борис Юный" and boris["side"] == "mentor"
    assert boris["group_label"] == f"Группа № {network.group}"
    # The pair's card keeps Boris's own meeting (its note readable by his mentor); the
    # group's is on the group's card once.
    assert [(m["note"], m["shared"]) for m in boris["meetings"]] == [(BORIS_NOTE, False)]
    step = boris["steps"][1]
    assert step["can_confirm"] and not step["can_mark"]
    status, after = await server.post_json(
        f"api/mentoring/steps/{step['id']}/confirm", init_data(MENTOR, now=harness.clock.now)
    )
    assert status == 200 and after["message"] == "Шаг подтверждён."
    members = {m["name"]: m for m in after["groups"][0]["members"]}
    assert members["Борис Юный"]["done"] == 1


async def test_a_group_member_sees_their_own_plan_and_the_groups_meetings_only(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    body, text = await _plans(server, harness, ANNA)
    # No group screen for a member, and nothing of another member: neither name nor note.
    assert body["groups"] == []
    assert "Борис" not in text and BORIS_NOTE not in text
    [pair] = body["pairs"]
    assert pair["form"] == "group" and pair["side"] == "mentee"
    assert pair["title"] == "Наставник: Мария Наставникова"
    assert pair["form_label"] == "групповое наставничество"
    assert (pair["done"], pair["total"]) == (1, 5)
    ahead = harness.clock.now + timedelta(days=7)
    # The next step and the next meeting (planned ahead), as /my words them.
    assert pair["outlook"] == [
        f"Следующий шаг: Наставник посещает урок наставляемого — до {pair['steps'][1]['due']}",
        f"Следующая встреча: {ahead:%d.%m.%Y}, онлайн",
    ]
    held, planned = pair["meetings"]
    assert held["note"] == GROUP_NOTE and held["shared"] and not held["planned"]
    assert held["format"] == "очно" and held["marks"] == ["(встреча группы)"]
    assert planned["planned"] and planned["marks"] == ["(запланирована)"]
    assert planned["date"] == f"{ahead:%d.%m.%Y}"
    # A member may not touch another member's plan.
    _boris, boris_text = await _plans(server, harness, BORIS)
    assert BORIS_NOTE in boris_text and GROUP_NOTE in boris_text and "Анна" not in boris_text
    boris_step = _boris["pairs"][0]["steps"][1]["id"]
    data = init_data(ANNA, now=harness.clock.now)
    status, refused = await server.post_json(f"api/mentoring/steps/{boris_step}/done", data)
    assert status == 403 and refused["message"]
    status, marked = await server.post_json(
        f"api/mentoring/steps/{pair['steps'][1]['id']}/done", data
    )
    assert status == 200 and marked["pairs"][0]["steps"][1]["done"]


async def test_a_hand_over_waiting_for_the_new_mentor_is_shown_as_such(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    body, _text = await _plans(server, harness, PETR)
    offer, current = body["pairs"]  # newest first, as /mentoring lists them
    assert offer["id"] == network.hand_over and offer["hand_over"]
    assert offer["title"] == "Наставник: Нина Новая" and offer["status"] == "proposed"
    assert offer["notice"].startswith("🔁 Передача наставничества")
    assert offer["steps"] == [] and offer["outlook"] == []
    assert current["id"] == network.petr_pair and not current["hand_over"]
    assert current["title"] == "Наставник: Ольга Опытная" and current["status"] == "active"
    assert current["notice"].startswith("🔁 Вам предложили другого наставника")
    body, _text = await _plans(server, harness, NEW_MENTOR)
    [offer] = body["pairs"]
    assert offer["hand_over"] and offer["title"] == "Наставляемый: Пётр Юный"
    assert offer["side"] == "mentor"
    # The current mentor goes on as before and is not told before the new one agrees (as in
    # the chat).
    body, text = await _plans(server, harness, MENTOR2)
    assert "Нина" not in text and "Передача" not in text
    statuses = {p["id"]: p["status"] for p in body["pairs"]}
    assert statuses == {network.petr_pair: "active", network.finished_pair: "finished"}


async def test_a_finished_pairing_and_a_request_are_shown_without_actions(
    server: MiniAppServer,
    harness: BotHarness,
    network: Network,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body, _text = await _plans(server, harness, FINISHED)
    [pair] = body["pairs"]
    assert pair["status"] == "finished" and pair["status_label"] == "завершено"
    assert not any(s["can_mark"] or s["can_confirm"] for s in pair["steps"])
    assert pair["outlook"] == []  # nothing comes next, and they never met
    caplog.set_level(logging.WARNING)
    data = init_data(FINISHED, now=harness.clock.now)
    status, refused = await server.post_json(
        f"api/mentoring/steps/{pair['steps'][0]['id']}/done", data
    )
    assert status == 409 and refused["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    body, _text = await _plans(server, harness, REQUESTER)
    [request] = body["pairs"]
    assert request["status"] == "requested"
    assert request["title"] == "Вы попросили наставника: методисты подбирают его."


@pytest.mark.parametrize("who", [METHODIST_ID, OTHER_METHODIST, COORD])
async def test_staff_see_no_one_elses_plans_or_notes_here_and_cannot_act(
    server: MiniAppServer, harness: BotHarness, network: Network, who: int
) -> None:
    body, text = await _plans(server, harness, who)
    assert body["pairs"] == [] and body["groups"] == []
    assert GROUP_NOTE not in text and BORIS_NOTE not in text
    _anna, _ = await _plans(server, harness, ANNA)
    step = _anna["pairs"][0]["steps"][1]["id"]
    data = init_data(who, now=harness.clock.now)
    for action in ("done", "confirm"):
        status, refused = await server.post_json(f"api/mentoring/steps/{step}/{action}", data)
        assert status == 403 and refused["message"], action


@pytest.mark.parametrize("who", [PARENT_ID, STRANGER_ID])
async def test_a_parent_and_a_stranger_are_refused_with_a_message(
    server: MiniAppServer, harness: BotHarness, network: Network, who: int
) -> None:
    status, body = await server.get_json("api/mentoring", init_data(who, now=harness.clock.now))
    assert status == 403 and body["message"] and "pairs" not in body


async def test_the_dashboard_has_meetings_per_month_and_hides_small_groups(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    data = init_data(METHODIST_ID, now=harness.clock.now)
    status, board = await server.get_json("api/staff/dashboard?kind=month&first=2026-11-01", data)
    assert status == 200
    mentoring = [i["kind"] for i in board["indicators"] if i["mentoring"]]
    assert mentoring == [
        "mentoring_young",
        "mentoring_risk",
        "mentoring_started",
        "mentoring_active",
        "mentoring_finished",
        "mentoring_ended_early",
        "mentoring_plan_done",
        "mentoring_met",
        "mentoring_improved",
    ]
    assert not any(
        i["kind"].startswith("mentoring") for i in board["indicators"] if not i["mentoring"]
    )
    period = {v["category"]: v for v in board["meetings"]["period"]}
    assert list(period) == ["all", "low_results", "unfavourable", "other"]
    # Held by now: the group's meeting once per member and Boris's own; the planned one not
    # yet. Pairs that worked in November: the group's two, Pyotr's and the finished one.
    assert (period["all"]["numerator"], period["all"]["denominator"]) == (3, 4)
    assert period["all"]["rate"] == "0,8" and period["all"]["hidden"] is False
    # Four pairs of ШНРО school teachers: too few to show, so no figures leave the server.
    assert period["low_results"] == {
        "category": "low_results",
        "label": "ШНРО",
        "numerator": None,
        "denominator": None,
        "share": None,
        "hidden": True,
        "rate": None,
    }
    assert period["other"]["denominator"] == 0 and period["other"]["rate"] is None
    assert [m["month"] for m in board["meetings"]["months"]] == ["11.2026"]
    # The same figures as the report service gives /stats.
    svc = await harness.services()
    try:
        month = period_containing(PeriodKind.MONTH, harness.clock.now.date())
        rows = await svc.reports.meetings(network.people[METHODIST_ID].actor(), month)
    finally:
        await svc.session.close()
    total = rows[-1].get(IndicatorCategory.ALL)
    assert (total.numerator, total.denominator) == (3, 4)
    status, quarter = await server.get_json("api/staff/dashboard?kind=quarter", data)
    assert len(quarter["meetings"]["months"]) >= 2


async def test_a_coordinator_sees_their_schools_meetings_in_one_column(
    server: MiniAppServer, harness: BotHarness, network: Network
) -> None:
    data = init_data(COORD, now=harness.clock.now)
    status, board = await server.get_json("api/staff/dashboard?kind=month", data)
    assert status == 200
    [only] = board["meetings"]["period"]
    # A school's own total is shown whatever its size, as the network's is.
    assert only["label"] == "школа" and (only["numerator"], only["denominator"]) == (3, 4)
