"""/new_event (staff) and /propose_event (a school's coordinator): the step-by-step wizard
that ends in a preview, then publishing, saving a draft or proposing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.events.callbacks import (
    AUDIENCES,
    FORMATS,
    SUBJECTS,
    TOPICS,
    TYPES,
    EventWizardCD,
    Nav,
    WizField,
)
from handlers.events.keyboards import (
    card_keyboard,
    choices_keyboard,
    nav_keyboard,
    preview_keyboard,
    schools_keyboard,
    subjects_keyboard,
)
from handlers.events.render import card_text
from handlers.events.states import OPTIONAL_STEPS, WIZARD_STEPS, EventForm
from handlers.menu import MenuButton
from handlers.messages import send
from handlers.when import CHANGE, STATE_KEY, WhenCD, chosen, confirm_markup, confirm_text, remember
from services.container import Services
from services.context import Actor
from services.dates import parse_end, parse_when, read_when
from services.enums import Role, Subject
from services.errors import AccessDenied, DomainError, InvalidInput
from services.events.rules import (
    DESCRIPTION_MAX,
    PLACE_MAX,
    TITLE_MAX,
    clean_link,
    clean_text,
    parse_capacity,
)
from services.events.types import EventAudience, EventDraft, EventFormat, EventType
from services.i18n import Text

Data = dict[str, Any]
CHOICE_STEPS: dict[WizField, tuple[State, str, Sequence[StrEnum]]] = {
    WizField.TYPE: (EventForm.type, "type", TYPES),
    WizField.TOPIC: (EventForm.topic, "topic", TOPICS),
    WizField.FORMAT: (EventForm.format, "format", FORMATS),
    WizField.AUDIENCE: (EventForm.audience, "audience", AUDIENCES),
}
# What skipping an optional step leaves in the draft.
SKIPPED: dict[State, tuple[str, str | None]] = {
    EventForm.capacity: ("capacity", None),
    EventForm.deadline: ("deadline", None),
    EventForm.description: ("description", ""),
}


def _relevant(step: State, data: Data) -> bool:
    fmt = data.get("format")
    if step == EventForm.end and data.get("end"):
        return data.get("end_from_range") is not True
    if step == EventForm.place and fmt == EventFormat.ONLINE.value:
        return False
    if step == EventForm.link and fmt == EventFormat.IN_PERSON.value:
        return False
    return not (step == EventForm.subjects and data.get("audience") == EventAudience.PARENTS.value)


def _next(step: State, data: Data, direction: int = 1) -> State | None:
    index = WIZARD_STEPS.index(step) + direction
    while 0 <= index < len(WIZARD_STEPS):
        if _relevant(WIZARD_STEPS[index], data):
            return WIZARD_STEPS[index]
        index += direction
    return None


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def draft_of(data: Data) -> EventDraft:
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
        audience=EventAudience(data.get("audience", EventAudience.EVERYONE.value)),
        subjects=tuple(Subject(s) for s in data.get("subjects", [])),
        school_ids=tuple(int(i) for i in data.get("schools", [])),
        description=data.get("description", ""),
    )


async def _markup(step: State, data: Data, svc: Services, t: Text) -> InlineKeyboardMarkup | None:
    field = next((f for f, (s, _, _) in CHOICE_STEPS.items() if s == step), None)
    if step == EventForm.title:
        return None
    if field is not None:
        return choices_keyboard(field, t)
    if step == EventForm.subjects:
        return subjects_keyboard(set(data.get("subjects", [])), t)
    if step == EventForm.schools:
        page = await svc.schools.search("", int(data.get("schools_page", 0)))
        return schools_keyboard(page, set(data.get("schools", [])), t)
    if step == EventForm.capacity:
        return nav_keyboard(t, "events-wiz-unlimited")
    if step in OPTIONAL_STEPS:
        return nav_keyboard(t, "events-wiz-skip")
    return nav_keyboard(t)


async def _ask(
    event: Message | CallbackQuery, state: FSMContext, svc: Services, t: Text, step: State
) -> None:
    await state.set_state(step)
    data = await state.get_data()
    name = (step.state or "").split(":")[-1]
    if step == EventForm.preview:
        view = svc.events.preview(draft_of(data))
        text = t("events-wiz-preview") + "\n\n" + card_text(view, t, svc.policy.timezone)
        await send(event, text, preview_keyboard(bool(data.get("proposing")), t))
        return
    await send(event, t(f"events-wiz-{name}"), await _markup(step, data, svc, t))


async def start_wizard(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    await state.clear()
    await state.update_data(proposing=False)
    await _ask(message, state, svc, t, EventForm.title)


async def start_proposal(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not actor.has(Role.COORDINATOR) or actor.coordinator_school_id is None:
        raise AccessDenied()
    await state.clear()
    await state.update_data(proposing=True)
    await _ask(message, state, svc, t, EventForm.title)


# ---- typed answers ----------------------------------------------------------------------


def _deadline(text: str, data: Data, now: datetime, zone: ZoneInfo) -> str:
    start = _dt(data.get("start"))
    assert start is not None
    deadline = parse_when(text, now=now, zone=zone).start
    if deadline > start:
        raise InvalidInput("error-event-deadline")
    return deadline.isoformat()


def _description(text: str) -> str:
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
    return text.strip()


def _when(text: str, data: Data, now: datetime, zone: ZoneInfo) -> Data:
    found = parse_when(text, now=now, zone=zone)
    return {
        "start": found.start.isoformat(),
        "end": found.end.isoformat() if found.end else None,
        "end_from_range": found.end is not None,
    }


def _end(text: str, data: Data, now: datetime, zone: ZoneInfo) -> Data:
    start = _dt(data.get("start"))
    assert start is not None
    return {"end": parse_end(text, start=start, zone=zone).isoformat(), "end_from_range": False}


# Each typed step: what it stores, read from the text (raises DomainError on bad input).
TYPED: dict[State, Callable[[str, Data, datetime, ZoneInfo], Data]] = {
    EventForm.title: lambda text, *_: {"title": clean_text(text, TITLE_MAX, "error-event-title")},
    EventForm.start: _when,
    EventForm.end: _end,
    EventForm.place: lambda text, *_: {"place": clean_text(text, PLACE_MAX, "error-event-place")},
    EventForm.link: lambda text, *_: {"link": clean_link(text)},
    EventForm.capacity: lambda text, *_: {"capacity": parse_capacity(text)},
    EventForm.deadline: lambda text, data, now, zone: {
        "deadline": _deadline(text, data, now, zone)
    },
    EventForm.description: lambda text, *_: {"description": _description(text)},
}


async def _current_step(state: FSMContext) -> State | None:
    name = await state.get_state()
    return next((s for s in WIZARD_STEPS if s.state == name), None)


async def wizard_text(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    step = await _current_step(state)
    if step is None:
        return
    if step == EventForm.start:
        await _show_start_reading(message, state, svc, t)
        return
    read = TYPED.get(step)
    if read is None:
        await send(message, step_hint(step, t))
        return
    data = await state.get_data()
    try:
        data.update(read(message.text or "", data, svc.clock(), svc.policy.timezone))
    except DomainError as error:
        await send(message, t(error.key, **error.args_for_text) + "\n" + t("events-wiz-try-again"))
        return
    await state.set_data(data)
    next_step = _next(step, data)
    assert next_step is not None
    await _ask(message, state, svc, t, next_step)


def step_hint(step: State, t: Text) -> str:
    """What this step wants, said for a sticker, a photo or text where a button is wanted."""
    name = (step.state or "").split(":")[-1]
    return t(f"events-wiz-hint-{name}")


async def wizard_not_text(message: Message, state: FSMContext, t: Text) -> None:
    step = await _current_step(state)
    if step is not None:
        await send(message, step_hint(step, t))


async def _show_start_reading(message: Message, state: FSMContext, svc: Services, t: Text) -> None:
    """The start as understood is shown back; the wizard goes on only once it is confirmed."""
    zone = svc.policy.timezone
    try:
        reading = read_when(message.text, now=svc.clock(), zone=zone, locale=t.locale)
    except DomainError as error:
        await send(message, t(error.key, **error.args_for_text) + "\n" + t("events-wiz-try-again"))
        return
    await state.update_data(remember(reading))
    await send(message, confirm_text(t, reading, zone), confirm_markup(t, reading, zone))


async def start_confirmed(
    query: CallbackQuery, callback_data: WhenCD, state: FSMContext, svc: Services, t: Text
) -> None:
    found = await _on_step(query, state, t, lambda step: step == EventForm.start)
    if found is None:
        return
    step, data = found
    if callback_data.choice == CHANGE:
        await _ask(query, state, svc, t, step)
        return
    when = chosen(data, callback_data.choice)
    if when is None:
        await _stale(query, t)
        return
    data.pop(STATE_KEY, None)
    data.update(
        start=when.start.isoformat(),
        end=when.end.isoformat() if when.end else None,
        end_from_range=when.end is not None,
    )
    await _advance(query, state, svc, t, step, data)


# ---- buttons ------------------------------------------------------------------------------


async def _stale(query: CallbackQuery, t: Text) -> None:
    await query.answer(t("error-stale-button"), show_alert=True)


async def _on_step(
    query: CallbackQuery,
    state: FSMContext,
    t: Text,
    accept: Callable[[State], bool],
) -> tuple[State, Data] | None:
    """The current step and its data if this button belongs to it, else a stale-button alert."""
    step = await _current_step(state)
    if step is None or not accept(step):
        await _stale(query, t)
        return None
    return step, await state.get_data()


async def _advance(
    query: CallbackQuery, state: FSMContext, svc: Services, t: Text, step: State, data: Data
) -> None:
    await state.set_data(data)
    next_step = _next(step, data)
    assert next_step is not None
    await _ask(query, state, svc, t, next_step)


async def choose(
    query: CallbackQuery, callback_data: EventWizardCD, state: FSMContext, svc: Services, t: Text
) -> None:
    expected, key, values = CHOICE_STEPS[callback_data.field]
    found = await _on_step(query, state, t, lambda step: step == expected)
    if found is None:
        return
    step, data = found
    if not 1 <= callback_data.index <= len(values):
        await _stale(query, t)
        return
    data[key] = values[callback_data.index - 1].value
    await _advance(query, state, svc, t, step, data)


async def toggle_subject(
    query: CallbackQuery, callback_data: EventWizardCD, state: FSMContext, svc: Services, t: Text
) -> None:
    found = await _on_step(query, state, t, lambda step: step == EventForm.subjects)
    if found is None:
        return
    step, data = found
    if not 1 <= callback_data.index <= len(SUBJECTS):
        await _stale(query, t)
        return
    data["subjects"] = sorted(
        set(data.get("subjects", [])) ^ {SUBJECTS[callback_data.index - 1].value}
    )
    await state.set_data(data)
    await _ask(query, state, svc, t, step)


async def toggle_school(
    query: CallbackQuery, callback_data: EventWizardCD, state: FSMContext, svc: Services, t: Text
) -> None:
    found = await _on_step(query, state, t, lambda step: step == EventForm.schools)
    if found is None:
        return
    step, data = found
    # The service checks that every chosen school exists when the event is saved.
    data["schools"] = sorted(set(data.get("schools", [])) ^ {callback_data.index})
    await state.set_data(data)
    await _ask(query, state, svc, t, step)


async def schools_page(
    query: CallbackQuery, callback_data: EventWizardCD, state: FSMContext, svc: Services, t: Text
) -> None:
    found = await _on_step(query, state, t, lambda step: step == EventForm.schools)
    if found is None:
        return
    step, data = found
    data["schools_page"] = max(0, callback_data.index)
    await state.set_data(data)
    await _ask(query, state, svc, t, step)


async def back(query: CallbackQuery, state: FSMContext, svc: Services, t: Text) -> None:
    found = await _on_step(query, state, t, lambda step: True)
    if found is None:
        return
    step, data = found
    await _ask(query, state, svc, t, _next(step, data, -1) or EventForm.title)


async def skip(query: CallbackQuery, state: FSMContext, svc: Services, t: Text) -> None:
    found = await _on_step(
        query, state, t, lambda step: step in OPTIONAL_STEPS or step == EventForm.capacity
    )
    if found is None:
        return
    step, data = found
    if step in SKIPPED:
        key, value = SKIPPED[step]
        data[key] = value
    await _advance(query, state, svc, t, step, data)


async def done(
    query: CallbackQuery, callback_data: EventWizardCD, state: FSMContext, svc: Services, t: Text
) -> None:
    belongs = EventForm.subjects if callback_data.index == Nav.DONE else EventForm.schools
    found = await _on_step(query, state, t, lambda step: step == belongs)
    if found is not None:
        await _advance(query, state, svc, t, *found)


async def save(
    query: CallbackQuery,
    callback_data: EventWizardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    found = await _on_step(query, state, t, lambda step: step == EventForm.preview)
    if found is None:
        return
    _, data = found
    publish = callback_data.index == Nav.PUBLISH
    event_id = await svc.events.create(actor, draft_of(data), publish=publish)
    await state.clear()
    if data.get("proposing"):
        key = "events-wiz-proposed"
    else:
        key = "events-wiz-published" if publish else "events-wiz-saved"
    await send(query, t(key, link=svc.events.deep_link(event_id)))
    event = await svc.events.card(actor, event_id)
    await send(query, card_text(event, t, svc.policy.timezone), card_keyboard(event, t))


async def unknown_nav(query: CallbackQuery, t: Text) -> None:
    await _stale(query, t)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_wizard, Command("new_event"))
    router.message.register(start_wizard, MenuButton("menu-new-event"))
    router.message.register(start_proposal, Command("propose_event"))
    for step in WIZARD_STEPS:
        router.message.register(wizard_text, step, F.text)
    for step in WIZARD_STEPS:
        router.message.register(wizard_not_text, step)
    button = EventWizardCD.filter
    router.callback_query.register(choose, button(F.field.in_(set(CHOICE_STEPS))))
    router.callback_query.register(toggle_subject, button(F.field == WizField.SUBJECT))
    router.callback_query.register(toggle_school, button(F.field == WizField.SCHOOL))
    router.callback_query.register(schools_page, button(F.field == WizField.SCHOOL_PAGE))
    nav = F.field == WizField.NAV
    router.callback_query.register(back, button(nav & (F.index == Nav.BACK)))
    router.callback_query.register(skip, button(nav & (F.index == Nav.SKIP)))
    router.callback_query.register(done, button(nav & F.index.in_({Nav.DONE, Nav.SCHOOLS_DONE})))
    router.callback_query.register(save, button(nav & F.index.in_({Nav.PUBLISH, Nav.DRAFT})))
    router.callback_query.register(unknown_nav, button())
    router.callback_query.register(start_confirmed, EventForm.start, WhenCD.filter())
    return router
