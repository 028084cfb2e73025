"""The delivery engine's send budget: bot-wide messages per second (in this process or shared
through Redis by every replica) and one message per second per chat.

Both bot-wide limiters are token buckets whose refill is computed from the clock: a send
finds a permit waiting and goes at once, and only when the bucket is empty do senders queue,
woken in groups by one timer (or one Redis trip) as permits accrue.

The bucket holds one permit plus a hundredth of a second's worth at the configured rate.
Within any second the bucket grants at most its depth plus a second's refill, 1 + 0.98 of
the rate (the refill runs at 0.97 of it), which never exceeds the rate: after a stalled
event loop or an idle minute no burst goes over Telegram's one-second window. The depth above
one permit is what lets a timer that fires late (a busy event loop) lose nothing: at 30 a
second about 10 ms of lateness, at 1,000 a second about 10 ms as well.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any, Protocol

# The engine aims a little under the configured rate so that timer jitter never tips a
# one-second window over Telegram's limit.
RATE_MARGIN = 0.97
# The bucket's depth beyond one permit, in seconds of sending at the configured rate.
BURST_SECONDS = 0.01
PER_CHAT_INTERVAL = 1.0


class Limiter(Protocol):
    async def acquire(self) -> None: ...

    async def pause(self, seconds: float) -> None: ...

    @property
    def waiting(self) -> int: ...


def bucket_size(rate: float) -> float:
    """The depth for a configured rate (before the margin)."""
    return 1.0 + rate * BURST_SECONDS


class LocalLimiter:
    """A token bucket for one process. Senders that find it empty queue in order; one timer
    hands out permits as they accrue, to up to half a bucketful of waiting senders at a
    time (a fifth of the wake-ups of one timer per permit at 1,000 a second). `pause` (Telegram's
    429) empties it and grants nothing until the pause is over."""

    def __init__(self, rate: float) -> None:
        self.rate = rate * RATE_MARGIN
        self.capacity = bucket_size(rate)
        self.handout = max(1, int(self.capacity / 2))
        # One permit to begin with, not a bucketful: the first sends of a broadcast open new
        # connections and reach Telegram late and bunched with the next ones.
        self._tokens = 1.0
        self._stamp = time.monotonic()
        self._paused_until = 0.0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._timer: asyncio.TimerHandle | None = None

    @property
    def waiting(self) -> int:
        """Senders waiting for a permit now."""
        return sum(1 for waiter in self._waiters if not waiter.done())

    def _refill(self, now: float) -> bool:
        if now < self._paused_until:
            return False
        elapsed = now - self._stamp
        if elapsed > 0:
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
            self._stamp = now
        return True

    async def acquire(self) -> None:
        if not self._waiters and self._refill(time.monotonic()) and self._tokens >= 1.0:
            self._tokens -= 1.0
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self._schedule()
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._tokens += 1.0  # granted but never used: back in the bucket
            raise

    def _schedule(self) -> None:
        if self._timer is not None or not self._waiters:
            return
        now = time.monotonic()
        if self._refill(now):
            # Wake when permits for everyone waiting have accrued, at most half a bucketful:
            # a timer that fires late then still finds room for what accrued meanwhile.
            wanted = min(len(self._waiters), self.handout)
            at = now + max(0.0, wanted - self._tokens) / self.rate
        else:
            at = self._paused_until
        loop = asyncio.get_running_loop()
        self._timer = loop.call_at(loop.time() + (at - now), self._dispense)

    def _dispense(self) -> None:
        self._timer = None
        if self._refill(time.monotonic()):
            while self._waiters and self._tokens >= 1.0:
                waiter = self._waiters.popleft()
                if waiter.done():  # its sender was cancelled
                    continue
                self._tokens -= 1.0
                waiter.set_result(None)
        while self._waiters and self._waiters[0].done():
            self._waiters.popleft()
        self._schedule()

    async def pause(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        if until > self._paused_until:
            self._paused_until = until
            self._tokens = 0.0
            self._stamp = until
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._schedule()


# KEYS[1] the bucket: a hash of tokens, the refill stamp and the pause's end (microseconds,
# Redis's own clock, so replicas' clocks never matter). ARGV[1] permits per microsecond,
# ARGV[2] the bucket's size, ARGV[3] permits wanted, ARGV[4] a pause in microseconds (0: none).
# Grants the permits wanted (at most a bucketful) all at once, or none and says in how many
# microseconds they will have accrued: {permits granted, microseconds to wait}. Times are
# written with string.format: Lua's own number-to-string keeps 14 digits, and microseconds
# since 1970 need 16.
_REDIS_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp', 'paused')
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local tokens = tonumber(state[1] or 1)
local stamp = tonumber(state[2] or now)
local paused = tonumber(state[3] or 0)
local pause = tonumber(ARGV[4])
if pause > 0 then
  if now + pause > paused then
    local until_ = string.format('%.0f', now + pause)
    redis.call('HSET', KEYS[1], 'tokens', 0, 'stamp', until_, 'paused', until_)
    redis.call('PEXPIRE', KEYS[1], math.floor(pause / 1000) + 60000)
  end
  return {0, 0}
end
if now < paused then
  return {0, paused - now}
end
if now > stamp then
  tokens = math.min(capacity, tokens + (now - stamp) * rate)
  stamp = now
end
local want = math.max(1, math.min(tonumber(ARGV[3]), math.floor(capacity)))
local granted = 0
local wait = 0
if tokens >= want then
  granted = want
  tokens = tokens - want
else
  wait = math.ceil((want - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens),
  'stamp', string.format('%.0f', stamp), 'paused', string.format('%.0f', paused))
redis.call('PEXPIRE', KEYS[1], 60000)
return {granted, wait}
"""


