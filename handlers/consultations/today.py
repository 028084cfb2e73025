"""/today for psychologists: the day's schedule with bookings, marking the outcome, private
notes; cancelling one booking or all of a day off, with an optional reason for the person."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.consultations.callbacks import CancelAct, DayAct, DayCD, PsyCancelCD
from handlers.consultations.keyboards import day_keyboard, psy_cancel_keyboard, slots_menu_keyboard
from handlers.consultations.render import day_text, when
from handlers.consultations.states import NoteForm, PsyCancelForm
from handlers.messages import send
from services.consultations.rules import NOTE_MAX, REASON_MAX
from services.consultations.types import BookingStatus, BookingView, VisitOutcome
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import AccessDenied, DomainError, InvalidInput, NeedsOnboarding
from services.i18n import Text


def need_psychologist(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()
    if not actor.has(Role.PSYCHOLOGIST):
        raise AccessDenied()


def today(svc: Services) -> date:
    return svc.clock().astimezone(svc.policy.timezone).date()


async def show_day(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, day: date
) -> None:
    schedule = await svc.consultations.day_schedule(actor, day)
    zone = svc.policy.timezone
    await send(event, day_text(schedule, zone, t), day_keyboard(schedule, svc.clock(), zone, t))


async def today_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    await state.clear()
    await show_day(message, svc, actor, t, today(svc))


async def on_day_show(
    query: CallbackQuery, callback_data: DayCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    await show_day(query, svc, actor, t, date.fromordinal(callback_data.day))


async def _mark(
    query: CallbackQuery,
    cd: DayCD,
    outcome: VisitOutcome,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    await svc.consultations.mark_outcome(actor, cd.booking, outcome)
    await query.answer(t(f"today-marked-{outcome.value}"))
    await show_day(query, svc, actor, t, date.fromordinal(cd.day))


async def on_day_done(
    query: CallbackQuery, callback_data: DayCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _mark(query, callback_data, VisitOutcome.DONE, svc, actor, t)


async def on_day_no_show(
    query: CallbackQuery, callback_data: DayCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _mark(query, callback_data, VisitOutcome.NO_SHOW, svc, actor, t)


async def on_day_note(
    query: CallbackQuery,
    callback_data: DayCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    cd = callback_data
    # Checks that the booking is this psychologist's before asking for the text.
    await svc.consultations.booking(actor, cd.booking)
    await state.set_state(NoteForm.text)
    await state.update_data(booking=cd.booking, day=cd.day)
    await send(query, t("today-ask-note", limit=NOTE_MAX))


async def on_day_cancel(
    query: CallbackQuery,
    callback_data: DayCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    booking = await svc.consultations.check_psy_cancellable(actor, callback_data.booking)
    await ask_cancel_reason(
        query, state, svc, t, date.fromordinal(callback_data.day), booking=booking
    )


async def on_note(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    data = await state.get_data()
    try:
        await svc.consultations.set_note(actor, int(data["booking"]), message.text or "")
    except InvalidInput as error:
        await message.answer(t(error.key, **error.args_for_text))
        return
    await state.clear()
    await message.answer(t("today-note-saved"))
    await show_day(message, svc, actor, t, date.fromordinal(int(data["day"])))


# ---- cancelling bookings ------------------------------------------------


async def ask_cancel_reason(
    query: CallbackQuery,
    state: FSMContext,
    svc: Services,
    t: Text,
    day: date,
    *,
    booking: BookingView | None = None,
    count: int = 0,
) -> None:
    """The confirmation: typing a reason cancels with it, the button cancels without one."""
    ordinal = day.toordinal()
    if booking is not None:
        text = t(
            "today-cancel-ask",
            when=when(booking.slot.starts_at, svc.policy.timezone),
            name=booking.booker_name or t("today-forgotten"),
            limit=REASON_MAX,
        )
        done = PsyCancelCD(act=CancelAct.ONE, day=ordinal, booking=booking.id)
        data: dict[str, Any] = {"booking": booking.id, "day": ordinal}
    else:
        text = t(
            "slots-cancel-all-ask", day=day.strftime("%d.%m.%Y"), count=count, limit=REASON_MAX
        )
        done = PsyCancelCD(act=CancelAct.ALL, day=ordinal)
        data = {"booking": 0, "day": ordinal}
    await state.clear()
    await state.set_state(PsyCancelForm.reason)
    await state.update_data(**data)
    await send(query, text, psy_cancel_keyboard(done, data["booking"], t))


async def cancel_bookings(
    event: Message | CallbackQuery,
    svc: Services,
    actor: Actor,
    t: Text,
    day: date,
    booking_id: int,
    reason: str | None,
) -> None:
    """Cancels one booking (then shows the day) or, with no booking, all of the day's."""
    if booking_id:
        result = await svc.consultations.cancel_by_psychologist(actor, booking_id, reason)
        key = "today-cancelled" if result.slot_freed else "today-cancelled-removed"
        await send(event, t(key))
        await show_day(event, svc, actor, t, day)
        return
    count = await svc.consultations.cancel_day_by_psychologist(actor, day, reason)
    await send(event, t("slots-cancelled-all", count=count), slots_menu_keyboard(t))


