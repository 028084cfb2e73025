"""The consultations as handlers see them (`svc.consultations`): one method per action, each
handing over to the module of its part of the feature."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from services.consultations import (
    booking,
    changes,
    day,
    privacy,
    retention,
    slots,
    waiting,
)
from services.consultations.common import ConsultContext
from services.consultations.types import (
    BookingForm,
    BookingView,
    CancelResult,
    DayOff,
    DaySchedule,
    PatternResult,
    PsyCancelResult,
    Psychologist,
    SlotFormat,
    SlotView,
    VisitOutcome,
)
from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService


class ConsultationService:
    def __init__(
        self, session: AsyncSession, policy: Policy, clock: Clock, outbox: OutboxService
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.outbox = outbox
        self.ctx = ConsultContext(session, policy, clock, outbox)

    # ---- who sees a booking ---------------------------------------------

    async def booking(self, actor: Actor, booking_id: int) -> BookingView:
        return await privacy.booking(self.ctx, actor, booking_id)

    # ---- psychologists: slots -------------------------------------------

    async def add_slot(
        self, actor: Actor, starts_at: datetime, minutes: int, fmt: SlotFormat, place: str
    ) -> SlotView:
        return await slots.add_slot(self.ctx, actor, starts_at, minutes, fmt, place)

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
        pattern = slots.WeeklyPattern(
            first_day, last_day, weekdays, window_start, window_end, length_minutes, break_minutes
        )
        return await slots.add_pattern(self.ctx, actor, pattern, fmt, place)

    async def my_slots(self, actor: Actor, limit: int = 40) -> list[SlotView]:
        return await slots.my_slots(self.ctx, actor, limit)

    async def remove_slot(self, actor: Actor, slot_id: int) -> None:
        await slots.remove_slot(self.ctx, actor, slot_id)

    async def block_day(self, actor: Actor, day_off: date) -> DayOff:
        return await slots.block_day(self.ctx, actor, day_off)

    # ---- psychologists: the day -----------------------------------------

    async def day_schedule(self, actor: Actor, on: date) -> DaySchedule:
        return await day.day_schedule(self.ctx, actor, on)

    async def mark_outcome(self, actor: Actor, booking_id: int, outcome: VisitOutcome) -> None:
        await day.mark_outcome(self.ctx, actor, booking_id, outcome)

    async def set_note(self, actor: Actor, booking_id: int, note: str) -> None:
        await day.set_note(self.ctx, actor, booking_id, note)

    async def check_psy_cancellable(self, actor: Actor, booking_id: int) -> BookingView:
        return await day.check_psy_cancellable(self.ctx, actor, booking_id)

    async def cancel_by_psychologist(
        self, actor: Actor, booking_id: int, reason: str | None = None
    ) -> PsyCancelResult:
        return await day.cancel_by_psychologist(self.ctx, actor, booking_id, reason)

    async def cancel_day_by_psychologist(
        self, actor: Actor, on: date, reason: str | None = None
    ) -> int:
        return await day.cancel_day_by_psychologist(self.ctx, actor, on, reason)

    # ---- bookers --------------------------------------------------------

    async def psychologists(self, actor: Actor) -> list[Psychologist]:
        return await booking.psychologists(self.ctx, actor)

    async def free_days(self, actor: Actor, psychologist_id: int | None) -> list[tuple[date, int]]:
        return await booking.free_days(self.ctx, actor, psychologist_id)

    async def free_slots(
        self, actor: Actor, psychologist_id: int | None, on: date
    ) -> list[SlotView]:
        return await booking.free_slots(self.ctx, actor, psychologist_id, on)

    async def slot(self, actor: Actor, slot_id: int) -> SlotView:
        return await booking.slot(self.ctx, actor, slot_id)

    async def profile_grade(self, actor: Actor) -> int | None:
        return await booking.profile_grade(self.ctx, actor)

    async def book(self, actor: Actor, slot_id: int, form: BookingForm) -> BookingView:
        return await booking.book(self.ctx, actor, slot_id, form)

    async def cancel(self, actor: Actor, booking_id: int) -> CancelResult:
        return await changes.cancel(self.ctx, actor, booking_id)

    async def own_active_booking(self, actor: Actor, booking_id: int) -> BookingView:
        return await changes.own_active_booking(self.ctx, actor, booking_id)

    async def check_reschedulable(self, actor: Actor, booking_id: int) -> BookingView:
        return await changes.check_reschedulable(self.ctx, actor, booking_id)

    async def reschedule(self, actor: Actor, booking_id: int, slot_id: int) -> BookingView:
        return await changes.reschedule(self.ctx, actor, booking_id, slot_id)

    async def upcoming_bookings(self, actor: Actor) -> list[BookingView]:
        return await changes.upcoming_bookings(self.ctx, actor)

    async def wait_for_slot(self, actor: Actor, psychologist_id: int | None) -> bool:
        return await waiting.wait_for_slot(self.ctx, actor, psychologist_id)

    # ---- retention ------------------------------------------------------

    async def purge_expired_comments(self, now: datetime | None = None) -> int:
        return await retention.purge_comments(self.ctx, now)
