"""A small populated network for the fuzz, rights-matrix and security tests: one person per
role, two teachers and two parents, events (one with a single seat), slots with a booking,
and the default survey launched and answered. Every personal value is a marker string, so a
test can search everything the bot sent for a leak."""

from __future__ import annotations

import enum
import logging
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.methods import TelegramMethod
from sqlalchemy import func, select

from db.enums import Role
from db.models import ConsultBooking, ConsultSlot, Event, Registration, Survey, User
from services.consultations.types import BookingForm, ConsultTopic, Contact, SlotFormat
from services.context import Actor
from services.events.types import EventAudience
from services.mentoring.types import Form, MeetingFormat
from services.surveys.install import DEFAULT_SURVEY_CODE
from services.surveys.types import QuestionType, QuestionView
from tests.conftest import ADMIN_ID
from tests.support.events_support import add_people, create_event, draft
from tests.support.harness import BotHarness

METHODIST = 610_001
PSYCHOLOGIST = 610_002
COORDINATOR = 610_003
STAFF = 610_004  # took the staff path at /start and waits for a role
TEACHER_A = 610_011
TEACHER_B = 610_012
MENTOR = 610_013  # TEACHER_A's mentor; presses no buttons of the matrix
GROUP_MATE = 610_014  # in TEACHER_A's mentoring group; presses no buttons either
PARENT_A = 610_021
PARENT_B = 610_022
STRANGER = 610_099

# Markers: nothing else the bot says contains these, so finding one is finding a leak.
NAMES = {
    ADMIN_ID: "Админова Алла",
    METHODIST: "Методистова Мила",
    PSYCHOLOGIST: "Психологова Пелагея",
    COORDINATOR: "Координаторова Кира",
    STAFF: "Сотрудникова Серафима",
    TEACHER_A: "Учителева Ульяна",
    TEACHER_B: "Педагогова Прасковья",
    PARENT_A: "Родителева Раиса",
    PARENT_B: "Мамина Марфа",
    MENTOR: "Наставникова Нина",
    GROUP_MATE: "Группова Галина",
}
PHONE_A = "+79001112233"
COMMENT_A = "Секретный комментарий Раисы"
SURVEY_TEXT_A = "Секретный ответ Ульяны"
MEETING_NOTE_A = "Секретная заметка о встрече Ульяны"

# The loggers of the bot's own code: an ERROR from any of them is a failure.
BOT_LOGGERS = ("bot", "handlers", "services", "db", "aiogram")


@dataclass
class Population:
    actors: dict[int, Actor]
    schools: list[int]
    small_event: int  # capacity 1: TEACHER_A holds the seat, TEACHER_B waits
    big_event: int  # unlimited, everyone may come
    parent_event: int  # for parents
    slots: list[int]  # the psychologist's; the first is booked by PARENT_A
    booking_a: int
    survey_id: int
    registration_a: int  # TEACHER_A's on the small event
    registration_b: int  # TEACHER_B's (waiting) on the small event
    slot_days: list[date]  # the slots' dates in the municipality's zone
    people: dict[int, int] = field(default_factory=dict)  # telegram id -> user id
    # TEACHER_A's active mentorship (MENTOR mentors her in a group with GROUP_MATE, METHODIST
    # arranged it; the group's id is this mentorship's) and its first plan step; a group
    # meeting with MEETING_NOTE_A is logged.
    mentorship: int = 0
    mentorship_step: int = 0

    def actor(self, telegram_id: int) -> Actor:
        return self.actors[telegram_id]


async def _person(
    harness: BotHarness, telegram_id: int, role: Role, school_id: int | None
) -> Actor:
    ids = await add_people(harness, [telegram_id], role, school_id=school_id, name_prefix="x")
    user_id = ids[telegram_id]
    async with harness.database.session_factory() as session:
        user = await session.get(User, user_id)
        assert user is not None
        user.full_name = NAMES[telegram_id]
        await session.commit()
    roles = {role}
    if telegram_id == ADMIN_ID:
        roles.add(Role.ADMIN)
    return Actor(
        telegram_id,
        user_id,
        "ru",
        frozenset(roles),
        school_id if role == Role.COORDINATOR else None,
    )


