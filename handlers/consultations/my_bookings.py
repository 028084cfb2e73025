"""A person's own bookings from /consult: the list, one booking, cancelling it, moving it to
another slot (the choice itself runs through the /consult screens with the booking carried)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message

from handlers import my_sections
from handlers.consultations.booking import need_user, show_home
from handlers.consultations.callbacks import CAct, ConsultCD
from handlers.consultations.keyboards import (
    booking_keyboard,
    cancel_confirm_keyboard,
    my_bookings_keyboard,
    to_home_keyboard,
)
from handlers.consultations.render import booking_text, when
from handlers.messages import send, show
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def on_mine(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    bookings = await svc.consultations.upcoming_bookings(actor)
    text = t("consult-mine", count=len(bookings)) if bookings else t("consult-mine-empty")
    await show(query, text, my_bookings_keyboard(bookings, svc.policy.timezone, t))


async def on_booking(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    booking = await svc.consultations.booking(actor, callback_data.booking)
    text = booking_text(booking, svc.policy.timezone, t)
    if not booking.can_cancel:
        text += "\n\n" + t("consult-late-hint", hours=svc.policy.consult.cancel_notice_hours)
    await send(query, text, booking_keyboard(booking, t))


async def on_cancel(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    booking = await svc.consultations.own_active_booking(actor, callback_data.booking)
    text = t("consult-cancel-ask", when=when(booking.slot.starts_at, svc.policy.timezone))
    await send(query, text, cancel_confirm_keyboard(booking.id, t))


async def on_cancel_yes(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    result = await svc.consultations.cancel(actor, callback_data.booking)
    if result.late:
        text = t(
            "consult-late-cancel",
            hours=svc.policy.consult.cancel_notice_hours,
            name=result.psychologist_name,
        )
    else:
        text = t("consult-cancelled")
    await show(query, text, to_home_keyboard(t, "consult-btn-to-home"))


async def on_reschedule(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    booking = await svc.consultations.own_active_booking(actor, callback_data.booking)
    if not booking.can_cancel:
        text = t(
            "consult-late-cancel",
            hours=svc.policy.consult.cancel_notice_hours,
            name=booking.slot.psychologist_name,
        )
        await send(query, text)
        return
    await svc.consultations.check_reschedulable(actor, booking.id)
    await show_home(query, svc, actor, t, rb=booking.id)


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "consult_cancel": lambda p: ConsultCD(act=CAct.CANCEL, booking=int(p["booking_id"])),
    "consult_reschedule": lambda p: ConsultCD(act=CAct.RESCHEDULE, booking=int(p["booking_id"])),
}


def create_router() -> Router:
    my_sections.register("consultations", my_bookings_section)
    router = Router(name=__name__)
    router.callback_query.register(on_mine, ConsultCD.filter(F.act == CAct.MINE))
    router.callback_query.register(on_booking, ConsultCD.filter(F.act == CAct.BOOKING))
    router.callback_query.register(on_cancel, ConsultCD.filter(F.act == CAct.CANCEL))
    router.callback_query.register(on_cancel_yes, ConsultCD.filter(F.act == CAct.CANCEL_YES))
    router.callback_query.register(on_reschedule, ConsultCD.filter(F.act == CAct.RESCHEDULE))
    return router


async def my_bookings_section(message: Message, svc: Services, actor: Actor, t: Text) -> bool:
    """/my: upcoming bookings, each a button to its card (cancel, move)."""
    if not actor.is_registered:
        return False
    bookings = await svc.consultations.upcoming_bookings(actor)
    if not bookings:
        return False
    await send(
        message,
        t("consult-mine", count=len(bookings)),
        my_bookings_keyboard(bookings, svc.policy.timezone, t),
    )
    return True
