"""/consult for parents and teachers: choose a psychologist, a day and a slot, fill a short
form, get a confirmation with an .ics file; join the waiting list when nothing is free."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.consultations.callbacks import CAct, ConsultCD, FormAct, FormCD
from handlers.consultations.keyboards import (
    DAYS_PER_PAGE,
    booking_keyboard,
    contact_keyboard,
    day_slots_keyboard,
    days_keyboard,
    form_confirm_keyboard,
    form_nav_keyboard,
    grade_keyboard,
    home_keyboard,
    no_days_keyboard,
    to_home_keyboard,
    topic_keyboard,
)
from handlers.consultations.render import booking_text, day_slots_text, form_summary, when
from handlers.consultations.states import ConsultForm
from handlers.menu import MenuButton
from handlers.messages import send, show
from services.consultations.files import booking_ics
from services.consultations.rules import COMMENT_MAX, validate_phone
from services.consultations.types import (
    BookingForm,
    BookingView,
    ConsultTopic,
    Contact,
    SlotStatus,
)
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import Conflict, InvalidInput, NeedsOnboarding
from services.i18n import Text


def need_user(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()


# ---- home: psychologists ------------------------------------------------


async def show_home(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, *, rb: int = 0
) -> None:
    """The psychologists with their free slots; with `rb`, the start of moving that booking."""
    need_user(actor)
    people = await svc.consultations.psychologists(actor)
    mine = [] if rb else await svc.consultations.upcoming_bookings(actor)
    if not people:
        text = t("consult-no-psychologists")
    elif rb:
        text = t("consult-reschedule-choose")
    else:
        text = t("consult-home")
    await show(event, text, home_keyboard(people, len(mine), t, rb=rb))


async def consult_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    await show_home(message, svc, actor, t)


async def on_home(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    await show_home(query, svc, actor, t, rb=callback_data.rb)


# ---- days and slots -----------------------------------------------------


async def on_psychologist(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    cd = callback_data
    days = await svc.consultations.free_days(actor, cd.psy or None)
    if not days:
        await show(query, t("consult-no-slots"), no_days_keyboard(cd, t))
        return
    pages = max(1, -(-len(days) // DAYS_PER_PAGE))
    page = min(max(cd.page, 0), pages - 1)
    text = t("consult-choose-day", page=page + 1, pages=pages)
    await show(query, text, days_keyboard(days, page, pages, cd, t))


async def on_day(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    cd = callback_data
    day = date.fromordinal(cd.day)
    slots = await svc.consultations.free_slots(actor, cd.psy or None, day)
    zone = svc.policy.timezone
    await show(query, day_slots_text(day, slots, zone, t), day_slots_keyboard(slots, cd, zone, t))


async def on_wait(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    added = await svc.consultations.wait_for_slot(actor, callback_data.psy or None)
    key = "consult-waiting" if added else "consult-already-waiting"
    await show(query, t(key), to_home_keyboard(t))


async def on_slot(
    query: CallbackQuery,
    callback_data: ConsultCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    cd = callback_data
    if cd.rb:
        booking = await svc.consultations.reschedule(actor, cd.rb, cd.slot)
        await state.clear()
        await confirm(query, booking, svc, t, key="consult-rescheduled")
        return
    # The service refuses a person who cannot book now, not after the form.
    slot = await svc.consultations.slot(actor, cd.slot)
    if slot.status != SlotStatus.FREE:
        raise Conflict("consult-error-slot-taken")
    await state.clear()
    await state.update_data(
        slot=slot.id,
        when=when(slot.starts_at, svc.policy.timezone),
        psy_name=slot.psychologist_name,
    )
    await ask(query, ConsultForm.topic, state, t)


# ---- the form -----------------------------------------------------------


async def ask(event: Message | CallbackQuery, step: State, state: FSMContext, t: Text) -> None:
    """Shows the form's step as a new message; each step knows its question and buttons."""
    await state.set_state(step)
    data = await state.get_data()
    if step == ConsultForm.topic:
        text = t("consult-form-slot", when=data["when"], name=data["psy_name"])
        await send(event, text + "\n\n" + t("consult-ask-topic"), topic_keyboard(t))
    elif step == ConsultForm.grade:
        await send(event, t("consult-ask-grade"), grade_keyboard(t))
    elif step == ConsultForm.contact:
        await send(event, t("consult-ask-contact"), contact_keyboard(t))
    elif step == ConsultForm.phone:
        await send(event, t("consult-ask-phone"), form_nav_keyboard(t, skip=False))
    elif step == ConsultForm.comment:
        text = t("consult-ask-comment", limit=COMMENT_MAX)
        await send(event, text, form_nav_keyboard(t, skip=True))
    else:
        await send(event, form_summary(data, t), form_confirm_keyboard(t))


def form_steps(actor: Actor, data: Mapping[str, Any]) -> list[State]:
    steps = [ConsultForm.topic]
    if actor.has(Role.PARENT):
        steps.append(ConsultForm.grade)
    steps.append(ConsultForm.contact)
    if data.get("contact") == Contact.PHONE.value:
        steps.append(ConsultForm.phone)
    steps += [ConsultForm.comment, ConsultForm.confirm]
    return steps


async def ask_next(
    event: Message | CallbackQuery, state: FSMContext, actor: Actor, t: Text, current: State
) -> None:
    steps = form_steps(actor, await state.get_data())
    await ask(event, steps[steps.index(current) + 1], state, t)


