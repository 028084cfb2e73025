"""The reading side of the outbox: claiming due rows, recording outcomes, quiet hours, expiry,
and the daily staff digest. Plain rows in, plain dataclasses out; Telegram lives in bot/.

Promise: a row is sent at most once, except a row whose send was in flight when its worker
died (claimed, handed to Telegram, outcome not yet written). Such a row stays "sending" until
a live instance takes it back (services/delivery/instances.py) and sends it once more. See
docs/delivery.md.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import OutboxState, Role
from db.models import OutboxMessage, User, UserRole
from db.tx import dialect_name, write_tx
from services.context import Clock, Policy
from services.delivery.outbox import Button, OutboxService, decode_args, has_chat

log = logging.getLogger(__name__)

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


_OUTBOX = cast(Table, OutboxMessage.__table__)
_USERS = cast(Table, User.__table__)
# Expired rows are never claimed (the claim skips them); marking and logging them is
# housekeeping done every so often rather than in every claim.
EXPIRY_EVERY = timedelta(seconds=10)


@functools.cache
def _claim_stmt(postgres: bool) -> Update:
    """Marks the next due rows as this worker's in one statement; their ids never travel."""
    t = _OUTBOX
    now = bindparam("b_now", type_=t.c.due_at.type)
    due = (
        select(t.c.id)
        .where(
            t.c.state == OutboxState.PENDING.value,
            t.c.due_at <= now,
            or_(t.c.expires_at.is_(None), t.c.expires_at >= now),
        )
        .order_by(t.c.priority, t.c.due_at, t.c.id)
        .limit(bindparam("b_limit"))
    )
    if postgres:
        # Workers of other replicas claim at the same time: each skips the rows another
        # has locked rather than waiting for them, so no row goes to two workers.
        due = due.with_for_update(skip_locked=True)
    return (
        update(t)
        .where(t.c.id.in_(due))
        .values(
            state=OutboxState.SENDING.value,
            claim_token=bindparam("b_token"),
            claimed_by=bindparam("b_me"),
            claimed_at=now,
            attempts=t.c.attempts + 1,
        )
    )


@functools.cache
def _claimed_stmt() -> Select[Any]:
    t, u = _OUTBOX, _USERS
    return (
        select(
            t.c.id,
            t.c.user_id,
            t.c.chat_id,
            t.c.kind,
            t.c.template,
            t.c.args,
            t.c.body,
            t.c.buttons,
            t.c.attachment,
            t.c.ref_type,
            t.c.ref_id,
            t.c.attempts,
            u.c.locale,
            u.c.telegram_id,
            u.c.forgotten_at,
            u.c.is_reachable,
        )
        .select_from(t.outerjoin(u, u.c.id == t.c.user_id))
        # "sending" first: the state index finds the few claimed rows among all ever sent.
        .where(t.c.state == OutboxState.SENDING.value, t.c.claim_token == bindparam("b_token"))
        .order_by(t.c.priority, t.c.due_at, t.c.id)
    )


def _mine(state: OutboxState = OutboxState.SENDING) -> ColumnElement[bool]:
    return and_(
        _OUTBOX.c.id == bindparam("b_id"),
        _OUTBOX.c.claim_token == bindparam("b_token"),
        _OUTBOX.c.state == state.value,
    )


@functools.cache
def _outcome_stmts() -> dict[str, Update]:
    """One statement per kind of outcome, each run once per group with every row's values."""
    t = _OUTBOX
    return {
        Result.SENT: update(t)
        .where(_mine())
        .values(
            state=OutboxState.SENT.value,
            sent_at=bindparam("b_now", type_=t.c.sent_at.type),
            telegram_message_id=bindparam("b_mid"),
            last_error=None,
        ),
        Result.BLOCKED: update(t)
        .where(_mine())
        .values(state=OutboxState.SKIPPED.value, last_error=REASON_BLOCKED),
        Result.RETRY: update(t)
        .where(_mine())
        .values(
            state=OutboxState.PENDING.value,
            due_at=bindparam("b_due", type_=t.c.due_at.type),
            last_error=bindparam("b_error"),
        ),
        Result.FAILED: update(t)
        .where(_mine())
        .values(state=OutboxState.FAILED.value, last_error=bindparam("b_error")),
    }


@functools.cache
def _release_stmt() -> Update:
    # Claimed, never handed to Telegram: back to the queue as if never claimed.
    return (
        update(_OUTBOX)
        .where(_mine())
        .values(
            state=OutboxState.PENDING.value,
            claim_token=None,
            claimed_by=None,
            attempts=_OUTBOX.c.attempts - 1,
        )
    )


@functools.cache
def _unreachable_user_stmt() -> Update:
    return update(_USERS).where(_USERS.c.id == bindparam("b_uid")).values(is_reachable=False)


