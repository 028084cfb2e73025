"""Psychologist consultations: slots, booking with a guarded slot, privacy of the booking
details, reminders and notices through the outbox, a waiting list, the retention purge.

The no-double-booking invariant: a slot moves free -> booked only through
`UPDATE consult_slots SET status='booked' WHERE id=:id AND status='free'` inside
`begin_write`; its rowcount decides who got the slot (SQLite: the write lock serialises the
transactions; PostgreSQL: the row lock makes the second UPDATE re-check and match nothing).
The partial unique index on active bookings per slot is the last line of defence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from db.enums import Priority, Role
from db.models import ConsultBooking, ConsultSlot, ConsultWaiter, OutboxMessage, User, UserRole
from db.tx import begin_write
from services.context import Actor, Clock, Policy
from services.delivery.engine import quiet_hours_end_after
from services.delivery.outbox import Button, OutboxService
from services.errors import AccessDenied, Conflict, InvalidInput, NeedsOnboarding, NotFound

if TYPE_CHECKING:
    from services.reports.consult_report import ConsultReport

log = logging.getLogger(__name__)

COMMENT_MAX = 300
NOTE_MAX = 1000
PLACE_MAX = 300
REASON_MAX = 200
SLOT_MIN_MINUTES = 10
SLOT_MAX_MINUTES = 240
PATTERN_MAX_DAYS = 120
PATTERN_MAX_SLOTS = 400
PHONE_RE = re.compile(r"^\+?\d{10,15}$")
BOOKERS = (Role.PARENT, Role.TEACHER)


class SlotFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class SlotStatus(StrEnum):
    FREE = "free"
    BOOKED = "booked"
    BLOCKED = "blocked"
    # Off the schedule, but a cancelled booking still refers to it: bookings are deleted with
    # their slot (ON DELETE CASCADE), and the report must go on counting that cancellation.
    REMOVED = "removed"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    DONE = "done"
    NO_SHOW = "no_show"


class CancelledBy(StrEnum):
    PERSON = "person"
    PSYCHOLOGIST = "psychologist"


class ConsultTopic(StrEnum):
    LEARNING = "learning"
    BEHAVIOUR = "behaviour"
    EMOTIONS = "emotions"
    PEERS = "peers"
    FAMILY = "family"
    EXAMS = "exams"
    CAREER = "career"
    OTHER = "other"


class Contact(StrEnum):
    CHAT = "chat"
    PHONE = "phone"


class Outcome(StrEnum):
    DONE = "done"
    NO_SHOW = "no_show"


def booking_ref(booking_id: int) -> tuple[str, int]:
    return ("booking", booking_id)


@dataclass(frozen=True, slots=True)
class Psychologist:
    id: int
    name: str
    free_slots: int


@dataclass(frozen=True, slots=True)
class SlotView:
    id: int
    psychologist_id: int
    psychologist_name: str
    starts_at: datetime
    ends_at: datetime
    format: SlotFormat
    place: str
    status: SlotStatus


@dataclass(frozen=True, slots=True)
class BookingForm:
    topic: ConsultTopic
    contact: Contact
    child_grade: int | None = None
    phone: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class BookingView:
    """The full booking, handed only to the booking person, the slot's psychologist, admins."""

    id: int
    slot: SlotView
    status: BookingStatus
    topic: ConsultTopic
    child_grade: int | None
    contact: Contact
    phone: str | None
    comment: str | None
    note: str | None  # None unless the viewer is the slot's psychologist
    booker_name: str | None
    booker_telegram_id: int | None
    can_cancel: bool


@dataclass(frozen=True, slots=True)
class DaySchedule:
    day: date
    slots: list[tuple[SlotView, BookingView | None]]


@dataclass(frozen=True, slots=True)
class PatternResult:
    created: int
    skipped: int


@dataclass(frozen=True, slots=True)
class CancelResult:
    booking_id: int
    late: bool
    psychologist_name: str


@dataclass(frozen=True, slots=True)
class DayOff:
    day: date
    bookings: list[BookingView]  # still booked and not started: the psychologist decides


@dataclass(frozen=True, slots=True)
class PsyCancelResult:
    booking_id: int
    slot_freed: bool  # False: the slot lies in a day off and was taken off the schedule


def clean_reason(text: str | None) -> str | None:
    """The optional reason a psychologist gives the person; blank means none."""
    reason = " ".join((text or "").split())
    if len(reason) > REASON_MAX:
        raise InvalidInput("consult-error-reason-long", limit=REASON_MAX)
    return reason or None


def validate_phone(text: str | None) -> str:
    cleaned = re.sub(r"[\s()\-]", "", text or "")
    if cleaned.startswith("8") and len(cleaned) == 11:
        cleaned = "+7" + cleaned[1:]
    if not PHONE_RE.match(cleaned):
        raise InvalidInput("consult-error-phone")
    return cleaned if cleaned.startswith("+") else "+" + cleaned


def pattern_times(
    first_day: date,
    last_day: date,
    weekdays: frozenset[int],
    window_start: time,
    window_end: time,
    length_minutes: int,
    break_minutes: int,
    zone: object,
) -> list[tuple[datetime, datetime]]:
    """Slot periods (UTC) of a weekly pattern: on each chosen weekday (0 = Monday) of the
    range, back-to-back slots of `length` with `break` between them inside the local window."""
    if last_day < first_day:
        raise InvalidInput("consult-error-range-order")
    if (last_day - first_day).days > PATTERN_MAX_DAYS:
        raise InvalidInput("consult-error-range-long", days=PATTERN_MAX_DAYS)
    if not weekdays:
        raise InvalidInput("consult-error-no-weekdays")
    if window_end <= window_start:
        raise InvalidInput("error-date-end-before-start")
    _check_length(length_minutes)
    if not 0 <= break_minutes <= 120:
        raise InvalidInput("consult-error-break")
    result: list[tuple[datetime, datetime]] = []
    day = first_day
    while day <= last_day:
        if day.weekday() in weekdays:
            start = datetime.combine(day, window_start, tzinfo=zone)  # type: ignore[arg-type]
            limit = datetime.combine(day, window_end, tzinfo=zone)  # type: ignore[arg-type]
            while start + timedelta(minutes=length_minutes) <= limit:
                end = start + timedelta(minutes=length_minutes)
                result.append((start.astimezone(UTC), end.astimezone(UTC)))
                start = end + timedelta(minutes=break_minutes)
        day += timedelta(days=1)
    if len(result) > PATTERN_MAX_SLOTS:
        raise InvalidInput("consult-error-too-many", limit=PATTERN_MAX_SLOTS)
    return result