class RedisLimiter:
    """The same bucket in Redis, so every replica draws from one budget. One task per
    replica asks for as many permits as it has senders waiting (at most a bucketful) in one
    round trip and hands them out, so at 1,000 messages a second a replica makes a small
    fraction as many trips to Redis as it sends messages."""

    def __init__(self, redis: Any, rate: float, key: str = "delivery:bucket") -> None:
        self.redis = redis
        self.key = key
        self.rate = rate * RATE_MARGIN
        self.capacity = bucket_size(rate)
        self.handout = max(1, int(self.capacity / 2))
        self._per_us = self.rate / 1_000_000
        self._script = redis.register_script(_REDIS_BUCKET)
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._task: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        return sum(1 for waiter in self._waiters if not waiter.done())

    async def _ask(self, want: int, pause_us: int = 0) -> tuple[int, int]:
        granted, wait_us = await self._script(
            keys=[self.key], args=[repr(self._per_us), repr(self.capacity), want, pause_us]
        )
        return int(granted), int(wait_us)

    async def acquire(self) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._dispense())
        await waiter

    async def _dispense(self) -> None:
        try:
            while True:
                while self._waiters and self._waiters[0].done():
                    self._waiters.popleft()
                if not self._waiters:
                    return
                # At most half a bucketful at a time, so a late trip still finds room for
                # what accrued meanwhile.
                granted, wait_us = await self._ask(min(len(self._waiters), self.handout))
                while granted and self._waiters:
                    waiter = self._waiters.popleft()
                    if not waiter.done():
                        waiter.set_result(None)
                        granted -= 1
                if wait_us:
                    await asyncio.sleep(wait_us / 1_000_000)
        except Exception as exc:
            # Redis out of reach: every waiting sender gets the error (its row is retried).
            while self._waiters:
                waiter = self._waiters.popleft()
                if not waiter.done():
                    waiter.set_exception(exc)

    async def pause(self, seconds: float) -> None:
        await self._ask(0, max(1, int(seconds * 1_000_000)))


class ChatGate:
    """One message per second per chat: each chat's next slot, reserved like the bucket's."""

    def __init__(self, interval: float = PER_CHAT_INTERVAL) -> None:
        self.interval = interval
        self._next: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        now = time.monotonic()
        slot = max(now, self._next.get(chat_id, 0.0))
        self._next[chat_id] = slot + self.interval
        if len(self._next) > 10_000:
            self._next = {c: t for c, t in self._next.items() if t > now}
        if slot > now:
            await asyncio.sleep(slot - now)
