"""The buttons of the consultation screens."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from aiogram.types import InlineKeyboardMarkup

from handlers.consultations.callbacks import (
    CAct,
    CancelAct,
    ConsultCD,
    ConsultReportCD,
    DayAct,
    DayCD,
    FormAct,
    FormCD,
    PsyCancelCD,
    ReportAct,
    SAct,
    SlotsCD,
    SlotWizardCD,
    WizAct,
)
from handlers.consultations.render import day_label, hhmm, slot_line
from handlers.markup import Keyboard
from services.consultations.types import (
    BookingStatus,
    BookingView,
    ConsultTopic,
    Contact,
    DaySchedule,
    Psychologist,
    SlotFormat,
    SlotView,
)
from services.i18n import Text
from services.reports.period import PeriodKind, ReportPeriod, shift

DAYS_PER_PAGE = 6
REMOVE_LIMIT = 30

# ---- /consult -------------------------------------------------------------


def home_keyboard(
    people: list[Psychologist], mine: int, t: Text, *, rb: int = 0
) -> InlineKeyboardMarkup:
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
    if mine:
        builder.button(
            text=t("consult-btn-mine", count=mine), callback_data=ConsultCD(act=CAct.MINE)
        )
    builder.adjust(1)
    return builder.as_markup()


def no_days_keyboard(cd: ConsultCD, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consult-btn-wait"), callback_data=ConsultCD(act=CAct.WAIT, psy=cd.psy))
    builder.button(text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME, rb=cd.rb))
    builder.adjust(1)
    return builder.as_markup()


def days_keyboard(
    days: list[tuple[date, int]], page: int, pages: int, cd: ConsultCD, t: Text
) -> InlineKeyboardMarkup:
    """One page of days with free slots, arrows to the other pages."""
    builder = Keyboard()
    shown = days[page * DAYS_PER_PAGE : (page + 1) * DAYS_PER_PAGE]
    for day, count in shown:
        builder.button(
            text=t("consult-btn-day", day=day_label(day, t), count=count),
            callback_data=ConsultCD(act=CAct.DAY, psy=cd.psy, day=day.toordinal(), rb=cd.rb),
        )
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
    builder.adjust(*([1] * len(shown)), *([nav] if nav else []), 1)
    return builder.as_markup()


def day_slots_keyboard(
    slots: list[SlotView], cd: ConsultCD, zone: tzinfo, t: Text
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for slot in slots:
        builder.button(
            text=t(
                "consult-btn-slot", time=hhmm(slot.starts_at, zone), name=slot.psychologist_name
            ),
            callback_data=ConsultCD(act=CAct.SLOT, slot=slot.id, psy=cd.psy, rb=cd.rb),
        )
    builder.button(
        text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.PSY, psy=cd.psy, rb=cd.rb)
    )
    builder.adjust(*([1] * len(slots)), 1)
    return builder.as_markup()


def to_home_keyboard(t: Text, key: str = "consult-btn-back") -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t(key), callback_data=ConsultCD(act=CAct.HOME))
    return builder.as_markup()


def topic_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for topic in ConsultTopic:
        builder.button(
            text=t(f"consult-topic-{topic.value}"),
            callback_data=FormCD(act=FormAct.TOPIC, topic=topic),
        )
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def grade_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for grade in range(1, 12):
        builder.button(text=str(grade), callback_data=FormCD(act=FormAct.GRADE, grade=grade))
    builder.button(text=t("consult-grade-preschool"), callback_data=FormCD(act=FormAct.GRADE))
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(6, 5, 1, 1)
    return builder.as_markup()


def contact_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for contact in Contact:
        builder.button(
            text=t(f"consult-contact-{contact.value}"),
            callback_data=FormCD(act=FormAct.CONTACT, contact=contact),
        )
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def form_nav_keyboard(t: Text, *, skip: bool) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if skip:
        builder.button(text=t("consult-btn-skip"), callback_data=FormCD(act=FormAct.SKIP))
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def form_confirm_keyboard(t: Text, *, change_grade: bool = False) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consult-btn-confirm"), callback_data=FormCD(act=FormAct.CONFIRM))
    if change_grade:
        builder.button(
            text=t("consult-btn-change-grade"), callback_data=FormCD(act=FormAct.CHANGE_GRADE)
        )
    builder.button(text=t("consult-btn-back"), callback_data=FormCD(act=FormAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def booking_keyboard(booking: BookingView, t: Text) -> InlineKeyboardMarkup:
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


def my_bookings_keyboard(
    bookings: list[BookingView], zone: tzinfo, t: Text
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for booking in bookings:
        starts = booking.slot.starts_at.astimezone(zone).strftime("%d.%m.%Y %H:%M")
        builder.button(
            text=t("consult-btn-booking", when=starts, name=booking.slot.psychologist_name),
            callback_data=ConsultCD(act=CAct.BOOKING, booking=booking.id),
        )
    builder.button(text=t("consult-btn-back"), callback_data=ConsultCD(act=CAct.HOME))
    builder.adjust(1)
    return builder.as_markup()


def cancel_confirm_keyboard(booking_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(
        text=t("consult-btn-cancel-yes"),
        callback_data=ConsultCD(act=CAct.CANCEL_YES, booking=booking_id),
    )
    builder.button(text=t("consult-btn-cancel-no"), callback_data=ConsultCD(act=CAct.MINE))
    builder.adjust(1)
    return builder.as_markup()


# ---- /consult_report ------------------------------------------------------


def report_keyboard(period: ReportPeriod, t: Text) -> InlineKeyboardMarkup:
    first, last = period.first.toordinal(), period.last.toordinal()
    builder = Keyboard()
    builder.button(
        text=t("consult-btn-chart"),
        callback_data=ConsultReportCD(act=ReportAct.CHART, first=first, last=last),
    )
    builder.button(
        text=t("consult-btn-xlsx"),
        callback_data=ConsultReportCD(act=ReportAct.XLSX, first=first, last=last),
    )
    previous = shift(period, -1) if period.kind != PeriodKind.CUSTOM else None
    if previous is not None:
        builder.button(
            text=t("consult-btn-prev-month"),
            callback_data=ConsultReportCD(
                act=ReportAct.TEXT,
                first=previous.first.toordinal(),
                last=previous.last.toordinal(),
            ),
        )
    builder.adjust(2, 1)
    return builder.as_markup()


# ---- /slots ---------------------------------------------------------------


def slots_menu_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("slots-btn-add"), callback_data=SlotsCD(act=SAct.ADD))
    builder.button(text=t("slots-btn-pattern"), callback_data=SlotsCD(act=SAct.PATTERN))
    builder.button(text=t("slots-btn-remove"), callback_data=SlotsCD(act=SAct.REMOVE_LIST))
    builder.button(text=t("slots-btn-block"), callback_data=SlotsCD(act=SAct.BLOCK))
    builder.button(text=t("slots-btn-today"), callback_data=SlotsCD(act=SAct.TODAY))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


def remove_keyboard(slots: list[SlotView], zone: tzinfo, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for slot in slots:
        builder.button(
            text="🗑 " + slot_line(slot, zone, t),
            callback_data=SlotsCD(act=SAct.REMOVE, slot=slot.id),
        )
    builder.button(text=t("consult-btn-back"), callback_data=SlotsCD(act=SAct.LIST))
    builder.adjust(1)
    return builder.as_markup()


def wizard_back_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consult-btn-back"), callback_data=SlotWizardCD(act=WizAct.BACK))
    return builder.as_markup()


def minutes_keyboard(t: Text, act: WizAct, values: tuple[int, ...]) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for value in values:
        builder.button(
            text=t("slots-minutes", minutes=value),
            callback_data=SlotWizardCD(act=act, value=value),
        )
    builder.button(text=t("consult-btn-back"), callback_data=SlotWizardCD(act=WizAct.BACK))
    builder.adjust(len(values), 1)
    return builder.as_markup()


def formats_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for fmt in SlotFormat:
        builder.button(
            text=t(f"consult-format-{fmt.value}"),
            callback_data=SlotWizardCD(act=WizAct.FORMAT, fmt=fmt),
        )
    builder.button(text=t("consult-btn-back"), callback_data=SlotWizardCD(act=WizAct.BACK))
    builder.adjust(2, 1)
    return builder.as_markup()


def weekdays_keyboard(t: Text, chosen: list[int]) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for day in range(7):
        mark = "✅ " if day in chosen else ""
        builder.button(
            text=mark + t(f"consult-wd-{day}"),
            callback_data=SlotWizardCD(act=WizAct.WEEKDAY, value=day),
        )
    builder.button(
        text=t("slots-btn-weekdays-done"), callback_data=SlotWizardCD(act=WizAct.WEEKDAYS_DONE)
    )
    builder.button(text=t("consult-btn-back"), callback_data=SlotWizardCD(act=WizAct.BACK))
    builder.adjust(4, 3, 1, 1)
    return builder.as_markup()


def pattern_confirm_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("slots-btn-create"), callback_data=SlotWizardCD(act=WizAct.CREATE))
    builder.button(text=t("consult-btn-back"), callback_data=SlotWizardCD(act=WizAct.BACK))
    builder.adjust(1)
    return builder.as_markup()


def day_off_keyboard(day: date, t: Text) -> InlineKeyboardMarkup:
    ordinal = day.toordinal()
    builder = Keyboard()
    builder.button(
        text=t("slots-btn-cancel-all"),
        callback_data=PsyCancelCD(act=CancelAct.ASK_ALL, day=ordinal),
    )
    builder.button(
        text=t("slots-btn-keep-all"), callback_data=PsyCancelCD(act=CancelAct.KEEP, day=ordinal)
    )
    builder.adjust(1)
    return builder.as_markup()


# ---- /today ---------------------------------------------------------------


def day_keyboard(
    schedule: DaySchedule, now: datetime, zone: tzinfo, t: Text
) -> InlineKeyboardMarkup:
    """Per booking: held, no-show, a note, and cancel while it is ahead; arrows to other days."""
    ordinal = schedule.day.toordinal()
    builder = Keyboard()
    sizes: list[int] = []
    for slot, booking in schedule.slots:
        if booking is None:
            continue
        start = hhmm(slot.starts_at, zone)
        for act, key in (
            (DayAct.DONE, "today-btn-done"),
            (DayAct.NO_SHOW, "today-btn-no-show"),
            (DayAct.NOTE, "today-btn-note"),
        ):
            builder.button(
                text=t(key, time=start),
                callback_data=DayCD(act=act, day=ordinal, booking=booking.id),
            )
        sizes.append(3)
        if booking.status == BookingStatus.BOOKED and slot.starts_at > now:
            builder.button(
                text=t("today-btn-cancel", time=start),
                callback_data=DayCD(act=DayAct.CANCEL, day=ordinal, booking=booking.id),
            )
            sizes.append(1)
    builder.button(text="◀", callback_data=DayCD(act=DayAct.SHOW, day=ordinal - 1))
    builder.button(text="▶", callback_data=DayCD(act=DayAct.SHOW, day=ordinal + 1))
    builder.adjust(*sizes, 2)
    return builder.as_markup()


def psy_cancel_keyboard(done: PsyCancelCD, keep_booking: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("today-btn-cancel-no-reason"), callback_data=done)
    builder.button(
        text=t("today-btn-cancel-keep"),
        callback_data=PsyCancelCD(act=CancelAct.KEEP, day=done.day, booking=keep_booking),
    )
    builder.adjust(1)
    return builder.as_markup()
