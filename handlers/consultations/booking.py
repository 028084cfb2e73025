"""/consult for parents and teachers: choose a psychologist, a day and a slot, fill a short
form, get a confirmation with an .ics file; see, cancel and reschedule one's bookings; join
the waiting list. Also /consult_report for staff."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.consultations.files import booking_ics
from services.consultations.service import (
    BookingForm,
    BookingView,
    ConsultTopic,
    Contact,
    SlotStatus,
    SlotView,
    validate_phone,
)
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import Conflict, InvalidInput, NeedsOnboarding
from services.i18n import Text
from services.reports.consult_report import ConsultReport, report_chart, report_xlsx
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    from_ordinals,
    parse_custom,
    shift,
)

DAYS_PER_PAGE = 6
SLOTS_PER_ROW = 3


class CAct(StrEnum):
    HOME = "home"
    PSY = "psy"
    DAY = "day"
    SLOT = "slot"
    WAIT = "wait"
    MINE = "mine"
    BOOKING = "booking"
    CANCEL = "cancel"
    CANCEL_YES = "cancel_yes"
    RESCHEDULE = "resched"


class ConsultCD(CallbackData, prefix="cns"):
    act: CAct
    psy: int = 0  # 0: any psychologist
    day: int = 0  # date ordinal
    slot: int = 0
    page: int = 0
    booking: int = 0
    rb: int = 0  # the booking being rescheduled, carried through the choice


class FormAct(StrEnum):
    TOPIC = "topic"
    GRADE = "grade"
    CONTACT = "contact"
    SKIP = "skip"
    BACK = "back"
    CONFIRM = "confirm"


class FormCD(CallbackData, prefix="cnf"):
    act: FormAct
    topic: ConsultTopic | None = None
    grade: int = 0
    contact: Contact | None = None


class ReportAct(StrEnum):
    TEXT = "text"
    CHART = "chart"
    XLSX = "xlsx"


class ReportCD(CallbackData, prefix="cnr"):
    act: ReportAct
    first: int
    last: int


class ConsultForm(StatesGroup):
    topic = State()
    grade = State()
    contact = State()
    phone = State()
    comment = State()
    confirm = State()


def _need_user(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()


def _when(moment: Any, svc: Services) -> str:
    return str(moment.astimezone(svc.policy.timezone).strftime("%d.%m.%Y %H:%M"))


def _day_label(day: date, t: Text) -> str:
    return t(
        "consult-day-label", day=day.strftime("%d.%m"), weekday=t(f"consult-wd-{day.weekday()}")
    )


def _place(slot: SlotView, t: Text) -> str:
    kind = t(f"consult-format-{slot.format.value}")
    # Through the translator: the place is typed by a psychologist and must reach HTML escaped.
    return t("consult-slot-place", kind=kind, place=slot.place) if slot.place else kind


async def _show(
    event: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = True,
) -> None:
    if isinstance(event, CallbackQuery):
        if edit and isinstance(event.message, Message):
            await event.message.edit_text(text, reply_markup=markup)
            return
        assert event.bot is not None
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
        return
    await event.answer(text, reply_markup=markup)


# ---- home: psychologists and my bookings ------------------------------


async def _home(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, *, rb: int = 0
) -> None:
    _need_user(actor)
    people = await svc.consultations.psychologists(actor)
    builder = Keyboard()
    for person in people:
        builder.button(
            text=t("consult-btn-psychologist", name=person.name, count=person.free_slots),
            callback_data=ConsultCD(act=CAct.PSY, psy=person.id, rb=rb),
        )
    if people:
        builder.button(
            text=t("consult-btn-any"), callback_data=ConsultCD(act=CAct.PSY, psy=0, rb=rb)
        )
    mine = [] if rb else await svc.consultations.upcoming_bookings(actor)
    if mine:
        builder.button(
            text=t("consult-btn-mine", count=len(mine)), callback_data=ConsultCD(act=CAct.MINE)
        )
    builder.adjust(1)
    if not people:
        text = t("consult-no-psychologists")
    elif rb:
        text = t("consult-reschedule-choose")
    else:
        text = t("consult-home")
    await _show(event, text, builder.as_markup())


async def consult_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    await _home(message, svc, actor, t)


async def on_home(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _home(query, svc, actor, t, rb=callback_data.rb)


# ---- days and slots ----------------------------------------------------


async def on_psychologist(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    cd = callback_data
    days = await svc.consultations.free_days(actor, cd.psy or None)
    builder = Keyboard()
    if not days:
        builder.button(
            text=t("consult-btn-wait"), callback_data=ConsultCD(act=CAct.WAIT, psy=cd.psy)
        )
        builder.button(
            text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME, rb=cd.rb)
        )
        builder.adjust(1)
        await _show(query, t("consult-no-slots"), builder.as_markup())
        return
    pages = max(1, -(-len(days) // DAYS_PER_PAGE))
    page = min(max(cd.page, 0), pages - 1)
    for day, count in days[page * DAYS_PER_PAGE : (page + 1) * DAYS_PER_PAGE]:
        builder.button(
            text=t("consult-btn-day", day=_day_label(day, t), count=count),
            callback_data=ConsultCD(act=CAct.DAY, psy=cd.psy, day=day.toordinal(), rb=cd.rb),
        )
    sizes = [1] * len(days[page * DAYS_PER_PAGE : (page + 1) * DAYS_PER_PAGE])
    nav = 0
    if page > 0:
        builder.button(
            text="◀", callback_data=ConsultCD(act=CAct.PSY, psy=cd.psy, page=page - 1, rb=cd.rb)
        )
        nav += 1
    if page < pages - 1:
        builder.button(
            text="▶", callback_data=ConsultCD(act=CAct.PSY, psy=cd.psy, page=page + 1, rb=cd.rb)
        )
        nav += 1
    builder.button(text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME, rb=cd.rb))
    builder.adjust(*sizes, *([nav] if nav else []), 1)
    await _show(query, t("consult-choose-day", page=page + 1, pages=pages), builder.as_markup())


async def on_day(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    cd = callback_data
    day = date.fromordinal(cd.day)
    slots = await svc.consultations.free_slots(actor, cd.psy or None, day)
    builder = Keyboard()
    lines = [t("consult-slots-of-day", day=_day_label(day, t))]
    for slot in slots:
        start = slot.starts_at.astimezone(svc.policy.timezone).strftime("%H:%M")
        end = slot.ends_at.astimezone(svc.policy.timezone).strftime("%H:%M")
        lines.append(
            t("consult-slot-line", start=start, end=end, name=slot.psychologist_name)
            + " · "
            + _place(slot, t)
        )
        builder.button(
            text=t("consult-btn-slot", time=start, name=slot.psychologist_name),
            callback_data=ConsultCD(act=CAct.SLOT, slot=slot.id, psy=cd.psy, rb=cd.rb),
        )
    if not slots:
        lines.append(t("consult-day-gone"))
    builder.button(
        text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.PSY, psy=cd.psy, rb=cd.rb)
    )
    builder.adjust(*([1] * len(slots)), 1)
    await _show(query, "\n".join(lines), builder.as_markup())


async def on_wait(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    added = await svc.consultations.wait_for_slot(actor, callback_data.psy or None)
    key = "consult-waiting" if added else "consult-already-waiting"
    builder = Keyboard()
    builder.button(text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME))
    await _show(query, t(key), builder.as_markup())


# ---- the form ---------------------------------------------------------


def _topic_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for topic in ConsultTopic:
        builder.button(
            text=t(f"consult-topic-{topic.value}"),
            callback_data=FormCD(act=FormAct.TOPIC, topic=topic),
        )
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def _grade_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for grade in range(1, 12):
        builder.button(text=str(grade), callback_data=FormCD(act=FormAct.GRADE, grade=grade))
    builder.button(text=t("consult-grade-preschool"), callback_data=FormCD(act=FormAct.GRADE))
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(6, 5, 1, 1)
    return builder.as_markup()


def _contact_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for contact in Contact:
        builder.button(
            text=t(f"consult-contact-{contact.value}"),
            callback_data=FormCD(act=FormAct.CONTACT, contact=contact),
        )
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def _nav_keyboard(t: Text, *, skip: bool) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if skip:
        builder.button(text=t("consult-btn-skip"), callback_data=FormCD(act=FormAct.SKIP))
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def _confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consult-btn-confirm"), callback_data=FormCD(act=FormAct.CONFIRM))
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


async def _ask(
    event: Message | CallbackQuery, step: State, state: FSMContext, actor: Actor, t: Text
) -> None:
    """Shows the form's step; each step knows its question and buttons."""
    await state.set_state(step)
    data = await state.get_data()
    if step == ConsultForm.topic:
        text = t("consult-form-slot", when=data["when"], name=data["psy_name"])
        await _show(event, text + "\n\n" + t("consult-ask-topic"), _topic_keyboard(t), edit=False)
    elif step == ConsultForm.grade:
        await _show(event, t("consult-ask-grade"), _grade_keyboard(t), edit=False)
    elif step == ConsultForm.contact:
        await _show(event, t("consult-ask-contact"), _contact_keyboard(t), edit=False)
    elif step == ConsultForm.phone:
        await _show(event, t("consult-ask-phone"), _nav_keyboard(t, skip=False), edit=False)
    elif step == ConsultForm.comment:
        text = t("consult-ask-comment", limit=300)
        await _show(event, text, _nav_keyboard(t, skip=True), edit=False)
    else:
        await _show(event, _summary(data, t), _confirm_keyboard(t), edit=False)


