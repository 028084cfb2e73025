"""Network events: creation and approval, announcements, registration with a guarded capacity,
a FIFO waiting list with timed seat offers, attendance, feedback.

The capacity invariant: `events.seats_taken` counts registered and offered seats and changes
only through conditional UPDATEs inside `begin_write`, so two taps can never both take the
last seat (SQLite: the write lock; PostgreSQL: the row lock of the UPDATE re-checks the
condition). The UNIQUE (event_id, user_id) pair stops a second row for one person.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import Select, and_, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import Priority, Role, Subject, Topic
from db.models import Event, Registration, School, User, UserRole, UserSubject
from db.tx import begin_write
from services.context import Actor, Clock, Policy
from services.delivery.outbox import Button, OutboxService
from services.errors import AccessDenied, Conflict, InvalidInput, NeedsOnboarding, NotFound

log = logging.getLogger(__name__)

PAGE_SIZE = 5
TITLE_MAX = 200
PLACE_MAX = 300
LINK_MAX = 500
DESCRIPTION_MAX = 2000
CAPACITY_MAX = 10_000
COMMENT_MAX = 1000
# An offer never runs longer than this share of the time left before the start, so that
# the next person on the list still has a chance close to the event.
OFFER_SHARE_OF_REMAINING = 0.25
OFFER_MIN = timedelta(minutes=15)


class EventType(StrEnum):
    SEMINAR = "seminar"
    MASTER_CLASS = "master_class"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"
    METHODOLOGICAL_ASSOCIATION = "methodological_association"
    CONFERENCE = "conference"
    ROUND_TABLE = "round_table"
    OPEN_LESSON = "open_lesson"


class EventFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Audience(StrEnum):
    TEACHERS = "teachers"
    PARENTS = "parents"
    EVERYONE = "everyone"


class EventStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    PUBLISHED = "published"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class RegStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed seat held for this person until offered_until
    CANCELLED = "cancelled"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


class EditField(StrEnum):
    TITLE = "title"
    WHEN = "when"
    PLACE = "place"
    LINK = "link"
    CAPACITY = "capacity"
    DEADLINE = "deadline"
    DESCRIPTION = "description"


ACTIVE = (RegStatus.REGISTERED.value, RegStatus.OFFERED.value, RegStatus.WAITLISTED.value)
HOLDS_SEAT = (RegStatus.REGISTERED.value, RegStatus.OFFERED.value)


def ref_of(event_id: int) -> tuple[str, int]:
    return ("event", event_id)


@dataclass(frozen=True, slots=True)
class EventDraft:
    title: str
    type: EventType
    topic: Topic
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    place: str | None = None
    link: str | None = None
    capacity: int | None = None
    registration_deadline: datetime | None = None
    audience: Audience = Audience.EVERYONE
    subjects: tuple[Subject, ...] = ()
    school_ids: tuple[int, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class EventFilters:
    type: EventType | None = None
    topic: Topic | None = None
    format: EventFormat | None = None
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class MyStatus:
    status: RegStatus
    registration_id: int
    position: int | None = None
    offered_until: datetime | None = None
    attended: bool = False
    feedback_score: int | None = None


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    title: str
    type: EventType
    topic: Topic
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    place: str | None
    link: str | None  # only for the person's own active registration, and staff
    capacity: int | None
    seats_left: int | None
    registration_deadline: datetime | None
    audience: Audience
    description: str
    status: EventStatus
    registration_open: bool
    mine: MyStatus | None = None
    can_manage: bool = False
    decline_reason: str | None = None
    waiting: int = 0


@dataclass(frozen=True, slots=True)
class EventPage:
    items: tuple[EventView, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a registration tap did, for the answer in the chat."""

    status: RegStatus
    event: EventView
    already: bool = False


@dataclass(frozen=True, slots=True)
class Participant:
    registration_id: int
    user_id: int
    name: str
    school: str
    status: RegStatus
    position: int | None
    queued_at: datetime
    attended: bool
    feedback_score: int | None


@dataclass(frozen=True, slots=True)
class Participants:
    event: EventView
    registered: tuple[Participant, ...]
    offered: tuple[Participant, ...]
    waiting: tuple[Participant, ...]
    only_school_id: int | None = None


@dataclass(frozen=True, slots=True)
class Change:
    field: EditField
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class _UserRow:
    id: int
    school_id: int | None
    full_name: str | None
    subjects: frozenset[str]


class _Reach(Protocol):
    """Who an event is for: an Event, or a row of just these columns (the list reads no more
    than this for the events it does not show)."""

    @property
    def audience(self) -> str: ...
    @property
    def school_ids(self) -> str: ...
    @property
    def subjects(self) -> str: ...


@dataclass
class _Person:
    user: _UserRow
    roles: set[Role] = field(default_factory=set)


def clean_text(raw: str | None, limit: int, key: str) -> str:
    text = " ".join((raw or "").split())
    if not text:
        raise InvalidInput(f"{key}-empty")
    if len(text) > limit:
        raise InvalidInput(f"{key}-too-long", max=limit)
    return text


def clean_link(raw: str | None) -> str:
    link = (raw or "").strip()
    if not link.startswith(("https://", "http://")) or " " in link or len(link) > LINK_MAX:
        raise InvalidInput("error-event-link")
    return link


def parse_capacity(raw: str | None) -> int | None:
    text = (raw or "").strip().lower()
    if text in ("0", "-", "без ограничений", "нет", "unlimited", "no limit", "∞"):
        if text == "0":
            raise InvalidInput("error-event-capacity")
        return None
    if not text.isdigit():
        raise InvalidInput("error-event-capacity")
    value = int(text)
    if not 1 <= value <= CAPACITY_MAX:
        raise InvalidInput("error-event-capacity")
    return value


_SQLITE_WRITERS: dict[int, asyncio.Lock] = {}

P = ParamSpec("P")
R = TypeVar("R")


def serialised(
    method: Callable[Concatenate[EventService, P], Awaitable[R]],
) -> Callable[Concatenate[EventService, P], Awaitable[R]]:
    """On SQLite, writers of one process queue here rather than in SQLite's busy handler,
    which sleeps in steps of up to 100 ms while it waits for the write lock. The guarantee
    itself still comes from BEGIN IMMEDIATE and the conditional UPDATE (other processes)."""

    @functools.wraps(method)
    async def wrapper(self: EventService, *args: P.args, **kwargs: P.kwargs) -> R:
        bind = self.session.get_bind()
        if bind.dialect.name != "sqlite":
            return await method(self, *args, **kwargs)
        lock = _SQLITE_WRITERS.setdefault(id(bind), asyncio.Lock())
        async with lock:
            return await method(self, *args, **kwargs)

    return wrapper


