"""The calendar for everyone: a month or a week of events with filters, an event's page, and
registering, joining the waiting list or cancelling through the same service calls as the
chat (the seat guard, the waiting list and the chat's confirmation with its .ics)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from aiogram.exceptions import TelegramAPIError
from aiohttp import web

from handlers.miniapp.render import event_card, event_item, when_text
from handlers.miniapp.request import acting, config_of, int_arg, plain
from services.container import Services
from services.context import Actor
from services.enums import Topic
from services.errors import InvalidInput, NeedsOnboarding
from services.events.types import (
    CalendarFilters,
    EventAudience,
    EventFormat,
    EventType,
    RegistrationOutcome,
    RegStatus,
)
from services.i18n import Text
from services.people.profile_steps import next_missing_step

log = logging.getLogger(__name__)

E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], raw: str | None) -> E | None:
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError as error:
        raise InvalidInput("error-stale-button") from error


def _day(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw or "")
    except ValueError as error:
        raise InvalidInput("error-stale-button") from error


def filters_of(query: Any) -> CalendarFilters:
    return CalendarFilters(
        type=_enum(EventType, query.get("type")),
        topic=_enum(Topic, query.get("topic")),
        format=_enum(EventFormat, query.get("format")),
        audience=_enum(EventAudience, query.get("audience")),
        mine=query.get("mine") == "1",
    )


async def calendar(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        zone = svc.policy.timezone
        start = datetime.combine(_day(request.query.get("from")), time(0), tzinfo=zone)
        end = datetime.combine(_day(request.query.get("to")), time(0), tzinfo=zone)
        events = await svc.events.calendar(actor, start, end, filters_of(request.query))
        return web.json_response({"events": [event_item(e, t, zone) for e in events]})


async def _card(svc: Services, actor: Actor, t: Text, event_id: int) -> dict[str, Any]:
    event = await svc.events.card(actor, event_id)
    return event_card(event, t, svc.policy.timezone, svc.events.deep_link(event_id))


async def event_page(request: web.Request) -> web.Response:
    async with acting(request) as (svc, actor, t):
        return web.json_response(await _card(svc, actor, t, int_arg(request, "event_id")))


async def onboarded(svc: Services, actor: Actor) -> bool:
    return actor.is_registered and await next_missing_step(svc.users, actor) is None


async def _need_onboarding(svc: Services, actor: Actor) -> None:
    # Registering asks for the profile the chat asks for; the page sends the person there.
    if not await onboarded(svc, actor):
        raise NeedsOnboarding("error-miniapp-needs-onboarding")


def outcome_text(outcome: RegistrationOutcome, t: Text, when: str) -> str:
    event = outcome.event
    if outcome.status == RegStatus.WAITLISTED:
        position = event.mine.position if event.mine else 0
        key = "events-already-waitlisted" if outcome.already else "events-waitlisted"
        return plain(t(key, title=event.title, position=position or 0))
    if outcome.status == RegStatus.OFFERED:
        return plain(t("miniapp-offered"))
    if outcome.already:
        return plain(t("events-already-registered", title=event.title, when=when))
    return plain(t("miniapp-registered", title=event.title))


async def register(request: web.Request) -> web.Response:
    event_id = int_arg(request, "event_id")
    async with acting(request) as (svc, actor, t):
        await _need_onboarding(svc, actor)
        outcome = await svc.events.register(actor, event_id)
        config = config_of(request)
        sent = True
        try:
            await config.confirm_in_chat(config.bot, actor.telegram_id, outcome, svc, t)
        except TelegramAPIError as error:
            # The registration stands; the page says so, and the chat can show the card later.
            sent = False
            log.warning(
                "miniapp chat confirmation not sent event_id=%s user_id=%s error=%s",
                event_id,
                actor.user_id,
                type(error).__name__,
            )
        return web.json_response(
            {
                "status": outcome.status.value,
                "already": outcome.already,
                "message": outcome_text(
                    outcome, t, when_text(outcome.event, t, svc.policy.timezone)
                ),
                "chat_sent": sent,
                "event": await _card(svc, actor, t, event_id),
            }
        )


async def cancel_outlook(request: web.Request) -> web.Response:
    """What cancelling would do to the seat, asked before the second tap (as in the chat)."""
    async with acting(request) as (svc, actor, t):
        outlook = await svc.events.cancel_outlook(actor, int_arg(request, "event_id"))
        event = outlook.event
        if not outlook.holds_seat:
            position = event.mine.position if event.mine else None
            text = t("events-cancel-ask-waitlist", title=event.title, position=position or 0)
        elif outlook.waiting:
            text = t("events-cancel-ask-seat-next", title=event.title, waiting=outlook.waiting)
        else:
            text = t("events-cancel-ask-seat-free", title=event.title)
        return web.json_response({"message": plain(text)})


async def cancel(request: web.Request) -> web.Response:
    event_id = int_arg(request, "event_id")
    async with acting(request) as (svc, actor, t):
        await _need_onboarding(svc, actor)
        await svc.events.cancel_registration(actor, event_id)
        config = config_of(request)
        message = t("events-cancelled-mine")
        try:
            await config.bot.send_message(actor.telegram_id, message)
        except TelegramAPIError as error:
            log.warning(
                "miniapp cancel notice not sent event_id=%s user_id=%s error=%s",
                event_id,
                actor.user_id,
                type(error).__name__,
            )
        return web.json_response(
            {"message": plain(message), "event": await _card(svc, actor, t, event_id)}
        )


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/api/calendar", calendar)
    router.add_get("/api/events/{event_id}", event_page)
    router.add_post("/api/events/{event_id}/register", register)
    router.add_get("/api/events/{event_id}/cancel", cancel_outlook)
    router.add_post("/api/events/{event_id}/cancel", cancel)