_DAY_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$")
_DAY_WORDS = {"сегодня": 0, "today": 0, "завтра": 1, "tomorrow": 1, "послезавтра": 2}
_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_SPLIT_RE = re.compile(r"\s*(?:-|–|—|до|по|to)\s*")


def parse_day(text: str | None, *, today: date) -> date:
    """A day as people type it: 25.12, 25.12.2026, 25.12.26, сегодня, завтра. A day and month
    already past this year mean next year."""
    raw = " ".join((text or "").lower().replace("ё", "е").split())
    if raw in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[raw])
    match = _DAY_RE.match(raw)
    if match is None:
        raise InvalidInput("consult-error-day")
    year_text = match.group(3)
    year = (
        today.year if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    )
    try:
        day = date(year, int(match.group(2)), int(match.group(1)))
        if year_text is None and day < today:
            day = date(year + 1, day.month, day.day)
    except ValueError as exc:
        raise InvalidInput("error-date-bad-date") from exc
    return day


def parse_day_range(text: str | None, *, today: date) -> tuple[date, date]:
    parts = _SPLIT_RE.split((text or "").strip(), maxsplit=1)
    if len(parts) != 2:
        raise InvalidInput("consult-error-range")
    first = parse_day(parts[0], today=today)
    last = parse_day(parts[1], today=first)
    if last < first:
        raise InvalidInput("consult-error-range-order")
    return first, last


def parse_clock(text: str) -> time:
    match = _TIME_RE.match(text.strip())
    if match is None:
        raise InvalidInput("consult-error-window")
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError as exc:
        raise InvalidInput("error-date-bad-time") from exc


def parse_window(text: str | None) -> tuple[time, time]:
    parts = _SPLIT_RE.split((text or "").strip(), maxsplit=1)
    if len(parts) != 2:
        raise InvalidInput("consult-error-window")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if end <= start:
        raise InvalidInput("error-date-end-before-start")
    return start, end


def _check_length(minutes: int) -> None:
    if not SLOT_MIN_MINUTES <= minutes <= SLOT_MAX_MINUTES:
        raise InvalidInput("consult-error-length", low=SLOT_MIN_MINUTES, high=SLOT_MAX_MINUTES)


def _need_user(actor: Actor) -> int:
    if actor.user_id is None:
        raise NeedsOnboarding()
    return actor.user_id


def _need_psychologist(actor: Actor) -> int:
    user_id = _need_user(actor)
    if not actor.has(Role.PSYCHOLOGIST):
        raise AccessDenied()
    return user_id


def _need_booker(actor: Actor) -> int:
    user_id = _need_user(actor)
    if not actor.has(*BOOKERS):
        raise AccessDenied("consult-error-not-booker")
    return user_id


async def take_slot(session: AsyncSession, slot_id: int) -> bool:
    """The guard: only the transaction whose UPDATE still finds the slot free gets it."""
    taken = await session.execute(
        update(ConsultSlot)
        .where(ConsultSlot.id == slot_id, ConsultSlot.status == SlotStatus.FREE.value)
        .values(status=SlotStatus.BOOKED.value)
        .execution_options(synchronize_session=False)
    )
    return getattr(taken, "rowcount", 0) == 1


def can_see_details(actor: Actor, booking: ConsultBooking) -> bool:
    if actor.is_admin:
        return True
    if actor.user_id is None:
        return False
    if actor.user_id == booking.user_id:
        return True
    return actor.has(Role.PSYCHOLOGIST) and actor.user_id == booking.psychologist_id


