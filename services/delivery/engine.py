"""The reading side of the outbox: claiming due rows, recording outcomes, quiet hours, expiry,
and the daily staff digest. Plain rows in, plain dataclasses out; Telegram lives in bot/.

Promise: a row is sent at most once, except a row whose send was in flight when its worker
died (claimed, handed to Telegram, outcome not yet written). Such a row stays "sending"; once
its lease has run out it is made pending again and sent once more. See docs/delivery.md.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import OutboxState, Role
from db.models import OutboxMessage, User, UserRole
from db.tx import dialect_name, write_tx
from services.context import Clock, Policy
from services.delivery.outbox import Button, OutboxService, decode_args, has_chat

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
REASON_EXPIRED = "expired"
REASON_BLOCKED = "blocked"
REASON_NO_RECIPIENT = "no recipient"
# Rows whose args carry this list get each [key, args] part rendered and appended in turn.
PARTS_ARG = "__parts__"


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    token: str
    chat_id: int
    user_id: int | None
    locale: str
    kind: str
    template: str | None
    args: dict[str, Any]
    body: str | None
    buttons: list[list[Button]]
    attachment: dict[str, Any] | None
    ref_type: str | None
    ref_id: int | None
    attempts: int


class Result:
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    RETRY = "retry"


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    row_id: int
    token: str
    result: str
    user_id: int | None = None
    message_id: int | None = None
    error: str | None = None
    attempts: int = 0


def in_quiet_hours(moment: datetime, policy: Policy) -> bool:
    local = moment.astimezone(policy.timezone).time()
    start, end = policy.quiet_hours_start, policy.quiet_hours_end
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_hours_end_after(moment: datetime, policy: Policy) -> datetime:
    """The first moment at or after `moment` when quiet hours are over, as aware UTC."""
    local = moment.astimezone(policy.timezone)
    end: time = policy.quiet_hours_end
    candidate = datetime.combine(local.date(), end, tzinfo=policy.timezone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=policy.timezone)
    return candidate.astimezone(UTC)


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, 300))


def _claimed(message: OutboxMessage, token: str, chat_id: int, locale: str) -> Claimed:
    return Claimed(
        id=message.id,
        token=token,
        chat_id=chat_id,
        user_id=message.user_id,
        locale=locale,
        kind=message.kind,
        template=message.template,
        args=decode_args(message.args or {}),
        body=message.body,
        buttons=[[Button.from_json(b) for b in row] for row in message.buttons or []],
        attachment=message.attachment,
        ref_type=message.ref_type,
        ref_id=message.ref_id,
        attempts=message.attempts,
    )


class DeliveryStore:
    """Owns its sessions: the engine calls it from many tasks, each call one short transaction."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], policy: Policy, clock: Clock
    ) -> None:
        self.session_factory = session_factory
        self.policy = policy
        self.clock = clock

    async def recover_stale(self, lease: timedelta = LEASE) -> int:
        """Rows left "sending" by a worker that died are made pending again (sent once more)."""
        now = self.clock()
        async with self.session_factory() as session, write_tx(session):
            ids = list(
                (
                    await session.execute(
                        select(OutboxMessage.id).where(
                            OutboxMessage.state == OutboxState.SENDING.value,
                            OutboxMessage.claimed_at < now - lease,
                        )
                    )
                ).scalars()
            )
            if ids:
                await session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id.in_(ids),
                        OutboxMessage.state == OutboxState.SENDING.value,
                    )
                    .values(state=OutboxState.PENDING.value, claim_token=None, due_at=now)
                )
        for row_id in ids:
            log.warning("outbox row re-queued after a lost claim id=%s", row_id)
        return len(ids)

    async def claim(self, limit: int) -> list[Claimed]:
        """Takes up to `limit` due rows for this worker; another worker never gets the same."""
        now = self.clock()
        token = str(uuid.uuid4())
        async with self.session_factory() as session, write_tx(session):
            await self._expire(session, now)
            if in_quiet_hours(now, self.policy):
                await self._defer_quiet(session, now)
            ids = await self._due_ids(session, now, limit)
            if not ids:
                return []
            await self._mark_sending(session, ids, token, now)
            claimed, unreachable = await self._load_claimed(session, ids, token)
            if unreachable:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(unreachable))
                    .values(
                        state=OutboxState.SKIPPED.value,
                        last_error=REASON_NO_RECIPIENT,
                        claim_token=None,
                    )
                )
        if unreachable:
            # One line per round: bulk rows for people without a chat are not queued any
            # more, but a person may forget or block the bot between queueing and sending.
            log.info(
                "outbox rows skipped, nobody to send to: count=%s first_id=%s",
                len(unreachable),
                unreachable[0],
            )
        return claimed

    @staticmethod
    async def _due_ids(session: AsyncSession, now: datetime, limit: int) -> list[int]:
        stmt = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.state == OutboxState.PENDING.value,
                OutboxMessage.due_at <= now,
            )
            .order_by(OutboxMessage.priority, OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
        if dialect_name(session) == "postgresql":
            # Workers of other replicas claim at the same time: each skips the rows another
            # has locked rather than waiting for them, so no row goes to two workers.
            stmt = stmt.with_for_update(skip_locked=True)
        return list((await session.execute(stmt)).scalars())

    @staticmethod
    async def _mark_sending(
        session: AsyncSession, ids: list[int], token: str, now: datetime
    ) -> None:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(
                state=OutboxState.SENDING.value,
                claim_token=token,
                claimed_at=now,
                attempts=OutboxMessage.attempts + 1,
            )
        )

    async def _load_claimed(
        self, session: AsyncSession, ids: list[int], token: str
    ) -> tuple[list[Claimed], list[int]]:
        """The claimed rows ready to send, and the ids of those nobody can receive."""
        rows = (
            await session.execute(
                select(OutboxMessage, User)
                .outerjoin(User, User.id == OutboxMessage.user_id)
                .where(OutboxMessage.id.in_(ids))
                .order_by(OutboxMessage.priority, OutboxMessage.due_at, OutboxMessage.id)
            )
        ).all()
        claimed: list[Claimed] = []
        unreachable: list[int] = []
        for message, user in rows:
            chat_id = message.chat_id
            locale = self.policy.default_locale
            if user is not None:
                locale = user.locale
                if user.forgotten_at is None and user.is_reachable and user.telegram_id:
                    chat_id = user.telegram_id
            if chat_id is None:
                unreachable.append(message.id)
                continue
            claimed.append(_claimed(message, token, chat_id, locale))
        return claimed, unreachable

    async def _expire(self, session: AsyncSession, now: datetime) -> None:
        expired = (
            await session.execute(
                select(OutboxMessage.id, OutboxMessage.user_id, OutboxMessage.kind).where(
                    OutboxMessage.state == OutboxState.PENDING.value,
                    OutboxMessage.expires_at.is_not(None),
                    OutboxMessage.expires_at < now,
                )
            )
        ).all()
        if not expired:
            return
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in expired]))
            .values(state=OutboxState.SKIPPED.value, last_error=REASON_EXPIRED)
        )
        for row in expired:
            log.warning(
                "outbox row expired before it could be sent id=%s user_id=%s kind=%s",
                row.id,
                row.user_id,
                row.kind,
            )

    async def _defer_quiet(self, session: AsyncSession, now: datetime) -> None:
        await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.state == OutboxState.PENDING.value,
                OutboxMessage.due_at <= now,
                OutboxMessage.urgent.is_(False),
            )
            .values(due_at=quiet_hours_end_after(now, self.policy))
        )

    async def record(self, outcomes: Sequence[DeliveryOutcome]) -> None:
        """Writes a group of outcomes in one transaction; each only if its claim still holds."""
        if not outcomes:
            return
        now = self.clock()
        async with self.session_factory() as session, write_tx(session):
            for outcome in outcomes:
                mine = and_(
                    OutboxMessage.id == outcome.row_id,
                    OutboxMessage.claim_token == outcome.token,
                    OutboxMessage.state == OutboxState.SENDING.value,
                )
                values: dict[str, Any]
                if outcome.result == Result.SENT:
                    values = {
                        "state": OutboxState.SENT.value,
                        "sent_at": now,
                        "telegram_message_id": outcome.message_id,
                        "last_error": None,
                    }
                elif outcome.result == Result.BLOCKED:
                    values = {"state": OutboxState.SKIPPED.value, "last_error": REASON_BLOCKED}
                    if outcome.user_id is not None:
                        await session.execute(
                            update(User)
                            .where(User.id == outcome.user_id)
                            .values(is_reachable=False)
                        )
                elif outcome.result == Result.RETRY and outcome.attempts < MAX_ATTEMPTS:
                    values = {
                        "state": OutboxState.PENDING.value,
                        "due_at": now + retry_delay(outcome.attempts),
                        "last_error": (outcome.error or "")[:300],
                    }
                else:
                    values = {
                        "state": OutboxState.FAILED.value,
                        "last_error": (outcome.error or "")[:300],
                    }
                await session.execute(
                    update(OutboxMessage)
                    .where(mine)
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
        for outcome in outcomes:
            if outcome.result == Result.BLOCKED:
                log.info("recipient blocked the bot user_id=%s", outcome.user_id)
            elif outcome.result != Result.SENT:
                log.warning("outbox row %s id=%s", outcome.result, outcome.row_id)

    async def states(self) -> dict[str, int]:
        async with self.session_factory() as session:
            rows = await session.execute(
                select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
            )
            return {state: int(count) for state, count in rows.all()}


# --- the daily digest ------------------------------------------------------------------------

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
