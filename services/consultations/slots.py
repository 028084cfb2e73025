"""A psychologist's slots: one slot, a weekly pattern, removing a free slot, a day off."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import delete, select, update
from sqlalchemy.sql.elements import ColumnElement

from db.models import ConsultBooking, ConsultSlot
from db.tx import write_tx
from services.consultations.common import ConsultContext, slot_view
from services.consultations.day import cancellable_on_day
from services.consultations.privacy import booking_view
from services.consultations.rules import (
    PATTERN_MAX_DAYS,
    PATTERN_MAX_SLOTS,
    check_length,
    clean_place,
    need_psychologist,
)
from services.consultations.types import DayOff, PatternResult, SlotFormat, SlotStatus, SlotView
from services.consultations.waiting import tell_waiters
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput, NotFound

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WeeklyPattern:
    """On each chosen weekday (0 = Monday) from `first_day` to `last_day`, back-to-back slots
    of `length_minutes` with `break_minutes` between them inside the local window."""

    first_day: date
    last_day: date
    weekdays: frozenset[int]
    window_start: time
    window_end: time
    length_minutes: int
    break_minutes: int

    def check(self) -> None:
        if self.last_day < self.first_day:
            raise InvalidInput("consult-error-range-order")
        if (self.last_day - self.first_day).days > PATTERN_MAX_DAYS:
            raise InvalidInput("consult-error-range-long", days=PATTERN_MAX_DAYS)
        if not self.weekdays:
            raise InvalidInput("consult-error-no-weekdays")
        if self.window_end <= self.window_start:
            raise InvalidInput("error-date-end-before-start")
        check_length(self.length_minutes)
        if not 0 <= self.break_minutes <= 120:
            raise InvalidInput("consult-error-break")

    def periods_of(self, day: date, zone: tzinfo) -> list[tuple[datetime, datetime]]:
        length = timedelta(minutes=self.length_minutes)
        start = datetime.combine(day, self.window_start, tzinfo=zone)
        limit = datetime.combine(day, self.window_end, tzinfo=zone)
        result = []
        while start + length <= limit:
            end = start + length
            result.append((start.astimezone(UTC), end.astimezone(UTC)))
            start = end + timedelta(minutes=self.break_minutes)
        return result


def pattern_times(
    first_day: date,
    last_day: date,
    weekdays: frozenset[int],
    window_start: time,
    window_end: time,
    length_minutes: int,
    break_minutes: int,
    zone: tzinfo,
) -> list[tuple[datetime, datetime]]:
    """Slot periods (UTC) of a weekly pattern: on each chosen weekday (0 = Monday) of the
    range, back-to-back slots of `length` with `break` between them inside the local window."""
    pattern = WeeklyPattern(
        first_day, last_day, weekdays, window_start, window_end, length_minutes, break_minutes
    )
    pattern.check()
    result: list[tuple[datetime, datetime]] = []
    day = first_day
    while day <= last_day:
        if day.weekday() in weekdays:
            result += pattern.periods_of(day, zone)
        day += timedelta(days=1)
    if len(result) > PATTERN_MAX_SLOTS:
        raise InvalidInput("consult-error-too-many", limit=PATTERN_MAX_SLOTS)
    return result


def new_slot(
    psychologist_id: int, starts_at: datetime, ends_at: datetime, fmt: SlotFormat, place: str
) -> ConsultSlot:
    return ConsultSlot(
        psychologist_id=psychologist_id,
        starts_at=starts_at,
        ends_at=ends_at,
        format=fmt.value,
        place=place,
        status=SlotStatus.FREE.value,
        created_by=psychologist_id,
    )


async def overlapping(
    ctx: ConsultContext, psychologist_id: int, starts_at: datetime, ends_at: datetime
) -> ConsultSlot | None:
    return (
        await ctx.session.scalars(
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
    ctx: ConsultContext,
    actor: Actor,
    starts_at: datetime,
    minutes: int,
    fmt: SlotFormat,
    place: str,
) -> SlotView:
    user_id = need_psychologist(actor)
    check_length(minutes)
    place = clean_place(place)
    if starts_at <= ctx.clock():
        raise InvalidInput("error-date-past")
    ends_at = starts_at + timedelta(minutes=minutes)
    async with write_tx(ctx.session):
        clash = await overlapping(ctx, user_id, starts_at, ends_at)
        if clash is not None:
            raise Conflict(
                "consult-error-overlap",
                start=ctx.local_when(clash.starts_at),
                end=clash.ends_at.astimezone(ctx.policy.timezone).strftime("%H:%M"),
            )
        slot = new_slot(user_id, starts_at, ends_at, fmt, place)
        ctx.session.add(slot)
        await ctx.session.flush()
        await tell_waiters(ctx, user_id)
    log.info("consult slot %s added by user %s", slot.id, user_id)
    names = await ctx.names({user_id})
    return slot_view(slot, names)


async def add_pattern(
    ctx: ConsultContext,
    actor: Actor,
    pattern: WeeklyPattern,
    fmt: SlotFormat,
    place: str,
) -> PatternResult:
    """Creates the pattern's slots; periods in the past or overlapping an existing slot are
    skipped and counted, so the psychologist sees what was not added."""
    user_id = need_psychologist(actor)
    place = clean_place(place)
    periods = pattern_times(
        pattern.first_day,
        pattern.last_day,
        pattern.weekdays,
        pattern.window_start,
        pattern.window_end,
        pattern.length_minutes,
        pattern.break_minutes,
        ctx.policy.timezone,
    )
    now = ctx.clock()
    created = skipped = 0
    async with write_tx(ctx.session):
        for starts_at, ends_at in periods:
            if starts_at <= now or await overlapping(ctx, user_id, starts_at, ends_at):
                skipped += 1
                continue
            ctx.session.add(new_slot(user_id, starts_at, ends_at, fmt, place))
            await ctx.session.flush()
            created += 1
        if created:
            await tell_waiters(ctx, user_id)
    log.info("consult pattern by user %s: %s created, %s skipped", user_id, created, skipped)
    return PatternResult(created, skipped)


async def my_slots(ctx: ConsultContext, actor: Actor, limit: int = 40) -> list[SlotView]:
    user_id = need_psychologist(actor)
    rows = await ctx.session.scalars(
        select(ConsultSlot)
        .where(
            ConsultSlot.psychologist_id == user_id,
            ConsultSlot.status != SlotStatus.REMOVED.value,
            ConsultSlot.ends_at > ctx.clock(),
        )
        .order_by(ConsultSlot.starts_at)
        .limit(limit)
    )
    names = await ctx.names({user_id})
    return [slot_view(slot, names) for slot in rows]


async def drop_slots(ctx: ConsultContext, *where: ColumnElement[bool]) -> int:
    """Deletes the matching slots, except one a cancelled booking still refers to: that one
    is marked removed instead, so the cancellation stays in the report."""
    referred = select(ConsultBooking.id).where(ConsultBooking.slot_id == ConsultSlot.id).exists()
    kept = await ctx.session.execute(
        update(ConsultSlot)
        .where(*where, referred)
        .values(status=SlotStatus.REMOVED.value)
        .execution_options(synchronize_session=False)
    )
    gone = await ctx.session.execute(
        delete(ConsultSlot).where(*where, ~referred).execution_options(synchronize_session=False)
    )
    return int(getattr(kept, "rowcount", 0) or 0) + int(getattr(gone, "rowcount", 0) or 0)


async def remove_slot(ctx: ConsultContext, actor: Actor, slot_id: int) -> None:
    """Removes a free or blocked slot of one's own; a booked slot stays (the person must be
    told, so the booking is cancelled from the day's schedule first)."""
    user_id = need_psychologist(actor)
    async with write_tx(ctx.session):
        slot = await ctx.session.get(ConsultSlot, slot_id)
        if slot is None or slot.status == SlotStatus.REMOVED.value:
            raise NotFound()
        if slot.psychologist_id != user_id:
            raise AccessDenied()
        dropped = await drop_slots(
            ctx,
            ConsultSlot.id == slot_id,
            ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BLOCKED.value]),
        )
        if not dropped:
            raise Conflict("consult-error-slot-booked")


async def block_day(ctx: ConsultContext, actor: Actor, day: date) -> DayOff:
    """Takes a day off: its free slots go, a blocked slot covers the day so no new slot is
    added by mistake. Returns the bookings still ahead that day: the psychologist decides
    whether to cancel them (`cancel_day_by_psychologist`)."""
    user_id = need_psychologist(actor)
    start, end = ctx.day_bounds(day)
    if end <= ctx.clock():
        raise InvalidInput("error-date-past")
    async with write_tx(ctx.session):
        await drop_slots(
            ctx,
            ConsultSlot.psychologist_id == user_id,
            ConsultSlot.starts_at < end,
            ConsultSlot.ends_at > start,
            ConsultSlot.status.in_([SlotStatus.FREE.value, SlotStatus.BLOCKED.value]),
        )
        blocked = new_slot(user_id, start, end, SlotFormat.IN_PERSON, "")
        blocked.status = SlotStatus.BLOCKED.value
        ctx.session.add(blocked)
    log.info("consult day off %s by user %s", day.isoformat(), user_id)
    rows = await cancellable_on_day(ctx, user_id, day)
    return DayOff(day, [await booking_view(ctx, actor, b, s) for b, s in rows])
