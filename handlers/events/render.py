"""The texts of the events screens: cards, lists, participants, confirmations."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from services.events.types import (
    CancelOutlook,
    EventFormat,
    EventPage,
    EventPhase,
    EventStatus,
    EventSummary,
    EventView,
    MyEvents,
    Participants,
    RegistrationOutcome,
    RegStatus,
    StaffScope,
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
    if event.proposed_by:
        lines.append(t("events-card-proposed-by", by=event.proposed_by))
    if event.status in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        lines.append(t(f"events-phase-{event.phase.value}"))
    if event.status not in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        lines.append(t("events-card-status", status=t(f"events-status-{event.status.value}")))
    if event.decline_reason and event.status == EventStatus.DECLINED:
        lines.append(t("events-card-decline-reason", reason=event.decline_reason))
    if event.can_manage and event.waiting:
        lines.append(t("events-card-waiting", count=event.waiting))
    mine = status_line(event, t, zone)
    if mine:
        lines.extend(["", mine])
    elif (
        event.status == EventStatus.PUBLISHED
        and not event.registration_open
        and event.phase in (EventPhase.UPCOMING, EventPhase.TODAY)
    ):
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


def cancel_outlook_text(outlook: CancelOutlook, t: Text) -> str:
    """What a cancellation will do to the seat, said before the second tap."""
    event = outlook.event
    if not outlook.holds_seat:
        position = event.mine.position if event.mine else None
        return t("events-cancel-ask-waitlist", title=event.title, position=position or 0)
    if outlook.waiting:
        return t("events-cancel-ask-seat-next", title=event.title, waiting=outlook.waiting)
    return t("events-cancel-ask-seat-free", title=event.title)


def _past_line(event: EventView, t: Text, zone: ZoneInfo) -> str:
    mine = event.mine
    attended = mine is not None and mine.attended
    if not attended:
        state = t("events-my-absent")
    elif mine is not None and mine.feedback_score:
        state = t("events-my-attended") + " · " + t("events-my-rated", score=mine.feedback_score)
    else:
        state = t("events-my-attended") + " · " + t("events-my-not-rated")
    start = event.starts_at.astimezone(zone)
    return t("events-my-past-item", date=f"{start:%d.%m.%Y}", title=event.title, state=state)


def my_past_text(mine: MyEvents, t: Text, zone: ZoneInfo) -> str:
    if mine.past_pages > 1:
        title = t(
            "events-my-past-pages",
            count=mine.past_total,
            page=mine.past_page + 1,
            pages=mine.past_pages,
        )
    else:
        title = t("events-my-past-title", count=len(mine.past))
    return "\n\n".join([title, *(_past_line(event, t, zone) for event in mine.past)])


def staff_list_text(page: EventPage, scope: StaffScope, month: int, t: Text) -> str:
    label = t(f"events-staff-scope-{scope.value}")
    if scope == StaffScope.PAST:
        label = t("events-staff-past-month", month=f"{month % 100:02d}.{month // 100}")
    if not page.items:
        return t("events-staff-empty", scope=label)
    return t(
        "events-staff-title", scope=label, count=page.total, page=page.page + 1, pages=page.pages
    )


def drafts_text(page: EventPage, t: Text, zone: ZoneInfo) -> str:
    lines = [t("events-pending-title", count=page.total, page=page.page + 1, pages=page.pages)]
    for event in page.items:
        start = event.starts_at.astimezone(zone)
        item = t(
            "events-pending-item",
            date=f"{start:%d.%m %H:%M}",
            title=event.title,
            status=t(f"events-status-{event.status.value}"),
        )
        if event.proposed_by:
            item += "\n" + t("events-card-proposed-by", by=event.proposed_by)
        lines.append(item)
    return "\n\n".join(lines)


def summary_text(summary: EventSummary, t: Text) -> str:
    score = f"{summary.average_score:.1f}" if summary.average_score is not None else "—"
    return t(
        "events-summary",
        registered=summary.registered,
        attended=summary.attended,
        no_shows=summary.no_shows,
        waiting=summary.waiting_left,
        score=score,
        comments=summary.comments,
    )
