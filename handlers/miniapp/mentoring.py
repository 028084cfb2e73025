"""A mentee's and a mentor's development plans as checklists with progress. The mentee marks
a step done and the mentor confirms it with the same service calls as /mentoring."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from handlers.miniapp.request import acting, int_arg, plain
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.mentoring.types import MentorshipView, Side, Status, StepView


def step_text(step: StepView, t: Text) -> str:
    if step.title:
        return step.title
    name = t(f"mentoring-step-{step.kind.value}")
    if step.topic:
        return plain(t("mentoring-step-on-topic", step=name, topic=t(f"topic-{step.topic}")))
    return plain(name)


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
        "due": f"{step.due_at.astimezone(zone):%d.%m.%Y}",
        "done": step.done_at is not None,
        "confirmed": step.confirmed_at is not None,
        "can_mark": active and side == Side.MENTEE and step.done_at is None,
        "can_confirm": active and side == Side.MENTOR and step.confirmed_at is None,
    }


def pair_json(view: MentorshipView, actor: Actor, t: Text, zone: ZoneInfo) -> dict[str, Any]:
    side = _side(view, actor.user_id)
    active = view.status == Status.ACTIVE
    other = view.mentee_name if side == Side.MENTOR else view.mentor_name
    # Named as the chat's card names them: "Наставник: …" to the mentee, and the other way.
    heading = "mentoring-card-mentee" if side == Side.MENTOR else "mentoring-card-mentor"
    return {
        "title": plain(t(heading, name=other or "—")),
        "id": view.id,
        "side": None if side is None else side.value,
        "side_label": plain(t(f"mentoring-side-{side.value}")) if side else "",
        "other": other,
        "status": view.status.value,
        "status_label": plain(t(f"mentoring-status-{view.status.value}")),
        "done": view.confirmed,
        "total": len(view.steps),
        "steps": [_step(s, side, active, t, zone) for s in view.steps],
    }


async def _pairs(svc: Services, actor: Actor, t: Text, message: str = "") -> dict[str, Any]:
    views = await svc.mentoring.mine(actor)
    zone = svc.policy.timezone
    return {"pairs": [pair_json(v, actor, t, zone) for v in views], "message": message}


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
