"""Staff's events and their participants with attendance toggles: the same lists, rights and
attendance window as /participants in the chat (a coordinator sees their school's people and
marks nothing; methodists and admins mark from check-in until the corrections end)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from handlers.miniapp.render import event_item, participants_view
from handlers.miniapp.request import acting, body_of, int_arg
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.events.types import StaffScope
from services.i18n import Text


async def staff_events(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        try:
            scope = StaffScope(request.query.get("scope") or StaffScope.UPCOMING.value)
        except ValueError as error:
            raise InvalidInput("error-stale-button") from error
        month = int_arg(request, "month", 0) or svc.events.this_month()
        page = await svc.events.staff_events(actor, scope, month, int_arg(request, "page", 0))
        zone = svc.policy.timezone
        return web.json_response(
            {
                "items": [event_item(e, t, zone) for e in page.items],
                "page": page.page,
                "pages": page.pages,
                "total": page.total,
                "scope": scope.value,
                "month": month,
            }
        )


async def _participants(svc: Services, actor: Actor, t: Text, event_id: int) -> dict[str, Any]:
    data = await svc.events.participants(actor, event_id)
    can_mark = actor.is_staff and svc.events.attendance_open(data.event)
    return participants_view(data, t, svc.policy.timezone, can_mark=can_mark)


async def participants(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        return web.json_response(await _participants(svc, actor, t, int_arg(request, "event_id")))


async def mark_attendance(request: web.Request) -> web.Response:
    event_id = int_arg(request, "event_id")
    async with acting(request) as (svc, actor, t):
        body = await body_of(request)
        registration_id, attended = body.get("registration_id"), body.get("attended")
        if not isinstance(registration_id, int) or not isinstance(attended, bool):
            raise InvalidInput("error-stale-button")
        await svc.events.set_attended(actor, event_id, registration_id, attended)
        return web.json_response(await _participants(svc, actor, t, event_id))


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/api/staff/events", staff_events)
    router.add_get("/api/staff/events/{event_id}/participants", participants)
    router.add_post("/api/staff/events/{event_id}/attendance", mark_attendance)