# The statements of the commonest screens and taps, built on first use and kept: building a
# statement and its cache key costs 50-300 µs, often longer than SQLite takes to run it.
@functools.cache
def _mine_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id == bindparam("event_id"),
        Registration.user_id == bindparam("user_id"),
    )


@functools.cache
def _mine_for_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id.in_(bindparam("event_ids", expanding=True)),
        Registration.user_id == bindparam("user_id"),
    )


@functools.cache
def _upcoming_reach_stmt() -> Select[int, str, str, str]:
    return (
        select(Event.id, Event.audience, Event.school_ids, Event.subjects)
        .where(Event.status == EventStatus.PUBLISHED.value, Event.starts_at > bindparam("now"))
        .order_by(Event.starts_at, Event.id)
    )


@functools.cache
def _events_by_id_stmt() -> Select[Any]:
    return (
        select(Event)
        .where(Event.id.in_(bindparam("event_ids", expanding=True)))
        .order_by(Event.starts_at, Event.id)
    )


@functools.cache
def _waiting_ahead_stmt() -> Select[Any]:
    return select(func.count(Registration.id)).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.WAITLISTED.value,
        (Registration.queued_at < bindparam("queued_at"))
        | and_(
            Registration.queued_at == bindparam("queued_at"), Registration.id < bindparam("reg_id")
        ),
    )


@functools.cache
def _waiting_stmt() -> Select[Any]:
    return select(func.count(Registration.id)).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.WAITLISTED.value,
    )


@functools.cache
def _first_waiting_stmt() -> Select[Any]:
    return (
        select(Registration)
        .where(
            Registration.event_id == bindparam("event_id"),
            Registration.status == RegStatus.WAITLISTED.value,
        )
        .order_by(Registration.queued_at, Registration.id)
        .limit(1)
    )


@functools.cache
def _expired_offers_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.OFFERED.value,
        Registration.offered_until <= bindparam("now"),
    )


def _split(raw: str) -> list[str]:
    return [part for part in raw.split(",") if part]


