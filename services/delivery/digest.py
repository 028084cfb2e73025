"""The daily staff digest: one message per methodist and admin per local day, with the last
24 hours' new people, failed and blocked deliveries, and the sections other capabilities add.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import OutboxState, Role
from db.models import OutboxMessage, User, UserRole
from db.tx import write_tx
from services.context import Clock, Policy
from services.delivery.engine import PARTS_ARG, REASON_BLOCKED
from services.delivery.outbox import OutboxService, has_chat

log = logging.getLogger(__name__)

DigestPart = tuple[str, dict[str, Any]]
DigestSection = Callable[[AsyncSession, datetime, Policy], Awaitable[list[DigestPart]]]
# Capabilities append sections (tomorrow's events, new registrations); each returns locale
# keys with JSON-safe arguments, rendered in each recipient's language when sent.
DIGEST_SECTIONS: list[DigestSection] = []


@dataclass(frozen=True, slots=True)
class DigestFigures:
    new_by_role: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    blocked: int = 0


async def digest_figures(session: AsyncSession, now: datetime) -> DigestFigures:
    since = now - timedelta(hours=24)
    roles = await session.execute(
        select(UserRole.role, func.count(func.distinct(UserRole.user_id)))
        .join(User, User.id == UserRole.user_id)
        .where(User.created_at >= since, User.forgotten_at.is_(None))
        .group_by(UserRole.role)
    )
    outcomes = await session.execute(
        select(OutboxMessage.state, OutboxMessage.last_error, func.count())
        .where(
            OutboxMessage.claimed_at >= since,
            or_(
                OutboxMessage.state == OutboxState.FAILED.value,
                and_(
                    OutboxMessage.state == OutboxState.SKIPPED.value,
                    OutboxMessage.last_error == REASON_BLOCKED,
                ),
            ),
        )
        .group_by(OutboxMessage.state, OutboxMessage.last_error)
    )
    failed = blocked = 0
    for state, _error, count in outcomes.all():
        if state == OutboxState.FAILED.value:
            failed += int(count)
        else:
            blocked += int(count)
    return DigestFigures({role: int(n) for role, n in roles.all()}, failed, blocked)


async def enqueue_digest(
    session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
) -> int:
    """One digest per methodist and admin per local day; a second run the same day adds none."""
    now = clock()
    day = now.astimezone(policy.timezone).date().isoformat()
    async with session_factory() as session, write_tx(session):
        figures = await digest_figures(session, now)
        parts: list[DigestPart] = [
            (
                "digest-new-people",
                {
                    "teachers": figures.new_by_role.get(Role.TEACHER.value, 0),
                    "parents": figures.new_by_role.get(Role.PARENT.value, 0),
                },
            ),
            ("digest-failures", {"failed": figures.failed, "blocked": figures.blocked}),
        ]
        for section in DIGEST_SECTIONS:
            parts.extend(await section(session, now, policy))
        staff = select(UserRole.user_id).where(
            UserRole.role.in_([Role.METHODIST.value, Role.ADMIN.value])
        )
        recipients = set(
            (
                await session.execute(
                    select(User.id).where(
                        or_(
                            User.id.in_(staff),
                            User.telegram_id.in_(list(policy.admin_telegram_ids) or [0]),
                        ),
                        has_chat(),
                    )
                )
            ).scalars()
        )
        already = set(
            (
                await session.execute(
                    select(OutboxMessage.user_id).where(
                        OutboxMessage.dedupe_key.in_(
                            [f"digest:{day}:{user_id}" for user_id in recipients] or [""]
                        )
                    )
                )
            ).scalars()
        )
        outbox = OutboxService(session, clock)
        created = 0
        for user_id in sorted(recipients - already):
            outbox.enqueue(
                user_id=user_id,
                kind="digest",
                template="digest-title",
                args={
                    "day": now.astimezone(policy.timezone).strftime("%d.%m.%Y"),
                    PARTS_ARG: [[key, args] for key, args in parts],
                },
                expires_at=now + timedelta(hours=20),
                dedupe_key=f"digest:{day}:{user_id}",
            )
            created += 1
    log.info("daily digest queued for %s staff", created)
    return created
