"""A person's own mentorships as the chat's /mentoring lists them (a request, a proposal, a
hand-over waiting for the new mentor, a pairing under way, one that has ended): each plan as
a checklist with progress, the next step and the next meeting as /my words them, the pair's
meetings, and for a group's mentor the group with each member's progress. The mentee marks
a step done and the mentor confirms it with the same service calls as the chat; which notes
are shown is decided by the services (`notes_visible`), as in the chat."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from handlers.miniapp.request import acting, int_arg, plain
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied, NotFound
from services.i18n import Text
from services.mentoring.types import (
    Form,
    GroupView,
    MeetingView,
    MemberView,
    MentorshipView,
    Side,
    Status,
    StepView,
)


def step_text(step: StepView, t: Text) -> str:
    if step.title:
        return step.title
    name = t(f"mentoring-step-{step.kind.value}")
    if step.topic:
        return plain(t("mentoring-step-on-topic", step=name, topic=t(f"topic-{step.topic}")))
    return plain(name)


def _day(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%d.%m.%Y}"


def _side(view: MentorshipView, user_id: int | None) -> Side | None:
    if user_id is not None and view.mentor_id == user_id:
        return Side.MENTOR
    if user_id is not None and view.mentee_id == user_id:
        return Side.MENTEE
    return None


def _step(step: StepView, side: Side | None, active: bool, t: Text, zone: ZoneInfo) -> Any:
    return {
        "id": step.id,
        "text": step_text(step, t),
        "due": _day(step.due_at, zone),
        "done": step.done_at is not None,
        "confirmed": step.confirmed_at is not None,
        "can_mark": active and side == Side.MENTEE and step.done_at is None,
        "can_confirm": active and side == Side.MENTOR and step.confirmed_at is None,
    }


def meeting_json(
    meeting: MeetingView, notes: bool, t: Text, zone: ZoneInfo, now: datetime
) -> dict[str, Any]:
    marks = []
    if meeting.shared:
        marks.append(plain(t("mentoring-meeting-group")))
    if meeting.held_at > now:
        marks.append(plain(t("mentoring-meeting-planned")))
    return {
        "id": meeting.id,
        "date": _day(meeting.held_at, zone),
        "format": plain(t(f"mentoring-format-{meeting.format.value}")),
        "planned": meeting.held_at > now,
        "shared": meeting.shared,
        "marks": marks,
        # The service left the note out for anyone the chat would not show it to.
        "note": meeting.note if notes else None,
    }


def _meeting_line(key: str, meeting: MeetingView, t: Text, zone: ZoneInfo) -> str:
    format_ = t(f"mentoring-format-{meeting.format.value}")
    return plain(t(key, date=_day(meeting.held_at, zone), format=format_)).strip()


def outlook(view: MentorshipView, t: Text, zone: ZoneInfo, now: datetime) -> list[str]:
    """What comes next, worded as /my words it: the next step and the next meeting (or when
    the last one was) while the pairing goes on; the last meeting once it has ended."""
    last = view.last_meeting(now)
    if view.status != Status.ACTIVE:
        return [_meeting_line("mentoring-card-last-meeting", last, t, zone)] if last else []
    lines = []
    step = view.next_step
    if step is not None:
        due = _day(step.due_at, zone)
        lines.append(plain(t("mentoring-card-next-step", step=step_text(step, t), due=due)))
    planned = view.next_meeting(now)
    if planned is not None:
        lines.append(_meeting_line("mentoring-card-next-meeting", planned, t, zone))
    elif last is not None:
        date = _day(last.held_at, zone)
        lines.append(plain(t("mentoring-my-no-meeting-last", date=date)).strip())
    else:
        lines.append(plain(t("mentoring-my-no-meeting")).strip())
    return lines


def _title(view: MentorshipView, side: Side | None, t: Text) -> str:
    if view.status == Status.REQUESTED:
        return plain(t("miniapp-mentoring-requested"))
    # Named as the chat's card names them: "Наставник: …" to the mentee, and the other way.
    if side == Side.MENTOR:
        return plain(t("mentoring-card-mentee", name=view.mentee_name))
    return plain(t("mentoring-card-mentor", name=view.mentor_name))


def pair_json(
    view: MentorshipView, actor: Actor, t: Text, zone: ZoneInfo, now: datetime
) -> dict[str, Any]:
    side = _side(view, actor.user_id)
    active = view.status == Status.ACTIVE
    hand_over = view.replaces_id is not None and view.status == Status.PROPOSED
    return {
        "title": _title(view, side, t),
        "id": view.id,
        "side": None if side is None else side.value,
        "side_label": plain(t(f"mentoring-side-{side.value}")) if side else "",
        "other": view.mentee_name if side == Side.MENTOR else view.mentor_name,
        "status": view.status.value,
        "status_label": plain(t(f"mentoring-status-{view.status.value}")),
        "form": view.form.value,
        "form_label": plain(t(f"mentoring-form-{view.form.value}")),
        "group_id": view.group_id,
        "group_label": plain(t("miniapp-mentoring-group", number=view.group_id))
        if view.group_id is not None
        else "",
        "hand_over": hand_over,
        "notice": plain(t("mentoring-card-hand-over")) if hand_over else "",
        "done": view.confirmed,
        "total": len(view.steps),
        "steps": [_step(s, side, active, t, zone) for s in view.steps],
        "outlook": outlook(view, t, zone, now),
        "meetings": [meeting_json(m, view.notes_visible, t, zone, now) for m in view.meetings],
    }


def _member(member: MemberView, t: Text, zone: ZoneInfo) -> dict[str, Any]:
    step = member.next_step if member.status == Status.ACTIVE else None
    return {
        "pair_id": member.pair_id,
        "name": member.mentee_name,
        "status": member.status.value,
        "status_label": plain(t(f"mentoring-status-{member.status.value}")),
        "done": member.done,
        "total": member.total,
        "next_step": None
        if step is None
        else plain(
            t("mentoring-card-next-step", step=step_text(step, t), due=_day(step.due_at, zone))
        ),
    }


def group_json(group: GroupView, t: Text, zone: ZoneInfo, now: datetime) -> dict[str, Any]:
    return {
        "id": group.id,
        "title": plain(t("miniapp-mentoring-group", number=group.id)),
        "active_label": plain(t("mentoring-group-members", count=group.active)),
        "members": [_member(m, t, zone) for m in group.members],
        "meetings": [meeting_json(m, group.notes_visible, t, zone, now) for m in group.meetings],
    }


async def _groups(
    svc: Services, actor: Actor, views: list[MentorshipView], t: Text, now: datetime
) -> list[dict[str, Any]]:
    """The groups the person leads: the group's screen is its mentor's (a mentee sees their
    own pairing), and the service decides that again."""
    zone = svc.policy.timezone
    led = {
        v.group_id
        for v in views
        if v.form == Form.GROUP and v.group_id is not None and v.mentor_id == actor.user_id
    }
    found = []
    for group_id in sorted(led):
        # A group whose screen the service does not give this person is simply not shown.
        with suppress(AccessDenied, NotFound):
            found.append(group_json(await svc.mentoring.group(actor, group_id), t, zone, now))
    return found


async def _pairs(svc: Services, actor: Actor, t: Text, message: str = "") -> dict[str, Any]:
    views = await svc.mentoring.mine(actor)
    zone, now = svc.policy.timezone, svc.clock()
    pairs = [pair_json(v, actor, t, zone, now) for v in views]
    # A hand-over waiting for the new mentor is listed beside the pairing it would continue.
    waiting = {v.replaces_id for v in views if v.replaces_id and v.status == Status.PROPOSED}
    for pair in pairs:
        if pair["id"] in waiting:
            pair["notice"] = plain(t("miniapp-mentoring-hand-over-waiting"))
    groups = await _groups(svc, actor, views, t, now)
    # The group's card lists the group's meetings once; its mentor's pair cards keep only
    # each pair's own.
    led = {group["id"] for group in groups}
    for pair in pairs:
        if pair["group_id"] in led and pair["side"] == Side.MENTOR.value:
            pair["meetings"] = [m for m in pair["meetings"] if not m["shared"]]
    return {"pairs": pairs, "groups": groups, "message": message}


async def plans(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        return web.json_response(await _pairs(svc, actor, t))


async def mark_done(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        changed = await svc.mentoring.mark_done(actor, int_arg(request, "step_id"))
        message = plain(t("mentoring-step-marked" if changed else "mentoring-step-already"))
        return web.json_response(await _pairs(svc, actor, t, message))


async def confirm(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        changed = await svc.mentoring.confirm_step(actor, int_arg(request, "step_id"))
        message = plain(t("mentoring-step-confirmed" if changed else "mentoring-step-already"))
        return web.json_response(await _pairs(svc, actor, t, message))


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/api/mentoring", plans)
    router.add_post("/api/mentoring/steps/{step_id}/done", mark_done)
    router.add_post("/api/mentoring/steps/{step_id}/confirm", confirm)
