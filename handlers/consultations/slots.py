"""/slots and /today for psychologists: add a slot or a weekly pattern, remove free slots,
block a day off; the day's schedule with bookings, outcomes and private notes; cancelling a
booking (one from the day, or all of a day off) with an optional reason for the person."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.consultations.service import (
    NOTE_MAX,
    REASON_MAX,
    BookingStatus,
    BookingView,
    DayOff,
    Outcome,
    SlotFormat,
    SlotStatus,
    SlotView,
    parse_day,
    parse_day_range,
    parse_window,
)
from services.container import Services
from services.context import Actor
from services.dates import parse_when
from services.enums import Role
from services.errors import AccessDenied, DomainError, InvalidInput, NeedsOnboarding
from services.i18n import Text

LENGTHS = (30, 45, 60, 90)
BREAKS = (0, 10, 15, 30)
REMOVE_LIMIT = 30


class SAct(StrEnum):
    LIST = "list"
    ADD = "add"
    PATTERN = "pattern"
    REMOVE_LIST = "remove_list"
    REMOVE = "remove"
    BLOCK = "block"
    TODAY = "today"


class SlotsCD(CallbackData, prefix="psl"):
    act: SAct
    slot: int = 0


class WizAct(StrEnum):
    LENGTH = "length"
    BREAK = "break"
    FORMAT = "format"
    WEEKDAY = "weekday"
    WEEKDAYS_DONE = "wd_done"
    BACK = "back"
    CREATE = "create"


class WizCD(CallbackData, prefix="pwz"):
    act: WizAct
    value: int = 0
    fmt: SlotFormat | None = None


class DayAct(StrEnum):
    SHOW = "show"
    DONE = "done"
    NO_SHOW = "no_show"
    NOTE = "note"
    CANCEL = "cancel"


class DayCD(CallbackData, prefix="pday"):
    act: DayAct
    day: int
    booking: int = 0


class CancelAct(StrEnum):
    ONE = "one"  # cancel the booking without a reason
    ASK_ALL = "ask_all"  # from the day-off answer: ask for a reason for all
    ALL = "all"  # cancel all of the day's bookings without a reason
    KEEP = "keep"  # changed one's mind


class PsyCancelCD(CallbackData, prefix="pcn"):
    act: CancelAct
    day: int
    booking: int = 0


class SlotForm(StatesGroup):
    when = State()
    length = State()
    format = State()
    place = State()


class PatternForm(StatesGroup):
    range = State()
    weekdays = State()
    window = State()
    length = State()
    pause = State()
    format = State()
    place = State()
    confirm = State()


class BlockForm(StatesGroup):
    day = State()


class NoteForm(StatesGroup):
    text = State()


class PsyCancelForm(StatesGroup):
    reason = State()


def _need_psychologist(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()
    if not actor.has(Role.PSYCHOLOGIST):
        raise AccessDenied()


def _hhmm(moment: Any, svc: Services) -> str:
    return str(moment.astimezone(svc.policy.timezone).strftime("%H:%M"))


def _slot_line(slot: SlotView, svc: Services, t: Text) -> str:
    local = slot.starts_at.astimezone(svc.policy.timezone)
    if slot.status == SlotStatus.BLOCKED:
        return t("slots-line-blocked", day=local.strftime("%d.%m"))
    return t(
        "slots-line",
        day=local.strftime("%d.%m"),
        start=local.strftime("%H:%M"),
        end=_hhmm(slot.ends_at, svc),
        status=t(f"slots-status-{slot.status.value}"),
        format=t(f"consult-format-{slot.format.value}"),
    )


def _main_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("slots-btn-add"), callback_data=SlotsCD(act=SAct.ADD))
    builder.button(text=t("slots-btn-pattern"), callback_data=SlotsCD(act=SAct.PATTERN))
    builder.button(text=t("slots-btn-remove"), callback_data=SlotsCD(act=SAct.REMOVE_LIST))
    builder.button(text=t("slots-btn-block"), callback_data=SlotsCD(act=SAct.BLOCK))
    builder.button(text=t("slots-btn-today"), callback_data=SlotsCD(act=SAct.TODAY))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


async def _list(event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    slots = await svc.consultations.my_slots(actor)
    free = sum(1 for s in slots if s.status == SlotStatus.FREE)
    booked = sum(1 for s in slots if s.status == SlotStatus.BOOKED)
    lines = [t("slots-title", free=free, booked=booked)]
    lines += [_slot_line(slot, svc, t) for slot in slots]
    if not slots:
        lines.append(t("slots-empty"))
    await _say(event, "\n".join(lines), _main_keyboard(t))


async def _say(
    event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    if isinstance(event, CallbackQuery):
        assert event.bot is not None
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
    else:
        await event.answer(text, reply_markup=markup)


async def slots_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _need_psychologist(actor)
    await state.clear()
    await _list(message, svc, actor, t)


def _back(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consult-btn-back"), callback_data=WizCD(act=WizAct.BACK))
    return builder.as_markup()


def _choices(t: Text, act: WizAct, values: tuple[int, ...], key: str) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for value in values:
        builder.button(text=t(key, minutes=value), callback_data=WizCD(act=act, value=value))
    builder.button(text=t("consult-btn-back"), callback_data=WizCD(act=WizAct.BACK))
    builder.adjust(len(values), 1)
    return builder.as_markup()


def _formats(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for fmt in SlotFormat:
        builder.button(
            text=t(f"consult-format-{fmt.value}"), callback_data=WizCD(act=WizAct.FORMAT, fmt=fmt)
        )
    builder.button(text=t("consult-btn-back"), callback_data=WizCD(act=WizAct.BACK))
    builder.adjust(2, 1)
    return builder.as_markup()


def _weekdays(t: Text, chosen: list[int]) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for day in range(7):
        mark = "✅ " if day in chosen else ""
        builder.button(
            text=mark + t(f"consult-wd-{day}"), callback_data=WizCD(act=WizAct.WEEKDAY, value=day)
        )
    builder.button(
        text=t("slots-btn-weekdays-done"), callback_data=WizCD(act=WizAct.WEEKDAYS_DONE)
    )
    builder.button(text=t("consult-btn-back"), callback_data=WizCD(act=WizAct.BACK))
    builder.adjust(4, 3, 1, 1)
    return builder.as_markup()


SLOT_STEPS = [SlotForm.when, SlotForm.length, SlotForm.format, SlotForm.place]
PATTERN_STEPS = [
    PatternForm.range,
    PatternForm.weekdays,
    PatternForm.window,
    PatternForm.length,
    PatternForm.pause,
    PatternForm.format,
    PatternForm.place,
    PatternForm.confirm,
]


async def _ask(event: Message | CallbackQuery, step: State, state: FSMContext, t: Text) -> None:
    await state.set_state(step)
    data = await state.get_data()
    if step == SlotForm.when:
        await _say(event, t("slots-ask-when"), _back(t))
    elif step in (SlotForm.length, PatternForm.length):
        await _say(
            event, t("slots-ask-length"), _choices(t, WizAct.LENGTH, LENGTHS, "slots-minutes")
        )
    elif step in (SlotForm.format, PatternForm.format):
        await _say(event, t("slots-ask-format"), _formats(t))
    elif step in (SlotForm.place, PatternForm.place):
        await _say(event, t("slots-ask-place"), _back(t))
    elif step == PatternForm.range:
        await _say(event, t("slots-ask-range"), _back(t))
    elif step == PatternForm.weekdays:
        await _say(event, t("slots-ask-weekdays"), _weekdays(t, data.get("weekdays", [])))
    elif step == PatternForm.window:
        await _say(event, t("slots-ask-window"), _back(t))
    elif step == PatternForm.pause:
        await _say(event, t("slots-ask-break"), _choices(t, WizAct.BREAK, BREAKS, "slots-minutes"))
    elif step == PatternForm.confirm:
        builder = Keyboard()
        builder.button(text=t("slots-btn-create"), callback_data=WizCD(act=WizAct.CREATE))
        builder.button(text=t("consult-btn-back"), callback_data=WizCD(act=WizAct.BACK))
        builder.adjust(1)
        days = ", ".join(t(f"consult-wd-{d}") for d in sorted(data["weekdays"]))
        text = t(
            "slots-pattern-summary",
            first=date.fromordinal(data["first"]).strftime("%d.%m.%Y"),
            last=date.fromordinal(data["last"]).strftime("%d.%m.%Y"),
            days=days,
            window=data["window"],
            length=data["length"],
            pause=data["pause"],
            place=data.get("place") or "—",
        )
        await _say(event, text, builder.as_markup())


def _steps_of(current: str | None) -> list[State] | None:
    for steps in (SLOT_STEPS, PATTERN_STEPS):
        if any(s.state == current for s in steps):
            return steps
    return None


async def _advance(event: Message | CallbackQuery, state: FSMContext, t: Text) -> None:
    steps = _steps_of(await state.get_state())
    assert steps is not None
    index = [s.state for s in steps].index(await state.get_state())
    await _ask(event, steps[index + 1], state, t)


async def on_menu(
    query: CallbackQuery,
    callback_data: SlotsCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_psychologist(actor)
    act = callback_data.act
    if act == SAct.LIST:
        await state.clear()
        await _list(query, svc, actor, t)
    elif act == SAct.ADD:
        await state.clear()
        await _ask(query, SlotForm.when, state, t)
    elif act == SAct.PATTERN:
        await state.clear()
        await _ask(query, PatternForm.range, state, t)
    elif act == SAct.BLOCK:
        await state.clear()
        await state.set_state(BlockForm.day)
        await _say(query, t("slots-ask-block-day"), _back(t))
    elif act == SAct.TODAY:
        await _day(query, svc, actor, t, _today(svc))
    elif act == SAct.REMOVE:
        await svc.consultations.remove_slot(actor, callback_data.slot)
        await query.answer(t("slots-removed"))
        await _remove_list(query, svc, actor, t)
    else:
        await _remove_list(query, svc, actor, t)


async def _remove_list(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    slots = [s for s in await svc.consultations.my_slots(actor) if s.status != SlotStatus.BOOKED][
        :REMOVE_LIMIT
    ]
    builder = Keyboard()
    for slot in slots:
        builder.button(
            text="🗑 " + _slot_line(slot, svc, t),
            callback_data=SlotsCD(act=SAct.REMOVE, slot=slot.id),
        )
    builder.button(text=t("consult-btn-back"), callback_data=SlotsCD(act=SAct.LIST))
    builder.adjust(1)
    text = t("slots-remove-choose") if slots else t("slots-remove-none")
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=builder.as_markup())
    else:
        await _say(query, text, builder.as_markup())


def _today(svc: Services) -> date:
    return svc.clock().astimezone(svc.policy.timezone).date()


async def on_wizard(
    query: CallbackQuery,
    callback_data: WizCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_psychologist(actor)
    current = await state.get_state()
    cd = callback_data
    if current == BlockForm.day.state and cd.act == WizAct.BACK:
        await state.clear()
        await _list(query, svc, actor, t)
        return
    steps = _steps_of(current)
    if steps is None:
        await query.answer(t("slots-form-expired"), show_alert=True)
        return
    names = [s.state for s in steps]
    index = names.index(current)
    if cd.act == WizAct.BACK:
        if index == 0:
            await state.clear()
            await _list(query, svc, actor, t)
        else:
            await _ask(query, steps[index - 1], state, t)
        return
    if cd.act == WizAct.LENGTH and current in (SlotForm.length.state, PatternForm.length.state):
        await state.update_data(length=cd.value)
    elif cd.act == WizAct.BREAK and current == PatternForm.pause.state:
        await state.update_data(pause=cd.value)
    elif (
        cd.act == WizAct.FORMAT
        and cd.fmt is not None
        and current
        in (
            SlotForm.format.state,
            PatternForm.format.state,
        )
    ):
        await state.update_data(fmt=cd.fmt.value)
    elif cd.act == WizAct.WEEKDAY and current == PatternForm.weekdays.state:
        chosen = set((await state.get_data()).get("weekdays", []))
        chosen ^= {cd.value}
        await state.update_data(weekdays=sorted(chosen))
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=_weekdays(t, sorted(chosen)))
        return
    elif cd.act == WizAct.WEEKDAYS_DONE and current == PatternForm.weekdays.state:
        if not (await state.get_data()).get("weekdays"):
            await query.answer(t("consult-error-no-weekdays"), show_alert=True)
            return
    elif cd.act == WizAct.CREATE and current == PatternForm.confirm.state:
        await _create_pattern(query, state, svc, actor, t)
        return
    else:
        await query.answer(t("slots-form-expired"), show_alert=True)
        return
    await _advance(query, state, t)


async def on_text(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _need_psychologist(actor)
    current = await state.get_state()
    text = message.text or ""
    zone = svc.policy.timezone
    try:
        if current == SlotForm.when.state:
            found = parse_when(text, now=svc.clock(), zone=zone)
            data: dict[str, Any] = {"start": found.start.isoformat()}
            if found.end is not None:
                data["length"] = int((found.end - found.start).total_seconds() // 60)
            await state.update_data(**data)
            if found.end is not None:
                await _ask(message, SlotForm.format, state, t)
                return
        elif current == PatternForm.range.state:
            first, last = parse_day_range(text, today=_today(svc))
            await state.update_data(first=first.toordinal(), last=last.toordinal())
        elif current == PatternForm.window.state:
            start, end = parse_window(text)
            await state.update_data(window=f"{start:%H:%M}–{end:%H:%M}")
        elif current in (SlotForm.place.state, PatternForm.place.state):
            place = text.strip()
            if len(place) > 300:
                raise InvalidInput("consult-error-place-long", limit=300)
            await state.update_data(place=place)
            if current == SlotForm.place.state:
                await _create_slot(message, state, svc, actor, t)
                return
        elif current == BlockForm.day.state:
            day = parse_day(text, today=_today(svc))
            day_off = await svc.consultations.block_day(actor, day)
            await state.clear()
            await _day_off_answer(message, day_off, svc, t)
            return
        else:
            await message.answer(t("consult-use-buttons"))
            return
    except InvalidInput as error:
        await message.answer(t(error.key, **error.args_for_text), reply_markup=_back(t))
        return
    await _advance(message, state, t)


async def _create_slot(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    slot = await svc.consultations.add_slot(
        actor,
        datetime.fromisoformat(data["start"]),
        int(data["length"]),
        SlotFormat(data["fmt"]),
        data.get("place", ""),
    )
    await state.clear()
    await message.answer(
        t("slots-added") + "\n" + _slot_line(slot, svc, t), reply_markup=_main_keyboard(t)
    )


async def _create_pattern(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
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
    await _say(query, text, _main_keyboard(t))


# ---- the day ----------------------------------------------------------


async def _day(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, day: date
) -> None:
    schedule = await svc.consultations.day_schedule(actor, day)
    lines = [
        t("today-title", day=day.strftime("%d.%m.%Y"), weekday=t(f"consult-wd-{day.weekday()}"))
    ]
    builder = Keyboard()
    sizes: list[int] = []
    for slot, booking in schedule.slots:
        start = _hhmm(slot.starts_at, svc)
        if booking is None:
            lines.append(t("today-free", start=start, end=_hhmm(slot.ends_at, svc)))
            continue
        lines.append("")
        lines.append(
            t(
                "today-booking",
                start=start,
                end=_hhmm(slot.ends_at, svc),
                name=booking.booker_name or t("today-forgotten"),
                status=t(f"today-status-{booking.status.value}"),
            )
        )
        lines.append(t("consult-summary-topic", topic=t(f"consult-topic-{booking.topic.value}")))
        if booking.child_grade:
            lines.append(t("consult-summary-grade", grade=booking.child_grade))
        contact = t(f"consult-contact-{booking.contact.value}")
        if booking.phone:
            contact += f" {booking.phone}"
        lines.append(t("consult-summary-contact", contact=contact))
        if booking.comment:
            lines.append(t("consult-summary-comment", comment=booking.comment))
        if booking.note:
            lines.append(t("today-note", note=booking.note))
        ordinal = day.toordinal()
        builder.button(
            text=t("today-btn-done", time=start),
            callback_data=DayCD(act=DayAct.DONE, day=ordinal, booking=booking.id),
        )
        builder.button(
            text=t("today-btn-no-show", time=start),
            callback_data=DayCD(act=DayAct.NO_SHOW, day=ordinal, booking=booking.id),
        )
        builder.button(
            text=t("today-btn-note", time=start),
            callback_data=DayCD(act=DayAct.NOTE, day=ordinal, booking=booking.id),
        )
        sizes.append(3)
        if booking.status == BookingStatus.BOOKED and slot.starts_at > svc.clock():
            builder.button(
                text=t("today-btn-cancel", time=start),
                callback_data=DayCD(act=DayAct.CANCEL, day=ordinal, booking=booking.id),
            )
            sizes.append(1)
    if not schedule.slots:
        lines.append(t("today-empty"))
    builder.button(text="◀", callback_data=DayCD(act=DayAct.SHOW, day=day.toordinal() - 1))
    builder.button(text="▶", callback_data=DayCD(act=DayAct.SHOW, day=day.toordinal() + 1))
    builder.adjust(*sizes, 2)
    await _say(event, "\n".join(lines), builder.as_markup())


async def today_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _need_psychologist(actor)
    await state.clear()
    await _day(message, svc, actor, t, _today(svc))


async def on_day(
    query: CallbackQuery,
    callback_data: DayCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_psychologist(actor)
    cd = callback_data
    day = date.fromordinal(cd.day)
    if cd.act == DayAct.NOTE:
        # Checks that the booking is this psychologist's before asking for the text.
        await svc.consultations.booking(actor, cd.booking)
        await state.set_state(NoteForm.text)
        await state.update_data(booking=cd.booking, day=cd.day)
        await _say(query, t("today-ask-note", limit=NOTE_MAX))
        return
    if cd.act == DayAct.CANCEL:
        booking = await svc.consultations.check_psy_cancellable(actor, cd.booking)
        await _ask_cancel_reason(query, state, svc, t, day, booking=booking)
        return
    if cd.act in (DayAct.DONE, DayAct.NO_SHOW):
        outcome = Outcome.DONE if cd.act == DayAct.DONE else Outcome.NO_SHOW
        await svc.consultations.mark_outcome(actor, cd.booking, outcome)
        await query.answer(t(f"today-marked-{outcome.value}"))
    await _day(query, svc, actor, t, day)


async def on_note(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _need_psychologist(actor)
    data = await state.get_data()
    try:
        await svc.consultations.set_note(actor, int(data["booking"]), message.text or "")
    except InvalidInput as error:
        await message.answer(t(error.key, **error.args_for_text))
        return
    await state.clear()
    await message.answer(t("today-note-saved"))
    await _day(message, svc, actor, t, date.fromordinal(int(data["day"])))


# ---- cancelling bookings -----------------------------------------------


def _booking_line(booking: BookingView, svc: Services, t: Text) -> str:
    return t(
        "today-cancel-line",
        start=_hhmm(booking.slot.starts_at, svc),
        name=booking.booker_name or t("today-forgotten"),
    )


async def _day_off_answer(message: Message, day_off: DayOff, svc: Services, t: Text) -> None:
    """The day-off answer lists the bookings still ahead and offers to cancel them all."""
    day_text = day_off.day.strftime("%d.%m.%Y")
    if not day_off.bookings:
        await message.answer(t("slots-blocked", day=day_text), reply_markup=_main_keyboard(t))
        return
    lines = [t("slots-blocked-with-bookings", day=day_text, count=len(day_off.bookings))]
    lines += [_booking_line(booking, svc, t) for booking in day_off.bookings]
    ordinal = day_off.day.toordinal()
    builder = Keyboard()
    builder.button(
        text=t("slots-btn-cancel-all"),
        callback_data=PsyCancelCD(act=CancelAct.ASK_ALL, day=ordinal),
    )
    builder.button(
        text=t("slots-btn-keep-all"), callback_data=PsyCancelCD(act=CancelAct.KEEP, day=ordinal)
    )
    builder.adjust(1)
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


async def _ask_cancel_reason(
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
    builder = Keyboard()
    if booking is not None:
        text = t(
            "today-cancel-ask",
            when=booking.slot.starts_at.astimezone(svc.policy.timezone).strftime("%d.%m.%Y %H:%M"),
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
    builder.button(text=t("today-btn-cancel-no-reason"), callback_data=done)
    builder.button(
        text=t("today-btn-cancel-keep"),
        callback_data=PsyCancelCD(act=CancelAct.KEEP, day=ordinal, booking=data["booking"]),
    )
    builder.adjust(1)
    await state.clear()
    await state.set_state(PsyCancelForm.reason)
    await state.update_data(**data)
    await _say(query, text, builder.as_markup())


async def _cancel(
    event: Message | CallbackQuery,
    svc: Services,
    actor: Actor,
    t: Text,
    day: date,
    booking_id: int,
    reason: str | None,
) -> None:
    if booking_id:
        result = await svc.consultations.cancel_by_psychologist(actor, booking_id, reason)
        key = "today-cancelled" if result.slot_freed else "today-cancelled-removed"
        await _say(event, t(key))
        await _day(event, svc, actor, t, day)
        return
    count = await svc.consultations.cancel_day_by_psychologist(actor, day, reason)
    await _say(event, t("slots-cancelled-all", count=count), _main_keyboard(t))


async def on_psy_cancel(
    query: CallbackQuery,
    callback_data: PsyCancelCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_psychologist(actor)
    cd = callback_data
    day = date.fromordinal(cd.day)
    if cd.act == CancelAct.ASK_ALL:
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
        await _ask_cancel_reason(query, state, svc, t, day, count=len(ahead))
        return
    if await state.get_state() == PsyCancelForm.reason.state:
        await state.clear()
    if cd.act == CancelAct.KEEP:
        if cd.booking:
            await query.answer(t("today-cancel-kept"))
            await _day(query, svc, actor, t, day)
        else:
            await _say(query, t("slots-kept-all"), _main_keyboard(t))
        return
    booking_id = cd.booking if cd.act == CancelAct.ONE else 0
    await _cancel(query, svc, actor, t, day, booking_id, None)


async def on_cancel_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _need_psychologist(actor)
    data = await state.get_data()
    try:
        await _cancel(
            message,
            svc,
            actor,
            t,
            date.fromordinal(int(data["day"])),
            int(data.get("booking") or 0),
            message.text,
        )
    except InvalidInput as error:
        # The step stays: a shorter reason or the button still cancels.
        await message.answer(t(error.key, **error.args_for_text))
        return
    except DomainError:
        await state.clear()
        raise
    await state.clear()


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(slots_command, Command("slots"), StateFilter("*"))
    router.message.register(slots_command, MenuButton("menu-appointments"), StateFilter("*"))
    router.message.register(today_command, Command("today"), StateFilter("*"))
    router.callback_query.register(on_menu, SlotsCD.filter())
    router.callback_query.register(on_wizard, WizCD.filter())
    router.callback_query.register(on_day, DayCD.filter())
    router.callback_query.register(on_psy_cancel, PsyCancelCD.filter())
    router.message.register(on_note, StateFilter(NoteForm.text), F.text)
    router.message.register(
        on_cancel_reason, StateFilter(PsyCancelForm.reason), F.text, ~F.text.startswith("/")
    )
    router.message.register(
        on_text,
        StateFilter(
            SlotForm.when,
            SlotForm.length,
            SlotForm.format,
            SlotForm.place,
            PatternForm.range,
            PatternForm.weekdays,
            PatternForm.window,
            PatternForm.length,
            PatternForm.pause,
            PatternForm.format,
            PatternForm.place,
            PatternForm.confirm,
            BlockForm.day,
        ),
        F.text,
    )
    return router
