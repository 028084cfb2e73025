"""The texts of the events screens: cards, lists, participants, confirmations."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from services.events.types import (
    EventFormat,
    EventPage,
    EventStatus,
    EventView,
    Participants,
    RegistrationOutcome,
    RegStatus,
)
from services.i18n import Text


def when(event: EventView, t: Text, zone: ZoneInfo) -> str:
    start = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone)
    if start.date() == end.date():
        return t(
            "events-when-same-day",
            date=f"{start:%d.%m.%Y}",
            start=f"{start:%H:%M}",
            end=f"{end:%H:%M}",
        )
    return t("events-when-span", start=f"{start:%d.%m.%Y %H:%M}", end=f"{end:%d.%m.%Y %H:%M}")


def status_line(event: EventView, t: Text, zone: ZoneInfo) -> str:
    mine = event.mine
    if mine is None:
        return ""
    if mine.status == RegStatus.REGISTERED:
        return t("events-mine-registered")
    if mine.status == RegStatus.WAITLISTED:
        return t("events-mine-waitlisted", position=mine.position or 0)
    until = mine.offered_until.astimezone(zone) if mine.offered_until else None
    return t("events-mine-offered", until=f"{until:%d.%m %H:%M}" if until else "")


def seats_line(event: EventView, t: Text) -> str:
    if event.capacity is None:
        return t("events-seats-unlimited")
    return t("events-seats-left", left=event.seats_left or 0, capacity=event.capacity)


def _where_and_when(event: EventView, t: Text, zone: ZoneInfo) -> list[str]:
    lines = ["🗓 " + when(event, t, zone)]
    if event.place:
        lines.append(t("events-card-place", place=event.place))
    if event.link:
        lines.append(t("events-card-link", link=event.link))
    elif event.format != EventFormat.IN_PERSON:
        lines.append(t("events-card-link-hidden"))
    lines.append(seats_line(event, t))
    if event.registration_deadline is not None:
        deadline = event.registration_deadline.astimezone(zone)
        lines.append(t("events-card-deadline", deadline=f"{deadline:%d.%m.%Y %H:%M}"))
    return lines


def _state_lines(event: EventView, t: Text, zone: ZoneInfo) -> list[str]:
    lines = []
    if event.status != EventStatus.PUBLISHED:
        lines.append(t("events-card-status", status=t(f"events-status-{event.status.value}")))
    if event.decline_reason and event.status == EventStatus.DECLINED:
        lines.append(t("events-card-decline-reason", reason=event.decline_reason))
    if event.can_manage and event.waiting:
        lines.append(t("events-card-waiting", count=event.waiting))
    mine = status_line(event, t, zone)
    if mine:
        lines.extend(["", mine])
    elif event.status == EventStatus.PUBLISHED and not event.registration_open:
        lines.append(t("events-card-closed"))
    return lines


def card_text(event: EventView, t: Text, zone: ZoneInfo) -> str:
    lines = [
        t("events-card-title", title=event.title),
        t(
            "events-card-kind",
            type=t(f"events-type-{event.type.value}"),
            topic=t(f"topic-{event.topic.value}"),
            format=t(f"events-format-{event.format.value}"),
        ),
        *_where_and_when(event, t, zone),
        t("events-card-audience", audience=t(f"events-audience-{event.audience.value}")),
    ]
    if event.description:
        lines.extend(["", t("events-card-description", description=event.description)])
    lines.extend(_state_lines(event, t, zone))
    return "\n".join(lines)


def list_text(page: EventPage, t: Text, zone: ZoneInfo) -> str:
    if not page.items:
        return t("events-list-empty")
    lines = [t("events-list-title", count=page.total, page=page.page + 1, pages=page.pages)]
    for event in page.items:
        start = event.starts_at.astimezone(zone)
        mark = ""
        if event.mine is not None:
            mark = " " + t(f"events-mark-{event.mine.status.value}")
        lines.append(
            t(
                "events-list-item",
                date=f"{start:%d.%m %H:%M}",
                title=event.title,
                type=t(f"events-type-{event.type.value}"),
                seats=seats_line(event, t),
            )
            + mark
        )
    return "\n\n".join(lines)


def registered_text(outcome: RegistrationOutcome, t: Text, zone: ZoneInfo) -> str:
    event = outcome.event
    key = "events-already-registered" if outcome.already else "events-registered"
    text = t(key, title=event.title, when=when(event, t, zone))
    if event.place:
        text += "\n" + t("events-card-place", place=event.place)
    if event.link:
        text += "\n" + t("events-card-link", link=event.link)
    return text


def waitlisted_text(outcome: RegistrationOutcome, t: Text) -> str:
    event = outcome.event
    position = event.mine.position if event.mine else 0
    key = "events-already-waitlisted" if outcome.already else "events-waitlisted"
    return t(key, title=event.title, position=position or 0)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def participants_text(data: Participants, t: Text) -> str:
    lines = [t("events-participants-title", title=data.event.title, count=len(data.registered))]
    for number, person in enumerate(data.registered, start=1):
        mark = " ✅" if person.attended else ""
        lines.append(f"{number}. {_esc(person.name)} — {_esc(person.school)}{mark}")
    if data.offered:
        lines.append("")
        lines.append(t("events-participants-offered", count=len(data.offered)))
        lines.extend(f"• {_esc(p.name)}" for p in data.offered)
    if data.waiting:
        lines.append("")
        lines.append(t("events-participants-waiting", count=len(data.waiting)))
        lines.extend(f"{p.position}. {_esc(p.name)}" for p in data.waiting)
    return "\n".join(lines)
