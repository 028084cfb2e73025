"""Which delivery engine holds which outbox rows, and whether it is still alive.

Every engine (one per bot process) has an instance id and a heartbeat row in
`delivery_instances`, written every second or so. A row it claims carries that id in
`outbox.claimed_by`. When a process dies (SIGKILL, a lost machine), its heartbeat stops; a
live instance takes its "sending" rows back (pending again, their place in the queue kept)
as soon as the heartbeat is older than the stale limit, instead of waiting for a 5-minute
lease. On SQLite one process owns the outbox: at start it takes back every row another
instance held, at once.

Only rows whose send was in flight at the kill can reach a person twice (docs/delivery.md).
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta
from typing import cast

from sqlalchemy import Delete, Table, Update, and_, bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.enums import OutboxState
from db.models import DeliveryInstance, OutboxMessage
from db.tx import dialect_name, write_tx
from services.context import Clock

log = logging.getLogger(__name__)

# The backstop for rows whose holder is unknown (claimed before instances had ids) or that a
# live instance could not record for this long.
LEASE = timedelta(minutes=5)
# How long the heartbeat row of a stopped instance is kept (it holds no rows by then).
FORGET_INSTANCES_AFTER = timedelta(days=1)
# For the sole owner's take-back every other heartbeat counts as stale: none is this recent.
_EVERYONE_ELSE = timedelta(days=365 * 100)
_INSTANCES = cast(Table, DeliveryInstance.__table__)
_OUTBOX = cast(Table, OutboxMessage.__table__)


@functools.cache
def _beat_stmt() -> Update:
    table = _INSTANCES
    return (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(heartbeat_at=bindparam("b_now"))
    )


@functools.cache
def _take_back_stmt() -> Update:
    table = _OUTBOX
    live = select(_INSTANCES.c.id).where(_INSTANCES.c.heartbeat_at >= bindparam("b_alive_since"))
    holder_gone = and_(
        table.c.claimed_by.is_not(None),
        table.c.claimed_by != bindparam("b_me"),
        table.c.claimed_by.not_in(live),
    )
    # The row keeps its due time, so it goes out before rows queued after it.
    return (
        update(table)
        .where(
            table.c.state == OutboxState.SENDING.value,
            or_(table.c.claimed_at < bindparam("b_lease_cutoff"), holder_gone),
        )
        .values(state=OutboxState.PENDING.value, claim_token=None, claimed_by=None)
        .returning(table.c.id)
    )


@functools.cache
def _forget_stmt() -> Delete:
    table = _INSTANCES
    return delete(table).where(
        or_(table.c.id == bindparam("b_me"), table.c.heartbeat_at < bindparam("b_cutoff"))
    )


class Instances:
    """One engine's instance id, its heartbeat and the take-back of dead instances' rows."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        instance_id: str,
        stale_after: timedelta,
    ) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.id = instance_id
        self.stale_after = stale_after
        self.registered = False

    async def beat(self) -> None:
        """Says this instance is alive (registering it the first time)."""
        now = self.clock()
        async with self.session_factory() as session, write_tx(session):
            result = await session.execute(_beat_stmt(), {"b_id": self.id, "b_now": now})
            if not getattr(result, "rowcount", 0):
                session.add(DeliveryInstance(id=self.id, started_at=now, heartbeat_at=now))
        self.registered = True

    async def take_back(self, *, at_start: bool = False) -> int:
        """Rows held by instances whose heartbeat is stale and rows past the lease become
        pending again. At start on SQLite, where one process owns the outbox, every other
        instance's rows are taken back at once. Returns how many."""
        now = self.clock()
        async with self.session_factory() as session, write_tx(session):
            sole_owner = at_start and dialect_name(session) == "sqlite"
            alive_since = now + _EVERYONE_ELSE if sole_owner else now - self.stale_after
            taken = (
                await session.execute(
                    _take_back_stmt(),
                    {
                        "b_me": self.id,
                        "b_alive_since": alive_since,
                        "b_lease_cutoff": now - LEASE,
                    },
                )
            ).all()
        if taken:
            ids = sorted(row.id for row in taken)
            log.warning(
                "outbox rows taken back from a stopped instance: count=%s ids=%s%s",
                len(ids),
                ",".join(str(i) for i in ids[:20]),
                "…" if len(ids) > 20 else "",
            )
        return len(taken)

    async def retire(self) -> None:
        """At a clean stop, once every outcome is written: the heartbeat row goes (whatever
        this instance still held is then taken back by the others at once), and so do rows
        of instances that stopped long ago."""
        now = self.clock()
        async with self.session_factory() as session, write_tx(session):
            await session.execute(
                _forget_stmt(), {"b_me": self.id, "b_cutoff": now - FORGET_INSTANCES_AFTER}
            )
        self.registered = False
