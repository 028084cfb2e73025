"""Free slots for the demo psychologists (`python -m bot demo`)."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role
from db.models import ConsultSlot, User, UserRole
from services.consultations.slots import new_slot, pattern_times
from services.consultations.types import SlotFormat
from services.context import Clock, Policy

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
    today = clock().astimezone(policy.timezone).date()
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
            session.add(new_slot(user_id, starts_at, ends_at, fmt, place))
            created += 1
    await session.flush()
    return created
