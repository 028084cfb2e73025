"""/slots for psychologists: the list of one's slots; adding a slot or a weekly pattern,
removing free slots, taking a day off (then choosing whether to cancel that day's bookings)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message

from handlers.consultations.callbacks import SAct, SlotsCD, SlotWizardCD, WizAct
from handlers.consultations.keyboards import (
    REMOVE_LIMIT,
    day_off_keyboard,
    formats_keyboard,
    minutes_keyboard,
    pattern_confirm_keyboard,
    remove_keyboard,
    slots_menu_keyboard,
    weekdays_keyboard,
    wizard_back_keyboard,
)
from handlers.consultations.render import day_off_text, pattern_summary, slot_line, slots_text
from handlers.consultations.states import (
    PATTERN_STEPS,
    SLOT_STEPS,
    BlockForm,
    PatternForm,
    SlotForm,
)
from handlers.consultations.today import need_psychologist, show_day, today
from handlers.menu import MenuButton
from handlers.messages import edit_markup, send, show, tapped_message
from handlers.when import CHANGE, STATE_KEY, WhenCD, chosen, confirm_markup, confirm_text, remember
from services.consultations.parsing import parse_day, parse_day_range, parse_window
from services.consultations.rules import PLACE_MAX
from services.consultations.types import SlotFormat, SlotStatus
from services.container import Services
from services.context import Actor
from services.dates import read_when
from services.errors import InvalidInput
from services.i18n import Text

LENGTHS = (30, 45, 60, 90)
BREAKS = (0, 10, 15, 30)


async def show_slots(event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    slots = await svc.consultations.my_slots(actor)
    await send(event, slots_text(slots, svc.policy.timezone, t), slots_menu_keyboard(t))


async def slots_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    await state.clear()
    await show_slots(message, svc, actor, t)


# ---- the menu -----------------------------------------------------------


async def on_list(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    await state.clear()
    await show_slots(query, svc, actor, t)


async def on_add(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await state.clear()
    await ask(query, SlotForm.when, state, t)


async def on_pattern(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await state.clear()
    await ask(query, PatternForm.range, state, t)


async def on_block(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await state.clear()
    await state.set_state(BlockForm.day)
    await send(query, t("slots-ask-block-day"), wizard_back_keyboard(t))


async def on_today(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await show_day(query, svc, actor, t, today(svc))


async def show_removable(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    """The free and blocked slots as buttons that remove them, in place of the menu."""
    slots = [s for s in await svc.consultations.my_slots(actor) if s.status != SlotStatus.BOOKED]
    slots = slots[:REMOVE_LIMIT]
    text = t("slots-remove-choose") if slots else t("slots-remove-none")
    await show(query, text, remove_keyboard(slots, svc.policy.timezone, t))


async def on_remove_list(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await show_removable(query, svc, actor, t)


async def on_remove(
    query: CallbackQuery, callback_data: SlotsCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    await svc.consultations.remove_slot(actor, callback_data.slot)
    await query.answer(t("slots-removed"))
    await show_removable(query, svc, actor, t)


# ---- the wizard: a slot or a weekly pattern -----------------------------


async def ask(event: Message | CallbackQuery, step: State, state: FSMContext, t: Text) -> None:
    """Asks the step's question as a new message."""
    await state.set_state(step)
    data = await state.get_data()
    if step in (SlotForm.length, PatternForm.length):
        text, markup = t("slots-ask-length"), minutes_keyboard(t, WizAct.LENGTH, LENGTHS)
    elif step in (SlotForm.format, PatternForm.format):
        text, markup = t("slots-ask-format"), formats_keyboard(t)
    elif step == PatternForm.weekdays:
        text = t("slots-ask-weekdays")
        markup = weekdays_keyboard(t, data.get("weekdays", []))
    elif step == PatternForm.pause:
        text, markup = t("slots-ask-break"), minutes_keyboard(t, WizAct.BREAK, BREAKS)
    elif step == PatternForm.confirm:
        text, markup = pattern_summary(data, t), pattern_confirm_keyboard(t)
    else:
        text, markup = t(_TYPED_QUESTIONS[step.state]), wizard_back_keyboard(t)
    await send(event, text, markup)


_TYPED_QUESTIONS = {
    SlotForm.when.state: "slots-ask-when",
    SlotForm.place.state: "slots-ask-place",
    PatternForm.place.state: "slots-ask-place",
    PatternForm.range.state: "slots-ask-range",
    PatternForm.window.state: "slots-ask-window",
}


