"""The texts of the consultation screens."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from services.consultations.types import (
    BookingView,
    DayOff,
    DaySchedule,
    SlotStatus,
    SlotView,
)
from services.i18n import Text
from services.reports.consultations import ConsultReport, Counts
from services.reports.period import ReportPeriod


def when(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def hhmm(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def day_label(day: date, t: Text) -> str:
    return t(
        "consult-day-label", day=day.strftime("%d.%m"), weekday=t(f"consult-wd-{day.weekday()}")
    )


def place(slot: SlotView, t: Text) -> str:
    kind = t(f"consult-format-{slot.format.value}")
    # Through the translator: the place is typed by a psychologist and must reach HTML escaped.
    return t("consult-slot-place", kind=kind, place=slot.place) if slot.place else kind


# ---- /consult -------------------------------------------------------------


def day_slots_text(day: date, slots: list[SlotView], zone: tzinfo, t: Text) -> str:
    lines = [t("consult-slots-of-day", day=day_label(day, t))]
    for slot in slots:
        lines.append(
            t(
                "consult-slot-line",
                start=hhmm(slot.starts_at, zone),
                end=hhmm(slot.ends_at, zone),
                name=slot.psychologist_name,
            )
            + " · "
            + place(slot, t)
        )
    if not slots:
        lines.append(t("consult-day-gone"))
    return "\n".join(lines)


def form_summary(data: Mapping[str, Any], t: Text) -> str:
    lines = [
        t("consult-summary-title"),
        t("consult-form-slot", when=data["when"], name=data["psy_name"]),
        t("consult-summary-topic", topic=t(f"consult-topic-{data['topic']}")),
    ]
    if data.get("grade"):
        key = "consult-summary-grade-profile" if data.get("grade_from_profile") else None
        lines.append(t(key or "consult-summary-grade", grade=data["grade"]))
    contact = t(f"consult-contact-{data['contact']}")
    if data.get("phone"):
        contact += f" {data['phone']}"
    lines.append(t("consult-summary-contact", contact=contact))
    if data.get("comment"):
        lines.append(t("consult-summary-comment", comment=data["comment"]))
    lines.append("")
    lines.append(t("consult-who-sees"))
    return "\n".join(lines)


def booking_text(booking: BookingView, zone: tzinfo, t: Text) -> str:
    lines = [
        t(
            "consult-form-slot",
            when=when(booking.slot.starts_at, zone),
            name=booking.slot.psychologist_name,
        ),
        place(booking.slot, t),
        t("consult-summary-topic", topic=t(f"consult-topic-{booking.topic.value}")),
    ]
    if booking.comment:
        lines.append(t("consult-summary-comment", comment=booking.comment))
    return "\n".join(lines)


# ---- /consult_report ------------------------------------------------------


def report_text(report: ConsultReport, period: ReportPeriod, t: Text) -> str:
    def counts(c: Counts) -> str:
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


# ---- /slots ---------------------------------------------------------------


def slot_line(slot: SlotView, zone: tzinfo, t: Text) -> str:
    local = slot.starts_at.astimezone(zone)
    if slot.status == SlotStatus.BLOCKED:
        return t("slots-line-blocked", day=local.strftime("%d.%m"))
    return t(
        "slots-line",
        day=local.strftime("%d.%m"),
        start=local.strftime("%H:%M"),
        end=hhmm(slot.ends_at, zone),
        status=t(f"slots-status-{slot.status.value}"),
        format=t(f"consult-format-{slot.format.value}"),
    )


def slots_text(slots: list[SlotView], zone: tzinfo, t: Text) -> str:
    free = sum(1 for s in slots if s.status == SlotStatus.FREE)
    booked = sum(1 for s in slots if s.status == SlotStatus.BOOKED)
    lines = [t("slots-title", free=free, booked=booked)]
    lines += [slot_line(slot, zone, t) for slot in slots]
    if not slots:
        lines.append(t("slots-empty"))
    return "\n".join(lines)


def pattern_summary(data: Mapping[str, Any], t: Text) -> str:
    days = ", ".join(t(f"consult-wd-{d}") for d in sorted(data["weekdays"]))
    return t(
        "slots-pattern-summary",
        first=date.fromordinal(data["first"]).strftime("%d.%m.%Y"),
        last=date.fromordinal(data["last"]).strftime("%d.%m.%Y"),
        days=days,
        window=data["window"],
        length=data["length"],
        pause=data["pause"],
        place=data.get("place") or "—",
    )


# ---- /today ---------------------------------------------------------------


def _booking_lines(slot: SlotView, booking: BookingView, zone: tzinfo, t: Text) -> list[str]:
    lines = [
        "",
        t(
            "today-booking",
            start=hhmm(slot.starts_at, zone),
            end=hhmm(slot.ends_at, zone),
            name=booking.booker_name or t("today-forgotten"),
            status=t(f"today-status-{booking.status.value}"),
        ),
        t("consult-summary-topic", topic=t(f"consult-topic-{booking.topic.value}")),
    ]
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
    return lines


def day_text(schedule: DaySchedule, zone: tzinfo, t: Text) -> str:
    day = schedule.day
    lines = [
        t("today-title", day=day.strftime("%d.%m.%Y"), weekday=t(f"consult-wd-{day.weekday()}"))
    ]
    for slot, booking in schedule.slots:
        if booking is None:
            start, end = hhmm(slot.starts_at, zone), hhmm(slot.ends_at, zone)
            lines.append(t("today-free", start=start, end=end))
        else:
            lines += _booking_lines(slot, booking, zone, t)
    if not schedule.slots:
        lines.append(t("today-empty"))
    return "\n".join(lines)


def cancel_line(booking: BookingView, zone: tzinfo, t: Text) -> str:
    return t(
        "today-cancel-line",
        start=hhmm(booking.slot.starts_at, zone),
        name=booking.booker_name or t("today-forgotten"),
    )


def day_off_text(day_off: DayOff, zone: tzinfo, t: Text) -> str:
    shown = day_off.day.strftime("%d.%m.%Y")
    if not day_off.bookings:
        return t("slots-blocked", day=shown)
    lines = [t("slots-blocked-with-bookings", day=shown, count=len(day_off.bookings))]
    lines += [cancel_line(booking, zone, t) for booking in day_off.bookings]
    return "\n".join(lines)