async def _leave_reason_step(state: FSMContext) -> None:
    if await state.get_state() == PsyCancelForm.reason.state:
        await state.clear()


async def on_cancel_ask_all(
    query: CallbackQuery,
    callback_data: PsyCancelCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    day = date.fromordinal(callback_data.day)
    schedule = await svc.consultations.day_schedule(actor, day)
    ahead = [
        booking
        for slot, booking in schedule.slots
        if booking is not None
        and booking.status == BookingStatus.BOOKED
        and slot.starts_at > svc.clock()
    ]
    if not ahead:
        await query.answer(t("slots-cancel-all-none"), show_alert=True)
        return
    await ask_cancel_reason(query, state, svc, t, day, count=len(ahead))


async def on_cancel_keep(
    query: CallbackQuery,
    callback_data: PsyCancelCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    await _leave_reason_step(state)
    if callback_data.booking:
        await query.answer(t("today-cancel-kept"))
        await show_day(query, svc, actor, t, date.fromordinal(callback_data.day))
    else:
        await send(query, t("slots-kept-all"), slots_menu_keyboard(t))


async def on_cancel_one(
    query: CallbackQuery,
    callback_data: PsyCancelCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    await _leave_reason_step(state)
    day = date.fromordinal(callback_data.day)
    await cancel_bookings(query, svc, actor, t, day, callback_data.booking, None)


async def on_cancel_all(
    query: CallbackQuery,
    callback_data: PsyCancelCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_psychologist(actor)
    await _leave_reason_step(state)
    await cancel_bookings(query, svc, actor, t, date.fromordinal(callback_data.day), 0, None)


async def on_cancel_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    data = await state.get_data()
    day = date.fromordinal(int(data["day"]))
    try:
        await cancel_bookings(
            message, svc, actor, t, day, int(data.get("booking") or 0), message.text
        )
    except InvalidInput as error:
        # The step stays: a shorter reason or the button still cancels.
        await message.answer(t(error.key, **error.args_for_text))
        return
    except DomainError:
        await state.clear()
        raise
    await state.clear()


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "consult_day": lambda p: DayCD(act=DayAct.SHOW, day=int(p["day"])),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(today_command, Command("today"), StateFilter("*"))
    router.callback_query.register(on_day_show, DayCD.filter(F.act == DayAct.SHOW))
    router.callback_query.register(on_day_done, DayCD.filter(F.act == DayAct.DONE))
    router.callback_query.register(on_day_no_show, DayCD.filter(F.act == DayAct.NO_SHOW))
    router.callback_query.register(on_day_note, DayCD.filter(F.act == DayAct.NOTE))
    router.callback_query.register(on_day_cancel, DayCD.filter(F.act == DayAct.CANCEL))
    router.callback_query.register(
        on_cancel_ask_all, PsyCancelCD.filter(F.act == CancelAct.ASK_ALL)
    )
    router.callback_query.register(on_cancel_keep, PsyCancelCD.filter(F.act == CancelAct.KEEP))
    router.callback_query.register(on_cancel_one, PsyCancelCD.filter(F.act == CancelAct.ONE))
    router.callback_query.register(on_cancel_all, PsyCancelCD.filter(F.act == CancelAct.ALL))
    router.message.register(on_note, StateFilter(NoteForm.text), F.text)
    router.message.register(
        on_cancel_reason, StateFilter(PsyCancelForm.reason), F.text, ~F.text.startswith("/")
    )
    return router
