"""Staff change one field of an event at a time, or cancel it (after a confirmation)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import EditCD
from handlers.events.keyboards import cancel_event_keyboard, card_keyboard, edit_fields_keyboard
from handlers.events.render import card_text
from handlers.events.states import EventForm, not_a_wizard_start
from handlers.messages import send
from services.container import Services
from services.context import Actor
from services.dates import parse_when
from services.errors import AccessDenied, DomainError, InvalidInput
from services.events.rules import (
    DESCRIPTION_MAX,
    PLACE_MAX,
    TITLE_MAX,
    clean_link,
    clean_text,
    parse_capacity,
)
from services.events.types import EditField, EventDraft
from services.i18n import Text


def _require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()


async def choose_field(
    query: CallbackQuery, callback_data: EventCardCD, actor: Actor, t: Text
) -> None:
    _require_staff(actor)
    await send(query, t("events-edit-choose"), edit_fields_keyboard(callback_data.event_id, t))


async def ask_value(
    query: CallbackQuery, callback_data: EditCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    _require_staff(actor)
    await state.set_state(EventForm.edit_value)
    await state.update_data(event_id=callback_data.event_id, field=callback_data.field.value)
    await send(query, t(f"events-edit-ask-{callback_data.field.value}"))


async def edit_value(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    event_id, field = data.get("event_id"), data.get("field")
    if not isinstance(event_id, int) or field not in {f.value for f in EditField}:
        await state.clear()
        return
    draft = await svc.events.draft_of(actor, event_id)
    zone, now = svc.policy.timezone, svc.clock()
    try:
        new = edited(draft, EditField(field), message.text or "", zone, now)
        changes = await svc.events.edit(actor, event_id, new)
    except DomainError as error:
        await send(message, t(error.key, **error.args_for_text) + "\n" + t("events-wiz-try-again"))
        return
    await state.clear()
    if not changes:
        await send(message, t("events-edit-nothing"))
        return
    await send(message, t("events-edit-done", count=len(changes)))
    event = await svc.events.card(actor, event_id)
    await send(message, card_text(event, t, zone), card_keyboard(event, t))


def edited(
    draft: EventDraft, field: EditField, text: str, zone: ZoneInfo, now: datetime
) -> EventDraft:
    """The draft with one field replaced by what staff typed (raises on bad input)."""
    if field == EditField.TITLE:
        return replace(draft, title=clean_text(text, TITLE_MAX, "error-event-title"))
    if field == EditField.WHEN:
        found = parse_when(text, now=now, zone=zone)
        length: timedelta = draft.ends_at - draft.starts_at
        return replace(draft, starts_at=found.start, ends_at=found.end or found.start + length)
    if field == EditField.PLACE:
        return replace(draft, place=clean_text(text, PLACE_MAX, "error-event-place"))
    if field == EditField.LINK:
        return replace(draft, link=clean_link(text))
    if field == EditField.CAPACITY:
        return replace(draft, capacity=parse_capacity(text))
    if field == EditField.DEADLINE:
        return replace(draft, registration_deadline=parse_when(text, now=now, zone=zone).start)
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
    return replace(draft, description=text.strip())


async def ask_cancel_event(
    query: CallbackQuery, callback_data: EventCardCD, actor: Actor, t: Text
) -> None:
    _require_staff(actor)
    await send(
        query, t("events-cancel-event-ask"), cancel_event_keyboard(callback_data.event_id, t)
    )


async def cancel_event(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    told = await svc.events.cancel_event(actor, callback_data.event_id)
    await send(query, t("events-cancel-event-done", count=told))


async def edit_not_text(message: Message, t: Text) -> None:
    await send(message, t("events-hint-edit-value"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(edit_value, EventForm.edit_value, F.text, *not_a_wizard_start())
    router.message.register(edit_not_text, EventForm.edit_value, ~F.text)
    card = EventCardCD.filter
    router.callback_query.register(choose_field, card(F.act == EventCardAct.EDIT))
    router.callback_query.register(ask_cancel_event, card(F.act == EventCardAct.CANCEL_EVENT))
    router.callback_query.register(cancel_event, card(F.act == EventCardAct.CANCEL_EVENT_SURE))
    router.callback_query.register(ask_value, EditCD.filter())
    return router
