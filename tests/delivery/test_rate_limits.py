"""The send budget: no one-second window ever holds more sends than the rate, with many
senders at once, in one process or shared through Redis; a 429 pause holds everybody."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.rate_limits import Limiter, LocalLimiter, RedisLimiter


def _busiest_second(times: list[float]) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def _grants(limiters: list[Limiter], senders: int, each: int) -> list[float]:
    times: list[float] = []

    async def sender(n: int) -> None:
        for _ in range(each):
            await limiters[n % len(limiters)].acquire()
            times.append(time.monotonic())

    await asyncio.gather(*(sender(n) for n in range(senders)))
    return times


async def _holds_the_rate(limiters: list[Limiter], rate: float) -> None:
    started = time.monotonic()
    times = await _grants(limiters, senders=32, each=10)  # 320 sends
    elapsed = time.monotonic() - started
    assert _busiest_second(times) <= rate
    # Nobody idles either: 320 sends at 200 a second (less the 3 % margin) take about 1.6 s.
    assert 319 / (rate * 0.97) - 0.1 <= elapsed <= 319 / (rate * 0.97) + 1.0


async def test_a_local_limiter_never_grants_more_than_the_rate_in_any_second() -> None:
    await _holds_the_rate([LocalLimiter(200.0)], 200.0)


@pytest.mark.redis
async def test_replicas_sharing_redis_never_exceed_the_rate_together(redis_client: Any) -> None:
    key = f"test:bucket:{time.monotonic_ns()}"
    limiters: list[Limiter] = [RedisLimiter(redis_client, 200.0, key=key) for _ in range(2)]
    try:
        await _holds_the_rate(limiters, 200.0)
    finally:
        await redis_client.delete(key)


async def test_a_pause_holds_every_sender_and_the_bucket_starts_again_empty() -> None:
    limiter = LocalLimiter(100.0)
    await limiter.acquire()
    await limiter.pause(0.3)
    paused = time.monotonic()
    times = await _grants([limiter], senders=8, each=2)
    assert min(times) - paused >= 0.29
    # After the pause the permits accrue again from nothing: no burst of the 30 missed.
    assert max(times) - min(times) >= 13 / 100


async def test_a_sender_cancelled_while_waiting_costs_no_permit() -> None:
    limiter = LocalLimiter(10.0)
    await limiter.acquire()  # the one permit it starts with
    waiting = asyncio.create_task(limiter.acquire())
    await asyncio.sleep(0.01)
    assert limiter.waiting == 1
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert limiter.waiting == 0
    started = time.monotonic()
    await limiter.acquire()
    assert time.monotonic() - started < 0.15  # the next permit, not one after it
