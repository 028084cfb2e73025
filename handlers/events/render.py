"""Typed callback data, cards and keyboards shared by the events screens."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.event_card import EventCardAct as Act
from handlers.event_card import EventCardCD as EventCD
from handlers.markup import Keyboard
from services.enums import Topic
from services.events.service import (
    EventFilters,
    EventFormat,
    EventPage,
    EventStatus,
    EventType,
    EventView,
    Period,
    RegStatus,
)
from services.i18n import Text

TYPES = list(EventType)
TOPICS = list(Topic)
FORMATS = list(EventFormat)
PERIODS = list(Period)


class RegAct(StrEnum):
    TAKE = "t"
    DECLINE = "d"
    YES = "y"
    NO = "n"
    SCORE = "s"
    SKIP_COMMENT = "k"


class Dim(IntEnum):
    TYPE = 1
    TOPIC = 2
    FORMAT = 3
    PERIOD = 4


class RegCD(CallbackData, prefix="evr"):
    act: RegAct
    registration: int
    score: int = 0


class ListCD(CallbackData, prefix="evl"):
    """A page of /events; filters are 1-based indexes into the vocabularies, 0 for any
    (names would not fit Telegram's 64-byte callback limit)."""

    page: int = 0
    ty: int = 0
    to: int = 0
    fo: int = 0
    pe: int = 0


class FilterCD(CallbackData, prefix="evf"):
    dim: Dim
    ty: int = 0
    to: int = 0
    fo: int = 0
    pe: int = 0


class MarkCD(CallbackData, prefix="evm"):
    event_id: int
    registration: int
    on: bool


class EventForm(StatesGroup):
    title = State()
    type = State()
    topic = State()
    format = State()
    start = State()
    end = State()
    place = State()
    link = State()
    capacity = State()
    deadline = State()
    audience = State()
    subjects = State()
    schools = State()
    description = State()
    preview = State()
    decline_reason = State()
    edit_value = State()
    feedback_comment = State()


def _pick(values: list, index: int):  # type: ignore[no-untyped-def,type-arg]
    return values[index - 1] if 1 <= index <= len(values) else None


def filters_of(data: ListCD | FilterCD) -> EventFilters:
    return EventFilters(
        type=_pick(TYPES, data.ty),
        topic=_pick(TOPICS, data.to),
        format=_pick(FORMATS, data.fo),
        period=_pick(PERIODS, data.pe),
    )


def when(event: EventView, t: Text, zone: object) -> str:
    from zoneinfo import ZoneInfo

    assert isinstance(zone, ZoneInfo)
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


def status_line(event: EventView, t: Text, zone: object) -> str:
    from zoneinfo import ZoneInfo

    assert isinstance(zone, ZoneInfo)
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


def card_text(event: EventView, t: Text, zone: object) -> str:
    lines = [
        t("events-card-title", title=event.title),
        t(
            "events-card-kind",
            type=t(f"events-type-{event.type.value}"),
            topic=t(f"topic-{event.topic.value}"),
            format=t(f"events-format-{event.format.value}"),
        ),
        "🗓 " + when(event, t, zone),
    ]
    if event.place:
        lines.append(t("events-card-place", place=event.place))
    if event.link:
        lines.append(t("events-card-link", link=event.link))
    elif event.format != EventFormat.IN_PERSON:
        lines.append(t("events-card-link-hidden"))
    lines.append(seats_line(event, t))
    if event.registration_deadline is not None:
        from zoneinfo import ZoneInfo

        assert isinstance(zone, ZoneInfo)
        lines.append(
            t(
                "events-card-deadline",
                deadline=f"{event.registration_deadline.astimezone(zone):%d.%m.%Y %H:%M}",
            )
        )
    lines.append(t("events-card-audience", audience=t(f"events-audience-{event.audience.value}")))
    if event.description:
        lines.append("")
        lines.append(t("events-card-description", description=event.description))
    if event.status != EventStatus.PUBLISHED:
        lines.append(t("events-card-status", status=t(f"events-status-{event.status.value}")))
    if event.decline_reason and event.status == EventStatus.DECLINED:
        lines.append(t("events-card-decline-reason", reason=event.decline_reason))
    if event.can_manage and event.waiting:
        lines.append(t("events-card-waiting", count=event.waiting))
    mine = status_line(event, t, zone)
    if mine:
        lines.append("")
        lines.append(mine)
    elif event.status == EventStatus.PUBLISHED and not event.registration_open:
        lines.append(t("events-card-closed"))
    return "\n".join(lines)


def card_keyboard(event: EventView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    mine = event.mine
    if mine is None and event.registration_open:
        key = (
            "events-btn-register"
            if (event.seats_left or event.capacity is None)
            else "events-btn-join-waitlist"
        )
        builder.row(_b(t(key), EventCD(act=Act.REGISTER, event_id=event.id)))
    if mine is not None and mine.status == RegStatus.OFFERED:
        builder.row(
            _b(
                t("events-btn-take-seat"),
                RegCD(act=RegAct.TAKE, registration=mine.registration_id),
            ),
            _b(
                t("events-btn-decline-offer"),
                RegCD(act=RegAct.DECLINE, registration=mine.registration_id),
            ),
        )
    if mine is not None and event.status == EventStatus.PUBLISHED:
        key = (
            "events-btn-leave-waitlist"
            if mine.status == RegStatus.WAITLISTED
            else "events-btn-cancel"
        )
        builder.row(_b(t(key), EventCD(act=Act.CANCEL, event_id=event.id)))
    if mine is not None and mine.status == RegStatus.REGISTERED:
        builder.row(_b(t("events-btn-ics"), EventCD(act=Act.ICS, event_id=event.id)))
    if mine is not None and mine.attended:
        builder.row(
            _b(t("events-btn-certificate"), EventCD(act=Act.CERTIFICATE, event_id=event.id))
        )
    if event.can_manage:
        if event.status in (EventStatus.DRAFT, EventStatus.PENDING_APPROVAL):
            builder.row(_b(t("events-btn-publish"), EventCD(act=Act.PUBLISH, event_id=event.id)))
        if event.status == EventStatus.PENDING_APPROVAL:
            builder.row(_b(t("events-btn-decline"), EventCD(act=Act.DECLINE, event_id=event.id)))
        builder.row(
            _b(t("events-btn-participants"), EventCD(act=Act.PARTICIPANTS, event_id=event.id)),
            _b(t("events-btn-edit"), EventCD(act=Act.EDIT, event_id=event.id)),
        )
        if event.status == EventStatus.PUBLISHED:
            builder.row(
                _b(t("events-btn-checkin"), EventCD(act=Act.CHECKIN, event_id=event.id)),
                _b(t("events-btn-cancel-event"), EventCD(act=Act.CANCEL_EVENT, event_id=event.id)),
            )
    return builder.as_markup()


def _b(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def list_text(page: EventPage, filters: EventFilters, t: Text, zone: object) -> str:
    from zoneinfo import ZoneInfo

    assert isinstance(zone, ZoneInfo)
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


def list_keyboard(page: EventPage, data: ListCD, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for event in page.items:
        builder.row(_b(f"{event.title[:48]}", EventCD(act=Act.OPEN, event_id=event.id)))
    nav = []
    if page.page > 0:
        nav.append(_b("◀️", data.model_copy(update={"page": page.page - 1})))
    if page.page + 1 < page.pages:
        nav.append(_b("▶️", data.model_copy(update={"page": page.page + 1})))
    if nav:
        builder.row(*nav)
    common = {"ty": data.ty, "to": data.to, "fo": data.fo, "pe": data.pe}
    builder.row(
        _b(t("events-filter-type"), FilterCD(dim=Dim.TYPE, **common)),
        _b(t("events-filter-topic"), FilterCD(dim=Dim.TOPIC, **common)),
    )
    builder.row(
        _b(t("events-filter-format"), FilterCD(dim=Dim.FORMAT, **common)),
        _b(t("events-filter-period"), FilterCD(dim=Dim.PERIOD, **common)),
    )
    if any(common.values()):
        builder.row(_b(t("events-filter-reset"), ListCD()))
    return builder.as_markup()


def filter_keyboard(data: FilterCD, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    common = {"ty": data.ty, "to": data.to, "fo": data.fo, "pe": data.pe}
    field, labels = {
        Dim.TYPE: ("ty", [t(f"events-type-{v.value}") for v in TYPES]),
        Dim.TOPIC: ("to", [t(f"topic-{v.value}") for v in TOPICS]),
        Dim.FORMAT: ("fo", [t(f"events-format-{v.value}") for v in FORMATS]),
        Dim.PERIOD: ("pe", [t(f"events-period-{v.value}") for v in PERIODS]),
    }[data.dim]
    builder.row(_b(t("events-filter-any"), ListCD(**{**common, field: 0})))
    for index, label in enumerate(labels, start=1):
        mark = "✅ " if common[field] == index else ""
        builder.row(_b(mark + label, ListCD(**{**common, field: index})))
    return builder.as_markup()
