"""The inline keyboards of the events screens."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import (
    AUDIENCES,
    FORMATS,
    PERIODS,
    SCOPES,
    SUBJECTS,
    TOPICS,
    TYPES,
    Dim,
    DraftsCD,
    EditCD,
    EventWizardCD,
    FilterCD,
    ListCD,
    MarkCD,
    MyPastCD,
    Nav,
    RegAct,
    RegCD,
    StaffListCD,
    WizField,
    scope_of,
)
from handlers.markup import Keyboard
from handlers.material_card import EventMaterialsCD
from services.events.types import (
    EditField,
    EventPage,
    EventPhase,
    EventStatus,
    EventView,
    MyEvents,
    Participants,
    RegStatus,
    StaffScope,
)
from services.i18n import Text
from services.people.schools import SchoolPage


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def clipped(title: str, limit: int) -> str:
    """A title that fits a button, cut at a word with "…" rather than mid-word."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.:;–—-") + "…"


def _card(act: EventCardAct, event_id: int) -> EventCardCD:
    return EventCardCD(act=act, event_id=event_id)


def card_keyboard(event: EventView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    _person_rows(builder, event, t)
    if event.can_manage:
        _staff_rows(builder, event, t)
    return builder.as_markup()


def _person_rows(builder: Keyboard, event: EventView, t: Text) -> None:
    mine = event.mine
    if mine is None:
        if event.registration_open:
            free = event.seats_left or event.capacity is None
            key = "events-btn-register" if free else "events-btn-join-waitlist"
            builder.row(button(t(key), _card(EventCardAct.REGISTER, event.id)))
        return
    registration = mine.registration_id
    if mine.status == RegStatus.OFFERED:
        builder.row(
            button(t("events-btn-take-seat"), RegCD(act=RegAct.TAKE, registration=registration)),
            button(
                t("events-btn-decline-offer"), RegCD(act=RegAct.DECLINE, registration=registration)
            ),
        )
    not_started = event.phase in (EventPhase.UPCOMING, EventPhase.TODAY)
    if event.status == EventStatus.PUBLISHED and not_started:
        key = (
            "events-btn-leave-waitlist"
            if mine.status == RegStatus.WAITLISTED
            else "events-btn-cancel"
        )
        builder.row(button(t(key), _card(EventCardAct.CANCEL, event.id)))
    if mine.status == RegStatus.REGISTERED and event.phase != EventPhase.FINISHED:
        builder.row(button(t("events-btn-ics"), _card(EventCardAct.ICS, event.id)))
    if mine.attended and event.phase == EventPhase.FINISHED:
        builder.row(button(t("events-btn-certificate"), _card(EventCardAct.CERTIFICATE, event.id)))
    if event.phase == EventPhase.FINISHED and not event.can_manage:
        builder.row(button(t("events-btn-materials"), EventMaterialsCD(event_id=event.id)))


def cancel_registration_keyboard(event: EventView, t: Text) -> InlineKeyboardMarkup:
    waiting = event.mine is not None and event.mine.status == RegStatus.WAITLISTED
    sure = "events-btn-leave-waitlist-sure" if waiting else "events-btn-cancel-sure"
    builder = Keyboard()
    builder.row(button(t(sure), _card(EventCardAct.CANCEL_SURE, event.id)))
    builder.row(button(t("events-btn-keep-registration"), _card(EventCardAct.OPEN, event.id)))
    return builder.as_markup()


def _staff_rows(builder: Keyboard, event: EventView, t: Text) -> None:
    if event.status in (EventStatus.DRAFT, EventStatus.PENDING_APPROVAL):
        builder.row(button(t("events-btn-publish"), _card(EventCardAct.PUBLISH, event.id)))
    if event.status == EventStatus.PENDING_APPROVAL:
        builder.row(button(t("events-btn-decline"), _card(EventCardAct.DECLINE, event.id)))
    builder.row(
        button(t("events-btn-participants"), _card(EventCardAct.PARTICIPANTS, event.id)),
        button(t("events-btn-edit"), _card(EventCardAct.EDIT, event.id)),
    )
    builder.row(button(t("events-btn-materials"), EventMaterialsCD(event_id=event.id)))
    if event.status == EventStatus.PUBLISHED and event.phase != EventPhase.FINISHED:
        builder.row(
            button(t("events-btn-checkin"), _card(EventCardAct.CHECKIN, event.id)),
            button(t("events-btn-cancel-event"), _card(EventCardAct.CANCEL_EVENT, event.id)),
        )


def list_keyboard(page: EventPage, data: ListCD, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for event in page.items:
        builder.row(button(clipped(event.title, 48), _card(EventCardAct.OPEN, event.id)))
    nav = []
    if page.page > 0:
        nav.append(button("◀️", data.model_copy(update={"page": page.page - 1})))
    if page.page + 1 < page.pages:
        nav.append(button("▶️", data.model_copy(update={"page": page.page + 1})))
    if nav:
        builder.row(*nav)
    common = {"ty": data.ty, "to": data.to, "fo": data.fo, "pe": data.pe}
    builder.row(
        button(t("events-filter-type"), FilterCD(dim=Dim.TYPE, **common)),
        button(t("events-filter-topic"), FilterCD(dim=Dim.TOPIC, **common)),
    )
    builder.row(
        button(t("events-filter-format"), FilterCD(dim=Dim.FORMAT, **common)),
        button(t("events-filter-period"), FilterCD(dim=Dim.PERIOD, **common)),
    )
    if any(common.values()):
        builder.row(button(t("events-filter-reset"), ListCD()))
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
    builder.row(button(t("events-filter-any"), ListCD(**{**common, field: 0})))
    for index, label in enumerate(labels, start=1):
        mark = "✅ " if common[field] == index else ""
        builder.row(button(mark + label, ListCD(**{**common, field: index})))
    return builder.as_markup()


def skip_comment_keyboard(registration: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(
        text=t("events-btn-skip"),
        callback_data=RegCD(act=RegAct.SKIP_COMMENT, registration=registration),
    )
    return builder.as_markup()


# ---- the wizard ---------------------------------------------------------------------------


def _wiz(field: WizField, index: int) -> EventWizardCD:
    return EventWizardCD(field=field, index=index)


def wizard_nav(
    t: Text, *, skip_key: str | None = None, back: bool = True
) -> list[InlineKeyboardButton]:
    row = []
    if back:
        row.append(button(t("events-wiz-back"), _wiz(WizField.NAV, Nav.BACK)))
    if skip_key:
        row.append(button(t(skip_key), _wiz(WizField.NAV, Nav.SKIP)))
    return row


def nav_keyboard(t: Text, skip_key: str | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[wizard_nav(t, skip_key=skip_key)])


def choices_keyboard(field: WizField, t: Text) -> InlineKeyboardMarkup:
    labels, columns = {
        WizField.TYPE: ([t(f"events-type-{v.value}") for v in TYPES], 2),
        WizField.TOPIC: ([t(f"topic-{v.value}") for v in TOPICS], 1),
        WizField.FORMAT: ([t(f"events-format-{v.value}") for v in FORMATS], 1),
        WizField.AUDIENCE: ([t(f"events-audience-{v.value}") for v in AUDIENCES], 1),
    }[field]
    builder = Keyboard()
    for index, label in enumerate(labels, start=1):
        builder.button(text=label, callback_data=_wiz(field, index))
    builder.adjust(columns)
    builder.row(*wizard_nav(t))
    return builder.as_markup()


def _back_and_done(builder: Keyboard, t: Text, done: Nav) -> None:
    builder.row(
        button(t("events-wiz-back"), _wiz(WizField.NAV, Nav.BACK)),
        button(t("events-wiz-subjects-done"), _wiz(WizField.NAV, done)),
    )


def subjects_keyboard(chosen: set[str], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for index, subject in enumerate(SUBJECTS, start=1):
        mark = "✅ " if subject.value in chosen else ""
        builder.button(
            text=mark + t(f"subject-{subject.value}"), callback_data=_wiz(WizField.SUBJECT, index)
        )
    builder.adjust(2)
    _back_and_done(builder, t, Nav.DONE)
    return builder.as_markup()


def schools_keyboard(page: SchoolPage, chosen: set[int], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school in page.items:
        mark = "✅ " if school.id in chosen else ""
        builder.row(button(mark + school.short_name, _wiz(WizField.SCHOOL, school.id)))
    pages = []
    if page.page > 0:
        pages.append(button("◀️", _wiz(WizField.SCHOOL_PAGE, page.page - 1)))
    if page.page + 1 < page.pages:
        pages.append(button("▶️", _wiz(WizField.SCHOOL_PAGE, page.page + 1)))
    if pages:
        builder.row(*pages)
    _back_and_done(builder, t, Nav.SCHOOLS_DONE)
    return builder.as_markup()


def preview_keyboard(proposing: bool, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if proposing:
        builder.row(button(t("events-wiz-propose"), _wiz(WizField.NAV, Nav.PUBLISH)))
    else:
        builder.row(button(t("events-wiz-publish"), _wiz(WizField.NAV, Nav.PUBLISH)))
        builder.row(button(t("events-wiz-draft"), _wiz(WizField.NAV, Nav.DRAFT)))
    builder.row(*wizard_nav(t))
    return builder.as_markup()


# ---- staff screens --------------------------------------------------------------------------


def cancel_event_keyboard(event_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(
        text=t("events-btn-cancel-event-sure"),
        callback_data=_card(EventCardAct.CANCEL_EVENT_SURE, event_id),
    )
    builder.button(text=t("events-btn-keep"), callback_data=_card(EventCardAct.OPEN, event_id))
    builder.adjust(1)
    return builder.as_markup()


def edit_fields_keyboard(event_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for field in EditField:
        builder.button(
            text=t(f"events-edit-{field.value}"),
            callback_data=EditCD(event_id=event_id, field=field),
        )
    builder.adjust(2)
    return builder.as_markup()


def participants_keyboard(event_id: int, staff: bool, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if staff:
        builder.button(
            text=t("events-btn-attendance"), callback_data=_card(EventCardAct.ATTENDANCE, event_id)
        )
    builder.button(text=t("events-btn-xlsx"), callback_data=_card(EventCardAct.XLSX, event_id))
    builder.button(text=t("events-btn-csv"), callback_data=_card(EventCardAct.CSV, event_id))
    builder.adjust(1, 2)
    return builder.as_markup()


def attendance_keyboard(data: Participants, event_id: int) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for person in data.registered:
        mark = "✅" if person.attended else "▫️"
        builder.button(
            text=f"{mark} {person.name}",
            callback_data=MarkCD(
                event_id=event_id, registration=person.registration_id, on=not person.attended
            ),
        )
    builder.adjust(1)
    return builder.as_markup()


PHASE_MARKS = {
    EventPhase.UPCOMING: "🗓",
    EventPhase.TODAY: "📍",
    EventPhase.RUNNING: "🟢",
    EventPhase.FINISHED: "✔️",
}


def _event_button(event: EventView, act: EventCardAct, zone: ZoneInfo) -> InlineKeyboardButton:
    start = event.starts_at.astimezone(zone)
    label = f"{PHASE_MARKS[event.phase]} {start:%d.%m} {event.title}"
    return button(label[:60], _card(act, event.id))


def _pager(page: EventPage, data: CallbackData) -> list[InlineKeyboardButton]:
    nav = []
    if page.page > 0:
        nav.append(button("◀️", data.model_copy(update={"page": page.page - 1})))
    if page.page + 1 < page.pages:
        nav.append(button("▶️", data.model_copy(update={"page": page.page + 1})))
    return nav


def _shift_month(month: int, by: int) -> int:
    year, number = divmod(month, 100)
    index = year * 12 + (number - 1) + by
    return (index // 12) * 100 + index % 12 + 1


def staff_list_keyboard(
    page: EventPage, data: StaffListCD, month: int, t: Text, zone: ZoneInfo
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for event in page.items:
        builder.row(_event_button(event, EventCardAct.PARTICIPANTS, zone))
    nav = _pager(page, data)
    if nav:
        builder.row(*nav)
    if scope_of(data) == StaffScope.PAST:
        builder.row(
            button("⏪", StaffListCD(scope=data.scope, month=_shift_month(month, -1))),
            button(
                f"{month % 100:02d}.{month // 100}", StaffListCD(scope=data.scope, month=month)
            ),
            button("⏩", StaffListCD(scope=data.scope, month=_shift_month(month, 1))),
        )
    tabs = []
    for index, scope in enumerate(SCOPES, start=1):
        mark = "• " if scope == scope_of(data) else ""
        tabs.append(
            button(mark + t(f"events-staff-scope-{scope.value}"), StaffListCD(scope=index))
        )
    builder.row(*tabs)
    return builder.as_markup()


def drafts_keyboard(page: EventPage, zone: ZoneInfo) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for event in page.items:
        builder.row(_event_button(event, EventCardAct.OPEN, zone))
    nav = _pager(page, DraftsCD(page=page.page))
    if nav:
        builder.row(*nav)
    return builder.as_markup()


def past_events_keyboard(mine: MyEvents, t: Text) -> InlineKeyboardMarkup:
    """The certificates of the past events the person attended, one tap each, a way to rate
    one not rated yet (the message asking for it may be long gone or not sent yet), and the
    older pages."""
    builder = Keyboard()
    for event in mine.past:
        status = event.mine
        if status is None or not status.attended:
            continue
        label = t("events-my-certificate", title=clipped(event.title, 40))
        builder.row(button(label, _card(EventCardAct.CERTIFICATE, event.id)))
        if not status.feedback_score:
            ask = RegCD(act=RegAct.ASK_SCORE, registration=status.registration_id)
            builder.row(button(t("events-my-rate", title=clipped(event.title, 40)), ask))
    pages = []
    if mine.past_page > 0:
        pages.append(button(t("events-my-newer"), MyPastCD(page=mine.past_page - 1)))
    if mine.past_page + 1 < mine.past_pages:
        pages.append(button(t("events-my-older"), MyPastCD(page=mine.past_page + 1)))
    if pages:
        builder.row(*pages)
    return builder.as_markup()


def score_keyboard(registration: int) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for score in range(1, 6):
        builder.button(
            text=str(score),
            callback_data=RegCD(act=RegAct.SCORE, registration=registration, score=score),
        )
    builder.adjust(5)
    return builder.as_markup()
