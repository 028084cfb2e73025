"""An event's materials, opened from its card: the list for everyone; for staff, adding one
and sending them to the participants (those who came, or everyone who registered)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from handlers.library.callbacks import CardAct, EventAct, LibCardCD, LibEventCD
from handlers.library.keyboards import cancel_keyboard
from handlers.library.states import LibraryForm
from handlers.markup import Keyboard
from handlers.material_card import EventMaterialsCD
from handlers.messages import send, show
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied
from services.i18n import Text
from services.library.types import MaterialKind, MaterialPage


def _keyboard(page: MaterialPage, event_id: int, staff: bool, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for item in page.items:
        data = LibCardCD(act=CardAct.OPEN, material_id=item.id).pack()
        builder.row(InlineKeyboardButton(text=item.title[:60], callback_data=data))
    if staff:
        for act, key in (
            (EventAct.ADD, "library-event-add-button"),
            (EventAct.SEND, "library-event-send-button"),
            (EventAct.SEND_ALL, "library-event-send-all-button"),
        ):
            data = LibEventCD(act=act, event_id=event_id).pack()
            builder.row(InlineKeyboardButton(text=t(key), callback_data=data))
    return builder.as_markup()


async def show_materials(
    query: CallbackQuery, callback_data: EventMaterialsCD, svc: Services, actor: Actor, t: Text
) -> None:
    event = await svc.library.event(callback_data.event_id)
    page = await svc.library.search(actor, event_id=event.event_id)
    key = "library-event-materials" if page.items else "library-event-materials-empty"
    staff = svc.library.can_review(actor)
    await query.answer()
    await send(query, t(key, title=event.title), _keyboard(page, event.event_id, staff, t))


async def add(
    query: CallbackQuery,
    callback_data: LibEventCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not svc.library.can_review(actor):
        raise AccessDenied()
    event = await svc.library.event(callback_data.event_id)
    await state.clear()
    await state.update_data(
        event_id=event.event_id, topic=event.topic.value, kind=MaterialKind.EVENT_MATERIAL.value
    )
    await state.set_state(LibraryForm.lib_title)
    await query.answer()
    await show(query, t("library-submit-title"), cancel_keyboard(t), edit=False)


async def send_out(
    query: CallbackQuery, callback_data: LibEventCD, svc: Services, actor: Actor, t: Text
) -> None:
    everyone = callback_data.act == EventAct.SEND_ALL
    queued = await svc.library.send_event_materials(actor, callback_data.event_id, everyone)
    await query.answer(t("library-event-sent", count=queued), show_alert=True)


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "library_event_materials": lambda p: EventMaterialsCD(event_id=int(p["event"]))
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(show_materials, EventMaterialsCD.filter())
    router.callback_query.register(add, LibEventCD.filter(F.act == EventAct.ADD))
    router.callback_query.register(
        send_out, LibEventCD.filter(F.act.in_({EventAct.SEND, EventAct.SEND_ALL}))
    )
    return router