class ConsultationService:
    def __init__(
        self, session: AsyncSession, policy: Policy, clock: Clock, outbox: OutboxService
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.outbox = outbox

    def _local_when(self, moment: datetime) -> str:
        return moment.astimezone(self.policy.timezone).strftime("%d.%m.%Y %H:%M")

    # ---- views ----------------------------------------------------------

    async def _names(self, ids: set[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(User.id, User.full_name).where(User.id.in_(wanted))
        )
        return {row.id: row.full_name or "—" for row in rows}

    def _slot_view(self, slot: ConsultSlot, names: dict[int, str]) -> SlotView:
        return SlotView(
            id=slot.id,
            psychologist_id=slot.psychologist_id,
            psychologist_name=names.get(slot.psychologist_id, "—"),
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            format=SlotFormat(slot.format),
            place=slot.place,
            status=SlotStatus(slot.status),
        )

    async def _booking_view(
        self, actor: Actor, booking: ConsultBooking, slot: ConsultSlot
    ) -> BookingView:
        if not can_see_details(actor, booking):
            raise AccessDenied()
        names = await self._names({slot.psychologist_id, booking.user_id})
        booker_tg = None
        if booking.user_id is not None:
            booker_tg = await self.session.scalar(
                select(User.telegram_id).where(User.id == booking.user_id)
            )
        is_psychologist = actor.user_id == booking.psychologist_id
        notice = timedelta(hours=self.policy.consult.cancel_notice_hours)
        return BookingView(
            id=booking.id,
            slot=self._slot_view(slot, names),
            status=BookingStatus(booking.status),
            topic=ConsultTopic(booking.topic),
            child_grade=booking.child_grade,
            contact=Contact(booking.contact),
            phone=booking.phone,
            comment=booking.comment,
            note=booking.note if is_psychologist else None,
            booker_name=names.get(booking.user_id) if booking.user_id else None,
            booker_telegram_id=booker_tg,
            can_cancel=booking.status == BookingStatus.BOOKED
            and booking.starts_at - notice > self.clock(),
        )

    async def booking(self, actor: Actor, booking_id: int) -> BookingView:
        """The booking's details, or AccessDenied for anyone but the booking person, the
        slot's psychologist and admins (methodists see counts in the report only)."""
        booking, slot = await self._booking_and_slot(booking_id)
        return await self._booking_view(actor, booking, slot)

    # ---- psychologists: slots -------------------------------------------

    async def _overlaps(
        self, psychologist_id: int, starts_at: datetime, ends_at: datetime
    ) -> ConsultSlot | None:
        return (
            await self.session.scalars(
                select(ConsultSlot)
                .where(
                    ConsultSlot.psychologist_id == psychologist_id,
                    ConsultSlot.status != SlotStatus.REMOVED.value,
                    ConsultSlot.starts_at < ends_at,
                    ConsultSlot.ends_at > starts_at,
                )
                .limit(1)
            )
        ).first()

    async def add_slot(
        self,
        actor: Actor,
        starts_at: datetime,
        minutes: int,
        fmt: SlotFormat,
        place: str,
    ) -> SlotView:
        user_id = _need_psychologist(actor)
        _check_length(minutes)
        place = (place or "").strip()
        if len(place) > PLACE_MAX:
            raise InvalidInput("consult-error-place-long", limit=PLACE_MAX)
        if starts_at <= self.clock():
            raise InvalidInput("error-date-past")
        ends_at = starts_at + timedelta(minutes=minutes)
        await begin_write(self.session)
        clash = await self._overlaps(user_id, starts_at, ends_at)
        if clash is not None:
            error = Conflict(
                "consult-error-overlap",
                start=self._local_when(clash.starts_at),
                end=clash.ends_at.astimezone(self.policy.timezone).strftime("%H:%M"),
            )
            await self.session.rollback()
            raise error
        slot = ConsultSlot(
            psychologist_id=user_id,
            starts_at=starts_at,
            ends_at=ends_at,
            format=fmt.value,
            place=place,
            status=SlotStatus.FREE.value,
            created_by=user_id,
        )
        self.session.add(slot)
        await self.session.flush()
        await self._tell_waiters(user_id)
        await self.session.commit()
        log.info("consult slot %s added by user %s", slot.id, user_id)
        names = await self._names({user_id})
        return self._slot_view(slot, names)

    async def add_pattern(
        self,
        actor: Actor,
        first_day: date,
        last_day: date,
        weekdays: frozenset[int],
        window_start: time,
        window_end: time,
        length_minutes: int,
        break_minutes: int,
        fmt: SlotFormat,
        place: str,
    ) -> PatternResult:
        """Creates the pattern's slots; periods in the past or overlapping an existing slot are
        skipped and counted, so the psychologist sees what was not added."""
        user_id = _need_psychologist(actor)
        place = (place or "").strip()
        if len(place) > PLACE_MAX:
            raise InvalidInput("consult-error-place-long", limit=PLACE_MAX)
        periods = pattern_times(
            first_day,
            last_day,
            weekdays,
            window_start,
            window_end,
            length_minutes,
            break_minutes,
            self.policy.timezone,
        )
        now = self.clock()
        await begin_write(self.session)
        created = skipped = 0
        for starts_at, ends_at in periods:
            if starts_at <= now or await self._overlaps(user_id, starts_at, ends_at):
                skipped += 1
                continue
            self.session.add(
                ConsultSlot(
                    psychologist_id=user_id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    format=fmt.value,
                    place=place,
                    status=SlotStatus.FREE.value,
                    created_by=user_id,
                )
            )
            await self.session.flush()
            created += 1
        if created:
            await self._tell_waiters(user_id)
        await self.session.commit()
        log.info("consult pattern by user %s: %s created, %s skipped", user_id, created, skipped)
        return PatternResult(created, skipped)

    async def my_slots(self, actor: Actor, limit: int = 40) -> list[SlotView]:
        user_id = _need_psychologist(actor)
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.psychologist_id == user_id,
                ConsultSlot.status != SlotStatus.REMOVED.value,
                ConsultSlot.ends_at > self.clock(),
            )
            .order_by(ConsultSlot.starts_at)
            .limit(limit)
        )
        names = await self._names({user_id})
        return [self._slot_view(slot, names) for slot in rows]

    async def _drop_slots(self, *where: ColumnElement[bool]) -> int:
        """Deletes the matching slots, except one a cancelled booking still refers to: that one
        is marked removed instead, so the cancellation stays in the report."""
        referred = (
            select(ConsultBooking.id).where(ConsultBooking.slot_id == ConsultSlot.id).exists()
        )
        kept = await self.session.execute(
            update(ConsultSlot)
            .where(*where, referred)
            .values(status=SlotStatus.REMOVED.value)
            .execution_options(synchronize_session=False)
        )
        gone = await self.session.execute(
            delete(ConsultSlot)
            .where(*where, ~referred)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(kept, "rowcount", 0) or 0) + int(getattr(gone, "rowcount", 0) or 0)

    async def remove_slot(self, actor: Actor, slot_id: int) -> None:
        """Removes a free or blocked slot of one's own; a booked slot stays (the person must
        be told, so the booking is cancelled from the day's schedule first)."""
        user_id = _need_psychologist(actor)
        await begin_write(self.session)
        slot = await self.session.get(ConsultSlot, slot_id)
        if slot is None or slot.status == SlotStatus.REMOVED.value:
            await self.session.rollback()
            raise NotFound()
        if slot.psychologist_id != user_id:
            await self.session.rollback()
            raise AccessDenied()
        dropped = await self._drop_slots(
            ConsultSlot.id == slot_id,
            ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BLOCKED.value]),
        )
        if not dropped:
            await self.session.rollback()
            raise Conflict("consult-error-slot-booked")
        await self.session.commit()

    def _day_bounds(self, day: date) -> tuple[datetime, datetime]:
        zone = self.policy.timezone
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        return start, end

    async def _cancellable_on_day(
        self, psychologist_id: int, day: date
    ) -> list[tuple[ConsultBooking, ConsultSlot]]:
        """The psychologist's bookings of the day that are still booked and not started."""
        start, end = self._day_bounds(day)
        rows = await self.session.execute(
            select(ConsultBooking, ConsultSlot)
            .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
            .where(
                ConsultSlot.psychologist_id == psychologist_id,
                ConsultBooking.status == BookingStatus.BOOKED.value,
                ConsultBooking.starts_at >= start,
                ConsultBooking.starts_at < end,
                ConsultBooking.starts_at > self.clock(),
            )
            .order_by(ConsultBooking.starts_at)
        )
        return [(booking, slot) for booking, slot in rows.all()]

    async def block_day(self, actor: Actor, day: date) -> DayOff:
        """Takes a day off: its free slots go, a blocked slot covers the day so no new slot is
        added by mistake. Returns the bookings still ahead that day: the psychologist decides
        whether to cancel them (`cancel_day_by_psychologist`)."""
        user_id = _need_psychologist(actor)
        start, end = self._day_bounds(day)
        if end <= self.clock():
            raise InvalidInput("error-date-past")
        await begin_write(self.session)
        await self._drop_slots(
            ConsultSlot.psychologist_id == user_id,
            ConsultSlot.starts_at < end,
            ConsultSlot.ends_at > start,
            ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BLOCKED.value]),
        )
        self.session.add(
            ConsultSlot(
                psychologist_id=user_id,
                starts_at=start,
                ends_at=end,
                format=SlotFormat.IN_PERSON.value,
                place="",
                status=SlotStatus.BLOCKED.value,
                created_by=user_id,
            )
        )
        await self.session.commit()
        log.info("consult day off %s by user %s", day.isoformat(), user_id)
        rows = await self._cancellable_on_day(user_id, day)
        return DayOff(day, [await self._booking_view(actor, b, s) for b, s in rows])

    # ---- psychologists: the day -----------------------------------------

    async def day_schedule(self, actor: Actor, day: date) -> DaySchedule:
        user_id = _need_psychologist(actor)
        start, end = self._day_bounds(day)
        slots = list(
            await self.session.scalars(
                select(ConsultSlot)
                .where(
                    ConsultSlot.psychologist_id == user_id,
                    ConsultSlot.starts_at >= start,
                    ConsultSlot.starts_at < end,
                    ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BOOKED.value]),
                )
                .order_by(ConsultSlot.starts_at)
            )
        )
        bookings = {
            b.slot_id: b
            for b in await self.session.scalars(
                select(ConsultBooking).where(
                    ConsultBooking.slot_id.in_([s.id for s in slots]),
                    ConsultBooking.status != BookingStatus.CANCELLED.value,
                )
            )
        }
        names = await self._names({user_id})
        result: list[tuple[SlotView, BookingView | None]] = []
        for slot in slots:
            booking = bookings.get(slot.id)
            view = await self._booking_view(actor, booking, slot) if booking else None
            result.append((self._slot_view(slot, names), view))
        return DaySchedule(day, result)

    async def _own_booking(self, actor: Actor, booking_id: int) -> ConsultBooking:
        user_id = _need_psychologist(actor)
        booking = await self.session.get(ConsultBooking, booking_id)
        if booking is None:
            raise NotFound()
        if booking.psychologist_id != user_id:
            raise AccessDenied()
        return booking

    async def mark_outcome(self, actor: Actor, booking_id: int, outcome: Outcome) -> None:
        await begin_write(self.session)
        try:
            booking = await self._own_booking(actor, booking_id)
            if booking.status not in (
                BookingStatus.BOOKED.value,
                BookingStatus.DONE.value,
                BookingStatus.NO_SHOW.value,
            ):
                raise Conflict("consult-error-not-active")
            if booking.starts_at > self.clock():
                raise Conflict("consult-error-not-started")
        except Exception:
            await self.session.rollback()
            raise
        booking.status = outcome.value
        booking.outcome_at = self.clock()
        await self.outbox.cancel(booking_ref(booking.id))
        await self.session.commit()

    async def set_note(self, actor: Actor, booking_id: int, note: str) -> None:
        note = (note or "").strip()
        if not note:
            raise InvalidInput("consult-error-note-empty")
        if len(note) > NOTE_MAX:
            raise InvalidInput("consult-error-note-long", limit=NOTE_MAX)
        await begin_write(self.session)
        try:
            booking = await self._own_booking(actor, booking_id)
        except Exception:
            await self.session.rollback()
            raise
        booking.note = note
        await self.session.commit()

    # ---- psychologists: cancelling a booking ----------------------------

    def _check_psy_cancellable(
        self, actor: Actor, booking: ConsultBooking, slot: ConsultSlot
    ) -> None:
        own = (
            actor.user_id is not None
            and actor.has(Role.PSYCHOLOGIST)
            and actor.user_id == slot.psychologist_id
        )
        if not (own or actor.is_admin):
            raise AccessDenied()
        if booking.status == BookingStatus.CANCELLED.value:
            raise Conflict("consult-error-already-cancelled")
        if booking.status != BookingStatus.BOOKED.value:
            raise Conflict("consult-error-outcome-marked")
        if booking.starts_at <= self.clock():
            raise Conflict("consult-error-psy-cancel-past")

    async def _booking_and_slot(self, booking_id: int) -> tuple[ConsultBooking, ConsultSlot]:
        row = (
            await self.session.execute(
                select(ConsultBooking, ConsultSlot)
                .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
                .where(ConsultBooking.id == booking_id)
            )
        ).first()
        if row is None:
            raise NotFound()
        return row[0], row[1]

    async def check_psy_cancellable(self, actor: Actor, booking_id: int) -> BookingView:
        """For the confirmation step: refuses at once what `cancel_by_psychologist` would."""
        booking, slot = await self._booking_and_slot(booking_id)
        self._check_psy_cancellable(actor, booking, slot)
        return await self._booking_view(actor, booking, slot)

    async def _in_day_off(self, slot: ConsultSlot) -> bool:
        blocked = await self.session.scalar(
            select(ConsultSlot.id)
            .where(
                ConsultSlot.psychologist_id == slot.psychologist_id,
                ConsultSlot.status == SlotStatus.BLOCKED.value,
                ConsultSlot.starts_at < slot.ends_at,
                ConsultSlot.ends_at > slot.starts_at,
            )
            .limit(1)
        )
        return blocked is not None

    async def _psy_release(
        self, booking: ConsultBooking, slot: ConsultSlot, reason: str | None
    ) -> bool:
        """Cancels one checked booking on the psychologist's side, in the caller's write
        transaction; True when the slot became free again (False: removed, a day off)."""
        now = self.clock()
        # The booking's own guard: the person may be cancelling the same booking right now.
        taken = await self.session.execute(
            update(ConsultBooking)
            .where(
                ConsultBooking.id == booking.id,
                ConsultBooking.status == BookingStatus.BOOKED.value,
            )
            .values(
                status=BookingStatus.CANCELLED.value,
                cancelled_at=now,
                cancelled_by=CancelledBy.PSYCHOLOGIST.value,
            )
        )
        if getattr(taken, "rowcount", 0) != 1:
            raise Conflict("consult-error-already-cancelled")
        await self.outbox.cancel(booking_ref(booking.id), kinds=["consult_reminder"])
        day_off = await self._in_day_off(slot)
        await self.session.execute(
            update(ConsultSlot)
            .where(ConsultSlot.id == slot.id, ConsultSlot.status == SlotStatus.BOOKED.value)
            .values(status=(SlotStatus.REMOVED if day_off else SlotStatus.FREE).value)
            .execution_options(synchronize_session=False)
        )
        names = await self._names({slot.psychologist_id})
        if booking.user_id is not None:
            args = {"when": self._local_when(booking.starts_at)}
            args["name"] = names.get(slot.psychologist_id, "—")
            if reason:
                args["reason"] = reason
            self.outbox.enqueue(
                user_id=booking.user_id,
                kind="consult_notice",
                template="consult-notice-psy-cancelled-reason"
                if reason
                else "consult-notice-psy-cancelled",
                args=args,
                ref=booking_ref(booking.id),
                priority=Priority.NOTICE,
                # Held back by quiet hours, the notice must still come an hour before the start.
                urgent=booking.starts_at - timedelta(hours=1)
                <= quiet_hours_end_after(now, self.policy),
                buttons=[
                    [Button("consult-btn-rebook", "consult_open", {"psy": slot.psychologist_id})]
                ],
            )
        if not day_off:
            low, high = self._window()
            # A waiting person is taken off the list when told, so only of a bookable slot.
            if low <= slot.starts_at <= high:
                await self._tell_waiters(slot.psychologist_id)
        return not day_off

    async def cancel_by_psychologist(
        self, actor: Actor, booking_id: int, reason: str | None = None
    ) -> PsyCancelResult:
        """The slot's psychologist (or an admin) cancels a booking that has not started: the
        person is told (with the reason, if given) and offered another time, the reminders
        go, the slot is freed, or removed when it lies in a day off."""
        text = clean_reason(reason)
        await begin_write(self.session)
        try:
            booking, slot = await self._booking_and_slot(booking_id)
            self._check_psy_cancellable(actor, booking, slot)
            freed = await self._psy_release(booking, slot, text)
            await self.session.commit()
        except Exception:
            await self.session.rollback()
            raise
        log.info(
            "consult booking %s cancelled by staff user %s (slot %s)",
            booking_id,
            actor.user_id,
            slot.id,
        )
        return PsyCancelResult(booking_id, freed)

    async def cancel_day_by_psychologist(
        self, actor: Actor, day: date, reason: str | None = None
    ) -> int:
        """Cancels all of the psychologist's bookings of the day still ahead, in one
        transaction, each as `cancel_by_psychologist` would; returns how many."""
        user_id = _need_psychologist(actor)
        text = clean_reason(reason)
        await begin_write(self.session)
        try:
            rows = await self._cancellable_on_day(user_id, day)
            for booking, slot in rows:
                self._check_psy_cancellable(actor, booking, slot)
                await self._psy_release(booking, slot, text)
            await self.session.commit()
        except Exception:
            await self.session.rollback()
            raise
        log.info(
            "consult day %s: %s bookings cancelled by user %s", day.isoformat(), len(rows), user_id
        )
        return len(rows)

    # ---- bookers --------------------------------------------------------

    def _window(self) -> tuple[datetime, datetime]:
        now = self.clock()
        rules = self.policy.consult
        return (
            now + timedelta(hours=rules.min_notice_hours),
            now + timedelta(days=rules.horizon_days),
        )

    def _free_where(self, psychologist_id: int | None) -> list[object]:
        low, high = self._window()
        conditions: list[object] = [
            ConsultSlot.status == SlotStatus.FREE.value,
            ConsultSlot.starts_at >= low,
            ConsultSlot.starts_at <= high,
        ]
        if psychologist_id:
            conditions.append(ConsultSlot.psychologist_id == psychologist_id)
        return conditions

    async def psychologists(self, actor: Actor) -> list[Psychologist]:
        _need_booker(actor)
        free = dict(
            (
                await self.session.execute(
                    select(ConsultSlot.psychologist_id, func.count())
                    .where(*self._free_where(None))  # type: ignore[arg-type]
                    .group_by(ConsultSlot.psychologist_id)
                )
            ).all()
        )
        rows = await self.session.execute(
            select(User.id, User.full_name)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role == Role.PSYCHOLOGIST.value, User.forgotten_at.is_(None))
            .order_by(User.full_name)
        )
        return [Psychologist(r.id, r.full_name or "—", int(free.get(r.id, 0))) for r in rows]

    async def free_days(self, actor: Actor, psychologist_id: int | None) -> list[tuple[date, int]]:
        _need_booker(actor)
        starts = await self.session.scalars(
            select(ConsultSlot.starts_at).where(*self._free_where(psychologist_id))  # type: ignore[arg-type]
        )
        counts: dict[date, int] = {}
        for moment in starts:
            day = moment.astimezone(self.policy.timezone).date()
            counts[day] = counts.get(day, 0) + 1
        return sorted(counts.items())

    async def free_slots(
        self, actor: Actor, psychologist_id: int | None, day: date
    ) -> list[SlotView]:
        _need_booker(actor)
        zone = self.policy.timezone
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        slots = list(
            await self.session.scalars(
                select(ConsultSlot)
                .where(
                    *self._free_where(psychologist_id),  # type: ignore[arg-type]
                    ConsultSlot.starts_at >= start,
                    ConsultSlot.starts_at < end,
                )
                .order_by(ConsultSlot.starts_at, ConsultSlot.psychologist_id)
            )
        )
        names = await self._names({s.psychologist_id for s in slots})
        return [self._slot_view(slot, names) for slot in slots]

    async def slot(self, actor: Actor, slot_id: int) -> SlotView:
        _need_booker(actor)
        slot = await self.session.get(ConsultSlot, slot_id)
        if slot is None:
            raise NotFound()
        names = await self._names({slot.psychologist_id})
        return self._slot_view(slot, names)

    def _check_form(self, actor: Actor, form: BookingForm) -> BookingForm:
        comment = (form.comment or "").strip() or None
        if comment is not None and len(comment) > COMMENT_MAX:
            raise InvalidInput("consult-error-comment-long", limit=COMMENT_MAX)
        phone = validate_phone(form.phone) if form.contact == Contact.PHONE else None
        grade = form.child_grade
        if grade is not None and not 0 <= grade <= 11:
            raise InvalidInput("consult-error-grade")
        return BookingForm(form.topic, form.contact, grade, phone, comment)

    async def book(
        self,
        actor: Actor,
        slot_id: int,
        form: BookingForm,
        *,
        replacing: int | None = None,
    ) -> BookingView:
        """Books the slot for the person, or raises Conflict when someone else was first.
        With `replacing`, the old booking is cancelled in the same transaction (reschedule)."""
        user_id = _need_booker(actor)
        form = self._check_form(actor, form)
        low, high = self._window()
        rules = self.policy.consult
        await begin_write(self.session)
        try:
            slot = await self.session.get(ConsultSlot, slot_id)
            if slot is None:
                raise NotFound()
            if slot.starts_at < low:
                raise Conflict("consult-error-too-soon", hours=rules.min_notice_hours)
            if slot.starts_at > high:
                raise Conflict("consult-error-too-far", days=rules.horizon_days)
            old: ConsultBooking | None = None
            if replacing is not None:
                old = await self._locked_booking(replacing)
                if old is None or old.user_id != user_id:
                    raise AccessDenied()
                self._check_cancellable(old)
            active = int(
                await self.session.scalar(
                    select(func.count())
                    .select_from(ConsultBooking)
                    .where(
                        ConsultBooking.user_id == user_id,
                        ConsultBooking.status == BookingStatus.BOOKED.value,
                        ConsultBooking.starts_at > self.clock(),
                    )
                )
                or 0
            )
            if old is not None:
                active -= 1
            if active >= rules.max_active:
                raise Conflict("consult-error-limit", limit=rules.max_active)
            if not await take_slot(self.session, slot_id):
                raise Conflict("consult-error-slot-taken")
            booking = ConsultBooking(
                slot_id=slot_id,
                user_id=user_id,
                psychologist_id=slot.psychologist_id,
                starts_at=slot.starts_at,
                topic=form.topic.value,
                child_grade=form.child_grade,
                contact=form.contact.value,
                phone=form.phone,
                comment=form.comment,
                status=BookingStatus.BOOKED.value,
            )
            self.session.add(booking)
            await self.session.flush()
            if old is not None:
                await self._release(
                    old, notify_psychologist=old.psychologist_id != slot.psychologist_id
                )
            await self._schedule(booking, slot)
            names = await self._names({slot.psychologist_id, user_id})
            self.outbox.enqueue(
                user_id=slot.psychologist_id,
                kind="consult_notice",
                template="consult-notice-rescheduled" if old else "consult-notice-booked",
                args={
                    "when": self._local_when(slot.starts_at),
                    "name": names.get(user_id, "—"),
                    "topic": form.topic.value,
                },
                ref=booking_ref(booking.id),
                priority=Priority.NOTICE,
            )
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise Conflict("consult-error-slot-taken") from exc
        except Exception:
            await self.session.rollback()
            raise
        log.info("consult booking %s: slot %s by user %s", booking.id, slot_id, user_id)
        await self.session.refresh(slot)
        return await self._booking_view(actor, booking, slot)

    async def _schedule(self, booking: ConsultBooking, slot: ConsultSlot) -> None:
        params = {"booking_id": booking.id}
        buttons = [
            [
                Button("consult-btn-cancel", "consult_cancel", params),
                Button("consult-btn-reschedule", "consult_reschedule", params),
            ]
        ]
        offsets = self.policy.reminder_offsets_hours
        assert booking.user_id is not None
        self.outbox.schedule_reminders(
            user_id=booking.user_id,
            ref=booking_ref(booking.id),
            starts_at=slot.starts_at,
            offsets_hours=offsets,
            template="consult-reminder",
            args={"when": self._local_when(slot.starts_at), "place": slot.place},
            buttons_for=dict.fromkeys(offsets, buttons),
            kind="consult_reminder",
        )

    async def _locked_booking(self, booking_id: int) -> ConsultBooking | None:
        """The booking, re-read under a row lock: on PostgreSQL a person's cancel and the
        psychologist's cancel of the same booking then run one after the other, and the second
        sees the first's status instead of cancelling (and notifying) a second time."""
        return await self.session.scalar(
            select(ConsultBooking)
            .where(ConsultBooking.id == booking_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )

    def _check_cancellable(self, booking: ConsultBooking) -> None:
        if booking.status != BookingStatus.BOOKED.value:
            raise Conflict("consult-error-not-active")
        notice = timedelta(hours=self.policy.consult.cancel_notice_hours)
        if booking.starts_at - notice <= self.clock():
            raise Conflict(
                "consult-error-late-cancel", hours=self.policy.consult.cancel_notice_hours
            )

    async def _release(self, booking: ConsultBooking, *, notify_psychologist: bool) -> None:
        booking.status = BookingStatus.CANCELLED.value
        booking.cancelled_at = self.clock()
        booking.cancelled_by = CancelledBy.PERSON.value
        await self.session.execute(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == booking.slot_id,
                ConsultSlot.status == SlotStatus.BOOKED.value,
            )
            .values(status=SlotStatus.FREE.value)
            .execution_options(synchronize_session=False)
        )
        await self.outbox.cancel(booking_ref(booking.id), kinds=["consult_reminder"])
        if notify_psychologist and booking.psychologist_id is not None:
            self.outbox.enqueue(
                user_id=booking.psychologist_id,
                kind="consult_notice",
                template="consult-notice-cancelled",
                args={"when": self._local_when(booking.starts_at)},
                ref=booking_ref(booking.id),
            )
        if booking.psychologist_id is not None:
            await self._tell_waiters(booking.psychologist_id)

    async def cancel(self, actor: Actor, booking_id: int) -> CancelResult:
        user_id = _need_user(actor)
        await begin_write(self.session)
        try:
            booking = await self._locked_booking(booking_id)
            if booking is None:
                raise NotFound()
            if booking.user_id != user_id:
                raise AccessDenied()
            names = await self._names({booking.psychologist_id})
            psychologist_name = names.get(booking.psychologist_id or 0, "—")
            try:
                self._check_cancellable(booking)
            except Conflict as exc:
                if exc.key != "consult-error-late-cancel":
                    raise
                await self.session.rollback()
                return CancelResult(booking_id, True, psychologist_name)
            await self._release(booking, notify_psychologist=True)
            await self.session.commit()
        except Exception:
            await self.session.rollback()
            raise
        log.info("consult booking %s cancelled by user %s", booking_id, user_id)
        return CancelResult(booking_id, False, psychologist_name)

    async def own_active_booking(self, actor: Actor, booking_id: int) -> BookingView:
        """The person's own booking that is still active, for the cancel and reschedule
        screens: a psychologist or admin who may see it is still not the one to cancel or move
        it from there (the psychologist cancels from the day's schedule)."""
        user_id = _need_user(actor)
        booking = await self.session.get(ConsultBooking, booking_id)
        if booking is None:
            raise NotFound()
        if booking.user_id != user_id:
            raise AccessDenied()
        if booking.status != BookingStatus.BOOKED.value:
            raise Conflict("consult-error-not-active")
        return await self.booking(actor, booking_id)

    async def check_reschedulable(self, actor: Actor, booking_id: int) -> BookingView:
        user_id = _need_booker(actor)
        booking = await self.session.get(ConsultBooking, booking_id)
        if booking is None:
            raise NotFound()
        if booking.user_id != user_id:
            raise AccessDenied()
        self._check_cancellable(booking)
        return await self.booking(actor, booking_id)

    async def reschedule(self, actor: Actor, booking_id: int, slot_id: int) -> BookingView:
        """Moves the booking to another slot with the same form; the old slot is freed and
        its reminders cancelled in the same transaction."""
        old = await self.check_reschedulable(actor, booking_id)
        form = BookingForm(old.topic, old.contact, old.child_grade, old.phone, old.comment)
        return await self.book(actor, slot_id, form, replacing=booking_id)

    async def upcoming_bookings(self, actor: Actor) -> list[BookingView]:
        """The person's active bookings, soonest first (for /consult and /my)."""
        user_id = _need_user(actor)
        rows = await self.session.execute(
            select(ConsultBooking, ConsultSlot)
            .join(ConsultSlot, ConsultSlot.id == ConsultBooking.slot_id)
            .where(
                ConsultBooking.user_id == user_id,
                ConsultBooking.status == BookingStatus.BOOKED.value,
                ConsultBooking.starts_at > self.clock() - timedelta(hours=1),
            )
            .order_by(ConsultBooking.starts_at)
        )
        return [await self._booking_view(actor, b, s) for b, s in rows.all()]

    # ---- the waiting list -----------------------------------------------

    async def wait_for_slot(self, actor: Actor, psychologist_id: int | None) -> bool:
        """Adds the person to the waiting list; False when they were already on it."""
        user_id = _need_booker(actor)
        await begin_write(self.session)
        existing = await self.session.scalar(
            select(ConsultWaiter.id).where(
                ConsultWaiter.user_id == user_id,
                ConsultWaiter.psychologist_id.is_(None)
                if psychologist_id is None
                else ConsultWaiter.psychologist_id == psychologist_id,
            )
        )
        if existing is not None:
            await self.session.rollback()
            return False
        self.session.add(ConsultWaiter(user_id=user_id, psychologist_id=psychologist_id))
        await self.session.commit()
        return True

    async def _tell_waiters(self, psychologist_id: int) -> None:
        """Tells everyone waiting for this psychologist (or anyone) once, and takes them off
        the list: the row is deleted in the same transaction as the message is written."""
        waiters = list(
            await self.session.scalars(
                select(ConsultWaiter).where(
                    or_(
                        ConsultWaiter.psychologist_id == psychologist_id,
                        ConsultWaiter.psychologist_id.is_(None),
                    )
                )
            )
        )
        if not waiters:
            return
        names = await self._names({psychologist_id})
        for waiter in waiters:
            self.outbox.enqueue(
                user_id=waiter.user_id,
                kind="consult_notice",
                template="consult-slot-opened",
                args={"name": names.get(psychologist_id, "—")},
                buttons=[[Button("consult-btn-open", "consult_open", {"psy": psychologist_id})]],
            )
        await self.session.execute(
            delete(ConsultWaiter).where(ConsultWaiter.id.in_([w.id for w in waiters]))
        )

    async def report(self, actor: Actor, start: datetime, end: datetime) -> ConsultReport:
        # Imported here: the report module builds on this one's enums.
        from services.reports.consult_report import consult_report

        return await consult_report(self.session, actor, start, end)

    # ---- retention and forgetting ---------------------------------------

    async def purge_expired_comments(self, now: datetime | None = None) -> int:
        now = now or self.clock()
        border = now - timedelta(days=self.policy.consult.comment_retention_days)
        await begin_write(self.session)
        result = await self.session.execute(
            update(ConsultBooking)
            .where(
                ConsultBooking.starts_at < border,
                or_(ConsultBooking.comment.is_not(None), ConsultBooking.note.is_not(None)),
            )
            .values(comment=None, note=None, comment_purged_at=now)
            .execution_options(synchronize_session=False)
        )
        await self.session.commit()
        count = int(getattr(result, "rowcount", 0) or 0)
        log.info("consult retention purge: %s bookings cleared", count)
        return count


