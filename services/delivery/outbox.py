"""The writing side of the outbox: every capability schedules its outgoing messages here.

Messages are rows written in the caller's transaction (the caller commits), so a
registration and its reminders exist together or not at all. Text is a locale key plus
arguments, rendered in the recipient's language when it is sent, so a language switch
between scheduling and sending is honoured. The delivery engine (services/delivery/engine.py)
claims, sends and records outcomes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import OutboxState, Priority
from db.models import OutboxMessage, User
from services.context import Clock

log = logging.getLogger(__name__)

OPEN_STATES = (OutboxState.PENDING.value,)
# Ids per IN (...) list: PostgreSQL's driver takes at most 32,767 parameters a statement.
_IN_CHUNK = 5_000
_DT_MARK = "__dt__"


@dataclass(frozen=True, slots=True)
class Button:
    """A button on an outgoing message: a locale key for its text and an action the edge
    turns into typed callback data (or a URL button when `url` is set)."""

    text_key: str
    action: str = ""
    params: Mapping[str, int | str] = field(default_factory=dict)
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"t": self.text_key, "a": self.action, "p": dict(self.params)}
        if self.url:
            data["u"] = self.url
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Button:
        return cls(data["t"], data.get("a", ""), dict(data.get("p", {})), data.get("u"))


Ref = tuple[str, int]


def has_chat() -> ColumnElement[bool]:
    """SQL over `users`: the person has a Telegram chat the bot may write to. Demo people
    have no Telegram id or a made-up negative one (Telegram's user ids are positive);
    forgotten people and people who blocked the bot are not written to either."""
    return and_(
        User.telegram_id.is_not(None),
        User.telegram_id > 0,
        User.forgotten_at.is_(None),
        User.is_reachable.is_(True),
    )


def encode_args(args: Mapping[str, Any] | None) -> dict[str, Any]:
    """JSON-safe arguments; datetimes are kept as instants and shown in the local zone."""
    encoded: dict[str, Any] = {}
    for name, value in (args or {}).items():
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError(f"naive datetime in outbox argument {name}")
            encoded[name] = {_DT_MARK: value.isoformat()}
        else:
            encoded[name] = value
    return encoded


def decode_args(args: Mapping[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for name, value in args.items():
        if isinstance(value, dict) and _DT_MARK in value:
            decoded[name] = datetime.fromisoformat(value[_DT_MARK])
        else:
            decoded[name] = value
    return decoded


class OutboxService:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self.clock = clock

    def enqueue(
        self,
        *,
        user_id: int | None = None,
        chat_id: int | None = None,
        kind: str,
        template: str | None = None,
        args: Mapping[str, Any] | None = None,
        body: str | None = None,
        due_at: datetime | None = None,
        expires_at: datetime | None = None,
        priority: int = Priority.NOTICE,
        urgent: bool = False,
        ref: Ref | None = None,
        buttons: Sequence[Sequence[Button]] = (),
        attachment: Mapping[str, Any] | None = None,
        dedupe_key: str | None = None,
    ) -> OutboxMessage:
        """Adds one message to the caller's transaction. Nothing is sent before it commits."""
        if (user_id is None) == (chat_id is None):
            raise ValueError("exactly one of user_id and chat_id")
        if (template is None) == (body is None):
            raise ValueError("exactly one of template and body")
        message = OutboxMessage(
            user_id=user_id,
            chat_id=chat_id,
            kind=kind,
            template=template,
            args=encode_args(args),
            body=body,
            due_at=due_at or self.clock(),
            expires_at=expires_at,
            priority=priority,
            urgent=urgent,
            ref_type=ref[0] if ref else None,
            ref_id=ref[1] if ref else None,
            buttons=[[b.to_json() for b in row] for row in buttons],
            attachment=dict(attachment) if attachment else None,
            dedupe_key=dedupe_key,
            state=OutboxState.PENDING.value,
            attempts=0,
        )
        self.session.add(message)
        return message

    async def with_chat(self, user_ids: Iterable[int]) -> list[int]:
        """The people of a bulk audience (announcements, invitations, offers, digests) the bot
        can write to, in the given order. The others are left out when queueing: a row for
        them would only be skipped, and logged, at sending time."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return []
        found: set[int] = set()
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            rows = await self.session.scalars(
                select(User.id).where(User.id.in_(chunk), has_chat())
            )
            found.update(rows)
        return [user_id for user_id in wanted if user_id in found]

    def schedule_reminders(
        self,
        *,
        user_id: int,
        ref: Ref,
        starts_at: datetime,
        offsets_hours: Iterable[float],
        template: str,
        args: Mapping[str, Any] | None = None,
        buttons_for: Mapping[float, Sequence[Sequence[Button]]] | None = None,
        kind: str = "reminder",
    ) -> list[OutboxMessage]:
        """One reminder per offset before `starts_at` that is still in the future.

        Each expires at the start: a reminder that fell due while the bot was down is sent
        late only while it is still useful. The dedupe key makes a second call a no-op-safe
        error instead of a second reminder.
        """
        now = self.clock()
        created = []
        for hours in sorted(set(offsets_hours), reverse=True):
            due = starts_at - timedelta(hours=hours)
            if due <= now:
                continue
            created.append(
                self.enqueue(
                    user_id=user_id,
                    kind=kind,
                    template=template,
                    args={**(args or {}), "hours": hours},
                    due_at=due,
                    expires_at=starts_at,
                    priority=Priority.REMINDER,
                    # A reminder within a few hours of the start cannot wait for the morning.
                    urgent=hours <= 3,
                    ref=ref,
                    buttons=(buttons_for or {}).get(hours, ()),
                    dedupe_key=f"{kind}:{ref[0]}:{ref[1]}:{user_id}:{hours:g}:{int(due.timestamp())}",
                )
            )
        return created

    async def cancel(
        self,
        ref: Ref,
        *,
        user_id: int | None = None,
        kinds: Iterable[str] | None = None,
    ) -> int:
        """Cancels every message not yet sent that is linked to `ref` (optionally one person's,
        optionally some kinds), in the caller's transaction."""
        conditions = [
            OutboxMessage.ref_type == ref[0],
            OutboxMessage.ref_id == ref[1],
            OutboxMessage.state.in_(OPEN_STATES),
        ]
        if user_id is not None:
            conditions.append(OutboxMessage.user_id == user_id)
        if kinds is not None:
            conditions.append(OutboxMessage.kind.in_(list(kinds)))
        result = await self.session.execute(
            update(OutboxMessage)
            .where(and_(*conditions))
            .values(state=OutboxState.CANCELLED.value, dedupe_key=None)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending_for(self, ref: Ref, *, user_id: int | None = None) -> list[OutboxMessage]:
        stmt = select(OutboxMessage).where(
            OutboxMessage.ref_type == ref[0],
            OutboxMessage.ref_id == ref[1],
            OutboxMessage.state.in_(OPEN_STATES),
        )
        if user_id is not None:
            stmt = stmt.where(OutboxMessage.user_id == user_id)
        return list((await self.session.execute(stmt.order_by(OutboxMessage.due_at))).scalars())