def _outcome_params(outcome: DeliveryOutcome, now: datetime) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"b_id": outcome.row_id, "b_token": outcome.token}
    result = outcome.result
    if result == Result.SENT:
        params.update(b_now=now, b_mid=outcome.message_id)
    elif result == Result.RETRY and outcome.attempts < MAX_ATTEMPTS:
        params.update(b_due=now + retry_delay(outcome.attempts), b_error=_error(outcome))
    elif result in (Result.RETRY, Result.FAILED):
        result = Result.FAILED
        params.update(b_error=_error(outcome))
    return result, params


def _error(outcome: DeliveryOutcome) -> str:
    return (outcome.error or "")[:300]


class DeliveryStore:
    """Owns its sessions: the engine calls it from many tasks, each call one short transaction.

    Statements are Core, built once, and write a whole group of rows each: at Telegram's paid
    limit (1,000 messages a second) building ORM objects and one UPDATE per message cost more
    than the sending itself (docs/benchmarks.md).
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        policy: Policy,
        clock: Clock,
        instance_id: str | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.policy = policy
        self.clock = clock
        self.instance_id = instance_id or str(uuid.uuid4())
        self._expiry_due: datetime | None = None

    async def claim(self, limit: int) -> list[Claimed]:
        """Takes up to `limit` due rows for this worker; another worker never gets the same."""
        now = self.clock()
        token = str(uuid.uuid4())
        async with self.session_factory() as session, write_tx(session):
            conn = await session.connection()
            if self._expiry_due is None or now >= self._expiry_due:
                await self._expire(session, now)
                self._expiry_due = now + EXPIRY_EVERY
            if in_quiet_hours(now, self.policy):
                await self._defer_quiet(session, now)
            postgres = dialect_name(session) == "postgresql"
            params = {"b_now": now, "b_limit": limit, "b_token": token, "b_me": self.instance_id}
            marked = await conn.execute(_claim_stmt(postgres), params)
            if not getattr(marked, "rowcount", 1):
                return []
            rows = (await conn.execute(_claimed_stmt(), {"b_token": token})).all()
            claimed, unreachable = self._claimed(rows, token)
            if unreachable:
                await conn.execute(
                    update(_OUTBOX)
                    .where(_OUTBOX.c.id.in_(unreachable))
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

    def _claimed(self, rows: Sequence[Row[Any]], token: str) -> tuple[list[Claimed], list[int]]:
        """The claimed rows ready to send, and the ids of those nobody can receive."""
        claimed: list[Claimed] = []
        unreachable: list[int] = []
        default_locale = self.policy.default_locale
        for row in rows:
            chat_id = row.chat_id
            locale = default_locale
            if row.user_id is not None and row.locale is not None:
                locale = row.locale
                if row.forgotten_at is None and row.is_reachable and row.telegram_id:
                    chat_id = row.telegram_id
            if chat_id is None:
                unreachable.append(row.id)
                continue
            claimed.append(
                Claimed(
                    id=row.id,
                    token=token,
                    chat_id=chat_id,
                    user_id=row.user_id,
                    locale=locale,
                    kind=row.kind,
                    template=row.template,
                    args=decode_args(row.args) if row.args else {},
                    body=row.body,
                    buttons=[[Button.from_json(b) for b in line] for line in row.buttons or []],
                    attachment=row.attachment,
                    ref_type=row.ref_type,
                    ref_id=row.ref_id,
                    attempts=row.attempts,
                )
            )
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
        """Writes a group of outcomes in one transaction, one statement per kind of outcome;
        each row only if its claim still holds (a worker that lost its claim cannot overwrite
        a newer outcome)."""
        if not outcomes:
            return
        now = self.clock()
        groups: dict[str, list[dict[str, Any]]] = {}
        for outcome in outcomes:
            result, params = _outcome_params(outcome, now)
            groups.setdefault(result, []).append(params)
        blocked = [{"b_uid": o.user_id} for o in outcomes if o.result == Result.BLOCKED]
        statements = _outcome_stmts()
        async with self.session_factory() as session, write_tx(session):
            conn = await session.connection()
            for result, rows in groups.items():
                await conn.execute(statements[result], rows)
            blocked = [p for p in blocked if p["b_uid"] is not None]
            if blocked:
                await conn.execute(_unreachable_user_stmt(), blocked)
        for outcome in outcomes:
            if outcome.result == Result.BLOCKED:
                log.info("recipient blocked the bot user_id=%s", outcome.user_id)
            elif outcome.result != Result.SENT:
                log.warning("outbox row %s id=%s", outcome.result, outcome.row_id)

    async def release(self, rows: Sequence[Claimed]) -> None:
        """Claimed rows this worker will not send after all (it is stopping) go back to the
        queue at once, as if never claimed."""
        if not rows:
            return
        params = [{"b_id": row.id, "b_token": row.token} for row in rows]
        async with self.session_factory() as session, write_tx(session):
            await (await session.connection()).execute(_release_stmt(), params)

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