def _steps_of(current: str | None) -> list[State] | None:
    for steps in (SLOT_STEPS, PATTERN_STEPS):
        if any(s.state == current for s in steps):
            return steps
    return None


async def advance(event: Message | CallbackQuery, state: FSMContext, t: Text) -> None:
    current = await state.get_state()
    steps = _steps_of(current)
    assert steps is not None
    index = [s.state for s in steps].index(current or "")
    await ask(event, steps[index + 1], state, t)


async def _at_step(query: CallbackQuery, state: FSMContext, t: Text, *steps: State) -> bool:
    """True when the wizard stands at one of `steps`; else the button is an old one."""
    if await state.get_state() in {s.state for s in steps}:
        return True
    await query.answer(t("slots-form-expired"), show_alert=True)
    return False


async def on_wizard_back(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    current = await state.get_state()
    if current == BlockForm.day.state:
        await state.clear()
        await show_slots(query, svc, actor, t)
        return
    steps = _steps_of(current)
    if steps is None:
        await query.answer(t("slots-form-expired"), show_alert=True)
        return
    index = [s.state for s in steps].index(current or "")
    if index == 0:
        await state.clear()
        await show_slots(query, svc, actor, t)
    else:
        await ask(query, steps[index - 1], state, t)


async def on_length(
    query: CallbackQuery, callback_data: SlotWizardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    if await _at_step(query, state, t, SlotForm.length, PatternForm.length):
        await state.update_data(length=callback_data.value)
        await advance(query, state, t)


async def on_break(
    query: CallbackQuery, callback_data: SlotWizardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    if await _at_step(query, state, t, PatternForm.pause):
        await state.update_data(pause=callback_data.value)
        await advance(query, state, t)


async def on_format(
    query: CallbackQuery, callback_data: SlotWizardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    if callback_data.fmt is None:
        await query.answer(t("slots-form-expired"), show_alert=True)
        return
    if await _at_step(query, state, t, SlotForm.format, PatternForm.format):
        await state.update_data(fmt=callback_data.fmt.value)
        await advance(query, state, t)


async def on_weekday(
    query: CallbackQuery, callback_data: SlotWizardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    if not await _at_step(query, state, t, PatternForm.weekdays):
        return
    chosen = set((await state.get_data()).get("weekdays", []))
    chosen ^= {callback_data.value}
    await state.update_data(weekdays=sorted(chosen))
    message = tapped_message(query)
    if message is not None:
        await edit_markup(message, weekdays_keyboard(t, sorted(chosen)))


async def on_weekdays_done(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    if not await _at_step(query, state, t, PatternForm.weekdays):
        return
    if not (await state.get_data()).get("weekdays"):
        await query.answer(t("consult-error-no-weekdays"), show_alert=True)
        return
    await advance(query, state, t)


async def on_create(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    if not await _at_step(query, state, t, PatternForm.confirm):
        return
    data = await state.get_data()
    start, end = parse_window(data["window"])
    result = await svc.consultations.add_pattern(
        actor,
        date.fromordinal(data["first"]),
        date.fromordinal(data["last"]),
        frozenset(data["weekdays"]),
        start,
        end,
        int(data["length"]),
        int(data["pause"]),
        SlotFormat(data["fmt"]),
        data.get("place", ""),
    )
    await state.clear()
    text = t("slots-pattern-created", count=result.created)
    if result.skipped:
        text += "\n" + t("slots-pattern-skipped", count=result.skipped)
    await send(query, text, slots_menu_keyboard(t))


# ---- the wizard: what is typed ------------------------------------------


async def _refuse(message: Message, error: InvalidInput, t: Text) -> None:
    await message.answer(t(error.key, **error.args_for_text), reply_markup=wizard_back_keyboard(t))


async def on_when(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    """The time as understood is shown back; the wizard goes on once it is confirmed."""
    need_psychologist(actor)
    zone = svc.policy.timezone
    try:
        reading = read_when(message.text, now=svc.clock(), zone=zone, locale=t.locale)
    except InvalidInput as error:
        await _refuse(message, error, t)
        return
    await state.update_data(remember(reading))
    await send(message, confirm_text(t, reading, zone), confirm_markup(t, reading, zone))


async def on_when_confirmed(
    query: CallbackQuery, callback_data: WhenCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    data = await state.get_data()
    if callback_data.choice == CHANGE:
        await ask(query, SlotForm.when, state, t)
        return
    found = chosen(data, callback_data.choice)
    if found is None:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    update: dict[str, Any] = {"start": found.start.isoformat(), STATE_KEY: None}
    if found.end is None:
        await state.update_data(**update)
        await advance(query, state, t)
        return
    # "25.12 15:00-15:45" gives the length too: straight to the format.
    update["length"] = int((found.end - found.start).total_seconds() // 60)
    await state.update_data(**update)
    await ask(query, SlotForm.format, state, t)


async def on_range(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    try:
        first, last = parse_day_range(message.text or "", today=today(svc))
    except InvalidInput as error:
        await _refuse(message, error, t)
        return
    await state.update_data(first=first.toordinal(), last=last.toordinal())
    await advance(message, state, t)


async def on_window(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    try:
        start, end = parse_window(message.text or "")
    except InvalidInput as error:
        await _refuse(message, error, t)
        return
    await state.update_data(window=f"{start:%H:%M}–{end:%H:%M}")
    await advance(message, state, t)


async def on_place(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    place = (message.text or "").strip()
    if len(place) > PLACE_MAX:
        await _refuse(message, InvalidInput("consult-error-place-long", limit=PLACE_MAX), t)
        return
    await state.update_data(place=place)
    if await state.get_state() != SlotForm.place.state:
        await advance(message, state, t)
        return
    data = await state.get_data()
    try:
        slot = await svc.consultations.add_slot(
            actor,
            datetime.fromisoformat(data["start"]),
            int(data["length"]),
            SlotFormat(data["fmt"]),
            place,
        )
    except InvalidInput as error:
        await _refuse(message, error, t)
        return
    await state.clear()
    text = t("slots-added") + "\n" + slot_line(slot, svc.policy.timezone, t)
    await message.answer(text, reply_markup=slots_menu_keyboard(t))


async def on_day_off(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    need_psychologist(actor)
    try:
        day = parse_day(message.text or "", today=today(svc))
        day_off = await svc.consultations.block_day(actor, day)
    except InvalidInput as error:
        await _refuse(message, error, t)
        return
    await state.clear()
    text = day_off_text(day_off, svc.policy.timezone, t)
    # With bookings still ahead that day, the psychologist decides about them.
    markup = day_off_keyboard(day_off.day, t) if day_off.bookings else slots_menu_keyboard(t)
    await message.answer(text, reply_markup=markup)


async def on_button_step_text(message: Message, actor: Actor, t: Text) -> None:
    need_psychologist(actor)
    await message.answer(t("consult-use-buttons"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(slots_command, Command("slots"), StateFilter("*"))
    router.message.register(slots_command, MenuButton("menu-appointments"), StateFilter("*"))
    for act, handler in (
        (SAct.LIST, on_list),
        (SAct.ADD, on_add),
        (SAct.PATTERN, on_pattern),
        (SAct.BLOCK, on_block),
        (SAct.TODAY, on_today),
        (SAct.REMOVE_LIST, on_remove_list),
        (SAct.REMOVE, on_remove),
    ):
        router.callback_query.register(handler, SlotsCD.filter(F.act == act))
    for wiz_act, wiz_handler in (
        (WizAct.BACK, on_wizard_back),
        (WizAct.LENGTH, on_length),
        (WizAct.BREAK, on_break),
        (WizAct.FORMAT, on_format),
        (WizAct.WEEKDAY, on_weekday),
        (WizAct.WEEKDAYS_DONE, on_weekdays_done),
        (WizAct.CREATE, on_create),
    ):
        router.callback_query.register(wiz_handler, SlotWizardCD.filter(F.act == wiz_act))
    router.message.register(on_when, StateFilter(SlotForm.when), F.text)
    router.callback_query.register(on_when_confirmed, StateFilter(SlotForm.when), WhenCD.filter())
    router.message.register(on_range, StateFilter(PatternForm.range), F.text)
    router.message.register(on_window, StateFilter(PatternForm.window), F.text)
    router.message.register(on_place, StateFilter(SlotForm.place, PatternForm.place), F.text)
    router.message.register(on_day_off, StateFilter(BlockForm.day), F.text)
    router.message.register(
        on_button_step_text,
        StateFilter(
            SlotForm.length,
            SlotForm.format,
            PatternForm.weekdays,
            PatternForm.length,
            PatternForm.pause,
            PatternForm.format,
            PatternForm.confirm,
        ),
        F.text,
    )
    return router