async def _staff_path_person(harness: BotHarness) -> Actor:
    """A centre employee as the staff path leaves them: a name, a position, no role."""
    async with harness.database.session_factory() as session:
        user = User(telegram_id=STAFF, locale="ru", full_name=NAMES[STAFF], position="methodist")
        session.add(user)
        await session.commit()
        return Actor(STAFF, user.id, "ru", frozenset())


async def _actors(harness: BotHarness, schools: list[int]) -> dict[int, Actor]:
    return {
        STAFF: await _staff_path_person(harness),
        ADMIN_ID: await _person(harness, ADMIN_ID, Role.ADMIN, None),
        METHODIST: await _person(harness, METHODIST, Role.METHODIST, None),
        PSYCHOLOGIST: await _person(harness, PSYCHOLOGIST, Role.PSYCHOLOGIST, None),
        COORDINATOR: await _person(harness, COORDINATOR, Role.COORDINATOR, schools[0]),
        TEACHER_A: await _person(harness, TEACHER_A, Role.TEACHER, schools[0]),
        TEACHER_B: await _person(harness, TEACHER_B, Role.TEACHER, schools[1]),
        PARENT_A: await _person(harness, PARENT_A, Role.PARENT, None),
        PARENT_B: await _person(harness, PARENT_B, Role.PARENT, None),
        MENTOR: await _person(harness, MENTOR, Role.TEACHER, schools[1]),
        GROUP_MATE: await _person(harness, GROUP_MATE, Role.TEACHER, schools[1]),
    }


async def _mentorship(svc: Any, actors: dict[int, Actor], now: datetime) -> tuple[int, int]:
    teacher, mentor, mate = actors[TEACHER_A], actors[MENTOR], actors[GROUP_MATE]
    assert teacher.user_id and mentor.user_id and mate.user_id
    methodist = actors[METHODIST]
    pair = await svc.mentoring.propose(methodist, teacher.user_id, mentor.user_id, Form.GROUP)
    # GROUP_MATE joins the same group: the mentor's open one.
    mate_pair = await svc.mentoring.propose(methodist, mate.user_id, mentor.user_id, Form.GROUP)
    for mentee, own in ((teacher, pair), (mate, mate_pair)):
        await svc.mentoring.accept(mentor, own)
        await svc.mentoring.accept(mentee, own)
    await svc.mentoring.log_group_meeting(mentor, pair, now, MeetingFormat.ONLINE, MEETING_NOTE_A)
    view = await svc.mentoring.mentorship(teacher, pair)
    return pair, view.steps[0].id


async def _events(harness: BotHarness, staff: Actor) -> tuple[int, int, int]:
    """The one-seat seminar, the conference without a limit, the parents' meeting."""
    now = harness.clock.now
    small = await create_event(
        harness, staff, draft(capacity=1, now=now, title="Семинар на одно место")
    )
    big = await create_event(
        harness,
        staff,
        draft(capacity=None, now=now, starts_in=timedelta(days=5), title="Большая конференция"),
    )
    parents = await create_event(
        harness,
        staff,
        draft(
            capacity=5,
            now=now,
            starts_in=timedelta(days=6),
            audience=EventAudience.PARENTS,
            title="Родительское собрание",
        ),
    )
    return small, big, parents


async def _slots(harness: BotHarness, svc: Any, psy: Actor) -> tuple[list[int], list[date]]:
    now = harness.clock.now
    slots = []
    slot_days = []
    for day in (2, 3, 4):
        view = await svc.consultations.add_slot(
            psy, now + timedelta(days=day), 45, SlotFormat.IN_PERSON, "Кабинет 12"
        )
        slots.append(view.id)
        slot_days.append((now + timedelta(days=day)).astimezone(harness.policy.timezone).date())
    return slots, slot_days


async def _book(svc: Any, parent: Actor, slot: int) -> int:
    booking = await svc.consultations.book(
        parent,
        slot,
        BookingForm(
            topic=ConsultTopic.FAMILY,
            contact=Contact.PHONE,
            child_grade=5,
            phone=PHONE_A,
            comment=COMMENT_A,
        ),
    )
    return int(booking.id)