def _summary(data: Mapping[str, Any], t: Text) -> str:
    lines = [
        t("consult-summary-title"),
        t("consult-form-slot", when=data["when"], name=data["psy_name"]),
        t("consult-summary-topic", topic=t(f"consult-topic-{data['topic']}")),
    ]
    if data.get("grade"):
        lines.append(t("consult-summary-grade", grade=data["grade"]))
    contact = t(f"consult-contact-{data['contact']}")
    if data.get("phone"):
        contact += f" {data['phone']}"
    lines.append(t("consult-summary-contact", contact=contact))
    if data.get("comment"):
        lines.append(t("consult-summary-comment", comment=data["comment"]))
    lines.append("")
    lines.append(t("consult-who-sees"))
    return "\n".join(lines)


def _steps(actor: Actor, data: Mapping[str, Any]) -> list[State]:
    steps = [ConsultForm.topic]
    if actor.has(Role.PARENT):
        steps.append(ConsultForm.grade)
    steps.append(ConsultForm.contact)
    if data.get("contact") == Contact.PHONE.value:
        steps.append(ConsultForm.phone)
    steps += [ConsultForm.comment, ConsultForm.confirm]
    return steps


async def _next(
    event: Message | CallbackQuery, state: FSMContext, actor: Actor, t: Text, current: State
) -> None:
    steps = _steps(actor, await state.get_data())
    await _ask(event, steps[steps.index(current) + 1], state, actor, t)


