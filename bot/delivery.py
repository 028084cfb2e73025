"""The delivery engine: claims due outbox rows, sends them through a bot-wide rate limiter,
records every outcome, and keeps staff broadcast progress messages up to date.

Limits: at most `rate` messages per second across the bot (shared through Redis when a
client is given, so several replicas stay under one budget) and one per second per chat.
Interactive replies do not pass through here: handlers answer through the Bot directly.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.resilience import engine_requests
from handlers.broadcasts.keyboards import progress_markup
from handlers.broadcasts.render import render_progress
from services.broadcasts.service import BroadcastService
from services.broadcasts.types import REF as BROADCAST_REF
from services.context import Clock, Policy, system_clock
from services.delivery.engine import PARTS_ARG, Claimed, DeliveryOutcome, DeliveryStore, Result
from services.delivery.outbox import Button
from services.i18n import Text, Translator, default_translator

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
PER_CHAT_INTERVAL = 1.0
# The engine aims a little under the configured rate so that timer jitter never tips a
# one-second window over Telegram's limit.
RATE_MARGIN = 0.97
MAX_RETRY_AFTER_ROUNDS = 5


# --- text splitting --------------------------------------------------------------------------


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph breaks, then line breaks, then
    spaces; a single unbroken run longer than the limit is cut hard."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator, 0, limit)
            if cut > 0:
                break
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pieces.append(rest)
    return [p for p in pieces if p]


# --- rate limiting ---------------------------------------------------------------------------


class Limiter(Protocol):
    async def acquire(self) -> None: ...

    async def pause(self, seconds: float) -> None: ...


class LocalLimiter:
    """Grants sends on a schedule `1/rate` apart. The lock is held across the wait and a grant
    that wakes late starts a fresh schedule, so a stalled event loop never releases a burst of
    overdue sends; small timer overshoots do not accumulate. A pause moves the next grant past
    its end."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / (rate * RATE_MARGIN)
        self._next = 0.0
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            slot = max(self._next, self._paused_until)
            now = time.monotonic()
            if slot > now:
                await asyncio.sleep(slot - now)
                now = time.monotonic()
            if now - slot > self.interval / 4:
                # Late after a stall: start a fresh schedule rather than catch up in a burst.
                slot = now
            self._next = slot + self.interval

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)


# KEYS[1] the next free slot in microseconds. ARGV[1] interval, ARGV[2] pause (microseconds).
_REDIS_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local interval = tonumber(ARGV[1])
local pause = tonumber(ARGV[2])
if pause > 0 then
  local until_ = now + pause
  if until_ > nxt then
    redis.call('SET', KEYS[1], until_, 'PX', math.floor(pause / 1000) + 60000)
  end
  return 0
