"""What every part of the feature shares: the session, policy, clock and outbox of one update,
and the few reads all of them make (names, slot views, a day's bounds, the booking window)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsultSlot, User
from services.consultations.types import SlotFormat, SlotStatus, SlotView
from services.context import Clock, Policy
from services.delivery.outbox import Button, OutboxService


@dataclass(frozen=True, slots=True)
class ConsultContext:
    session: AsyncSession
    policy: Policy
    clock: Clock
    outbox: OutboxService

    def local_when(self, moment: datetime) -> str:
        return moment.astimezone(self.policy.timezone).strftime("%d.%m.%Y %H:%M")

    def day_button(self, moment: datetime) -> list[list[Button]]:
        """The psychologist's notice opens the booking's own day in /today, not today."""
        day = moment.astimezone(self.policy.timezone).date()
        return [[Button("consult-btn-open-day", "consult_day", {"day": day.toordinal()})]]

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The local day as a UTC period."""
        zone = self.policy.timezone
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        return start, end

    def booking_window(self) -> tuple[datetime, datetime]:
        """The earliest and latest start a person may book now."""
        now = self.clock()
        rules = self.policy.consult
        return (
            now + timedelta(hours=rules.min_notice_hours),
            now + timedelta(days=rules.horizon_days),
        )

    async def names(self, ids: set[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(User.id, User.full_name).where(User.id.in_(wanted))
        )
        return {row.id: row.full_name or "—" for row in rows}


def slot_view(slot: ConsultSlot, names: dict[int, str]) -> SlotView:
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
