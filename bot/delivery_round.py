"""One round of the delivery engine: claimed rows flow through a queue to a fixed set of
sending workers, and their outcomes to a writer of their own.

Three things run side by side and never wait for each other: the claimer keeps rows claimed
ahead of the senders (claiming again when `ahead` are left), the senders
(`DELIVERY_CONCURRENCY` of them) each send one row at a time through the limiter, and the
writer records outcomes in groups, every 20 to 250 ms, whatever the limiter is doing. So a
send never waits for the database, and an outcome never waits for a permit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from db.engine import is_outage
from services.delivery.engine import Claimed, DeliveryOutcome, DeliveryStore

log = logging.getLogger(__name__)

# Outcomes are written in groups of about half DELIVERY_CONCURRENCY, and at least this often
# and at most this often (seconds): at 1,000 a second every 20 ms, at 30 a second every
# 250 ms, each outcome within that long of its send.
WRITE_EVERY_MIN = 0.02
WRITE_EVERY_MAX = 0.25


def write_every(rate: float, concurrency: int) -> float:
    """Seconds between two groups of outcomes: few write transactions at low rates (each
    takes SQLite's writer turn, which people's own taps wait for), few rows unwritten at a
    crash at high ones."""
    return min(WRITE_EVERY_MAX, max(WRITE_EVERY_MIN, concurrency / 2 / rate))


# Seconds between attempts when the database refuses a group of outcomes (a restart, a lock).
WRITE_RETRY = 1.0
# Seconds before a claim the database refused is tried again, the round going on meanwhile.
CLAIM_RETRY = 1.0
# Past this many failed attempts in a row a group is given up and logged: its rows stay
# "sending" and go again after the lease (services/delivery/instances.py).
WRITE_ATTEMPTS = 30


class OutcomeWriter:
    """Writes outcomes as they come, in groups; the senders only append to a list."""

    def __init__(self, store: DeliveryStore, every: float = WRITE_EVERY_MIN) -> None:
        self.store = store
        self.every = every
        self.pending: list[DeliveryOutcome] = []
        self._wake = asyncio.Event()
        self._settled = asyncio.Event()
        self._writing = False
        self.written = 0

    def add(self, outcome: DeliveryOutcome) -> None:
        self.pending.append(outcome)
        self._wake.set()

    async def run(self) -> None:
        failures = 0
        while True:
            await self._wake.wait()
            self._wake.clear()
            if not self.pending:
                self._settled.set()
                continue
            chunk, self.pending = self.pending, []
            self._writing = True
            try:
                await self.store.record(chunk)
                self.written += len(chunk)
                failures = 0
            except Exception:
                failures += 1
                if failures >= WRITE_ATTEMPTS:
                    log.exception(
                        "outcomes given up after %s attempts: %s rows", failures, len(chunk)
                    )
                    failures = 0
                else:
                    log.warning("outcomes not written yet (%s rows), trying again", len(chunk))
                    self.pending[:0] = chunk
                    await asyncio.sleep(WRITE_RETRY)
            finally:
                self._writing = False
            if self.pending:
                self._wake.set()
            self._settled.set()
            await asyncio.sleep(self.every)

    async def flush(self) -> None:
        """Returns once every outcome handed in so far is written (or given up)."""
        while self.pending or self._writing:
            self._settled.clear()
            self._wake.set()
            await self._settled.wait()


class Round:
    """Claims, sends and records until nothing is due (or the engine stops); returns the
    number of rows claimed. Cancelling it (a crash) stops everything at once: rows claimed
    and not yet recorded stay "sending" for a live instance to take back."""

    def __init__(
        self,
        store: DeliveryStore,
        send: Callable[[Claimed], Awaitable[DeliveryOutcome]],
        writer: OutcomeWriter,
        *,
        batch: int,
        ahead: int,
        concurrency: int,
        stopping: Callable[[], bool],
        sent: Callable[[Claimed], None],
    ) -> None:
        self.store = store
        self.send = send
        self.writer = writer
        self.batch = batch
        self.ahead = ahead
        self.concurrency = concurrency
        self.stopping = stopping
        self.sent = sent
        self.queue: asyncio.Queue[Claimed] = asyncio.Queue()
        self.busy = 0
        self.changed = asyncio.Event()

    async def run(self) -> int:
        workers = [asyncio.create_task(self._work()) for _ in range(self.concurrency)]
        try:
            total = await self._claim_while_due()
            # Stopping: rows claimed but not started go back to the queue at once; the
            # sends already under way finish and are recorded.
            await self._release_queued()
            await self._until(lambda: self.busy == 0, or_stopping=False)
            return total
        finally:
            for worker in workers:
                worker.cancel()

    async def _claim_while_due(self) -> int:
        total = 0
        while not self.stopping():
            # Claimed again when `ahead` rows are left, up to twice that (or a batch).
            want = max(self.batch, 2 * self.ahead) - self.queue.qsize()
            try:
                rows = await self.store.claim(want)
            except Exception as error:
                if not is_outage(error):
                    raise
                # The database out of reach for a moment: the sends under way go on and are
                # recorded when it is back; cancelling them would leave their rows "sending"
                # until the lease, since this instance is alive.
                log.warning(
                    "claim failed, trying again in %ss: %s", CLAIM_RETRY, type(error).__name__
                )
                await asyncio.sleep(CLAIM_RETRY)
                continue
            for row in rows:
                self.queue.put_nowait(row)
            total += len(rows)
            if len(rows) < want:
                # Nothing more is due now: finish what is claimed, then look once more (rows
                # may have fallen due meanwhile); a look that finds nothing ends the round.
                await self._until(lambda: self.queue.empty() and self.busy == 0)
                if not rows:
                    break
                continue
            await self._until(lambda: self.queue.qsize() <= self.ahead)
        return total

    async def _until(self, ready: Callable[[], bool], *, or_stopping: bool = True) -> None:
        while not ready() and not (or_stopping and self.stopping()):
            self.changed.clear()
            await self.changed.wait()

    async def _release_queued(self) -> None:
        left: list[Claimed] = []
        while not self.queue.empty():
            left.append(self.queue.get_nowait())
        if left:
            await self.store.release(left)

    async def _work(self) -> None:
        while True:
            row = await self.queue.get()
            self.busy += 1
            self.changed.set()
            try:
                outcome = await self.send(row)
            finally:
                self.busy -= 1
            self.writer.add(outcome)
            self.sent(row)
            self.changed.set()
