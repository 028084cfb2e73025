"""/event_drafts: methodists publish drafts and approve or decline coordinators' proposals."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import DraftsCD
from handlers.events.keyboards import drafts_keyboard
from handlers.events.render import drafts_text
from handlers.events.states import EventForm, not_a_wizard_start
from handlers.messages import send, show
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied
from services.i18n import Text


async def _show_page(
    event: Message | CallbackQuery, page_number: int, svc: Services, actor: Actor, t: Text
) -> None:
    page = await svc.events.pending(actor, page_number)
    if not page.items:
        await show(event, t("events-pending-empty"))
        return
    zone = svc.policy.timezone
    await show(event, drafts_text(page, t, zone), drafts_keyboard(page, zone))


async def pending_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await _show_page(message, 0, svc, actor, t)


async def pending_page(
    query: CallbackQuery, callback_data: DraftsCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _show_page(query, callback_data.page, svc, actor, t)


async def publish(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    event = await svc.events.publish(actor, callback_data.event_id)
    await send(query, t("events-wiz-published", link=svc.events.deep_link(event.id)))


async def ask_decline_reason(
    query: CallbackQuery, callback_data: EventCardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    await state.set_state(EventForm.decline_reason)
    await state.update_data(event_id=callback_data.event_id)
    await send(query, t("events-decline-ask"))


async def decline_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    event_id = (await state.get_data()).get("event_id")
    if not isinstance(event_id, int):
        await state.clear()
        return
    await svc.events.decline(actor, event_id, message.text)
    await state.clear()
    await send(message, t("events-declined-done"))


async def decline_not_text(message: Message, t: Text) -> None:
    await send(message, t("events-hint-decline-reason"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(decline_not_text, EventForm.decline_reason, ~F.text)
    router.message.register(pending_command, Command("event_drafts"))
    router.callback_query.register(pending_page, DraftsCD.filter())
    router.message.register(
        decline_reason, EventForm.decline_reason, F.text, *not_a_wizard_start()
    )
    card = EventCardCD.filter
    router.callback_query.register(publish, card(F.act == EventCardAct.PUBLISH))
    router.callback_query.register(ask_decline_reason, card(F.act == EventCardAct.DECLINE))
    return router