async def _launch_survey(svc: Any, actors: dict[int, Actor]) -> int:
    survey_id = int(
        (
            await svc.session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()
    )
    await svc.session.commit()
    await svc.surveys.launch(actors[METHODIST], survey_id)
    await _answer_survey(svc, actors[TEACHER_A], survey_id)
    return survey_id


async def build_population(harness: BotHarness, schools: list[int]) -> Population:
    actors = await _actors(harness, schools)
    small, big, parents = await _events(harness, actors[METHODIST])
    svc = await harness.services()
    try:
        await svc.events.register(actors[TEACHER_A], small)
        await svc.events.register(actors[TEACHER_B], small)
        await svc.events.register(actors[TEACHER_A], big)
        await svc.events.register(actors[PARENT_A], parents)
        slots, slot_days = await _slots(harness, svc, actors[PSYCHOLOGIST])
        booking = await _book(svc, actors[PARENT_A], slots[0])
        survey_id = await _launch_survey(svc, actors)
        mentorship, mentorship_step = await _mentorship(svc, actors, harness.clock.now)
        regs = {
            r.user_id: r.id
            for r in (
                await svc.session.execute(
                    select(Registration).where(Registration.event_id == small)
                )
            ).scalars()
        }
    finally:
        await svc.session.close()
    return Population(
        actors=actors,
        schools=schools,
        small_event=small,
        big_event=big,
        parent_event=parents,
        slots=slots,
        booking_a=booking,
        survey_id=survey_id,
        slot_days=slot_days,
        registration_a=regs[actors[TEACHER_A].user_id],  # type: ignore[index]
        registration_b=regs[actors[TEACHER_B].user_id],  # type: ignore[index]
        people={tg: a.user_id for tg, a in actors.items() if a.user_id is not None},
        mentorship=mentorship,
        mentorship_step=mentorship_step,
    )


async def _answer_survey(svc: Any, actor: Actor, survey_id: int) -> None:
    step: Any = await svc.surveys.start(actor, survey_id)
    while isinstance(step, QuestionView):
        if step.type == QuestionType.TEXT:
            step = await svc.surveys.answer_text(actor, survey_id, SURVEY_TEXT_A)
        elif step.type == QuestionType.MULTI:
            await svc.surveys.toggle(actor, survey_id, step.index, 0)
            step = await svc.surveys.done(actor, survey_id, step.index)
        else:
            step = await svc.surveys.choose(actor, survey_id, step.index, 2)


def sent_texts(requests: list[TelegramMethod[Any]]) -> list[str]:
    """Every piece of text the bot put in front of someone: messages, captions, alerts, button
    labels."""
    result: list[str] = []
    for request in requests:
        for attribute in ("text", "caption"):
            value = getattr(request, attribute, None)
            if isinstance(value, str):
                result.append(value)
        markup = getattr(request, "reply_markup", None)
        for row in (
            getattr(markup, "inline_keyboard", None) or getattr(markup, "keyboard", None) or []
        ):
            result.extend(str(getattr(button, "text", "")) for button in row)
    return result


def bot_errors(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    return [
        r for r in records if r.levelno >= logging.ERROR and r.name.split(".")[0] in BOT_LOGGERS
    ]


async def invariant_violations(harness: BotHarness) -> list[str]:
    """The database promises that bad input must never break."""
    problems: list[str] = []
    async with harness.database.session_factory() as session:
        events = (await session.execute(select(Event))).scalars().all()
        for event in events:
            active = (
                await session.execute(
                    select(func.count())
                    .select_from(Registration)
                    .where(
                        Registration.event_id == event.id,
                        Registration.status.in_(("registered", "offered")),
                    )
                )
            ).scalar_one()
            if event.capacity is not None and active > event.capacity:
                problems.append(f"event {event.id}: {active} active > capacity {event.capacity}")
            if active != event.seats_taken:
                problems.append(f"event {event.id}: seats_taken {event.seats_taken} != {active}")
            waiting = (
                await session.execute(
                    select(func.count())
                    .select_from(Registration)
                    .where(Registration.event_id == event.id, Registration.status == "waitlisted")
                )
            ).scalar_one()
            # The queue is FIFO by (queued_at, id); a free seat with people queued means a
            # promotion was skipped.
            if event.capacity is not None and waiting and active < event.capacity:
                problems.append(f"event {event.id}: {waiting} waiting beside a free seat")
        doubles = (
            await session.execute(
                select(Registration.event_id, Registration.user_id, func.count())
                .group_by(Registration.event_id, Registration.user_id)
                .having(func.count() > 1)
            )
        ).all()
        problems.extend(f"registered twice: {row}" for row in doubles)
        slot_doubles = (
            await session.execute(
                select(ConsultBooking.slot_id, func.count())
                .where(ConsultBooking.status == "booked")
                .group_by(ConsultBooking.slot_id)
                .having(func.count() > 1)
            )
        ).all()
        problems.extend(f"slot booked twice: {row}" for row in slot_doubles)
        slots = (await session.execute(select(ConsultSlot))).scalars().all()
        booked = set(
            (
                await session.execute(
                    select(ConsultBooking.slot_id).where(ConsultBooking.status == "booked")
                )
            ).scalars()
        )
        for slot in slots:
            if (slot.status == "booked") != (slot.id in booked):
                problems.append(
                    f"slot {slot.id}: status {slot.status}, booked={slot.id in booked}"
                )
    return problems


def callback_classes() -> dict[str, type[CallbackData]]:
    """Every typed callback the routers accept, by prefix, found in the feature modules."""
    import handlers.events.callbacks
    import handlers.people.callbacks
    from handlers import FEATURES

    found: dict[str, type[CallbackData]] = {}
    for module in (*FEATURES, handlers.people.callbacks, handlers.events.callbacks):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, CallbackData)
                and value is not CallbackData
            ):
                found[value.__prefix__] = value
    return found


