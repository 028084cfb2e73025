"""Staff and coordinators: the /new_event and /propose_event wizard, approval, editing,
cancelling, participants, exports, attendance and check-in codes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers.events.render import (
    FORMATS,
    TOPICS,
    TYPES,
    Act,
    EventCD,
    EventForm,
    MarkCD,
    card_keyboard,
    card_text,
)
from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.container import Services
from services.context import Actor
from services.dates import parse_end, parse_when
from services.enums import Role, Subject
from services.errors import AccessDenied, DomainError, InvalidInput
from services.events.files import export_csv, export_xlsx
from services.events.service import (
    DESCRIPTION_MAX,
    PLACE_MAX,
    TITLE_MAX,
    Audience,
    EditField,
    EventDraft,
    EventFormat,
    EventType,
    clean_link,
    clean_text,
    parse_capacity,
)
from services.i18n import Text

AUDIENCES = list(Audience)
SUBJECTS = list(Subject)


class WizField(StrEnum):
    TYPE = "ty"
    TOPIC = "to"
    FORMAT = "fo"
    AUDIENCE = "au"
    SUBJECT = "su"
    SCHOOL = "sc"
    SCHOOL_PAGE = "sp"
    NAV = "nv"


class Nav(IntEnum):
    BACK = 1
    SKIP = 2
    DONE = 3
    PUBLISH = 4
    DRAFT = 5


class WizCD(CallbackData, prefix="evw"):
    field: WizField
    index: int


class EditCD(CallbackData, prefix="eve"):
    event_id: int
    field: EditField


ORDER = [
    EventForm.title,
    EventForm.type,
    EventForm.topic,
    EventForm.format,
    EventForm.start,
    EventForm.end,
    EventForm.place,
    EventForm.link,
    EventForm.capacity,
    EventForm.deadline,
    EventForm.audience,
    EventForm.subjects,
    EventForm.schools,
    EventForm.description,
    EventForm.preview,
]
OPTIONAL = {EventForm.deadline, EventForm.description, EventForm.subjects, EventForm.schools}


def _b(text: str, data: CallbackData) -> Any:
    from aiogram.types import InlineKeyboardButton

    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _relevant(step: Any, data: dict[str, Any]) -> bool:
    fmt = data.get("format")
    if step == EventForm.end and data.get("end"):
        return data.get("end_from_range") is not True
    if step == EventForm.place and fmt == EventFormat.ONLINE.value:
        return False
    if step == EventForm.link and fmt == EventFormat.IN_PERSON.value:
        return False
    return not (step == EventForm.subjects and data.get("audience") == Audience.PARENTS.value)


def _next(step: Any, data: dict[str, Any], direction: int = 1) -> Any:
    index = ORDER.index(step) + direction
    while 0 <= index < len(ORDER):
        if _relevant(ORDER[index], data):
            return ORDER[index]
        index += direction
    return None


def _nav(t: Text, *, skip_key: str | None = None, back: bool = True) -> list[Any]:
    row = []
    if back:
        row.append(_b(t("events-wiz-back"), WizCD(field=WizField.NAV, index=Nav.BACK)))
    if skip_key:
        row.append(_b(t(skip_key), WizCD(field=WizField.NAV, index=Nav.SKIP)))
    return row


def _choices(
    field: WizField, labels: list[str], t: Text, columns: int = 1
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for index, label in enumerate(labels, start=1):
        builder.button(text=label, callback_data=WizCD(field=field, index=index))
    builder.adjust(columns)
    builder.row(*_nav(t))
    return builder.as_markup()


async def _ask(
    bot: Bot | None, chat_id: int, state: FSMContext, svc: Services, t: Text, step: Any
) -> None:
    assert bot is not None
    await state.set_state(step)
    data = await state.get_data()
    markup: InlineKeyboardMarkup | None
    name = step.state.split(":")[-1]
    text = t(f"events-wiz-{name}")
    if step == EventForm.title:
        markup = None
    elif step == EventForm.type:
        markup = _choices(WizField.TYPE, [t(f"events-type-{v.value}") for v in TYPES], t, 2)
    elif step == EventForm.topic:
        markup = _choices(WizField.TOPIC, [t(f"topic-{v.value}") for v in TOPICS], t)
    elif step == EventForm.format:
        markup = _choices(WizField.FORMAT, [t(f"events-format-{v.value}") for v in FORMATS], t)
    elif step == EventForm.audience:
        markup = _choices(
            WizField.AUDIENCE, [t(f"events-audience-{v.value}") for v in AUDIENCES], t
        )
    elif step == EventForm.subjects:
        chosen = set(data.get("subjects", []))
        builder = Keyboard()
        for index, subject in enumerate(SUBJECTS, start=1):
            mark = "✅ " if subject.value in chosen else ""
            builder.button(
                text=mark + t(f"subject-{subject.value}"),
                callback_data=WizCD(field=WizField.SUBJECT, index=index),
            )
        builder.adjust(2)
        builder.row(
            _b(t("events-wiz-back"), WizCD(field=WizField.NAV, index=Nav.BACK)),
            _b(t("events-wiz-subjects-done"), WizCD(field=WizField.NAV, index=Nav.DONE)),
        )
        markup = builder.as_markup()
    elif step == EventForm.schools:
        chosen_schools = set(data.get("schools", []))
        page = await svc.schools.search("", int(data.get("schools_page", 0)))
        builder = Keyboard()
        for school in page.items:
            mark = "✅ " if school.id in chosen_schools else ""
            builder.row(
                _b(mark + school.short_name, WizCD(field=WizField.SCHOOL, index=school.id))
            )
        pages = []
        if page.page > 0:
            pages.append(_b("◀️", WizCD(field=WizField.SCHOOL_PAGE, index=page.page - 1)))
        if page.page + 1 < page.pages:
            pages.append(_b("▶️", WizCD(field=WizField.SCHOOL_PAGE, index=page.page + 1)))
        if pages:
            builder.row(*pages)
        builder.row(
            _b(t("events-wiz-back"), WizCD(field=WizField.NAV, index=Nav.BACK)),
            _b(t("events-wiz-subjects-done"), WizCD(field=WizField.NAV, index=Nav.DONE)),
        )
        markup = builder.as_markup()
    elif step == EventForm.capacity:
        markup = InlineKeyboardMarkup(inline_keyboard=[_nav(t, skip_key="events-wiz-unlimited")])
    elif step in OPTIONAL:
        markup = InlineKeyboardMarkup(inline_keyboard=[_nav(t, skip_key="events-wiz-skip")])
    elif step == EventForm.preview:
        draft = _draft(data)
        view = svc.events.preview(draft)
        text = t("events-wiz-preview") + "\n\n" + card_text(view, t, svc.policy.timezone)
        builder = Keyboard()
        if data.get("proposing"):
            builder.row(_b(t("events-wiz-propose"), WizCD(field=WizField.NAV, index=Nav.PUBLISH)))
        else:
            builder.row(_b(t("events-wiz-publish"), WizCD(field=WizField.NAV, index=Nav.PUBLISH)))
            builder.row(_b(t("events-wiz-draft"), WizCD(field=WizField.NAV, index=Nav.DRAFT)))
        builder.row(*_nav(t))
        markup = builder.as_markup()
    else:
        markup = InlineKeyboardMarkup(inline_keyboard=[_nav(t)])
    await bot.send_message(chat_id, text, reply_markup=markup)


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _draft(data: dict[str, Any]) -> EventDraft:
    start = _dt(data.get("start"))
    end = _dt(data.get("end"))
    assert start is not None and end is not None
    return EventDraft(
        title=data["title"],
        type=EventType(data["type"]),
        topic=TOPICS[[v.value for v in TOPICS].index(data["topic"])],
        format=EventFormat(data["format"]),
        starts_at=start,
        ends_at=end,
        place=data.get("place") if data["format"] != EventFormat.ONLINE.value else None,
        link=data.get("link") if data["format"] != EventFormat.IN_PERSON.value else None,
        capacity=data.get("capacity"),
        registration_deadline=_dt(data.get("deadline")),
        audience=Audience(data.get("audience", Audience.EVERYONE.value)),
        subjects=tuple(Subject(s) for s in data.get("subjects", [])),
        school_ids=tuple(int(i) for i in data.get("schools", [])),
        description=data.get("description", ""),
    )


async def start_wizard(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    await state.clear()
    await state.update_data(proposing=False)
    await _ask(message.bot, message.chat.id, state, svc, t, EventForm.title)


async def start_proposal(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not actor.has(Role.COORDINATOR) or actor.coordinator_school_id is None:
        raise AccessDenied()
    await state.clear()
    await state.update_data(proposing=True)
    await _ask(message.bot, message.chat.id, state, svc, t, EventForm.title)


async def wizard_text(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    step_name = await state.get_state()
    step = next((s for s in ORDER if s.state == step_name), None)
    if step is None:
        return
    data = await state.get_data()
    text = message.text or ""
    zone = svc.policy.timezone
    now = svc.clock()
    try:
        if step == EventForm.title:
            data["title"] = clean_text(text, TITLE_MAX, "error-event-title")
        elif step == EventForm.start:
            found = parse_when(text, now=now, zone=zone)
            data["start"] = found.start.isoformat()
            data["end"] = found.end.isoformat() if found.end else None
            data["end_from_range"] = found.end is not None
        elif step == EventForm.end:
            start = _dt(data.get("start"))
            assert start is not None
            data["end"] = parse_end(text, start=start, zone=zone).isoformat()
            data["end_from_range"] = False
        elif step == EventForm.place:
            data["place"] = clean_text(text, PLACE_MAX, "error-event-place")
        elif step == EventForm.link:
            data["link"] = clean_link(text)
        elif step == EventForm.capacity:
            data["capacity"] = parse_capacity(text)
        elif step == EventForm.deadline:
            start = _dt(data.get("start"))
            assert start is not None
            deadline = parse_when(text, now=now, zone=zone).start
            if deadline > start:
                raise InvalidInput("error-event-deadline")
            data["deadline"] = deadline.isoformat()
        elif step == EventForm.description:
            if len(text) > DESCRIPTION_MAX:
                raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
            data["description"] = text.strip()
        else:
            await message.answer(t("events-wiz-use-buttons"))
            return
    except DomainError as error:
        await message.answer(
            t(error.key, **error.args_for_text) + "\n" + t("events-wiz-try-again")
        )
        return
    await state.set_data(data)
    await _ask(message.bot, message.chat.id, state, svc, t, _next(step, data))


async def wizard_button(
    query: CallbackQuery,
    callback_data: WizCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    step_name = await state.get_state()
    step = next((s for s in ORDER if s.state == step_name), None)
    chat = query.from_user.id
    if step is None:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    data = await state.get_data()
    field, index = callback_data.field, callback_data.index
    expected = {
        EventForm.type: WizField.TYPE,
        EventForm.topic: WizField.TOPIC,
        EventForm.format: WizField.FORMAT,
        EventForm.audience: WizField.AUDIENCE,
        EventForm.subjects: WizField.SUBJECT,
        EventForm.schools: WizField.SCHOOL,
    }.get(step)
    if step == EventForm.schools and field == WizField.SCHOOL_PAGE:
        data["schools_page"] = max(0, index)
        await state.set_data(data)
        await _ask(query.bot, chat, state, svc, t, step)
        return
    if field == WizField.NAV:
        if index == Nav.BACK:
            previous = _next(step, data, -1)
            await _ask(query.bot, chat, state, svc, t, previous or EventForm.title)
            return
        if index == Nav.SKIP and (step in OPTIONAL or step == EventForm.capacity):
            key = {
                EventForm.capacity: "capacity",
                EventForm.deadline: "deadline",
                EventForm.description: "description",
            }.get(step)
            if key:
                data[key] = None if key != "description" else ""
        elif index == Nav.DONE and step in (EventForm.subjects, EventForm.schools):
            pass
        elif index in (Nav.PUBLISH, Nav.DRAFT) and step == EventForm.preview:
            event_id = await svc.events.create(actor, _draft(data), publish=index == Nav.PUBLISH)
            await state.clear()
            if data.get("proposing"):
                key = "events-wiz-proposed"
            else:
                key = "events-wiz-published" if index == Nav.PUBLISH else "events-wiz-saved"
            assert query.bot is not None
            await query.bot.send_message(chat, t(key, link=svc.events.deep_link(event_id)))
            event = await svc.events.card(actor, event_id)
            await query.bot.send_message(
                chat,
                card_text(event, t, svc.policy.timezone),
                reply_markup=card_keyboard(event, t),
            )
            return
        else:
            await query.answer(t("error-stale-button"), show_alert=True)
            return
    elif field != expected:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    elif field == WizField.TYPE and 1 <= index <= len(TYPES):
        data["type"] = TYPES[index - 1].value
    elif field == WizField.TOPIC and 1 <= index <= len(TOPICS):
        data["topic"] = TOPICS[index - 1].value
    elif field == WizField.FORMAT and 1 <= index <= len(FORMATS):
        data["format"] = FORMATS[index - 1].value
    elif field == WizField.AUDIENCE and 1 <= index <= len(AUDIENCES):
        data["audience"] = AUDIENCES[index - 1].value
    elif field == WizField.SUBJECT and 1 <= index <= len(SUBJECTS):
        chosen = set(data.get("subjects", []))
        chosen ^= {SUBJECTS[index - 1].value}
        data["subjects"] = sorted(chosen)
        await state.set_data(data)
        await _ask(query.bot, chat, state, svc, t, step)
        return
    elif field == WizField.SCHOOL:
        # The service checks that every chosen school exists when the event is saved.
        chosen_ids = set(data.get("schools", []))
        chosen_ids ^= {index}
        data["schools"] = sorted(chosen_ids)
        await state.set_data(data)
        await _ask(query.bot, chat, state, svc, t, step)
        return
    else:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    await state.set_data(data)
    await _ask(query.bot, chat, state, svc, t, _next(step, data))


# ---- staff actions on a card ----------------------------------------------------------


async def staff_action(
    query: CallbackQuery,
    callback_data: EventCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    bot, chat, event_id = query.bot, query.from_user.id, callback_data.event_id
    assert bot is not None
    zone = svc.policy.timezone
    act = callback_data.act
    if act == Act.PARTICIPANTS:
        await _participants(bot, chat, svc, actor, t, event_id)
    elif act in (Act.XLSX, Act.CSV):
        data = await svc.events.participants(actor, event_id)
        if act == Act.XLSX:
            content, name = export_xlsx(data, t, zone), f"event-{event_id}.xlsx"
        else:
            content, name = export_csv(data, t, zone), f"event-{event_id}.csv"
        await bot.send_document(
            chat, BufferedInputFile(content, filename=name), caption=data.event.title
        )
    elif act == Act.ATTENDANCE:
        await _attendance(bot, chat, svc, actor, t, event_id)
    elif act == Act.CHECKIN:
        code, until = await svc.events.open_checkin(actor, event_id)
        await bot.send_message(
            chat,
            t("events-checkin-opened", code=code, until=f"{until.astimezone(zone):%d.%m %H:%M}"),
        )
    elif act == Act.CANCEL_EVENT:
        if not actor.is_staff:
            raise AccessDenied()
        builder = Keyboard()
        builder.button(
            text=t("events-btn-cancel-event-sure"),
            callback_data=EventCD(act=Act.CANCEL_EVENT_SURE, event_id=event_id),
        )
        builder.button(
            text=t("events-btn-keep"), callback_data=EventCD(act=Act.OPEN, event_id=event_id)
        )
        builder.adjust(1)
        await bot.send_message(
            chat, t("events-cancel-event-ask"), reply_markup=builder.as_markup()
        )
    elif act == Act.CANCEL_EVENT_SURE:
        told = await svc.events.cancel_event(actor, event_id)
        await bot.send_message(chat, t("events-cancel-event-done", count=told))
    elif act == Act.PUBLISH:
        event = await svc.events.publish(actor, event_id)
        await bot.send_message(
            chat, t("events-wiz-published", link=svc.events.deep_link(event.id))
        )
    elif act == Act.DECLINE:
        if not actor.is_staff:
            raise AccessDenied()
        await state.set_state(EventForm.decline_reason)
        await state.update_data(event_id=event_id)
        await bot.send_message(chat, t("events-decline-ask"))
    elif act == Act.EDIT:
        if not actor.is_staff:
            raise AccessDenied()
        builder = Keyboard()
        for field in EditField:
            builder.button(
                text=t(f"events-edit-{field.value}"),
                callback_data=EditCD(event_id=event_id, field=field),
            )
        builder.adjust(2)
        await bot.send_message(chat, t("events-edit-choose"), reply_markup=builder.as_markup())


async def _participants(
    bot: Bot, chat: int, svc: Services, actor: Actor, t: Text, event_id: int
) -> None:
    data = await svc.events.participants(actor, event_id)
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
    builder = Keyboard()
    if actor.is_staff:
        builder.button(
            text=t("events-btn-attendance"),
            callback_data=EventCD(act=Act.ATTENDANCE, event_id=event_id),
        )
    builder.button(
        text=t("events-btn-xlsx"), callback_data=EventCD(act=Act.XLSX, event_id=event_id)
    )
    builder.button(text=t("events-btn-csv"), callback_data=EventCD(act=Act.CSV, event_id=event_id))
    builder.adjust(1, 2)
    await bot.send_message(chat, "\n".join(lines), reply_markup=builder.as_markup())


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)


async def _attendance(
    bot: Bot, chat: int, svc: Services, actor: Actor, t: Text, event_id: int
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    data = await svc.events.participants(actor, event_id)
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
    await bot.send_message(
        chat,
        t("events-attendance-title", title=data.event.title),
        reply_markup=builder.as_markup(),
    )


async def mark(
    query: CallbackQuery, callback_data: MarkCD, svc: Services, actor: Actor, t: Text
) -> None:
    await svc.events.set_attended(
        actor, callback_data.event_id, callback_data.registration, callback_data.on
    )
    data = await svc.events.participants(actor, callback_data.event_id)
    builder = Keyboard()
    for person in data.registered:
        sign = "✅" if person.attended else "▫️"
        builder.button(
            text=f"{sign} {person.name}",
            callback_data=MarkCD(
                event_id=callback_data.event_id,
                registration=person.registration_id,
                on=not person.attended,
            ),
        )
    builder.adjust(1)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=builder.as_markup())


async def decline_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    event_id = (await state.get_data()).get("event_id")
    if not isinstance(event_id, int):
        await state.clear()
        return
    await svc.events.decline(actor, event_id, message.text)
    await state.clear()
    await message.answer(t("events-declined-done"))


async def edit_choose(
    query: CallbackQuery, callback_data: EditCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    await state.set_state(EventForm.edit_value)
    await state.update_data(event_id=callback_data.event_id, field=callback_data.field.value)
    assert query.bot is not None
    await query.bot.send_message(
        query.from_user.id, t(f"events-edit-ask-{callback_data.field.value}")
    )


async def edit_value(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    event_id, field = data.get("event_id"), data.get("field")
    if not isinstance(event_id, int) or field not in {f.value for f in EditField}:
        await state.clear()
        return
    draft = await svc.events.draft_of(actor, event_id)
    text = message.text or ""
    zone, now = svc.policy.timezone, svc.clock()
    try:
        new = _edited(draft, EditField(field), text, zone, now)
        changes = await svc.events.edit(actor, event_id, new)
    except DomainError as error:
        await message.answer(
            t(error.key, **error.args_for_text) + "\n" + t("events-wiz-try-again")
        )
        return
    await state.clear()
    if not changes:
        await message.answer(t("events-edit-nothing"))
        return
    await message.answer(t("events-edit-done", count=len(changes)))
    event = await svc.events.card(actor, event_id)
    await message.answer(card_text(event, t, zone), reply_markup=card_keyboard(event, t))


def _edited(
    draft: EventDraft, field: EditField, text: str, zone: Any, now: datetime
) -> EventDraft:
    if field == EditField.TITLE:
        return replace(draft, title=clean_text(text, TITLE_MAX, "error-event-title"))
    if field == EditField.WHEN:
        found = parse_when(text, now=now, zone=zone)
        length: timedelta = draft.ends_at - draft.starts_at
        return replace(draft, starts_at=found.start, ends_at=found.end or found.start + length)
    if field == EditField.PLACE:
        return replace(draft, place=clean_text(text, PLACE_MAX, "error-event-place"))
    if field == EditField.LINK:
        return replace(draft, link=clean_link(text))
    if field == EditField.CAPACITY:
        return replace(draft, capacity=parse_capacity(text))
    if field == EditField.DEADLINE:
        return replace(draft, registration_deadline=parse_when(text, now=now, zone=zone).start)
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
    return replace(draft, description=text.strip())


async def participants_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    if not (actor.is_staff or (actor.has(Role.COORDINATOR) and actor.coordinator_school_id)):
        raise AccessDenied()
    page = await svc.events.upcoming(actor)
    if not page.items:
        await message.answer(t("events-list-empty"))
        return
    builder = Keyboard()
    for event in page.items:
        builder.button(
            text=event.title[:60], callback_data=EventCD(act=Act.PARTICIPANTS, event_id=event.id)
        )
    builder.adjust(1)
    await message.answer(t("events-participants-choose"), reply_markup=builder.as_markup())


async def pending_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    events = await svc.events.pending(actor)
    if not events:
        await message.answer(t("events-pending-empty"))
        return
    for event in events:
        await message.answer(
            card_text(event, t, svc.policy.timezone), reply_markup=card_keyboard(event, t)
        )


STAFF_ACTS = {
    Act.PARTICIPANTS,
    Act.XLSX,
    Act.CSV,
    Act.ATTENDANCE,
    Act.CHECKIN,
    Act.CANCEL_EVENT,
    Act.CANCEL_EVENT_SURE,
    Act.PUBLISH,
    Act.DECLINE,
    Act.EDIT,
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_wizard, Command("new_event"))
    router.message.register(start_wizard, MenuButton("menu-new-event"))
    router.message.register(start_proposal, Command("propose_event"))
    router.message.register(participants_command, Command("participants"))
    router.message.register(pending_command, Command("event_drafts"))
    for step in ORDER:
        router.message.register(wizard_text, step, F.text)
    router.callback_query.register(wizard_button, WizCD.filter())
    router.message.register(decline_reason, EventForm.decline_reason, F.text)
    router.message.register(edit_value, EventForm.edit_value, F.text)
    router.callback_query.register(staff_action, EventCD.filter(F.act.in_(STAFF_ACTS)))
    router.callback_query.register(mark, MarkCD.filter())
    router.callback_query.register(edit_choose, EditCD.filter())
    return router