async def purge_expired_comments(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, now: datetime
) -> int:
    """The scheduler's entry point for the daily retention purge."""
    async with session_factory() as session:
        service = ConsultationService(
            session, policy, lambda: now, OutboxService(session, lambda: now)
        )
        return await service.purge_expired_comments(now)


async def forget_consultations(session: AsyncSession, user_id: int) -> None:
    """/forget: the person's bookings lose every personal field and their link to the person;
    the rows stay as anonymous counts. Waiting-list rows go, future bookings are cancelled and
    their slots freed (nobody would come). The psychologist's notices about these bookings
    carried the person's name; it is replaced there too, sent or not."""
    booking_ids = list(
        await session.scalars(select(ConsultBooking.id).where(ConsultBooking.user_id == user_id))
    )
    if booking_ids:
        notices = await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.ref_type == booking_ref(0)[0],
                OutboxMessage.ref_id.in_(booking_ids),
                OutboxMessage.user_id != user_id,
            )
        )
        for notice in notices:
            if "name" in (notice.args or {}):
                notice.args = {**notice.args, "name": "—"}
    future = select(ConsultBooking.slot_id).where(
        ConsultBooking.user_id == user_id,
        ConsultBooking.status == BookingStatus.BOOKED.value,
    )
    slot_ids = list(await session.scalars(future))
    if slot_ids:
        await session.execute(
            update(ConsultSlot)
            .where(ConsultSlot.id.in_(slot_ids), ConsultSlot.status == SlotStatus.BOOKED.value)
            .values(status=SlotStatus.FREE.value)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            update(ConsultBooking)
            .where(
                ConsultBooking.user_id == user_id,
                ConsultBooking.status == BookingStatus.BOOKED.value,
            )
            .values(status=BookingStatus.CANCELLED.value, cancelled_by=CancelledBy.PERSON.value)
            .execution_options(synchronize_session=False)
        )
    await session.execute(
        update(ConsultBooking)
        .where(ConsultBooking.user_id == user_id)
        .values(user_id=None, comment=None, child_grade=None, phone=None, note=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(delete(ConsultWaiter).where(ConsultWaiter.user_id == user_id))


# Demo psychologists receive on: (weekdays, window) over the next two weeks.
_DEMO_PATTERNS = (
    (frozenset({1, 3}), time(15, 0), time(18, 0), "Кабинет психолога, СШ № 1"),
    (frozenset({0, 2, 4}), time(10, 0), time(13, 0), "Звонок в Telegram"),
)


async def seed_demo_slots(
    session: AsyncSession, policy: Policy, clock: Clock, demo_telegram_below: int
) -> int:
    """Free slots for the demo psychologists over the next two weeks; a psychologist who has
    any slot already is left alone, so seeding twice adds nothing."""
    psychologists = list(
        await session.scalars(
            select(User.id)
            .join(UserRole, UserRole.user_id == User.id)
            .where(
                UserRole.role == Role.PSYCHOLOGIST.value,
                User.telegram_id < demo_telegram_below,
            )
            .order_by(User.id)
        )
    )
    now = clock()
    today = now.astimezone(policy.timezone).date()
    created = 0
    for index, user_id in enumerate(psychologists):
        if await session.scalar(
            select(ConsultSlot.id).where(ConsultSlot.psychologist_id == user_id).limit(1)
        ):
            continue
        weekdays, start, end, place = _DEMO_PATTERNS[index % len(_DEMO_PATTERNS)]
        fmt = SlotFormat.IN_PERSON if index % 2 == 0 else SlotFormat.ONLINE
        periods = pattern_times(
            today + timedelta(days=1),
            today + timedelta(days=14),
            weekdays,
            start,
            end,
            45,
            15,
            policy.timezone,
        )
        for starts_at, ends_at in periods:
            session.add(
                ConsultSlot(
                    psychologist_id=user_id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    format=fmt.value,
                    place=place,
                    status=SlotStatus.FREE.value,
                    created_by=user_id,
                )
            )
            created += 1
    await session.flush()
    return created