async def on_slot(
    query: CallbackQuery,
    callback_data: ConsultCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_user(actor)
    cd = callback_data
    if cd.rb:
        booking = await svc.consultations.reschedule(actor, cd.rb, cd.slot)
        await state.clear()
        await _confirm(query, booking, svc, t, key="consult-rescheduled")
        return
    # The service refuses a person who cannot book now, not after the form.
    slot = await svc.consultations.slot(actor, cd.slot)
    if slot.status != SlotStatus.FREE:
        raise Conflict("consult-error-slot-taken")
    await state.clear()
    await state.update_data(
        slot=slot.id, when=_when(slot.starts_at, svc), psy_name=slot.psychologist_name
    )
    await _ask(query, ConsultForm.topic, state, actor, t)


async def on_form(
    query: CallbackQuery,
    callback_data: FormCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_user(actor)
    current = await state.get_state()
    steps = _steps(actor, await state.get_data())
    names = {s.state: s for s in steps}
    if current not in names:
        await query.answer(t("consult-form-expired"), show_alert=True)
        return
    step = names[current]
    cd = callback_data
    if cd.act == FormAct.BACK:
        index = steps.index(step)
        if index == 0:
            await state.clear()
            await _home(query, svc, actor, t)
            return
        await _ask(query, steps[index - 1], state, actor, t)
        return
    if cd.act == FormAct.TOPIC and step == ConsultForm.topic and cd.topic is not None:
        await state.update_data(topic=cd.topic.value)
    elif cd.act == FormAct.GRADE and step == ConsultForm.grade:
        await state.update_data(grade=cd.grade or None)
    elif cd.act == FormAct.CONTACT and step == ConsultForm.contact and cd.contact is not None:
        await state.update_data(contact=cd.contact.value, phone=None)
    elif cd.act == FormAct.SKIP and step == ConsultForm.comment:
        await state.update_data(comment=None)
    elif cd.act == FormAct.CONFIRM and step == ConsultForm.confirm:
        await _book(query, state, svc, actor, t)
        return
    else:
        await query.answer(t("consult-form-expired"), show_alert=True)
        return
    await _next(query, state, actor, t, step)


async def on_phone(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    try:
        phone = validate_phone(message.text)
    except InvalidInput:
        await message.answer(t("consult-error-phone"), reply_markup=_nav_keyboard(t, skip=False))
        return
    await state.update_data(phone=phone)
    await _next(message, state, actor, t, ConsultForm.phone)


async def on_comment(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    text = (message.text or "").strip()
    if not text or len(text) > 300:
        await message.answer(
            t("consult-error-comment-long", limit=300), reply_markup=_nav_keyboard(t, skip=True)
        )
        return
    await state.update_data(comment=text)
    await _next(message, state, actor, t, ConsultForm.comment)


async def on_form_text(message: Message, t: Text) -> None:
    await message.answer(t("consult-use-buttons"))


async def _book(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
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
    await _confirm(query, booking, svc, t, key="consult-booked")


def _booking_keyboard(booking: BookingView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if booking.can_cancel:
        builder.button(
            text=t("consult-btn-cancel"),
            callback_data=ConsultCD(act=CAct.CANCEL, booking=booking.id),
        )
        builder.button(
            text=t("consult-btn-reschedule"),
            callback_data=ConsultCD(act=CAct.RESCHEDULE, booking=booking.id),
        )
    builder.button(text=t("consult-btn-to-home"), callback_data=ConsultCD(act=CAct.HOME))
    builder.adjust(1)
    return builder.as_markup()


def _booking_text(booking: BookingView, svc: Services, t: Text) -> str:
    lines = [
        t(
            "consult-form-slot",
            when=_when(booking.slot.starts_at, svc),
            name=booking.slot.psychologist_name,
        ),
        _place(booking.slot, t),
        t("consult-summary-topic", topic=t(f"consult-topic-{booking.topic.value}")),
    ]
    if booking.comment:
        lines.append(t("consult-summary-comment", comment=booking.comment))
    return "\n".join(lines)


async def _confirm(
    query: CallbackQuery, booking: BookingView, svc: Services, t: Text, *, key: str
) -> None:
    text = t(key) + "\n\n" + _booking_text(booking, svc, t)
    await _show(query, text, _booking_keyboard(booking, t), edit=False)
    bot = query.bot
    assert bot is not None
    data = booking_ics(booking, svc.policy.timezone, t, now=svc.clock())
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"consultation-{booking.id}.ics"),
        caption=t("consult-ics-caption"),
    )


# ---- my bookings: cancel and reschedule -------------------------------


async def on_mine(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    bookings = await svc.consultations.upcoming_bookings(actor)
    builder = Keyboard()
    for booking in bookings:
        builder.button(
            text=t(
                "consult-btn-booking",
                when=_when(booking.slot.starts_at, svc),
                name=booking.slot.psychologist_name,
            ),
            callback_data=ConsultCD(act=CAct.BOOKING, booking=booking.id),
        )
    builder.button(text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME))
    builder.adjust(1)
    text = t("consult-mine", count=len(bookings)) if bookings else t("consult-mine-empty")
    await _show(query, text, builder.as_markup())


async def on_booking(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    booking = await svc.consultations.booking(actor, callback_data.booking)
    text = _booking_text(booking, svc, t)
    if not booking.can_cancel:
        text += "\n\n" + t("consult-late-hint", hours=svc.policy.consult.cancel_notice_hours)
    await _show(query, text, _booking_keyboard(booking, t), edit=False)


async def on_cancel(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    booking = await svc.consultations.own_active_booking(actor, callback_data.booking)
    builder = Keyboard()
    builder.button(
        text=t("consult-btn-cancel-yes"),
        callback_data=ConsultCD(act=CAct.CANCEL_YES, booking=booking.id),
    )
    builder.button(text=t("consult-btn-cancel-no"), callback_data=ConsultCD(act=CAct.MINE))
    builder.adjust(1)
    text = t("consult-cancel-ask", when=_when(booking.slot.starts_at, svc))
    await _show(query, text, builder.as_markup(), edit=False)


async def on_cancel_yes(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    result = await svc.consultations.cancel(actor, callback_data.booking)
    builder = Keyboard()
    builder.button(text=t("consult-btn-to-home"), callback_data=ConsultCD(act=CAct.HOME))
    if result.late:
        text = t(
            "consult-late-cancel",
            hours=svc.policy.consult.cancel_notice_hours,
            name=result.psychologist_name,
        )
    else:
        text = t("consult-cancelled")
    await _show(query, text, builder.as_markup())


async def on_reschedule(
    query: CallbackQuery, callback_data: ConsultCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    booking = await svc.consultations.own_active_booking(actor, callback_data.booking)
    if not booking.can_cancel:
        text = t(
            "consult-late-cancel",
            hours=svc.policy.consult.cancel_notice_hours,
            name=booking.slot.psychologist_name,
        )
        await _show(query, text, edit=False)
        return
    await svc.consultations.check_reschedulable(actor, booking.id)
    await _home(query, svc, actor, t, rb=booking.id)


# ---- staff report ----------------------------------------------------


def _period_of(cd: ReportCD) -> ReportPeriod:
    return from_ordinals(PeriodKind.CUSTOM, cd.first, cd.last)


def _report_text(report: ConsultReport, period: ReportPeriod, t: Text) -> str:
    def counts(c: Any) -> str:
        return t(
            "consult-report-counts",
            held=c.held,
            noshow=c.no_show,
            cancelled=c.cancelled,
            by_psychologist=c.cancelled_by_psychologist,
        )

    lines = [
        t(
            "consult-report-title",
            first=period.first.strftime("%d.%m.%Y"),
            last=period.last.strftime("%d.%m.%Y"),
        ),
        t("consult-report-total") + ": " + counts(report.total),
        "",
        t("consult-report-by-psychologist"),
    ]
    lines += [f"• {name}: {counts(c)}" for name, c in report.by_psychologist.items()]
    lines += ["", t("consult-report-by-topic")]
    lines += [
        f"• {t(f'consult-topic-{topic.value}')}: {counts(c)}"
        for topic, c in report.by_topic.items()
    ]
    if not report.by_topic:
        lines.append(t("consult-report-empty"))
    return "\n".join(lines)


def _report_keyboard(period: ReportPeriod, t: Text) -> InlineKeyboardMarkup:
    first, last = period.first.toordinal(), period.last.toordinal()
    builder = Keyboard()
    builder.button(
        text=t("consult-btn-chart"),
        callback_data=ReportCD(act=ReportAct.CHART, first=first, last=last),
    )
    builder.button(
        text=t("consult-btn-xlsx"),
        callback_data=ReportCD(act=ReportAct.XLSX, first=first, last=last),
    )
    previous = shift(period, -1) if period.kind != PeriodKind.CUSTOM else None
    if previous is not None:
        builder.button(
            text=t("consult-btn-prev-month"),
            callback_data=ReportCD(
                act=ReportAct.TEXT,
                first=previous.first.toordinal(),
                last=previous.last.toordinal(),
            ),
        )
    builder.adjust(2, 1)
    return builder.as_markup()


async def report_command(
    message: Message, command: CommandObject, svc: Services, actor: Actor, t: Text
) -> None:
    zone = svc.policy.timezone
    if command.args:
        try:
            period = parse_custom(command.args)
        except InvalidInput:
            await message.answer(t("consult-report-bad-period"))
            return
    else:
        period = current_period(PeriodKind.MONTH, svc.clock(), zone)
    report = await svc.consultations.report(actor, period.start_utc(zone), period.end_utc(zone))
    await message.answer(_report_text(report, period, t), reply_markup=_report_keyboard(period, t))


async def on_report(
    query: CallbackQuery, callback_data: ReportCD, svc: Services, actor: Actor, t: Text
) -> None:
    zone = svc.policy.timezone
    period = _period_of(callback_data)
    if callback_data.act == ReportAct.TEXT:
        period = ReportPeriod(PeriodKind.MONTH, period.first, period.last)
    report = await svc.consultations.report(actor, period.start_utc(zone), period.end_utc(zone))
    bot = query.bot
    assert bot is not None
    stamp = f"{period.first:%Y%m%d}-{period.last:%Y%m%d}"
    if callback_data.act == ReportAct.CHART:
        await bot.send_photo(
            query.from_user.id,
            BufferedInputFile(report_chart(report, t), filename=f"consultations-{stamp}.png"),
            caption=t("consult-report-chart-title"),
        )
    elif callback_data.act == ReportAct.XLSX:
        await bot.send_document(
            query.from_user.id,
            BufferedInputFile(report_xlsx(report, t), filename=f"consultations-{stamp}.xlsx"),
        )
    else:
        await _show(query, _report_text(report, period, t), _report_keyboard(period, t))


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "consult_cancel": lambda p: ConsultCD(act=CAct.CANCEL, booking=int(p["booking_id"])),
    "consult_reschedule": lambda p: ConsultCD(act=CAct.RESCHEDULE, booking=int(p["booking_id"])),
    "consult_open": lambda p: ConsultCD(act=CAct.PSY, psy=int(p["psy"])),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(consult_command, Command("consult"), StateFilter("*"))
    router.message.register(consult_command, MenuButton("menu-consult"), StateFilter("*"))
    router.message.register(report_command, Command("consult_report"))
    router.callback_query.register(on_home, ConsultCD.filter(F.act == CAct.HOME))
    router.callback_query.register(on_psychologist, ConsultCD.filter(F.act == CAct.PSY))
    router.callback_query.register(on_day, ConsultCD.filter(F.act == CAct.DAY))
    router.callback_query.register(on_slot, ConsultCD.filter(F.act == CAct.SLOT))
    router.callback_query.register(on_wait, ConsultCD.filter(F.act == CAct.WAIT))
    router.callback_query.register(on_mine, ConsultCD.filter(F.act == CAct.MINE))
    router.callback_query.register(on_booking, ConsultCD.filter(F.act == CAct.BOOKING))
    router.callback_query.register(on_cancel, ConsultCD.filter(F.act == CAct.CANCEL))
    router.callback_query.register(on_cancel_yes, ConsultCD.filter(F.act == CAct.CANCEL_YES))
    router.callback_query.register(on_reschedule, ConsultCD.filter(F.act == CAct.RESCHEDULE))
    router.callback_query.register(on_form, FormCD.filter())
    router.callback_query.register(on_report, ReportCD.filter())
    router.message.register(on_phone, StateFilter(ConsultForm.phone), F.text)
    router.message.register(on_comment, StateFilter(ConsultForm.comment), F.text)
    router.message.register(
        on_form_text,
        StateFilter(
            ConsultForm.topic, ConsultForm.grade, ConsultForm.contact, ConsultForm.confirm
        ),
    )
    return router
