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
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

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
from services.paging import clamp_page

SLOT_TAKEN = "consult-error-slot-taken"
# What a person answered in the form, kept when someone else takes the slot first.
FORM_ANSWERS = ("topic", "grade", "grade_from_profile", "contact", "phone", "comment")


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


async def days_screen(
    svc: Services, actor: Actor, t: Text, cd: ConsultCD
) -> tuple[str, InlineKeyboardMarkup]:
    """The days with free slots (the page of `cd`), or the offer to wait when there are none."""
    days = await svc.consultations.free_days(actor, cd.psy or None)
    if not days:
        return t("consult-no-slots"), no_days_keyboard(cd, t)
    page, pages = clamp_page(len(days), DAYS_PER_PAGE, cd.page)
    text = t("consult-choose-day", page=page + 1, pages=pages)
    return text, days_keyboard(days, page, pages, cd, t)


async def on_psychologist(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await show(query, *await days_screen(svc, actor, t, callback_data))


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
        try:
            booking = await svc.consultations.reschedule(actor, cd.rb, cd.slot)
        except Conflict as error:
            if error.key != SLOT_TAKEN:
                raise
            await show_other_times(query, svc, actor, t, cd, None)
            return
        await state.clear()
        await confirm(query, booking, svc, t, key="consult-rescheduled")
        return
    # The service refuses a person who cannot book now, not after the form.
    slot = await svc.consultations.slot(actor, cd.slot)
    zone = svc.policy.timezone
    if slot.status != SlotStatus.FREE:
        await show_other_times(query, svc, actor, t, cd, slot.starts_at.astimezone(zone).date())
        return
    kept = await kept_answers(state)
    await state.clear()
    if not kept:
        grade = await svc.consultations.profile_grade(actor)
        kept = {"grade": grade, "grade_from_profile": grade is not None}
    await state.update_data(
        **kept,
        slot=slot.id,
        when=when(slot.starts_at, zone),
        psy_name=slot.psychologist_name,
        psy=cd.psy,
    )
    step = ConsultForm.confirm if "topic" in kept else ConsultForm.topic
    await ask(query, step, state, t)


async def kept_answers(state: FSMContext) -> dict[str, Any]:
    """The form's answers kept after someone else took the slot, so another time needs only
    the confirmation."""
    data = await state.get_data()
    if await state.get_state() is not None or not data.get("lost_slot"):
        return {}
    return {key: data[key] for key in FORM_ANSWERS if key in data}


async def show_other_times(
    query: CallbackQuery,
    svc: Services,
    actor: Actor,
    t: Text,
    cd: ConsultCD,
    day: date | None,
    *,
    head_key: str = "consult-slot-gone",
) -> None:
    """In place of the stale screen: the same day's other free times (of the same choice of
    psychologist), else the days that have some, else the offer to wait."""
    head = t(head_key)
    slots = await svc.consultations.free_slots(actor, cd.psy or None, day) if day else []
    if day and slots:
        zone = svc.policy.timezone
        nav = ConsultCD(act=CAct.DAY, psy=cd.psy, day=day.toordinal(), rb=cd.rb)
        text = head + "\n\n" + day_slots_text(day, slots, zone, t)
        await show(query, text, day_slots_keyboard(slots, nav, zone, t))
        return
    text, markup = await days_screen(svc, actor, t, ConsultCD(act=CAct.PSY, psy=cd.psy, rb=cd.rb))
    await show(query, head + "\n\n" + text, markup)


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
        markup = form_confirm_keyboard(t, change_grade=bool(data.get("grade_from_profile")))
        await send(event, form_summary(data, t), markup)


def form_steps(actor: Actor, data: Mapping[str, Any]) -> list[State]:
    steps = [ConsultForm.topic]
    # A grade taken from the profile is not asked again; the summary offers to change it.
    if actor.has(Role.PARENT) and not data.get("grade_from_profile"):
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
    data = await state.get_data()
    if step == ConsultForm.grade and data.get("grade_from_summary"):
        await state.update_data(grade_from_summary=False)
        await ask(query, ConsultForm.confirm, state, t)
        return
    steps = form_steps(actor, data)
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
    if (await state.get_data()).get("grade_from_summary"):
        await state.update_data(grade_from_summary=False)
        await ask(query, ConsultForm.confirm, state, t)
        return
    await ask_next(query, state, actor, t, step)


async def on_form_change_grade(
    query: CallbackQuery, state: FSMContext, actor: Actor, t: Text
) -> None:
    """The summary's "change the grade": the grade step, then back to the summary."""
    need_user(actor)
    if await current_step(query, state, actor, t, ConsultForm.confirm) is None:
        return
    await state.update_data(grade_from_profile=False, grade_from_summary=True)
    await ask(query, ConsultForm.grade, state, t)


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
    try:
        booking = await svc.consultations.book(actor, int(data["slot"]), form)
    except Conflict as error:
        if error.key != SLOT_TAKEN:
            raise
        await lost_the_slot(query, state, svc, actor, t, data)
        return
    await state.clear()
    await confirm(query, booking, svc, t, key="consult-booked")


async def lost_the_slot(
    query: CallbackQuery,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
    data: Mapping[str, Any],
) -> None:
    """Someone else booked the slot first: the form's answers are kept and the other free
    times replace the stale summary, so the next tap on a time goes straight to "Book"."""
    await state.set_state(None)
    await state.update_data(lost_slot=True)
    slot = await svc.consultations.slot(actor, int(data["slot"]))
    day = slot.starts_at.astimezone(svc.policy.timezone).date()
    cd = ConsultCD(act=CAct.DAY, psy=int(data.get("psy") or 0))
    await show_other_times(query, svc, actor, t, cd, day, head_key="consult-slot-gone-race")


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
    router.callback_query.register(
        on_form_change_grade, FormCD.filter(F.act == FormAct.CHANGE_GRADE)
    )
    router.message.register(on_phone, StateFilter(ConsultForm.phone), F.text)
    router.message.register(on_comment, StateFilter(ConsultForm.comment), F.text)
    router.message.register(
        on_form_text,
        StateFilter(
            ConsultForm.topic, ConsultForm.grade, ConsultForm.contact, ConsultForm.confirm
        ),
    )
    return router
