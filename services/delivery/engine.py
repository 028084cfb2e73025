"""The reading side of the outbox: claiming due rows, recording outcomes, quiet hours, expiry,
and the daily staff digest. Plain rows in, plain dataclasses out; Telegram lives in bot/.

Promise: a row is sent at most once, except a row whose send was in flight when its worker
died (claimed, handed to Telegram, outcome not yet written). Such a row stays "sending" until
a live instance takes it back (services/delivery/instances.py) and sends it once more. See
docs/delivery.md.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
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
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from db.enums import OutboxState
from db.models import OutboxMessage, User
from db.tx import write_tx
from services.context import Clock, Policy
from services.delivery.outbox import Button, decode_args

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


def _due(postgres: bool) -> Select[Any]:
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
    return due


def _mark_claimed(postgres: bool) -> Update:
    t = _OUTBOX
    return (
        update(t)
        .where(t.c.id.in_(_due(postgres)))
        .values(
            state=OutboxState.SENDING.value,
            claim_token=bindparam("b_token"),
            claimed_by=bindparam("b_me"),
            claimed_at=bindparam("b_now", type_=t.c.claimed_at.type),
            attempts=t.c.attempts + 1,
        )
    )


@functools.cache
def _claim_stmt() -> Update:
    """SQLite: marks the next due rows as this worker's in one statement (their ids never
    travel); `_claimed_stmt` then reads them by the claim's token."""
    return _mark_claimed(postgres=False)


_CLAIMED_COLUMNS = (
    "id",
    "user_id",
    "chat_id",
    "kind",
    "template",
    "args",
    "body",
    "buttons",
    "attachment",
    "ref_type",
    "ref_id",
    "attempts",
)
_USER_COLUMNS = ("locale", "telegram_id", "forgotten_at", "is_reachable")


@functools.cache
def _claim_returning_stmt() -> Select[Any]:
    """PostgreSQL: marks the next due rows and returns them with their people, in one
    statement (a data-modifying WITH)."""
    t, u = _OUTBOX, _USERS
    marked = (
        _mark_claimed(postgres=True)
        .returning(*(t.c[name] for name in _CLAIMED_COLUMNS), t.c.priority, t.c.due_at)
        .cte("claimed")
    )
    return (
        select(
            *(marked.c[name] for name in _CLAIMED_COLUMNS),
            *(u.c[name] for name in _USER_COLUMNS),
        )
        .select_from(marked.outerjoin(u, u.c.id == marked.c.user_id))
        .order_by(marked.c.priority, marked.c.due_at, marked.c.id)
    )


def _skip_stmt(ids: list[int]) -> Update:
    return (
        update(_OUTBOX)
        .where(_OUTBOX.c.id.in_(ids))
        .values(state=OutboxState.SKIPPED.value, last_error=REASON_NO_RECIPIENT, claim_token=None)
    )


@functools.cache
def _claimed_stmt() -> Select[Any]:
    t, u = _OUTBOX, _USERS
    return (
        select(*(t.c[name] for name in _CLAIMED_COLUMNS), *(u.c[name] for name in _USER_COLUMNS))
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
        self._bind: AsyncEngine = session_factory.kw["bind"]
        self._postgres = self._bind.dialect.name == "postgresql"
        self._connections: dict[str, AsyncConnection] = {}
        self._holding = False

    async def claim(self, limit: int) -> list[Claimed]:
        """Takes up to `limit` due rows for this worker; another worker never gets the same."""
        now = self.clock()
        token = str(uuid.uuid4())
        params = {"b_now": now, "b_limit": limit, "b_token": token, "b_me": self.instance_id}
        if self._postgres:
            await self._housekeeping(now)
            async with self._held("claim") as conn:
                rows = (await conn.execute(_claim_returning_stmt(), params)).all()
                claimed, unreachable = self._claimed(rows, token)
                if unreachable:
                    await conn.execute(_skip_stmt(unreachable))
        else:
            async with self.session_factory() as session, write_tx(session):
                await self._housekeeping(now, session)
                conn = await session.connection()
                marked = await conn.execute(_claim_stmt(), params)
                if not getattr(marked, "rowcount", 1):
                    return []
                rows = (await conn.execute(_claimed_stmt(), {"b_token": token})).all()
                claimed, unreachable = self._claimed(rows, token)
                if unreachable:
                    await conn.execute(_skip_stmt(unreachable))
        if unreachable:
            # One line per round: bulk rows for people without a chat are not queued any
            # more, but a person may forget or block the bot between queueing and sending.
            log.info(
                "outbox rows skipped, nobody to send to: count=%s first_id=%s",
                len(unreachable),
                unreachable[0],
            )
        return claimed

    async def _housekeeping(self, now: datetime, session: AsyncSession | None = None) -> None:
        """Expired rows marked (every few seconds) and, in quiet hours, ordinary rows moved
        to the morning, before rows are claimed."""
        expire = self._expiry_due is None or now >= self._expiry_due
        quiet = in_quiet_hours(now, self.policy)
        if not expire and not quiet:
            return
        if session is None:
            async with self.session_factory() as own, write_tx(own):
                await self._housekeeping(now, own)
            return
        if expire:
            await self._expire(session, now)
            self._expiry_due = now + EXPIRY_EVERY
        if quiet:
            await self._defer_quiet(session, now)

    @contextlib.asynccontextmanager
    async def _held(self, purpose: str) -> AsyncIterator[AsyncConnection]:
        """PostgreSQL: one of the store's own connections, in autocommit and kept for the
        round (`close`). Each statement is atomic on its own, so a claim is one round trip
        and a group of outcomes one more: no pool ping, BEGIN or COMMIT around them, each of
        which waits for a turn of a busy event loop."""
        if not self._holding:
            async with self._bind.connect() as own:
                await own.execution_options(isolation_level="AUTOCOMMIT")
                yield own
            return
        conn = self._connections.get(purpose)
        if conn is None or conn.closed or conn.invalidated:
            conn = await self._bind.connect()
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            self._connections[purpose] = conn
        try:
            yield conn
            await conn.commit()
        except Exception:
            # A dropped connection or a refused statement: the next call starts afresh.
            self._connections.pop(purpose, None)
            with contextlib.suppress(Exception):
                await conn.close()
            raise

    @contextlib.asynccontextmanager
    async def holding(self) -> AsyncIterator[None]:
        """A round of the engine: connections are kept between calls until it ends."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
            held, self._connections = self._connections, {}
            for conn in held.values():
                with contextlib.suppress(Exception):
                    await conn.close()

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
        blocked = [p for p in blocked if p["b_uid"] is not None]
        async with self._writing("record") as conn:
            for result, rows in groups.items():
                await conn.execute(statements[result], rows)
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
        async with self._writing("record") as conn:
            await conn.execute(_release_stmt(), params)

    @contextlib.asynccontextmanager
    async def _writing(self, purpose: str) -> AsyncIterator[AsyncConnection]:
        """Where a group of outcomes is written: a held autocommit connection on PostgreSQL
        (each row's update stands on its own), a write transaction on SQLite (the process's
        writer turn, BEGIN IMMEDIATE)."""
        if self._postgres:
            async with self._held(purpose) as conn:
                yield conn
            return
        async with self.session_factory() as session, write_tx(session):
            yield await session.connection()

    async def states(self) -> dict[str, int]:
        async with self.session_factory() as session:
            rows = await session.execute(
                select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
            )
            return {state: int(count) for state, count in rows.all()}