# Free-text fields have a closed set of meanings in the handlers.
_STRING_CHOICES = {
    ("sadm", "action"): ("open", "page", "flag", "add", "import", "rename"),
    ("sadm", "flag"): ("low_results",),
    ("menu", "action"): ("open",),
    ("pedit", "field"): ("name", "school", "subjects", "experience", "position", "grade"),
    ("lang", "code"): ("ru", "en"),
    ("mnt", "form"): ("individual",),
    ("mnt", "topic"): ("",),
    ("mnt", "level"): ("some",),
}


def _enum_of(annotation: Any) -> type[enum.Enum] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def callback_catalogue(pop: Population) -> list[str]:
    """One packed callback for every value of every class's choice field, its ids pointing at
    other people's objects: TEACHER_A's registration, PARENT_A's booking, the psychologist's
    slot, the first school's coordinator, the launched survey."""
    day = (pop.slot_days[0]).toordinal()
    ints = {
        "event_id": pop.small_event,
        "registration": pop.registration_a,
        "survey_id": pop.survey_id,
        "slot": pop.slots[0],
        "booking": pop.booking_a,
        "rb": 0,  # a tampered rescheduling is tried on its own
        "psy": pop.people[PSYCHOLOGIST],
        "day": day,
        "user_id": pop.people[TEACHER_A],
        "school_id": pop.schools[1],
        "broadcast_id": 1,
        "first": date(2026, 11, 1).toordinal(),
        "last": date(2026, 11, 30).toordinal(),
        "score": 5,
        "grade": 5,
        "value": 1,
        "pair": pop.mentorship,
        "step": pop.mentorship_step,
        "user": pop.people[TEACHER_A],
        "mentor": pop.people[MENTOR],
    }
    packed: list[str] = []
    for prefix, cls in sorted(callback_classes().items()):
        fields = cls.model_fields
        base: dict[str, Any] = {}
        choice: tuple[str, list[Any]] | None = None
        for name, info in fields.items():
            options: list[Any]
            kind = _enum_of(info.annotation)
            if (prefix, name) in _STRING_CHOICES:
                options = list(_STRING_CHOICES[(prefix, name)])
            elif kind is not None:
                options = list(kind)
            elif info.annotation is bool:
                options = [True, False]
            else:
                base[name] = ints.get(name, 0 if not info.is_required() else 1)
                continue
            base[name] = options[0]
            if choice is None or len(options) > len(choice[1]):
                choice = (name, options)
        if choice is None:
            packed.append(cls(**base).pack())
            continue
        name, options = choice
        for option in options:
            packed.append(cls(**{**base, name: option}).pack())
    return packed
