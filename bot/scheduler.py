"""APScheduler (jobs in memory; our tables hold the state): the delivery tick and the digest.

Jobs receive only a runtime key and look their collaborators up, and every job opens its own
database sessions, so a job never holds a session across runs.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channel_posts import refresh_channel_posts
from bot.config import Settings
from bot.delivery import DeliveryEngine
from services.consultations.retention import purge_expired_comments
from services.context import Clock, Policy, system_clock
from services.delivery.digest import enqueue_digest
from services.events.jobs import events_maintenance

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    engine: DeliveryEngine
    session_factory: async_sessionmaker[AsyncSession]
    policy: Policy
    clock: Clock
    bot: Bot | None = None


_RUNTIMES: dict[str, Runtime] = {}
HEARTBEAT_JOB = "delivery-heartbeat"


async def delivery_tick(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None:
        return
    try:
        sent = await runtime.engine.tick()
    except asyncio.CancelledError:
        # The process is ending and its loop cancels what still runs. APScheduler would log
        # the cancellation as a failed job; it is a stop, and what was sent but not recorded
        # is the in-flight window of docs/delivery.md.
        log.info("delivery round cut short by the shutdown")
        return
    except Exception:
        # One failed round (database restart, say) must not end the job; the next tick retries.
        log.exception("delivery tick failed")
        return
    if sent:
        log.debug("delivery tick handled %s rows", sent)


async def delivery_heartbeat(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None:
        return
    try:
        await runtime.engine.heartbeat()
    except Exception:
        # A database that is briefly out of reach: the next beat tries again. Beats missed
        # for DELIVERY_STALE_SECONDS let other instances take this one's rows back.
        log.warning("delivery heartbeat failed", exc_info=True)


async def daily_digest(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None:
        return
    try:
        await enqueue_digest(runtime.session_factory, runtime.policy, runtime.clock)
    except Exception:
        log.exception("daily digest failed")


async def events_tick(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None:
        return
    try:
        await events_maintenance(runtime.session_factory, runtime.policy, runtime.clock)
    except Exception:
        log.exception("events maintenance failed")


async def channel_posts_tick(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None or runtime.bot is None or runtime.policy.channel_id is None:
        return
    try:
        await refresh_channel_posts(
            runtime.bot, runtime.session_factory, runtime.policy, runtime.clock
        )
    except Exception:
        log.exception("channel posts refresh failed")


async def consult_purge(key: str) -> None:
    runtime = _RUNTIMES.get(key)
    if runtime is None:
        return
    try:
        await purge_expired_comments(runtime.session_factory, runtime.policy, runtime.clock())
    except Exception:
        log.exception("consultation comment purge failed")


class Scheduler:
    def __init__(
        self,
        settings: Settings,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        policy: Policy,
        *,
        clock: Clock = system_clock,
        redis: Any = None,
    ) -> None:
        self.settings = settings
        self.redis = redis
        engine = DeliveryEngine(
            bot,
            session_factory,
            policy,
            rate=settings.broadcast_rate,
            batch=settings.delivery_batch,
            concurrency=settings.delivery_concurrency,
            clock=clock,
            redis=redis,
            stale_after=settings.delivery_stale_seconds,
        )
        self.runtime = Runtime(engine, session_factory, policy, clock, bot)
        self.key = f"runtime-{id(self)}"
        self.scheduler = AsyncIOScheduler(timezone=policy.timezone)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        policy: Policy,
        *,
        clock: Clock = system_clock,
    ) -> Scheduler:
        redis = None
        if settings.redis_url:
            from redis.asyncio import Redis

            redis = Redis.from_url(settings.redis_url)
        return cls(settings, bot, session_factory, policy, clock=clock, redis=redis)

    @property
    def engine(self) -> DeliveryEngine:
        return self.runtime.engine

    async def start(self) -> None:
        _RUNTIMES[self.key] = self.runtime
        try:
            await self.engine.start()
        except Exception:
            # A database that is briefly locked or restarting must not stop the bot from
            # starting: every tick recovers stale claims again.
            log.exception("delivery start-up recovery failed")
        self.scheduler.add_job(
            delivery_tick,
            "interval",
            seconds=self.settings.delivery_tick_seconds,
            args=[self.key],
            id="delivery-tick",
            # A tick that finds a round still draining returns at once; a second instance
            # saves APScheduler's "skipped" warning every second during a long broadcast.
            max_instances=2,
            coalesce=True,
            # The first round at once: after a restart, what the dead process had claimed
            # (taken back just above) goes without waiting for the first interval.
            next_run_time=datetime.now(UTC),
        )
        self.scheduler.add_job(
            delivery_heartbeat,
            "interval",
            # A few beats within the stale limit, so one late beat never looks like a death.
            seconds=min(1.0, self.settings.delivery_stale_seconds / 4),
            args=[self.key],
            id=HEARTBEAT_JOB,
            max_instances=1,
            coalesce=True,
        )
        digest = self.settings.digest_time
        self.scheduler.add_job(
            daily_digest,
            "cron",
            hour=digest.hour,
            minute=digest.minute,
            args=[self.key],
            id="daily-digest",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=3600,
        )
        self.scheduler.add_job(
            events_tick, "interval", minutes=1, args=[self.key], id="events", coalesce=True
        )
        # Each post is edited at most once a minute however often this runs (the service
        # throttles per post); running often makes the figure follow a burst closely.
        self.scheduler.add_job(
            channel_posts_tick,
            "interval",
            seconds=15,
            args=[self.key],
            id="channel-posts",
            coalesce=True,
        )
        self.scheduler.add_job(
            consult_purge, "interval", hours=6, args=[self.key], id="consult-purge", coalesce=True
        )
        self.scheduler.start()
        log.info("scheduler started")

    async def stop(self) -> None:
        """Stops taking new work and lets the round in progress record its outcomes."""
        self.engine.stop()
        if self.scheduler.running:
            # The heartbeat goes on while the round finishes: other instances must not take
            # back rows whose sends are still under way.
            for job in self.scheduler.get_jobs():
                if job.id != HEARTBEAT_JOB:
                    job.pause()
        # Shutting APScheduler down cancels the jobs still running, which would cut the round
        # short: messages already accepted by Telegram but not yet recorded would stay
        # "sending" and go out a second time after the next start. So the round ends first.
        for _ in range(300):
            if not self.engine.busy:
                break
            await asyncio.sleep(0.1)
        if self.scheduler.running:
            self.scheduler.pause()
        if not self.engine.busy:
            try:
                await self.engine.retire()
            except Exception:
                log.warning("delivery instance not retired", exc_info=True)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        _RUNTIMES.pop(self.key, None)
        if self.redis is not None:
            await self.redis.aclose()
        log.info("scheduler stopped")
