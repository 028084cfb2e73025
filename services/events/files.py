"""Files about events: the .ics calendar entry, participant exports, PDF certificates."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as IcsEvent

from services.events.types import EventView, Participant, Participants
from services.i18n import Text
from services.ics_zone import vtimezone

ICS_DOMAIN = "setevoy-koordinator"


def event_uid(event_id: int) -> str:
    # Stable per event, so a second download or an edit updates the same calendar entry.
    return f"event-{event_id}@{ICS_DOMAIN}"


# Characters that some file system or messenger refuses or reads as a path, and controls.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
TITLE_IN_NAME_MAX = 60


def file_name(title: str, starts_at: datetime, zone: ZoneInfo, extension: str) -> str:
    """A name people can read among many files in one chat: the title and the date
    («Семинар ОГЭ математика 01.12.2026.ics»), shortened at a word, nothing that breaks a
    file system."""
    cleaned = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")
    if len(cleaned) > TITLE_IN_NAME_MAX:
        cut = cleaned[:TITLE_IN_NAME_MAX]
        cleaned = (cut.rsplit(" ", 1)[0] if " " in cut else cut).strip(" .,;-–—")
    date = starts_at.astimezone(zone).strftime("%d.%m.%Y")
    return f"{cleaned or 'event'} {date}.{extension}"


def ics_bytes(
    event: EventView,
    zone: ZoneInfo,
    t: Text,
    *,
    now: datetime,
    with_link: bool,
    cancelled: bool = False,
) -> bytes:
    """The calendar entry; SEQUENCE and LAST-MODIFIED tell calendar apps which copy of the
    same UID is newer, and a cancellation is METHOD:CANCEL with STATUS:CANCELLED."""
    cancelled = cancelled or event.status.value == "cancelled"
    calendar = Calendar()
    calendar.add("prodid", f"-//{ICS_DOMAIN}//events//RU")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    entry = IcsEvent()
    entry.add("uid", event_uid(event.id))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", now.astimezone(UTC))
    entry.add("last-modified", (event.updated_at or now).astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    location = event.place or (t("events-format-online") if event.link else "")
    if location:
        entry.add("location", location)
    description = event.description
    if with_link and event.link:
        entry.add("url", event.link)
        description = f"{description}\n{event.link}".strip()
    if description:
        entry.add("description", description)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(entry)
    # The zone goes last, as add_component would put it, already serialised.
    body = calendar.to_ical()
    assert body.endswith(_END)
    return body[: -len(_END)] + vtimezone(zone.key) + _END


_END = b"END:VCALENDAR\r\n"


def _rows(data: Participants, t: Text, zone: ZoneInfo) -> list[list[str]]:
    rows: list[list[str]] = []
    people: list[Participant] = [*data.registered, *data.offered, *data.waiting]
    for number, person in enumerate(people, start=1):
        rows.append(
            [
                str(number),
                person.name,
                person.school,
                t(f"events-reg-{person.status.value}"),
                str(person.position or ""),
                person.queued_at.astimezone(zone).strftime("%d.%m.%Y %H:%M"),
                t("events-export-yes") if person.attended else "",
                str(person.feedback_score or ""),
            ]
        )
    return rows


def _header(t: Text) -> list[str]:
    return [
        t("events-export-col-number"),
        t("events-export-col-name"),
        t("events-export-col-school"),
        t("events-export-col-status"),
        t("events-export-col-position"),
        t("events-export-col-registered"),
        t("events-export-col-attended"),
        t("events-export-col-score"),
    ]


def export_csv(data: Participants, t: Text, zone: ZoneInfo) -> bytes:
    """UTF-8 with a BOM and ";" between columns: what Excel in a Russian locale opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header(t))
    writer.writerows(_rows(data, t, zone))
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(data: Participants, t: Text, zone: ZoneInfo) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("events-export-sheet")[:31]
    sheet.append(_header(t))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(data, t, zone):
        sheet.append(row)
    widths = [5, 36, 24, 18, 10, 18, 12, 10]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _font_path() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def certificate_pdf(event: EventView, name: str, centre: str, t: Text, zone: ZoneInfo) -> bytes:
    from fpdf import FPDF

    hours = max(1, round((event.ends_at - event.starts_at).total_seconds() / 3600))
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(_font_path()))
    pdf.set_draw_color(40, 80, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_font("DejaVu", size=14)
    pdf.set_y(24)
    pdf.cell(0, 10, centre, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=34)
    pdf.ln(10)
    pdf.cell(0, 16, t("events-cert-heading"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=14)
    pdf.ln(6)
    pdf.cell(0, 10, t("events-cert-given-to"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=24)
    pdf.cell(0, 14, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=14)
    pdf.ln(4)
    pdf.multi_cell(
        0,
        9,
        t(
            "events-cert-body",
            type=t(f"events-type-{event.type.value}"),
            title=event.title,
            date=event.starts_at.astimezone(zone).strftime("%d.%m.%Y"),
            hours=hours,
        ),
        align="C",
    )
    pdf.set_y(170)
    pdf.cell(0, 10, centre, align="R")
    return bytes(pdf.output())
