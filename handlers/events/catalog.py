"""/events (a filtered list, a page at a time), an event's card (also from a deep link) and /my."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import deep_links, my_sections
from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import FilterCD, ListCD, MyPastCD, filters_of
from handlers.events.keyboards import (
    card_keyboard,
    filter_keyboard,
    list_keyboard,
    past_events_keyboard,
)
from handlers.events.render import card_text, list_text, my_past_text
from handlers.menu import MenuButton
from handlers.messages import send, show
from handlers.webapp_button import with_webapp_button
from services.container import Services
from services.context import Actor
from services.errors import NeedsOnboarding
from services.i18n import Text


def need_user(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()


async def _show_page(
    event: Message | CallbackQuery, data: ListCD, svc: Services, actor: Actor, t: Text
) -> None:
    page = await svc.events.upcoming(actor, filters_of(data), data.page)
    markup = with_webapp_button(
        list_keyboard(page, data, t), svc.policy.webapp_url, t("miniapp-open-calendar")
    )
    await show(event, list_text(page, t, svc.policy.timezone), markup)


async def events_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    # The public catalogue: strangers see the events open to all (nothing of them is kept).
    await _show_page(message, ListCD(), svc, actor, t)


async def events_page(
    query: CallbackQuery, callback_data: ListCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _show_page(query, callback_data, svc, actor, t)


async def events_filter(query: CallbackQuery, callback_data: FilterCD, t: Text) -> None:
    await show(query, t("events-filter-choose"), filter_keyboard(callback_data, t))


async def send_card(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, event_id: int
) -> None:
    card = await svc.events.card(actor, event_id)
    await send(event, card_text(card, t, svc.policy.timezone), card_keyboard(card, t))
    if not actor.is_registered:
        await send(event, t("events-guest-hint"))


async def open_card(
    query: CallbackQuery,
    callback_data: EventCardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not actor.is_registered:
        # /start then leads through onboarding and back to this event.
        await deep_links.remember(state, f"event_{callback_data.event_id}")
    await send_card(query, svc, actor, t, callback_data.event_id)


async def open_event_card(
    rest: str, message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not rest.isdigit():
        await send(message, t("deeplink-unknown"))
        return
    if not actor.is_registered:
        await deep_links.remember(state, f"event_{rest}")
    await send_card(message, svc, actor, t, int(rest))


async def my_events(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    elsewhere = await my_sections.show_sections(message, svc, actor, t)
    mine = await svc.events.my_events(actor)
    if not mine.upcoming and not mine.past:
        if not elsewhere:
            await send(message, t("events-my-empty"))
        return
    zone = svc.policy.timezone
    if mine.upcoming:
        await send(message, t("events-my-title", count=len(mine.upcoming)))
    else:
        await send(message, t("events-my-no-upcoming"))
    for event in mine.upcoming:
        await send(message, card_text(event, t, zone), card_keyboard(event, t))
    if mine.past:
        await send(message, my_past_text(mine, t, zone), past_events_keyboard(mine, t))


async def my_past_page(
    query: CallbackQuery, callback_data: MyPastCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    mine = await svc.events.my_events(actor, callback_data.page)
    zone = svc.policy.timezone
    await show(query, my_past_text(mine, t, zone), past_events_keyboard(mine, t))


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "event_open": lambda p: EventCardCD(act=EventCardAct.OPEN, event_id=int(p["event"])),
    "event_certificate": lambda p: EventCardCD(
        act=EventCardAct.CERTIFICATE, event_id=int(p["event"])
    ),
}


def create_router() -> Router:
    deep_links.register("event", open_event_card, public=True)
    router = Router(name=__name__)
    router.message.register(events_command, Command("events"))
    router.message.register(events_command, MenuButton("menu-events"))
    router.message.register(my_events, Command("my"))
    router.message.register(my_events, MenuButton("menu-my"))
    router.callback_query.register(my_past_page, MyPastCD.filter())
    router.callback_query.register(events_page, ListCD.filter())
    router.callback_query.register(events_filter, FilterCD.filter())
    router.callback_query.register(open_card, EventCardCD.filter(F.act == EventCardAct.OPEN))
    return router
