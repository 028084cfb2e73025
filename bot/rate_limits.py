"""The delivery engine's send budget: bot-wide messages per second (in this process or shared
through Redis by every replica) and one message per second per chat.

Both bot-wide limiters are token buckets whose refill is computed from the clock: a send
finds a permit waiting and goes at once, and only when the bucket is empty does the next
sender sleep until the next permit is due; the rest queue behind it without timers of their
own. The bucket holds at most a hundredth of a second of permits (at least one), so after a
stalled event loop or an idle minute no burst goes over Telegram's one-second window.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

# The engine aims a little under the configured rate so that timer jitter never tips a
# one-second window over Telegram's limit.
RATE_MARGIN = 0.97
# The bucket's depth in seconds of sending: the most a sender may be ahead of schedule.
BURST_SECONDS = 0.01
PER_CHAT_INTERVAL = 1.0


class Limiter(Protocol):
    async def acquire(self) -> None: ...

    async def pause(self, seconds: float) -> None: ...

    @property
    def waiting(self) -> int: ...


def bucket_size(rate: float) -> float:
    return max(1.0, rate * BURST_SECONDS)


class LocalLimiter:
    """A token bucket for one process. `pause` (Telegram's 429) empties it and grants nothing
    until the pause is over."""

    def __init__(self, rate: float) -> None:
        self.rate = rate * RATE_MARGIN
        self.capacity = bucket_size(self.rate)
        self._tokens = self.capacity
        self._stamp = time.monotonic()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Senders waiting for a permit now."""
        return self._waiting

    def _take(self) -> float:
        """Takes a permit if one is there (returns 0) or says how long until one is."""
        now = time.monotonic()
        if now < self._paused_until:
            return self._paused_until - now
        elapsed = now - self._stamp
        if elapsed > 0:
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
            self._stamp = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / self.rate

    async def acquire(self) -> None:
        if not self._lock.locked() and self._take() == 0.0:
            return
        self._waiting += 1
        try:
            # One sleeper at a time; the others wait their turn on the lock, in order.
            async with self._lock:
                while True:
                    wait = self._take()
                    if wait <= 0:
                        return
                    await asyncio.sleep(wait)
        finally:
            self._waiting -= 1

    async def pause(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        if until > self._paused_until:
            self._paused_until = until
            self._tokens = 0.0
            self._stamp = until


# KEYS[1] the bucket: a hash of tokens, the refill stamp and the pause's end (microseconds,
# Redis's own clock, so replicas' clocks never matter). ARGV[1] permits per microsecond,
# ARGV[2] the bucket's size, ARGV[3] permits wanted, ARGV[4] a pause in microseconds (0: none).
# Returns {permits granted, microseconds until the next one}. Times are written with
# string.format: Lua's own number-to-string keeps 14 digits, and microseconds since 1970 need 16.
_REDIS_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp', 'paused')
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local tokens = tonumber(state[1] or ARGV[2])
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
local granted = math.min(tonumber(ARGV[3]), math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens),
  'stamp', string.format('%.0f', stamp), 'paused', string.format('%.0f', paused))
redis.call('PEXPIRE', KEYS[1], 60000)
local wait = 0
if granted == 0 then
  wait = math.ceil((1 - tokens) / rate)
end
return {granted, wait}
"""

# Permits fetched from Redis and not used within this long are dropped, never saved up.
_SPARE_TTL = 0.05


class RedisLimiter:
    """The same bucket in Redis, so every replica draws from one budget. A replica asks for
    as many permits as it has senders waiting (at most the bucket's size) in one round
    trip, so at 1,000 messages a second it makes far fewer trips than it sends messages."""

    def __init__(self, redis: Any, rate: float, key: str = "delivery:bucket") -> None:
        self.redis = redis
        self.key = key
        self.rate = rate * RATE_MARGIN
        self.capacity = bucket_size(self.rate)
        self._per_us = self.rate / 1_000_000
        self._script = redis.register_script(_REDIS_BUCKET)
        self._lock = asyncio.Lock()
        self._spare = 0
        self._spare_at = 0.0
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    async def _ask(self, want: int, pause_us: int = 0) -> tuple[int, int]:
        granted, wait_us = await self._script(
            keys=[self.key], args=[repr(self._per_us), repr(self.capacity), want, pause_us]
        )
        return int(granted), int(wait_us)

    async def acquire(self) -> None:
        self._waiting += 1
        try:
            async with self._lock:
                if self._spare and time.monotonic() - self._spare_at > _SPARE_TTL:
                    self._spare = 0
                while not self._spare:
                    want = max(1, min(self._waiting, int(self.capacity)))
                    granted, wait_us = await self._ask(want)
                    if granted:
                        self._spare, self._spare_at = granted, time.monotonic()
                    else:
                        await asyncio.sleep(max(wait_us, 100) / 1_000_000)
                self._spare -= 1
        finally:
            self._waiting -= 1

    async def pause(self, seconds: float) -> None:
        self._spare = 0
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