class EventService:
    def __init__(
        self, session: AsyncSession, policy: Policy, clock: Clock, outbox: OutboxService
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.outbox = outbox

    # ---- rights -------------------------------------------------------------------------

    @staticmethod
    def _require_staff(actor: Actor) -> None:
        if not actor.is_staff:
            raise AccessDenied()

    async def _person(self, actor: Actor) -> _Person:
        if actor.user_id is None:
            raise NeedsOnboarding()
        if actor.profile is not None:
            # Read with the actor this update; only a certificate needs the name (attendee).
            profile = actor.profile
            user = _UserRow(actor.user_id, profile.school_id, None, profile.subjects)
            return _Person(user, set(actor.roles))
        # Plain columns, not the User entity: its relationships would cost two more queries,
        # and the roles are already in the actor (read from the same rows this update).
        row = (
            await self.session.execute(
                select(User.id, User.school_id, User.full_name).where(
                    User.id == actor.user_id, User.forgotten_at.is_(None)
                )
            )
        ).first()
        if row is None:
            raise NeedsOnboarding()
        subjects = await self.session.execute(
            select(UserSubject.subject).where(UserSubject.user_id == actor.user_id)
        )
        user = _UserRow(row.id, row.school_id, row.full_name, frozenset(subjects.scalars()))
        return _Person(user, set(actor.roles))

    @staticmethod
    def _fits(event: _Reach, person: _Person, actor: Actor) -> bool:
        if actor.is_staff:
            return True
        audience = Audience(event.audience)
        is_teacher = bool(
            person.roles & {Role.TEACHER, Role.PSYCHOLOGIST, Role.METHODIST, Role.COORDINATOR}
        )
        is_parent = Role.PARENT in person.roles
        if audience == Audience.TEACHERS and not is_teacher:
            return False
        if audience == Audience.PARENTS and not is_parent:
            return False
        schools = _split(event.school_ids)
        if schools and str(person.user.school_id) not in schools:
            return False
        subjects = set(_split(event.subjects))
        if subjects and is_teacher and not is_parent:
            mine = set(person.user.subjects)
            if not subjects & mine:
                return False
        return True

    def _registration_open(self, event: Event, now: datetime) -> bool:
        if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
            return False
        return event.registration_deadline is None or now < event.registration_deadline

    # ---- creating, approving, publishing --------------------------------------------------

    def validate(self, draft: EventDraft) -> EventDraft:
        now = self.clock()
        title = clean_text(draft.title, TITLE_MAX, "error-event-title")
        if draft.starts_at <= now:
            raise InvalidInput("error-date-past")
        if draft.ends_at <= draft.starts_at:
            raise InvalidInput("error-date-end-before-start")
        if draft.format != EventFormat.ONLINE and not (draft.place or "").strip():
            raise InvalidInput("error-event-place-empty")
        if draft.format != EventFormat.IN_PERSON and not draft.link:
            raise InvalidInput("error-event-link")
        if draft.link:
            clean_link(draft.link)
        if draft.capacity is not None and not 1 <= draft.capacity <= CAPACITY_MAX:
            raise InvalidInput("error-event-capacity")
        deadline = draft.registration_deadline
        if deadline is not None and not now < deadline <= draft.starts_at:
            raise InvalidInput("error-event-deadline")
        if len(draft.description) > DESCRIPTION_MAX:
            raise InvalidInput("error-event-description-too-long", max=DESCRIPTION_MAX)
        return replace(draft, title=title)

    async def create(self, actor: Actor, draft: EventDraft, *, publish: bool) -> int:
        """Staff save a draft or publish; a coordinator's event goes to the methodists."""
        proposing = not actor.is_staff
        if proposing and not actor.has(Role.COORDINATOR):
            raise AccessDenied()
        person = await self._person(actor)
        draft = self.validate(draft)
        await self._check_schools(draft.school_ids)
        if proposing:
            status = EventStatus.PENDING_APPROVAL
        else:
            status = EventStatus.PUBLISHED if publish else EventStatus.DRAFT
        event = Event(
            title=draft.title,
            type=draft.type.value,
            topic=draft.topic.value,
            format=draft.format.value,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            place=(draft.place or "").strip() or None,
            link=draft.link or None,
            capacity=draft.capacity,
            seats_taken=0,
            registration_deadline=draft.registration_deadline,
            audience=draft.audience.value,
            subjects=",".join(s.value for s in draft.subjects),
            school_ids=",".join(str(i) for i in draft.school_ids),
            description=draft.description.strip(),
            status=status.value,
            created_by=person.user.id,
            proposed_by_school_id=actor.coordinator_school_id if proposing else None,
        )
        self.session.add(event)
        await self.session.flush()
        if status == EventStatus.PUBLISHED:
            await self._announce(event)
        if status == EventStatus.PENDING_APPROVAL:
            await self._tell_methodists(event)
        await self.session.commit()
        log.info("event created event_id=%s status=%s by=%s", event.id, status, person.user.id)
        return event.id

    async def _check_schools(self, school_ids: Sequence[int]) -> None:
        if not school_ids:
            return
        found = await self.session.execute(
            select(func.count(School.id)).where(School.id.in_(list(school_ids)))
        )
        if int(found.scalar_one()) != len(set(school_ids)):
            raise NotFound("error-event-school-unknown")

    async def publish(self, actor: Actor, event_id: int) -> EventView:
        self._require_staff(actor)
        event = await self._event(event_id)
        if event.status not in (EventStatus.DRAFT, EventStatus.PENDING_APPROVAL):
            raise Conflict("error-event-not-draft")
        if event.starts_at <= self.clock():
            raise InvalidInput("error-date-past")
        was_proposal = event.status == EventStatus.PENDING_APPROVAL
        event.status = EventStatus.PUBLISHED.value
        await self._announce(event)
        if was_proposal and event.created_by is not None:
            self.outbox.enqueue(
                user_id=event.created_by,
                kind="event_decision",
                template="events-proposal-approved",
                args={"title": event.title},
                ref=ref_of(event.id),
                buttons=[[Button("events-btn-open", "event_open", {"event": event.id})]],
            )
        await self.session.commit()
        log.info("event published event_id=%s", event.id)
        return await self.card(actor, event.id)

    async def decline(self, actor: Actor, event_id: int, reason: str | None) -> None:
        self._require_staff(actor)
        text = clean_text(reason, 500, "error-event-reason")
        event = await self._event(event_id)
        if event.status != EventStatus.PENDING_APPROVAL:
            raise Conflict("error-event-not-draft")
        event.status = EventStatus.DECLINED.value
        event.decline_reason = text
        if event.created_by is not None:
            self.outbox.enqueue(
                user_id=event.created_by,
                kind="event_decision",
                template="events-proposal-declined",
                args={"title": event.title, "reason": text},
                ref=ref_of(event.id),
            )
        await self.session.commit()
        log.info("event proposal declined event_id=%s", event.id)

    async def pending(self, actor: Actor) -> list[EventView]:
        self._require_staff(actor)
        rows = await self.session.execute(
            select(Event)
            .where(Event.status.in_([EventStatus.PENDING_APPROVAL.value, EventStatus.DRAFT.value]))
            .order_by(Event.starts_at)
        )
        return [self._view(e, None, self.clock(), manage=True) for e in rows.scalars()]

    async def _tell_methodists(self, event: Event) -> None:
        rows = await self.session.execute(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                UserRole.role.in_([Role.METHODIST.value, Role.ADMIN.value]),
                User.forgotten_at.is_(None),
            )
            .distinct()
        )
        for user_id in rows.scalars():
            self.outbox.enqueue(
                user_id=user_id,
                kind="event_proposal",
                template="events-proposal-new",
                args={"title": event.title, "starts_at": self._local(event.starts_at)},
                ref=ref_of(event.id),
                buttons=[[Button("events-btn-open", "event_open", {"event": event.id})]],
                dedupe_key=f"event_proposal:{event.id}:{user_id}",
            )

    async def _audience_ids(self, event: Event) -> list[int]:
        audience = Audience(event.audience)
        roles = {
            Audience.TEACHERS: [Role.TEACHER.value],
            Audience.PARENTS: [Role.PARENT.value],
            Audience.EVERYONE: [Role.TEACHER.value, Role.PARENT.value],
        }[audience]
        stmt = (
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                UserRole.role.in_(roles),
                User.forgotten_at.is_(None),
                User.telegram_id.is_not(None),
            )
            .distinct()
        )
        schools = [int(s) for s in _split(event.school_ids)]
        if schools:
            stmt = stmt.where(User.school_id.in_(schools))
        users = list((await self.session.execute(stmt)).scalars())
        subjects = set(_split(event.subjects))
        result = []
        for user in users:
            user_roles = {r.role for r in user.roles}
            mine = {s.subject for s in user.subjects}
            if subjects and Role.PARENT.value not in user_roles and not subjects & mine:
                continue
            result.append(user.id)
        return result

    async def _announce(self, event: Event) -> None:
        args = {
            "title": event.title,
            "type": event.type,
            "starts_at": self._local(event.starts_at),
            "place": event.place or "",
            "link": self.deep_link(event.id),
        }
        open_button = [[Button("events-btn-open", "event_open", {"event": event.id})]]
        for user_id in await self._audience_ids(event):
            self.outbox.enqueue(
                user_id=user_id,
                kind="announcement",
                template="events-announcement",
                args=args,
                priority=Priority.NOTICE,
                ref=ref_of(event.id),
                buttons=open_button,
                expires_at=event.starts_at,
                dedupe_key=f"announcement:{event.id}:{user_id}",
            )
        if self.policy.channel_id is not None:
            self.outbox.enqueue(
                chat_id=self.policy.channel_id,
                kind="announcement",
                template="events-announcement",
                args=args,
                priority=Priority.NOTICE,
                ref=ref_of(event.id),
                buttons=[[Button("events-btn-register-link", url=self.deep_link(event.id))]]
                if self.policy.bot_username
                else (),
                expires_at=event.starts_at,
                dedupe_key=f"announcement:{event.id}:channel",
            )

    def _local(self, moment: datetime) -> str:
        # Outgoing texts carry the time already in the configured zone, as on every screen.
        return f"{moment.astimezone(self.policy.timezone):%d.%m.%Y %H:%M}"

    def deep_link(self, event_id: int) -> str:
        if not self.policy.bot_username:
            return ""
        return f"https://t.me/{self.policy.bot_username}?start=event_{event_id}"

    # ---- editing and cancelling -------------------------------------------------------------

    @serialised
    async def edit(self, actor: Actor, event_id: int, draft: EventDraft) -> list[Change]:
        """Applies a changed draft; participants are told what changed, reminders move."""
        self._require_staff(actor)
        await begin_write(self.session)
        event = await self._event(event_id, lock=True)
        if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED, EventStatus.DECLINED):
            raise Conflict("error-event-closed")
        old = self._draft(event)
        new = self.validate(draft)
        if new.capacity is not None and new.capacity < event.seats_taken:
            raise InvalidInput("error-event-capacity-below-taken", taken=event.seats_taken)
        changes = self._changes(old, new)
        if not changes:
            await self.session.rollback()
            return []
        event.title = new.title
        event.starts_at, event.ends_at = new.starts_at, new.ends_at
        event.place = (new.place or "").strip() or None
        event.link = new.link or None
        event.capacity = new.capacity
        event.registration_deadline = new.registration_deadline
        event.description = new.description.strip()
        await self.session.flush()
        if event.status == EventStatus.PUBLISHED:
            moved = old.starts_at != new.starts_at or old.link != new.link
            regs = await self._regs(event.id, HOLDS_SEAT)
            summary = "\n".join(f"{c.old} → {c.new}" for c in changes if c.old or c.new)
            fields = ",".join(c.field.value for c in changes)
            for reg in regs:
                self.outbox.enqueue(
                    user_id=reg.user_id,
                    kind="event_changed",
                    template="events-changed",
                    args={"title": event.title, "fields": fields, "summary": summary},
                    priority=Priority.NOTICE,
                    urgent=True,
                    ref=ref_of(event.id),
                    buttons=[[Button("events-btn-open", "event_open", {"event": event.id})]],
                )
                if moved and reg.status == RegStatus.REGISTERED:
                    await self.outbox.cancel(
                        ref_of(event.id), user_id=reg.user_id, kinds=["reminder"]
                    )
                    self._schedule_reminders(event, reg)
            # Raised capacity frees seats for the waiting list.
            await self._fill_free_seats(event)
        await self.session.commit()
        log.info("event edited event_id=%s fields=%s", event.id, [c.field for c in changes])
        return changes

    @staticmethod
    def _draft(event: Event) -> EventDraft:
        return EventDraft(
            title=event.title,
            type=EventType(event.type),
            topic=Topic(event.topic),
            format=EventFormat(event.format),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.place,
            link=event.link,
            capacity=event.capacity,
            registration_deadline=event.registration_deadline,
            audience=Audience(event.audience),
            subjects=tuple(Subject(s) for s in _split(event.subjects)),
            school_ids=tuple(int(s) for s in _split(event.school_ids)),
            description=event.description,
        )

    def _changes(self, old: EventDraft, new: EventDraft) -> list[Change]:
        zone = self.policy.timezone

        def when(d: EventDraft) -> str:
            start, end = d.starts_at.astimezone(zone), d.ends_at.astimezone(zone)
            return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"

        def deadline(d: EventDraft) -> str:
            value = d.registration_deadline
            return f"{value.astimezone(zone):%d.%m.%Y %H:%M}" if value else ""

        pairs = [
            (EditField.TITLE, old.title, new.title),
            (EditField.WHEN, when(old), when(new)),
            (EditField.PLACE, old.place or "", new.place or ""),
            (EditField.CAPACITY, str(old.capacity or "∞"), str(new.capacity or "∞")),
            (EditField.DEADLINE, deadline(old), deadline(new)),
        ]
        result = [Change(f, a, b) for f, a, b in pairs if a != b]
        # The link itself is not repeated in the notice: it goes to participants only in
        # the last reminder and on their card. The description is too long to quote.
        if old.link != new.link:
            result.append(Change(EditField.LINK, "", ""))
        if old.description != new.description:
            result.append(Change(EditField.DESCRIPTION, "", ""))
        return result

    async def draft_of(self, actor: Actor, event_id: int) -> EventDraft:
        self._require_staff(actor)
        return self._draft(await self._event(event_id))

    @serialised
    async def cancel_event(self, actor: Actor, event_id: int) -> int:
        self._require_staff(actor)
        await begin_write(self.session)
        event = await self._event(event_id, lock=True)
        if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
            raise Conflict("error-event-closed")
        event.status = EventStatus.CANCELLED.value
        await self.outbox.cancel(ref_of(event.id))
        regs = await self._regs(event.id, ACTIVE)
        for reg in regs:
            reg.status = RegStatus.CANCELLED.value
            reg.cancelled_at = self.clock()
            reg.offered_until = None
            self.outbox.enqueue(
                user_id=reg.user_id,
                kind="event_cancelled",
                template="events-cancelled-notice",
                args={"title": event.title, "starts_at": self._local(event.starts_at)},
                urgent=True,
                ref=ref_of(event.id),
            )
        event.seats_taken = 0
        await self.session.commit()
        log.info("event cancelled event_id=%s told=%s", event.id, len(regs))
        return len(regs)

    # ---- reading ----------------------------------------------------------------------------

    async def _event(self, event_id: int, *, lock: bool = False) -> Event:
        """`lock`: take the event's row lock (PostgreSQL; SQLite already holds the write
        lock), so that registrations, cancellations and offers of one event run one after
        another and a freed seat can never miss a waiting person who joined meanwhile."""
        event = await self.session.get(
            Event, event_id, populate_existing=True, with_for_update=lock or None
        )
        if event is None:
            raise NotFound("error-event-not-found")
        return event

    async def _regs(self, event_id: int, statuses: Sequence[str]) -> list[Registration]:
        rows = await self.session.execute(
            select(Registration)
            .where(Registration.event_id == event_id, Registration.status.in_(list(statuses)))
            .order_by(Registration.queued_at, Registration.id)
        )
        return list(rows.scalars())

    async def _position(self, reg: Registration) -> int:
        ahead = await self.session.execute(
            _waiting_ahead_stmt(),
            {"event_id": reg.event_id, "queued_at": reg.queued_at, "reg_id": reg.id},
        )
        return int(ahead.scalar_one()) + 1

    async def _mine(self, event_id: int, user_id: int | None) -> Registration | None:
        if user_id is None:
            return None
        rows = await self.session.execute(_mine_stmt(), {"event_id": event_id, "user_id": user_id})
        return rows.scalar_one_or_none()

    async def _my_status(self, reg: Registration | None) -> MyStatus | None:
        if reg is None or reg.status == RegStatus.CANCELLED:
            return None
        status = RegStatus(reg.status)
        position = await self._position(reg) if status == RegStatus.WAITLISTED else None
        return MyStatus(
            status,
            reg.id,
            position,
            reg.offered_until if status == RegStatus.OFFERED else None,
            reg.attended_at is not None,
            reg.feedback_score,
        )

    def _view(
        self,
        event: Event,
        mine: MyStatus | None,
        now: datetime,
        *,
        manage: bool = False,
        waiting: int = 0,
    ) -> EventView:
        show_link = manage or (mine is not None and mine.status == RegStatus.REGISTERED)
        seats_left = None if event.capacity is None else max(0, event.capacity - event.seats_taken)
        return EventView(
            id=event.id,
            title=event.title,
            type=EventType(event.type),
            topic=Topic(event.topic),
            format=EventFormat(event.format),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.place,
            link=event.link if show_link else None,
            capacity=event.capacity,
            seats_left=seats_left,
            registration_deadline=event.registration_deadline,
            audience=Audience(event.audience),
            description=event.description,
            status=EventStatus(event.status),
            registration_open=self._registration_open(event, now),
            mine=mine,
            can_manage=manage,
            decline_reason=event.decline_reason,
            waiting=waiting,
        )

    async def card(self, actor: Actor, event_id: int) -> EventView:
        event = await self._event(event_id)
        manage = actor.is_staff
        if not manage:
            person = await self._person(actor)
            own_proposal = event.created_by == person.user.id
            if event.status != EventStatus.PUBLISHED and not own_proposal:
                if event.status not in (EventStatus.FINISHED, EventStatus.CANCELLED):
                    raise NotFound("error-event-not-found")
                if await self._mine(event.id, actor.user_id) is None:
                    raise NotFound("error-event-not-found")
            elif not own_proposal and not self._fits(event, person, actor):
                raise AccessDenied("error-event-not-for-you")
        mine = await self._my_status(await self._mine(event.id, actor.user_id))
        waiting = 0
        if manage:
            waiting = len(await self._regs(event.id, [RegStatus.WAITLISTED.value]))
        return self._view(event, mine, self.clock(), manage=manage, waiting=waiting)

    async def upcoming(
        self, actor: Actor, filters: EventFilters = EventFilters(), page: int = 0
    ) -> EventPage:
        person = await self._person(actor)
        now = self.clock()
        # Who each upcoming event is for decides the list and its pages; only the page shown
        # is then read whole (an entity per event cost ~40 µs, and a list reads dozens).
        stmt = _upcoming_reach_stmt()
        if filters.type is not None:
            stmt = stmt.where(Event.type == filters.type.value)
        if filters.topic is not None:
            stmt = stmt.where(Event.topic == filters.topic.value)
        if filters.format is not None:
            stmt = stmt.where(Event.format == filters.format.value)
        if filters.period is not None:
            stmt = stmt.where(Event.starts_at < self._period_end(now, filters.period))
        fitting = [
            row.id
            for row in await self.session.execute(stmt, {"now": now})
            if self._fits(row, person, actor)
        ]
        pages = max(1, -(-len(fitting) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        shown = fitting[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        chunk: list[Event] = []
        if shown:
            chunk = list(
                (await self.session.execute(_events_by_id_stmt(), {"event_ids": shown})).scalars()
            )
        mine = await self._mine_for([e.id for e in chunk], person.user.id)
        items = [
            self._view(e, await self._my_status(mine.get(e.id)), now, manage=actor.is_staff)
            for e in chunk
        ]
        return EventPage(tuple(items), page, pages, len(fitting))

    def _period_end(self, now: datetime, period: Period) -> datetime:
        local_now = now.astimezone(self.policy.timezone)
        today = local_now.date()
        if period == Period.WEEK:
            end_day = today + timedelta(days=7 - today.weekday())
        else:
            end_day = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return datetime.combine(end_day, time(0), tzinfo=self.policy.timezone)

    async def _mine_for(self, event_ids: list[int], user_id: int) -> dict[int, Registration]:
        if not event_ids:
            return {}
        rows = await self.session.execute(
            _mine_for_stmt(), {"event_ids": event_ids, "user_id": user_id}
        )
        return {r.event_id: r for r in rows.scalars()}

    async def my_events(self, actor: Actor) -> list[EventView]:
        person = await self._person(actor)
        now = self.clock()
        rows = await self.session.execute(
            select(Event, Registration)
            .join(Registration, Registration.event_id == Event.id)
            .where(
                Registration.user_id == person.user.id,
                Registration.status.in_(list(ACTIVE)),
                Event.ends_at > now,
                Event.status == EventStatus.PUBLISHED.value,
            )
            .order_by(Event.starts_at)
        )
        return [self._view(e, await self._my_status(r), now) for e, r in rows]

    # ---- registering ------------------------------------------------------------------------

    @serialised
    async def register(self, actor: Actor, event_id: int) -> Outcome:
        person = await self._person(actor)
        user_id = person.user.id
        await begin_write(self.session)
        try:
            event = await self._event(event_id, lock=True)
            now = self.clock()
            if not self._fits(event, person, actor):
                raise AccessDenied("error-event-not-for-you")
            existing = await self._mine(event.id, user_id)
            if existing is not None and existing.status != RegStatus.CANCELLED:
                outcome = await self._outcome(event, existing, already=True)
                await self.session.rollback()
                return outcome
            if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
                raise Conflict("error-event-registration-closed")
            if event.registration_deadline is not None and now >= event.registration_deadline:
                raise Conflict("error-event-deadline-passed")
            await self._expire_for(event, now)
            # A seat left free while people wait (a lapsed job, say) goes to them first.
            await self._fill_free_seats(event)
            got_seat = await self._take_seat(event, fifo=True)
            status = RegStatus.REGISTERED if got_seat else RegStatus.WAITLISTED
            if existing is None:
                reg = Registration(event_id=event.id, user_id=user_id, status=status.value)
                reg.queued_at = now
                self.session.add(reg)
            else:
                reg = existing
                reg.status = status.value
                reg.queued_at = now
                reg.cancelled_at = None
                reg.offered_until = None
            await self.session.flush()
            if got_seat:
                self._schedule_reminders(event, reg)
            outcome = await self._outcome(event, reg)
            await self.session.commit()
        except IntegrityError:
            # Two taps of one person raced; the other one won and holds the only row.
            await self.session.rollback()
            event = await self._event(event_id)
            reg_now = await self._mine(event_id, user_id)
            if reg_now is None:
                raise
            return await self._outcome(event, reg_now, already=True)
        except BaseException:
            await self.session.rollback()
            raise
        log.info("event registration event_id=%s user_id=%s status=%s", event_id, user_id, status)
        return outcome

    async def _outcome(self, event: Event, reg: Registration, *, already: bool = False) -> Outcome:
        mine = await self._my_status(reg)
        view = self._view(event, mine, self.clock())
        return Outcome(RegStatus(reg.status), view, already)

    async def _take_seat(self, event: Event, *, fifo: bool) -> bool:
        """The guard: one conditional UPDATE that succeeds only while a seat is free."""
        if fifo and event.capacity is not None:
            # Someone already waiting goes first: a newcomer never overtakes the queue.
            waiting = await self.session.execute(_waiting_stmt(), {"event_id": event.id})
            if int(waiting.scalar_one()) > 0:
                return False
        stmt = update(Event).where(Event.id == event.id)
        if event.capacity is not None:
            stmt = stmt.where(Event.seats_taken < Event.capacity)
        result = await self.session.execute(
            stmt.values(seats_taken=Event.seats_taken + 1).execution_options(
                synchronize_session=False
            )
        )
        return int(getattr(result, "rowcount", 0) or 0) == 1

    async def _free_seat(self, event: Event) -> None:
        await self.session.execute(
            update(Event)
            .where(Event.id == event.id, Event.seats_taken > 0)
            .values(seats_taken=Event.seats_taken - 1)
            .execution_options(synchronize_session=False)
        )

    def _schedule_reminders(self, event: Event, reg: Registration) -> None:
        offsets = sorted(set(self.policy.reminder_offsets_hours), reverse=True)
        if not offsets:
            return
        args = {
            "title": event.title,
            "starts_at": self._local(event.starts_at),
            "place": event.place or "",
        }
        answer = [
            [
                Button("events-btn-will-come", "event_attend_yes", {"registration": reg.id}),
                Button("events-btn-cannot-come", "event_attend_no", {"registration": reg.id}),
            ]
        ]
        ref = ref_of(event.id)
        *earlier, last = offsets
        if earlier:
            self.outbox.schedule_reminders(
                user_id=reg.user_id,
                ref=ref,
                starts_at=event.starts_at,
                offsets_hours=earlier,
                template="events-reminder",
                args=args,
                buttons_for={h: answer for h in earlier if h >= 12},
            )
        # The last reminder carries the link of an online event.
        self.outbox.schedule_reminders(
            user_id=reg.user_id,
            ref=ref,
            starts_at=event.starts_at,
            offsets_hours=[last],
            template="events-reminder-last",
            args={**args, "link": event.link or ""},
            buttons_for={last: answer} if last >= 12 else None,
        )

    @serialised
    async def cancel_registration(self, actor: Actor, event_id: int) -> None:
        person = await self._person(actor)
        await begin_write(self.session)
        try:
            event = await self._event(event_id, lock=True)
            reg = await self._mine(event_id, person.user.id)
            if reg is None or reg.status == RegStatus.CANCELLED:
                raise Conflict("error-event-not-registered")
            if event.starts_at <= self.clock():
                raise Conflict("error-event-started")
            await self._drop(event, reg)
            await self.session.commit()
        except BaseException:
            await self.session.rollback()
            raise
        log.info("event registration cancelled event_id=%s user_id=%s", event_id, person.user.id)

    async def _drop(self, event: Event, reg: Registration) -> None:
        held = reg.status in HOLDS_SEAT
        reg.status = RegStatus.CANCELLED.value
        reg.cancelled_at = self.clock()
        reg.offered_until = None
        await self.outbox.cancel(ref_of(event.id), user_id=reg.user_id)
        if held:
            await self._free_seat(event)
            await self._offer_next(event)

    async def _fill_free_seats(self, event: Event) -> None:
        while await self._offer_next(event):
            pass

    async def _offer_next(self, event: Event) -> bool:
        """Offers a freed seat to the first person on the waiting list, if any."""
        now = self.clock()
        if event.starts_at <= now or event.status != EventStatus.PUBLISHED:
            return False
        rows = await self.session.execute(_first_waiting_stmt(), {"event_id": event.id})
        first = rows.scalar_one_or_none()
        if first is None or not await self._take_seat(event, fifo=False):
            return False
        remaining = event.starts_at - now
        ttl = min(
            timedelta(hours=self.policy.offer_ttl_hours),
            max(remaining * OFFER_SHARE_OF_REMAINING, min(OFFER_MIN, remaining)),
        )
        first.status = RegStatus.OFFERED.value
        first.offered_until = now + ttl
        await self.session.flush()
        self.outbox.enqueue(
            user_id=first.user_id,
            kind="offer",
            template="events-offer",
            args={
                "title": event.title,
                "starts_at": self._local(event.starts_at),
                "until": self._local(first.offered_until),
            },
            priority=Priority.OFFER,
            urgent=True,
            expires_at=first.offered_until,
            ref=ref_of(event.id),
            buttons=[
                [
                    Button("events-btn-take-seat", "event_offer_take", {"registration": first.id}),
                    Button(
                        "events-btn-decline-offer",
                        "event_offer_decline",
                        {"registration": first.id},
                    ),
                ]
            ],
            dedupe_key=f"offer:{first.id}:{int(first.offered_until.timestamp())}",
        )
        log.info("event seat offered event_id=%s registration_id=%s", event.id, first.id)
        return True

    async def _own_registration(self, actor: Actor, registration_id: int) -> Registration:
        if actor.user_id is None:
            raise NeedsOnboarding()
        reg = await self.session.get(Registration, registration_id, populate_existing=True)
        if reg is None or reg.user_id != actor.user_id:
            # Someone else's registration looks the same as a missing one.
            raise NotFound("error-event-not-found")
        return reg

    @serialised
    async def take_offer(self, actor: Actor, registration_id: int) -> Outcome:
        await begin_write(self.session)
        try:
            reg = await self._own_registration(actor, registration_id)
            event = await self._event(reg.event_id, lock=True)
            await self.session.refresh(reg)
            now = self.clock()
            if reg.status == RegStatus.REGISTERED:
                outcome = await self._outcome(event, reg, already=True)
                await self.session.commit()
                return outcome
            if reg.status != RegStatus.OFFERED:
                raise Conflict("error-event-offer-expired")
            if reg.offered_until is None or reg.offered_until <= now:
                await self._expire_for(event, now)
                await self.session.commit()
                raise Conflict("error-event-offer-expired")
            reg.status = RegStatus.REGISTERED.value
            reg.offered_until = None
            await self.session.flush()
            self._schedule_reminders(event, reg)
            outcome = await self._outcome(event, reg)
            await self.session.commit()
        except BaseException:
            if self.session.in_transaction():
                await self.session.rollback()
            raise
        log.info("event offer taken registration_id=%s", registration_id)
        return outcome

    @serialised
    async def decline_offer(self, actor: Actor, registration_id: int) -> None:
        await begin_write(self.session)
        try:
            reg = await self._own_registration(actor, registration_id)
            event = await self._event(reg.event_id, lock=True)
            await self.session.refresh(reg)
            if reg.status != RegStatus.OFFERED:
                raise Conflict("error-event-offer-expired")
            await self._drop(event, reg)
            await self.session.commit()
        except BaseException:
            await self.session.rollback()
            raise
        log.info("event offer declined registration_id=%s", registration_id)

    async def _expire_for(self, event: Event, now: datetime) -> int:
        rows = await self.session.execute(
            _expired_offers_stmt(), {"event_id": event.id, "now": now}
        )
        expired = list(rows.scalars())
        for reg in expired:
            await self._drop(event, reg)
            self.outbox.enqueue(
                user_id=reg.user_id,
                kind="offer_expired",
                template="events-offer-expired",
                args={"title": event.title},
                ref=ref_of(event.id),
            )
        return len(expired)

    @serialised
    async def expire_offers(self, now: datetime | None = None) -> int:
        """The scheduler's job: offers past their time go to the next person in the queue."""
        now = now or self.clock()
        await begin_write(self.session)
        try:
            rows = await self.session.execute(
                select(Registration.event_id)
                .where(
                    Registration.status == RegStatus.OFFERED.value,
                    Registration.offered_until <= now,
                )
                .distinct()
            )
            total = 0
            for event_id in list(rows.scalars()):
                total += await self._expire_for(await self._event(event_id, lock=True), now)
            await self.session.commit()
        except BaseException:
            await self.session.rollback()
            raise
        if total:
            log.info("event offers expired count=%s", total)
        return total

    async def attend_answer(self, actor: Actor, registration_id: int, coming: bool) -> EventView:
        """The answer to the day-before reminder; "cannot come" frees the seat at once."""
        reg = await self._own_registration(actor, registration_id)
        if not coming and reg.status in ACTIVE:
            await self.cancel_registration(actor, reg.event_id)
        return await self.card(actor, reg.event_id)

    # ---- participants and attendance ------------------------------------------------------

    async def participants(self, actor: Actor, event_id: int) -> Participants:
        only_school: int | None = None
        if not actor.is_staff:
            if not actor.has(Role.COORDINATOR) or actor.coordinator_school_id is None:
                raise AccessDenied()
            only_school = actor.coordinator_school_id
        event = await self._event(event_id)
        stmt = (
            select(Registration, User, School.short_name)
            .join(User, User.id == Registration.user_id)
            .outerjoin(School, School.id == User.school_id)
            .where(
                Registration.event_id == event_id,
                Registration.status.in_(list(ACTIVE)),
            )
            .order_by(Registration.queued_at, Registration.id)
        )
        if only_school is not None:
            stmt = stmt.where(User.school_id == only_school)
        registered: list[Participant] = []
        offered: list[Participant] = []
        waiting: list[Participant] = []
        all_waiting = await self._regs(event_id, [RegStatus.WAITLISTED.value])
        places = {r.id: i + 1 for i, r in enumerate(all_waiting)}
        for reg, user, school in await self.session.execute(stmt):
            status = RegStatus(reg.status)
            row = Participant(
                reg.id,
                user.id,
                user.full_name or f"#{user.id}",
                school or "",
                status,
                places.get(reg.id),
                reg.queued_at,
                reg.attended_at is not None,
                reg.feedback_score,
            )
            {
                RegStatus.REGISTERED: registered,
                RegStatus.OFFERED: offered,
                RegStatus.WAITLISTED: waiting,
            }[status].append(row)
        view = self._view(event, None, self.clock(), manage=actor.is_staff)
        return Participants(view, tuple(registered), tuple(offered), tuple(waiting), only_school)

    async def set_attended(
        self, actor: Actor, event_id: int, registration_id: int, attended: bool
    ) -> None:
        self._require_staff(actor)
        reg = await self.session.get(Registration, registration_id)
        if reg is None or reg.event_id != event_id or reg.status != RegStatus.REGISTERED:
            raise NotFound("error-event-not-found")
        reg.attended_at = self.clock() if attended else None
        event = await self._event(event_id)
        if attended and event.feedback_requested_at is not None:
            self._ask_feedback(event, reg)
        await self.session.commit()

    async def open_checkin(self, actor: Actor, event_id: int) -> tuple[str, datetime]:
        self._require_staff(actor)
        event = await self._event(event_id)
        if event.status != EventStatus.PUBLISHED:
            raise Conflict("error-event-closed")
        now = self.clock()
        zone = self.policy.timezone
        day_end = datetime.combine(
            event.starts_at.astimezone(zone).date() + timedelta(days=1), time(0), tzinfo=zone
        )
        if now >= day_end:
            raise Conflict("error-event-checkin-day")
        for _ in range(20):
            code = f"{secrets.randbelow(1_000_000):06d}"
            taken = await self.session.execute(
                select(Event.id).where(Event.checkin_code == code, Event.checkin_until > now)
            )
            if taken.first() is None:
                break
        event.checkin_code = code
        event.checkin_until = day_end
        await self.session.commit()
        log.info("event check-in opened event_id=%s", event.id)
        return code, day_end

    async def checkin(self, actor: Actor, code: str) -> EventView:
        person = await self._person(actor)
        now = self.clock()
        rows = await self.session.execute(
            select(Event).where(
                Event.checkin_code == code.strip(),
                Event.checkin_until > now,
                Event.status.in_([EventStatus.PUBLISHED.value, EventStatus.FINISHED.value]),
            )
        )
        event = rows.scalars().first()
        if event is None:
            raise InvalidInput("error-event-checkin-code")
        reg = await self._mine(event.id, person.user.id)
        if reg is None or reg.status != RegStatus.REGISTERED:
            raise Conflict("error-event-checkin-not-registered", title=event.title)
        if reg.attended_at is None:
            reg.attended_at = now
            if event.feedback_requested_at is not None:
                self._ask_feedback(event, reg)
        mine = await self._my_status(reg)
        view = self._view(event, mine, now)
        await self.session.commit()
        log.info("event check-in event_id=%s user_id=%s", event.id, person.user.id)
        return view

    async def has_open_checkin(self) -> bool:
        rows = await self.session.execute(
            select(Event.id).where(Event.checkin_until > self.clock()).limit(1)
        )
        return rows.first() is not None

    # ---- after the event --------------------------------------------------------------------

    def _ask_feedback(self, event: Event, reg: Registration) -> None:
        self.outbox.enqueue(
            user_id=reg.user_id,
            kind="feedback",
            template="events-feedback-ask",
            args={"title": event.title},
            priority=Priority.NOTICE,
            ref=ref_of(event.id),
            buttons=[
                [
                    Button(
                        f"events-score-{score}",
                        "event_feedback",
                        {"registration": reg.id, "score": score},
                    )
                    for score in range(1, 6)
                ]
            ],
            dedupe_key=f"feedback:{reg.id}",
        )

    async def finish_ended(self, now: datetime | None = None) -> int:
        """The scheduler's job: ended events are finished; attendees (only) are asked."""
        now = now or self.clock()
        rows = await self.session.execute(
            select(Event).where(
                Event.status == EventStatus.PUBLISHED.value,
                Event.ends_at <= now,
                Event.feedback_requested_at.is_(None),
            )
        )
        asked = 0
        for event in list(rows.scalars()):
            event.status = EventStatus.FINISHED.value
            event.feedback_requested_at = now
            for reg in await self._regs(event.id, [RegStatus.REGISTERED.value]):
                if reg.attended_at is not None:
                    self._ask_feedback(event, reg)
                    asked += 1
            # Nobody can still take a seat: the waiting list and open offers end here.
            for reg in await self._regs(
                event.id, [RegStatus.WAITLISTED.value, RegStatus.OFFERED.value]
            ):
                reg.status = RegStatus.CANCELLED.value
                reg.cancelled_at = now
        await self.session.commit()
        return asked

    async def rate(self, actor: Actor, registration_id: int, score: int) -> str:
        if not 1 <= score <= 5:
            raise InvalidInput()
        reg = await self._own_registration(actor, registration_id)
        if reg.attended_at is None:
            raise AccessDenied("error-event-attendees-only")
        reg.feedback_score = score
        reg.feedback_at = self.clock()
        event = await self._event(reg.event_id)
        await self.session.commit()
        return event.title

    async def comment(self, actor: Actor, registration_id: int, text: str | None) -> None:
        comment = clean_text(text, COMMENT_MAX, "error-event-comment")
        reg = await self._own_registration(actor, registration_id)
        if reg.attended_at is None:
            raise AccessDenied("error-event-attendees-only")
        reg.feedback_comment = comment
        await self.session.commit()

    async def attendee(self, actor: Actor, event_id: int) -> tuple[EventView, str]:
        """The event and the person's name, for a certificate; attendees only."""
        person = await self._person(replace(actor, profile=None))  # with the name
        event = await self._event(event_id)
        reg = await self._mine(event_id, person.user.id)
        if reg is None or reg.attended_at is None:
            raise AccessDenied("error-event-attendees-only")
        if not person.user.full_name:
            raise InvalidInput("error-event-certificate-name")
        view = self._view(event, await self._my_status(reg), self.clock())
        return view, person.user.full_name

    def preview(self, draft: EventDraft) -> EventView:
        """The card of an event not yet saved, for the wizard's last step."""
        return EventView(
            id=0,
            title=draft.title,
            type=draft.type,
            topic=draft.topic,
            format=draft.format,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            place=draft.place,
            link=draft.link,
            capacity=draft.capacity,
            seats_left=draft.capacity,
            registration_deadline=draft.registration_deadline,
            audience=draft.audience,
            description=draft.description,
            status=EventStatus.DRAFT,
            registration_open=False,
        )


async def events_maintenance(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
) -> tuple[int, int]:
    """The scheduler's minute job: expired seat offers move on; ended events ask for
    feedback. Each step opens its own session, so one failure leaves the other to run."""
    from services.delivery.outbox import OutboxService

    async with session_factory() as session:
        service = EventService(session, policy, clock, OutboxService(session, clock))
        expired = await service.expire_offers()
    async with session_factory() as session:
        service = EventService(session, policy, clock, OutboxService(session, clock))
        asked = await service.finish_ended()
    return expired, asked


async def seed_demo_events(
    session: AsyncSession, policy: Policy, clock: Clock, entries: list[dict[str, object]]
) -> int:
    """Published demo events from bot/data/demo.yaml; an existing title is kept as is."""
    zone = policy.timezone
    today = clock().astimezone(zone).date()
    created = 0
    for entry in entries:
        title = str(entry["title"])
        exists = await session.execute(select(Event.id).where(Event.title == title))
        if exists.first() is not None:
            continue
        day = today + timedelta(days=int(str(entry["day"])))
        start = datetime.combine(day, time.fromisoformat(str(entry["start"])), tzinfo=zone)
        end = datetime.combine(day, time.fromisoformat(str(entry["end"])), tzinfo=zone)
        subjects = entry.get("subjects") or []
        assert isinstance(subjects, list)
        capacity = entry.get("capacity")
        session.add(
            Event(
                title=title,
                type=EventType(str(entry["type"])).value,
                topic=Topic(str(entry["topic"])).value,
                format=EventFormat(str(entry["format"])).value,
                starts_at=start,
                ends_at=end,
                place=entry.get("place"),
                link=entry.get("link"),
                capacity=int(str(capacity)) if capacity is not None else None,
                seats_taken=0,
                audience=Audience(str(entry.get("audience", "everyone"))).value,
                subjects=",".join(Subject(str(s)).value for s in subjects),
                school_ids="",
                description="",
                status=EventStatus.PUBLISHED.value,
            )
        )
        created += 1
    await session.flush()
    return created


async def forget_event_feedback(session: AsyncSession, user_id: int) -> None:
    """/forget: a feedback comment is free text the person wrote, so it goes; the score,
    attendance and the registration row stay as anonymous counts of the event."""
    await session.execute(
        update(Registration)
        .where(Registration.user_id == user_id, Registration.feedback_comment.is_not(None))
        .values(feedback_comment=None)
        .execution_options(synchronize_session=False)
    )
