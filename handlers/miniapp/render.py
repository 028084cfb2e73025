"""The JSON the page draws from: the services' views in the person's language and zone.

Texts that need plurals or wording from the chat (seats left, one's own status, where and
when) are rendered here from the same locale keys as the chat, as plain text; the page only
sets them as text. Titles, places and descriptions go out as they were typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from handlers.miniapp.request import plain
from services.events.types import (
    EventFormat,
    EventPhase,
    EventStatus,
    EventView,
    Participant,
    Participants,
    RegStatus,
)
from services.i18n import Text


def local_iso(moment: datetime | None, zone: ZoneInfo) -> str | None:
    return None if moment is None else moment.astimezone(zone).isoformat(timespec="minutes")


def when_text(event: EventView, t: Text, zone: ZoneInfo) -> str:
    start = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone)
    if start.date() == end.date():
        return plain(
            t(
                "events-when-same-day",
                date=f"{start:%d.%m.%Y}",
                start=f"{start:%H:%M}",
                end=f"{end:%H:%M}",
            )
        )
    return plain(
        t("events-when-span", start=f"{start:%d.%m.%Y %H:%M}", end=f"{end:%d.%m.%Y %H:%M}")
    )


def seats_text(event: EventView, t: Text) -> str:
    if event.capacity is None:
        return plain(t("events-seats-unlimited"))
    return plain(t("events-seats-left", left=event.seats_left or 0, capacity=event.capacity))


def mine_text(event: EventView, t: Text, zone: ZoneInfo) -> str:
    mine = event.mine
    if mine is None:
        return ""
    if mine.status == RegStatus.REGISTERED:
        return plain(t("events-mine-registered"))
    if mine.status == RegStatus.WAITLISTED:
        return plain(t("events-mine-waitlisted", position=mine.position or 0))
    until = mine.offered_until.astimezone(zone) if mine.offered_until else None
    return plain(t("events-mine-offered", until=f"{until:%d.%m %H:%M}" if until else ""))


def _actions(event: EventView) -> dict[str, bool]:
    mine = event.mine
    held = mine is not None and mine.status != RegStatus.CANCELLED
    before_start = event.phase in (EventPhase.UPCOMING, EventPhase.TODAY)
    return {
        "can_register": event.registration_open and not held,
        "can_cancel": held and before_start and event.status == EventStatus.PUBLISHED,
        "full": event.capacity is not None and not event.seats_left,
    }


def event_item(event: EventView, t: Text, zone: ZoneInfo) -> dict[str, Any]:
    """An event as the calendar lists it."""
    start = event.starts_at.astimezone(zone)
    return {
        "id": event.id,
        "title": event.title,
        "type": event.type.value,
        "type_label": plain(t(f"events-type-{event.type.value}")),
        "topic": event.topic.value,
        "topic_label": plain(t(f"topic-{event.topic.value}")),
        "format": event.format.value,
        "format_label": plain(t(f"events-format-{event.format.value}")),
        "audience": event.audience.value,
        "day": f"{start:%Y-%m-%d}",
        "time": f"{start:%H:%M}",
        "when": when_text(event, t, zone),
        "starts_at": local_iso(event.starts_at, zone),
        "seats_left": event.seats_left,
        "capacity": event.capacity,
        "seats": seats_text(event, t),
        "phase": event.phase.value,
        "phase_label": plain(t(f"events-phase-{event.phase.value}")),
        "registration_open": event.registration_open,
        "mine": None if event.mine is None else event.mine.status.value,
        "mine_text": mine_text(event, t, zone),
        **_actions(event),
    }


def event_card(event: EventView, t: Text, zone: ZoneInfo, chat_link: str) -> dict[str, Any]:
    """One event's page: the list item and what the chat's card says besides."""
    card = event_item(event, t, zone)
    link_hidden = event.link is None and event.format != EventFormat.IN_PERSON
    closed = (
        event.status == EventStatus.PUBLISHED
        and not event.registration_open
        and event.phase in (EventPhase.UPCOMING, EventPhase.TODAY)
        and event.mine is None
    )
    card.update(
        {
            "description": event.description,
            "place": event.place,
            "link": event.link,
            "link_hidden": plain(t("events-card-link-hidden")) if link_hidden else "",
            "audience_label": plain(
                t("events-card-audience", audience=t(f"events-audience-{event.audience.value}"))
            ),
            "deadline": (
                plain(
                    t(
                        "events-card-deadline",
                        deadline=f"{event.registration_deadline.astimezone(zone):%d.%m.%Y %H:%M}",
                    )
                )
                if event.registration_deadline
                else ""
            ),
            "closed_text": plain(t("events-card-closed")) if closed else "",
            "chat_link": chat_link,
        }
    )
    return card


def _person(person: Participant) -> dict[str, Any]:
    return {
        "registration_id": person.registration_id,
        "name": person.name,
        "school": person.school,
        "position": person.position,
        "attended": person.attended,
    }


def participants_view(
    data: Participants, t: Text, zone: ZoneInfo, *, can_mark: bool
) -> dict[str, Any]:
    return {
        "event": event_item(data.event, t, zone),
        "registered": [_person(p) for p in data.registered],
        "offered": [_person(p) for p in data.offered],
        "waiting": [_person(p) for p in data.waiting],
        "attended": sum(1 for p in data.registered if p.attended),
        "can_mark": can_mark,
    }