async def current_step(
    query: CallbackQuery, state: FSMContext, actor: Actor, t: Text, *wanted: State
) -> State | None:
    """The form's step the button belongs to, or None (the person was told the form expired)
    when the form is over or stands at another step."""
    current = await state.get_state()
    steps = form_steps(actor, await state.get_data())
    step = next((s for s in steps if s.state == current), None)
    if step is None or (wanted and step not in wanted):
        await query.answer(t("consult-form-expired"), show_alert=True)
        return None
    return step


async def on_form_back(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    step = await current_step(query, state, actor, t)
    if step is None:
        return
    steps = form_steps(actor, await state.get_data())
    index = steps.index(step)
    if index == 0:
        await state.clear()
        await show_home(query, svc, actor, t)
        return
    await ask(query, steps[index - 1], state, t)


async def on_form_topic(
    query: CallbackQuery, callback_data: FormCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_user(actor)
    step = await current_step(query, state, actor, t, ConsultForm.topic)
    if step is None:
        return
    if callback_data.topic is None:
        await query.answer(t("consult-form-expired"), show_alert=True)
        return
    await state.update_data(topic=callback_data.topic.value)
    await ask_next(query, state, actor, t, step)


async def on_form_grade(
    query: CallbackQuery, callback_data: FormCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_user(actor)
    step = await current_step(query, state, actor, t, ConsultForm.grade)
    if step is None:
        return
    await state.update_data(grade=callback_data.grade or None)
    await ask_next(query, state, actor, t, step)


async def on_form_contact(
    query: CallbackQuery, callback_data: FormCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_user(actor)
    step = await current_step(query, state, actor, t, ConsultForm.contact)
    if step is None:
        return
    if callback_data.contact is None:
        await query.answer(t("consult-form-expired"), show_alert=True)
        return
    await state.update_data(contact=callback_data.contact.value, phone=None)
    await ask_next(query, state, actor, t, step)


async def on_form_skip(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_user(actor)
    step = await current_step(query, state, actor, t, ConsultForm.comment)
    if step is None:
        return
    await state.update_data(comment=None)
    await ask_next(query, state, actor, t, step)


async def on_form_confirm(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    if await current_step(query, state, actor, t, ConsultForm.confirm) is None:
        return
    data = await state.get_data()
    form = BookingForm(
        topic=ConsultTopic(data["topic"]),
        contact=Contact(data["contact"]),
        child_grade=data.get("grade"),
        phone=data.get("phone"),
        comment=data.get("comment"),
    )
    booking = await svc.consultations.book(actor, int(data["slot"]), form)
    await state.clear()
    await confirm(query, booking, svc, t, key="consult-booked")


async def on_phone(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    try:
        phone = validate_phone(message.text)
    except InvalidInput:
        await message.answer(
            t("consult-error-phone"), reply_markup=form_nav_keyboard(t, skip=False)
        )
        return
    await state.update_data(phone=phone)
    await ask_next(message, state, actor, t, ConsultForm.phone)


async def on_comment(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    text = (message.text or "").strip()
    if not text or len(text) > COMMENT_MAX:
        await message.answer(
            t("consult-error-comment-long", limit=COMMENT_MAX),
            reply_markup=form_nav_keyboard(t, skip=True),
        )
        return
    await state.update_data(comment=text)
    await ask_next(message, state, actor, t, ConsultForm.comment)


async def on_form_text(message: Message, t: Text) -> None:
    await message.answer(t("consult-use-buttons"))


async def confirm(
    query: CallbackQuery, booking: BookingView, svc: Services, t: Text, *, key: str
) -> None:
    """The booking as confirmed, with the calendar entry as a file."""
    text = t(key) + "\n\n" + booking_text(booking, svc.policy.timezone, t)
    await send(query, text, booking_keyboard(booking, t))
    bot = query.bot
    assert bot is not None
    data = booking_ics(booking, svc.policy.timezone, t, now=svc.clock())
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"consultation-{booking.id}.ics"),
        caption=t("consult-ics-caption"),
    )


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "consult_open": lambda p: ConsultCD(act=CAct.PSY, psy=int(p["psy"])),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(consult_command, Command("consult"), StateFilter("*"))
    router.message.register(consult_command, MenuButton("menu-consult"), StateFilter("*"))
    router.callback_query.register(on_home, ConsultCD.filter(F.act == CAct.HOME))
    router.callback_query.register(on_psychologist, ConsultCD.filter(F.act == CAct.PSY))
    router.callback_query.register(on_day, ConsultCD.filter(F.act == CAct.DAY))
    router.callback_query.register(on_slot, ConsultCD.filter(F.act == CAct.SLOT))
    router.callback_query.register(on_wait, ConsultCD.filter(F.act == CAct.WAIT))
    router.callback_query.register(on_form_back, FormCD.filter(F.act == FormAct.BACK))
    router.callback_query.register(on_form_topic, FormCD.filter(F.act == FormAct.TOPIC))
    router.callback_query.register(on_form_grade, FormCD.filter(F.act == FormAct.GRADE))
    router.callback_query.register(on_form_contact, FormCD.filter(F.act == FormAct.CONTACT))
    router.callback_query.register(on_form_skip, FormCD.filter(F.act == FormAct.SKIP))
    router.callback_query.register(on_form_confirm, FormCD.filter(F.act == FormAct.CONFIRM))
    router.message.register(on_phone, StateFilter(ConsultForm.phone), F.text)
    router.message.register(on_comment, StateFilter(ConsultForm.comment), F.text)
    router.message.register(
        on_form_text,
        StateFilter(
            ConsultForm.topic, ConsultForm.grade, ConsultForm.contact, ConsultForm.confirm
        ),
    )
    return router
