"""The delivery engine: claims due outbox rows, sends them through a bot-wide rate limiter,
records every outcome, and keeps staff broadcast progress messages up to date.

Limits: at most `rate` messages per second across the bot (shared through Redis when a
client is given, so several replicas stay under one budget) and one per second per chat
(bot/rate_limits.py). Interactive replies do not pass through here: handlers answer through
the Bot directly, and the limiter never holds them.

Each engine is one instance with a heartbeat (services/delivery/instances.py): what a killed
process had claimed is taken back by a live one within seconds.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
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

from bot.api_types import KEPT as _RESPONSE_TYPES
from bot.delivery_round import OutcomeWriter, Round, write_every
from bot.rate_limits import ChatGate, Limiter, LocalLimiter, RedisLimiter
from bot.resilience import engine_requests
from handlers.broadcasts.keyboards import progress_markup
from handlers.broadcasts.render import render_progress
from services.broadcasts.service import BroadcastService
from services.broadcasts.types import REF as BROADCAST_REF
from services.context import Clock, Policy, system_clock
from services.delivery.engine import PARTS_ARG, Claimed, DeliveryOutcome, DeliveryStore, Result
from services.delivery.instances import Instances
from services.delivery.outbox import Button
from services.i18n import Text, Translator, default_translator

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
MAX_RETRY_AFTER_ROUNDS = 5
# A heartbeat older than this marks its instance dead: its claimed rows are taken back.
STALE_AFTER_SECONDS = 5.0
CLAIM_AHEAD_SECONDS = 0.1
assert _RESPONSE_TYPES  # built at import, kept for the process's life (bot/api_types.py)


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
        instance_id: str | None = None,
        stale_after: float = STALE_AFTER_SECONDS,
    ) -> None:
        self.session_factory = session_factory
        self.policy = policy
        self.clock = clock
        self.store = DeliveryStore(session_factory, policy, clock, instance_id)
        self.instances = Instances(
            session_factory, clock, self.store.instance_id, timedelta(seconds=stale_after)
        )
        self.translator = translator or default_translator()
        self.renderer = Renderer(self.translator, policy)
        self.notifier: Notifier = notifier or BotNotifier(bot)
        self.rate = rate
        # Telegram's limit is per bot: two bots sharing one Redis (a test bot beside the
        # production one) must not share one budget.
        self.limiter: Limiter = (
            RedisLimiter(redis, rate, key=f"delivery:bucket:{bot.id}")
            if redis
            else LocalLimiter(rate)
        )
        self.chats = ChatGate()
        self.batch = batch
        # Rows kept claimed ahead of the senders: at least half a batch, and about a tenth
        # of a second of sending at the configured rate, so a claim that waits for a busy
        # database or event loop never leaves the senders idle (at most four batches).
        self.claim_ahead = max(batch // 2, min(4 * batch, math.ceil(rate * CLAIM_AHEAD_SECONDS)))
        self.concurrency = concurrency
        self.progress_interval = progress_interval
        self._touched: set[int] = set()
        self._lock = asyncio.Lock()
        self._stopping = False
        self._round: Round | None = None
        self.retry_after_count = 0

    @property
    def instance_id(self) -> str:
        return self.store.instance_id

    async def start(self) -> None:
        """At start-up: this instance's heartbeat, and rows held by dead instances taken
        back (on SQLite, where one process owns the outbox, every other instance's)."""
        await self.instances.beat()
        log.info("delivery instance %s started", self.instance_id)
        await self.instances.take_back(at_start=True)

    async def heartbeat(self) -> None:
        """Every second or so, whatever the round is doing: this instance is alive, and
        rows of instances that stopped beating are taken back."""
        await self.instances.beat()
        await self.instances.take_back()

    async def retire(self) -> None:
        """At a clean stop, after the last round: this instance's heartbeat row goes."""
        await self.instances.retire()

    def stop(self) -> None:
        self._stopping = True
        if self._round is not None:
            self._round.changed.set()

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def tick(self) -> int:
        """Drains every due row; a tick that finds another still running returns at once.

        Rows are claimed ahead of the senders, sent by `concurrency` workers through the
        limiter, and their outcomes written in groups by a writer of their own
        (bot/delivery_round.py). A row whose outcome is not yet written when the process
        dies is the in-flight window described in docs/delivery.md.
        """
        if self._lock.locked() or self._stopping:
            # A tick the scheduler fired just before the stop starts no new round.
            return 0
        # The engine has its own retry policy; the tasks below inherit this context.
        with engine_requests():
            return await self._drain()

    async def _drain(self) -> int:
        async with self._lock:
            if not self.instances.registered:
                await self.instances.beat()
            await self.instances.take_back()
            writer = OutcomeWriter(self.store, write_every(self.rate, self.concurrency))
            self._round = Round(
                self.store,
                self._send,
                writer,
                batch=self.batch,
                ahead=self.claim_ahead,
                concurrency=self.concurrency,
                stopping=lambda: self._stopping,
                sent=self._sent,
            )
            tasks = [asyncio.create_task(writer.run()), asyncio.create_task(self._progress())]
            try:
                async with self.store.holding():
                    total = await self._round.run()
                    await writer.flush()
            finally:
                # Cancelled (shutdown or a test's simulated crash): nothing sends after this.
                self._round = None
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            await self._report_progress()
            return total

    def _sent(self, row: Claimed) -> None:
        if row.ref_type == BROADCAST_REF and row.ref_id is not None:
            self._touched.add(row.ref_id)

    async def _progress(self) -> None:
        """Broadcast progress, in a task of its own: its edit waits for a permit like any
        send, and nothing else waits for it."""
        while True:
            await asyncio.sleep(max(self.progress_interval, 0.05))
            try:
                await self._report_progress()
            except Exception:
                # The figures are read again next time; the broadcast goes on regardless.
                log.warning("broadcast progress not shown this time", exc_info=True)

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
            try:
                await self.limiter.acquire()  # Redis out of reach fails here: retried later
                message_id = await self.notifier.deliver(row.chat_id, rendered)
            except TelegramRetryAfter as exc:
                # Telegram asks everyone to wait: the whole engine pauses, nobody is failed.
                self.retry_after_count += 1
                log.warning("retry after %ss on outbox id=%s", exc.retry_after, row.id)
                try:
                    await self.limiter.pause(float(exc.retry_after))
                except Exception:  # the shared limiter out of reach: this sender waits alone
                    await asyncio.sleep(float(exc.retry_after))
                continue
            except Exception as exc:
                return _failure(row, exc)
            return DeliveryOutcome(row.id, row.token, Result.SENT, message_id=message_id)
        return DeliveryOutcome(
            row.id, row.token, Result.RETRY, error="retry after", attempts=row.attempts
        )

    async def _report_progress(self) -> None:
        left = sorted(self._touched)
        self._touched.clear()
        try:
            while left:
                await self._show_progress(left[0])
                left.pop(0)
        except BaseException:
            # Interrupted (the round ended, the database hiccuped): shown next time.
            self._touched.update(left)
            raise

    async def _show_progress(self, broadcast_id: int) -> None:
        async with self.session_factory() as session:
            service = BroadcastService(session, self.policy, self.clock)
            progress = await service.note_sending(broadcast_id)
            if progress.author_chat_id is None:
                return
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
                return
            if shown is not None and shown != progress.message_id:
                await service.attach_progress_message(broadcast_id, shown)


def _failure(row: Claimed, exc: Exception) -> DeliveryOutcome:
    """What Telegram's refusal (or anything else that went wrong) means for the row."""
    if isinstance(exc, TelegramForbiddenError):
        return DeliveryOutcome(row.id, row.token, Result.BLOCKED, user_id=row.user_id)
    if isinstance(exc, TelegramBadRequest):
        return DeliveryOutcome(row.id, row.token, Result.FAILED, error=exc.message)
    if isinstance(
        exc,
        TelegramNetworkError
        | TelegramServerError
        | ClientDecodeError  # a proxy's HTML error page where JSON was expected
        | TimeoutError,
    ):
        return DeliveryOutcome(
            row.id,
            row.token,
            Result.RETRY,
            error=f"{type(exc).__name__}: {exc}"[:300],
            attempts=row.attempts,
        )
    if isinstance(exc, TelegramAPIError):  # any other refusal (404, 409, 413, a migrated chat)
        return DeliveryOutcome(row.id, row.token, Result.FAILED, error=exc.message[:300])
    # Without an outcome the row would sit "sending" until its lease runs out.
    log.error("outbox row send raised id=%s", row.id, exc_info=exc)
    return DeliveryOutcome(
        row.id, row.token, Result.RETRY, error=f"{type(exc).__name__}"[:300], attempts=row.attempts
    )