end
local slot = math.max(now, nxt)
redis.call('SET', KEYS[1], slot + interval, 'PX', 60000)
return slot - now
"""


class RedisLimiter:
    """The same slot scheme kept in Redis, so every replica draws from one budget."""

    def __init__(self, redis: Any, rate: float, key: str = "delivery:next_slot") -> None:
        self.redis = redis
        self.key = key
        self.interval_us = int(1_000_000 / (rate * RATE_MARGIN))
        self._script = redis.register_script(_REDIS_SLOT)

    async def acquire(self) -> None:
        wait_us = int(await self._script(keys=[self.key], args=[self.interval_us, 0]))
        if wait_us > 0:
            await asyncio.sleep(wait_us / 1_000_000)

    async def pause(self, seconds: float) -> None:
        await self._script(keys=[self.key], args=[self.interval_us, int(seconds * 1_000_000)])


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


# --- rendering -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    markup: InlineKeyboardMarkup | None
    attachment: Mapping[str, Any] | None


def _shown(value: Any, policy: Policy) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(policy.timezone).strftime("%d.%m.%Y %H:%M")
    return value


class Renderer:
    def __init__(self, translator: Translator, policy: Policy) -> None:
        self.translator = translator
        self.policy = policy
        self._actions: dict[str, Any] | None = None

    def actions(self) -> dict[str, Any]:
        if self._actions is None:
            # Imported late: handlers import services, and the engine is built after them.
            from handlers import button_actions

            self._actions = dict(button_actions())
        return self._actions

    def render(self, row: Claimed) -> Rendered:
        t = self.translator.bind(row.locale)
        if row.body is not None:
            text = row.body
        else:
            args = {k: _shown(v, self.policy) for k, v in row.args.items() if k != PARTS_ARG}
            lines = [t(row.template or "", **args)]
            for key, part_args in row.args.get(PARTS_ARG, []):
                lines.append(t(key, **{k: _shown(v, self.policy) for k, v in part_args.items()}))
            text = "\n".join(lines)
        return Rendered(text, self._markup(row.buttons, t, row.id), row.attachment)

    def _markup(
        self, rows: Sequence[Sequence[Button]], t: Text, row_id: int
    ) -> InlineKeyboardMarkup | None:
        keyboard: list[list[InlineKeyboardButton]] = []
        for buttons in rows:
            line: list[InlineKeyboardButton] = []
            for button in buttons:
                if button.url:
                    line.append(InlineKeyboardButton(text=t(button.text_key), url=button.url))
                    continue
                factory = self.actions().get(button.action)
                if factory is None:
                    # The message still carries its text; a lost button is logged, not fatal.
                    log.error("unknown button action %s on outbox id=%s", button.action, row_id)
                    continue
                line.append(
                    InlineKeyboardButton(
                        text=t(button.text_key), callback_data=factory(button.params).pack()
                    )
                )
            if line:
                keyboard.append(line)
        return InlineKeyboardMarkup(inline_keyboard=keyboard) if keyboard else None


# --- sending ---------------------------------------------------------------------------------


class Notifier(Protocol):
    async def deliver(self, chat_id: int, rendered: Rendered) -> int: ...

    async def show(
        self,
        chat_id: int,
        message_id: int | None,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
    ) -> int | None: ...


def _document(attachment: Mapping[str, Any]) -> str | BufferedInputFile:
    """A file Telegram already has (file_id), or a small one made with the message (an
    event's .ics), kept in the outbox row as base64."""
    if "data" in attachment:
        content = base64.b64decode(attachment["data"])
        return BufferedInputFile(content, filename=str(attachment.get("filename") or "file"))
    return str(attachment["file_id"])


class BotNotifier:
    """Sends one rendered message, split to Telegram's limits; returns the first message id."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def deliver(self, chat_id: int, rendered: Rendered) -> int:
        attachment = rendered.attachment
        if attachment:
            caption_fits = len(rendered.text) <= CAPTION_LIMIT
            caption = rendered.text if caption_fits else None
            markup = rendered.markup if caption_fits else None
            sent: Message
            if attachment.get("type") == "photo":
                sent = await self.bot.send_photo(
                    chat_id, attachment["file_id"], caption=caption, reply_markup=markup
                )
            else:
                sent = await self.bot.send_document(
                    chat_id, _document(attachment), caption=caption, reply_markup=markup
                )
            if caption_fits:
                return sent.message_id
            await self._texts(chat_id, rendered.text, rendered.markup)
            return sent.message_id
        return await self._texts(chat_id, rendered.text, rendered.markup)

    async def _texts(self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> int:
        pieces = split_text(text)
        first = 0
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            sent = await self.bot.send_message(
                chat_id, piece, reply_markup=markup if last else None
            )
            first = first or sent.message_id
        return first

    async def show(
        self,
        chat_id: int,
        message_id: int | None,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
    ) -> int | None:
        if message_id is not None:
            try:
                await self.bot.edit_message_text(
                    text, chat_id=chat_id, message_id=message_id, reply_markup=markup
                )
                return message_id
            except TelegramBadRequest as exc:
                if "not modified" in str(exc):
                    return message_id
        sent = await self.bot.send_message(chat_id, text, reply_markup=markup)
        return sent.message_id


# --- the engine ------------------------------------------------------------------------------


class DeliveryEngine:
    def __init__(
        self,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        policy: Policy,
        *,
        rate: float = 25.0,
        batch: int = 50,
        concurrency: int = 32,
        clock: Clock = system_clock,
        translator: Translator | None = None,
        redis: Any = None,
        progress_interval: float = 3.0,
        notifier: Notifier | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.policy = policy
        self.clock = clock
        self.store = DeliveryStore(session_factory, policy, clock)
        self.translator = translator or default_translator()
        self.renderer = Renderer(self.translator, policy)
        self.notifier: Notifier = notifier or BotNotifier(bot)
        self.limiter: Limiter = RedisLimiter(redis, rate) if redis else LocalLimiter(rate)
        self.chats = ChatGate()
        self.batch = batch
        self.concurrency = concurrency
        self.progress_interval = progress_interval
        self._touched: set[int] = set()
        self._outcomes: list[DeliveryOutcome] = []
        self._progress_at = 0.0
        self._lock = asyncio.Lock()
        self._stopping = False
        self.retry_after_count = 0

    async def start(self) -> None:
        """At start-up: rows left in flight by a previous run past their lease are re-queued."""
        await self.store.recover_stale()

    def stop(self) -> None:
        self._stopping = True

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def tick(self) -> int:
        """Drains every due row; a tick that finds another still running returns at once.

        Rows are claimed ahead while earlier ones are still sending (a refill whenever half
        the batch is done), so the limiter never idles between batches. Outcomes are written
        in groups; a row whose outcome is not yet written when the process dies is the
        in-flight window described in docs/delivery.md.
        """
        if self._lock.locked():
            return 0
        # The engine has its own retry policy; the tasks below inherit this context.
        with engine_requests():
            return await self._drain()

    async def _drain(self) -> int:
        async with self._lock:
            await self.store.recover_stale()
            gate = asyncio.Semaphore(self.concurrency)
            tasks: set[asyncio.Task[None]] = set()
            total = 0
            drained = False
            try:
                while not self._stopping:
                    if not drained and len(tasks) <= self.batch // 2:
                        rows = await self.store.claim(self.batch - len(tasks))
                        drained = not rows
                        total += len(rows)
                        for row in rows:
                            tasks.add(asyncio.create_task(self._one(row, gate)))
                    if not tasks:
                        break
                    _, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                    if not tasks:
                        drained = False  # one more look for rows that fell due meanwhile
                    await self._flush(force=False)
                    await self._report_progress(force=False)
                if tasks:
                    await asyncio.wait(tasks)
            finally:
                # Cancelled (shutdown or a test's simulated crash): nothing sends after this.
                for task in tasks:
                    task.cancel()
            await self._flush(force=True)
            await self._report_progress(force=True)
            return total

    async def _one(self, row: Claimed, gate: asyncio.Semaphore) -> None:
        async with gate:
            outcome = await self._send(row)
        self._outcomes.append(outcome)
        if row.ref_type == BROADCAST_REF and row.ref_id is not None:
            self._touched.add(row.ref_id)

    async def _flush(self, *, force: bool) -> None:
        if not self._outcomes or (not force and len(self._outcomes) < self.concurrency):
            return
        chunk, self._outcomes = self._outcomes, []
        await self.store.record(chunk)

    async def _send(self, row: Claimed) -> DeliveryOutcome:
        try:
            rendered = self.renderer.render(row)
        except Exception as exc:  # a broken template must not stop the queue
            log.exception("outbox row could not be rendered id=%s", row.id)
            return DeliveryOutcome(
                row.id, row.token, Result.FAILED, error=f"render: {type(exc).__name__}"
            )
        for _ in range(MAX_RETRY_AFTER_ROUNDS):
            await self.chats.wait(row.chat_id)
            await self.limiter.acquire()
            try:
                message_id = await self.notifier.deliver(row.chat_id, rendered)
            except TelegramRetryAfter as exc:
                # Telegram asks everyone to wait: the whole engine pauses, nobody is failed.
                self.retry_after_count += 1
                log.warning("retry after %ss on outbox id=%s", exc.retry_after, row.id)
                await self.limiter.pause(float(exc.retry_after))
                continue
            except TelegramForbiddenError:
                return DeliveryOutcome(row.id, row.token, Result.BLOCKED, user_id=row.user_id)
            except TelegramBadRequest as exc:
                return DeliveryOutcome(row.id, row.token, Result.FAILED, error=exc.message)
            except (
                TelegramNetworkError,
                TelegramServerError,
                ClientDecodeError,  # a proxy's HTML error page where JSON was expected
                TimeoutError,
            ) as exc:
                return DeliveryOutcome(
                    row.id,
                    row.token,
                    Result.RETRY,
                    error=f"{type(exc).__name__}: {exc}"[:300],
                    attempts=row.attempts,
                )
            except TelegramAPIError as exc:  # any other refusal (404, 409, 413, a migrated chat)
                return DeliveryOutcome(row.id, row.token, Result.FAILED, error=exc.message[:300])
            except Exception as exc:
                # Without an outcome the row would sit "sending" until its lease runs out.
                log.exception("outbox row send raised id=%s", row.id)
                return DeliveryOutcome(
                    row.id,
                    row.token,
                    Result.RETRY,
                    error=f"{type(exc).__name__}"[:300],
                    attempts=row.attempts,
                )
            return DeliveryOutcome(row.id, row.token, Result.SENT, message_id=message_id)
        return DeliveryOutcome(
            row.id, row.token, Result.RETRY, error="retry after", attempts=row.attempts
        )

    async def _report_progress(self, *, force: bool) -> None:
        now = time.monotonic()
        if not self._touched or (not force and now - self._progress_at < self.progress_interval):
            return
        self._progress_at = now
        await self._flush(force=True)  # the figures must include what was just sent
        touched, self._touched = self._touched, set()
        for broadcast_id in sorted(touched):
            async with self.session_factory() as session:
                service = BroadcastService(session, self.policy, self.clock)
                progress = await service.note_sending(broadcast_id)
                if progress.author_chat_id is None:
                    continue
                t = self.translator.bind(progress.author_locale)
                text = render_progress(progress, t)
                try:
                    await self.limiter.acquire()
                    shown = await self.notifier.show(
                        progress.author_chat_id,
                        progress.message_id,
                        text,
                        progress_markup(progress, t),
                    )
                except Exception:
                    # Progress is a courtesy; the broadcast itself goes on regardless.
                    log.warning("progress update failed broadcast=%s", broadcast_id, exc_info=True)
                    continue
                if shown is not None and shown != progress.message_id:
                    await service.attach_progress_message(broadcast_id, shown)
