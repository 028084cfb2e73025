"""Staff broadcasts: composition, audience resolution, launch, stop, and progress figures.

Audience sources. Besides the built-in filters (roles, schools, school categories, subjects),
other capabilities can offer audiences of their own, such as "registrants of an event" or
"those who have not answered a survey". A capability registers an `AudienceSource` once at
import time:

    register_audience_source(AudienceSource(
        name="event_registrants",
        label_key="broadcast-source-event",       # the filter button, in both locales
        options=upcoming_events_for_broadcast,    # (session, now) -> [(object id, title)]
        resolve=registrant_ids,                   # (session, object id) -> set of user ids
    ))

Filters of different kinds are combined with AND (teachers AND school № 1); several values of
one kind with OR (school № 1 OR school № 2; registrants of event 5 OR of event 7).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import OutboxState, Priority, Role, Subject
from db.models import Broadcast, OutboxMessage, School, User, UserRole, UserSubject
from db.tx import begin_write
from services.context import Actor, Clock, Policy
from services.dates import parse_when
from services.delivery.engine import REASON_BLOCKED, in_quiet_hours, quiet_hours_end_after
from services.delivery.outbox import OutboxService
from services.errors import AccessDenied, InvalidInput, NotFound

log = logging.getLogger(__name__)

BODY_MAX = 4000
REF = "broadcast"
KIND = "broadcast"


class SchoolCategory(StrEnum):
    LOW_RESULTS = "low_results"  # ШНРО
    UNFAVOURABLE = "unfavourable"  # ШФНСУ


_CATEGORY_COLUMNS = {
    SchoolCategory.LOW_RESULTS: School.low_results,
    SchoolCategory.UNFAVOURABLE: School.unfavourable_conditions,
}


class BroadcastState(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class AttachmentType(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


SourceOptions = Callable[[AsyncSession, datetime], Awaitable[list[tuple[int, str]]]]
SourceResolve = Callable[[AsyncSession, int], Awaitable[set[int]]]


@dataclass(frozen=True)
class AudienceSource:
    name: str
    label_key: str
    options: SourceOptions
    resolve: SourceResolve


AUDIENCE_SOURCES: dict[str, AudienceSource] = {}


def register_audience_source(source: AudienceSource) -> None:
    AUDIENCE_SOURCES[source.name] = source


def source_names() -> list[str]:
    return sorted(AUDIENCE_SOURCES)


@dataclass(frozen=True)
class Audience:
    roles: frozenset[Role] = frozenset()
    school_ids: frozenset[int] = frozenset()
    categories: frozenset[SchoolCategory] = frozenset()
    subjects: frozenset[Subject] = frozenset()
    # (source name, object id) pairs from registered audience sources.
    sources: frozenset[tuple[str, int]] = frozenset()

    @property
    def is_everyone(self) -> bool:
        return not (
            self.roles or self.school_ids or self.categories or self.subjects or self.sources
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "roles": sorted(self.roles),
            "schools": sorted(self.school_ids),
            "categories": sorted(self.categories),
            "subjects": sorted(self.subjects),
            "sources": sorted([name, ident] for name, ident in self.sources),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Audience:
        data = data or {}
        return cls(
            roles=frozenset(Role(r) for r in data.get("roles", [])),
            school_ids=frozenset(int(s) for s in data.get("schools", [])),
            categories=frozenset(SchoolCategory(c) for c in data.get("categories", [])),
            subjects=frozenset(Subject(s) for s in data.get("subjects", [])),
            sources=frozenset((str(n), int(i)) for n, i in data.get("sources", [])),
        )


@dataclass(frozen=True, slots=True)
class Draft:
    body: str
    audience: Audience = field(default_factory=Audience)
    attachment_type: AttachmentType | None = None
    attachment_file_id: str | None = None
    to_channel: bool = False


@dataclass(frozen=True, slots=True)
class Progress:
    broadcast_id: int
    state: BroadcastState
    author_chat_id: int | None
    author_locale: str
    message_id: int | None
    total: int
    sent: int
    failed: int
    blocked: int
    left: int
    cancelled: int
    started_at: datetime | None
    scheduled_at: datetime | None
    rate: float  # messages per second since the first send
    eta_seconds: int | None

    @property
    def finished(self) -> bool:
        return self.left == 0


class BroadcastService:
    def __init__(self, session: AsyncSession, policy: Policy, clock: Clock) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock

    @staticmethod
    def _require_staff(actor: Actor) -> None:
        if not actor.is_staff:
            raise AccessDenied()

    def check_access(self, actor: Actor) -> None:
        self._require_staff(actor)

    def check_body(self, actor: Actor, body: str | None) -> str:
        self._require_staff(actor)
        text = (body or "").strip()
        if not text:
            raise InvalidInput("error-broadcast-empty")
        if len(text) > BODY_MAX:
            raise InvalidInput("error-broadcast-too-long", max=BODY_MAX)
        return text

    def parse_time(self, actor: Actor, text: str | None) -> datetime:
        self._require_staff(actor)
        try:
            return parse_when(text, now=self.clock(), zone=self.policy.timezone).start
        except InvalidInput as exc:
            past = exc.key == "error-date-past"
            raise InvalidInput(
                "error-broadcast-time-past" if past else "error-broadcast-time"
            ) from exc

    def quiet_until(self, moment: datetime) -> datetime | None:
        """When a bulk message due at `moment` will actually go, if quiet hours hold it."""
        if in_quiet_hours(moment, self.policy):
            return quiet_hours_end_after(moment, self.policy)
        return None

    async def sources(self, actor: Actor) -> list[tuple[str, str]]:
        self._require_staff(actor)
        return [(name, AUDIENCE_SOURCES[name].label_key) for name in source_names()]

    async def source_options(self, actor: Actor, name: str) -> list[tuple[int, str]]:
        self._require_staff(actor)
        source = AUDIENCE_SOURCES.get(name)
        if source is None:
            raise NotFound()
        return await source.options(self.session, self.clock())

    async def recipients(self, audience: Audience) -> list[int]:
        stmt = select(User.id).where(
            User.forgotten_at.is_(None),
            User.telegram_id.is_not(None),
            User.is_reachable.is_(True),
        )
        if audience.roles:
            stmt = stmt.where(
                User.id.in_(
                    select(UserRole.user_id).where(UserRole.role.in_(sorted(audience.roles)))
                )
            )
        if audience.school_ids:
            stmt = stmt.where(User.school_id.in_(sorted(audience.school_ids)))
        if audience.categories:
            flags = [_CATEGORY_COLUMNS[c].is_(True) for c in sorted(audience.categories)]
            stmt = stmt.where(User.school_id.in_(select(School.id).where(or_(*flags))))
        if audience.subjects:
            stmt = stmt.where(
                User.id.in_(
                    select(UserSubject.user_id).where(
                        UserSubject.subject.in_(sorted(audience.subjects))
                    )
                )
            )
        ids = set((await self.session.execute(stmt)).scalars())
        if audience.sources:
            chosen: set[int] = set()
            for name, ident in sorted(audience.sources):
                source = AUDIENCE_SOURCES.get(name)
                if source is not None:
                    chosen |= await source.resolve(self.session, ident)
            ids &= chosen
        return sorted(ids)

    async def audience_size(self, actor: Actor, audience: Audience) -> int:
        self._require_staff(actor)
        return len(await self.recipients(audience))

    async def launch(
        self,
        actor: Actor,
        draft: Draft,
        when: datetime | None = None,
        progress_message_id: int | None = None,
    ) -> Progress:
        """Writes the broadcast and one outbox row per recipient in one transaction."""
        self._require_staff(actor)
        self.check_body(actor, draft.body)
        now = self.clock()
        due = when or now
        if when is not None and when <= now:
            raise InvalidInput("error-broadcast-time-past")
        await begin_write(self.session)
        recipients = await self.recipients(draft.audience)
        if not recipients:
            raise InvalidInput("error-broadcast-nobody")
        broadcast = Broadcast(
            author_id=actor.user_id,
            author_chat_id=actor.telegram_id,
            body=draft.body,
            attachment_type=draft.attachment_type.value if draft.attachment_type else None,
            attachment_file_id=draft.attachment_file_id,
            audience=draft.audience.to_json(),
            state=(BroadcastState.SCHEDULED if when else BroadcastState.SENDING).value,
            scheduled_at=due,
            started_at=None if when else now,
            total=len(recipients),
            to_channel=bool(draft.to_channel and self.policy.channel_id),
            progress_message_id=progress_message_id,
        )
        self.session.add(broadcast)
        await self.session.flush()
        attachment = None
        if draft.attachment_type and draft.attachment_file_id:
            attachment = {"type": draft.attachment_type.value, "file_id": draft.attachment_file_id}
        outbox = OutboxService(self.session, self.clock)
        for user_id in recipients:
            outbox.enqueue(
                user_id=user_id,
                kind=KIND,
                body=draft.body,
                due_at=due,
                priority=Priority.BULK,
                ref=(REF, broadcast.id),
                attachment=attachment,
                dedupe_key=f"broadcast:{broadcast.id}:{user_id}",
            )
        if broadcast.to_channel and self.policy.channel_id is not None:
            outbox.enqueue(
                chat_id=self.policy.channel_id,
                kind="channel",
                body=draft.body,
                due_at=due,
                priority=Priority.BULK,
                ref=("broadcast-channel", broadcast.id),
                attachment=attachment,
                dedupe_key=f"broadcast:{broadcast.id}:channel",
            )
        await self.session.commit()
        log.info(
            "broadcast %s by user_id=%s recipients=%s scheduled=%s",
            broadcast.id,
            actor.user_id,
            len(recipients),
            bool(when),
        )
        return await self.progress(broadcast.id)

    async def set_progress_message(self, actor: Actor, broadcast_id: int, message_id: int) -> None:
        self._require_staff(actor)
        await self._set_progress_message(broadcast_id, message_id)

    async def _set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        await self.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_message_id=message_id)
        )
        await self.session.commit()

    async def attach_progress_message(self, broadcast_id: int, message_id: int) -> None:
        """For the engine: the progress message it posted for a scheduled broadcast."""
        await self._set_progress_message(broadcast_id, message_id)

    async def stop(self, actor: Actor, broadcast_id: int) -> Progress:
        self._require_staff(actor)
        await begin_write(self.session)
        broadcast = await self.session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise NotFound()
        if broadcast.author_id != actor.user_id and not actor.is_admin:
            raise AccessDenied()
        if broadcast.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING):
            outbox = OutboxService(self.session, self.clock)
            await outbox.cancel((REF, broadcast_id))
            await outbox.cancel(("broadcast-channel", broadcast_id))
            broadcast.state = BroadcastState.CANCELLED.value
            broadcast.finished_at = self.clock()
            log.info("broadcast %s stopped by user_id=%s", broadcast_id, actor.user_id)
        await self.session.commit()
        return await self.progress(broadcast_id)

    async def list_recent(self, actor: Actor, limit: int = 10) -> list[Progress]:
        self._require_staff(actor)
        ids = (
            await self.session.execute(
                select(Broadcast.id).order_by(Broadcast.id.desc()).limit(limit)
            )
        ).scalars()
        return [await self.progress(i) for i in list(ids)]

    async def progress(self, broadcast_id: int) -> Progress:
        row = (
            await self.session.execute(
                select(Broadcast, User.locale)
                .outerjoin(User, User.id == Broadcast.author_id)
                .where(Broadcast.id == broadcast_id)
            )
        ).one_or_none()
        if row is None:
            raise NotFound()
        broadcast, locale = row
        counts: dict[tuple[str, str | None], int] = {}
        first_sent: datetime | None = None
        last_sent: datetime | None = None
        for state, error, count, first, last in (
            await self.session.execute(
                select(
                    OutboxMessage.state,
                    OutboxMessage.last_error,
                    func.count(),
                    func.min(OutboxMessage.sent_at),
                    func.max(OutboxMessage.sent_at),
                )
                .where(and_(OutboxMessage.ref_type == REF, OutboxMessage.ref_id == broadcast_id))
                .group_by(OutboxMessage.state, OutboxMessage.last_error)
            )
        ).all():
            key = (state, error if state == OutboxState.SKIPPED.value else None)
            counts[key] = counts.get(key, 0) + int(count)
            if first is not None and last is not None:
                first_sent = first if first_sent is None else min(first_sent, first)
                last_sent = last if last_sent is None else max(last_sent, last)

        def total_of(state: OutboxState) -> int:
            return sum(n for (s, _), n in counts.items() if s == state.value)

        sent = total_of(OutboxState.SENT)
        blocked = counts.get((OutboxState.SKIPPED.value, REASON_BLOCKED), 0)
        failed = total_of(OutboxState.FAILED) + total_of(OutboxState.SKIPPED) - blocked
        left = total_of(OutboxState.PENDING) + total_of(OutboxState.SENDING)
        cancelled = total_of(OutboxState.CANCELLED)
        rate = 0.0
        if first_sent is not None and last_sent is not None and sent > 1:
            span = (last_sent - first_sent).total_seconds()
            rate = (sent - 1) / span if span > 0 else 0.0
        eta = int(left / rate) if rate > 0 and left else None
        return Progress(
            broadcast_id=broadcast.id,
            state=BroadcastState(broadcast.state),
            author_chat_id=broadcast.author_chat_id,
            author_locale=locale or self.policy.default_locale,
            message_id=broadcast.progress_message_id,
            total=broadcast.total,
            sent=sent,
            failed=failed,
            blocked=blocked,
            left=left,
            cancelled=cancelled,
            started_at=broadcast.started_at,
            scheduled_at=broadcast.scheduled_at,
            rate=rate,
            eta_seconds=eta,
        )

    async def note_sending(self, broadcast_id: int) -> Progress:
        """For the engine: moves a scheduled broadcast to sending, and a finished one to done."""
        await begin_write(self.session)
        broadcast = await self.session.get(Broadcast, broadcast_id)
        if broadcast is None:
            raise NotFound()
        if broadcast.state == BroadcastState.SCHEDULED.value:
            broadcast.state = BroadcastState.SENDING.value
            broadcast.started_at = self.clock()
        await self.session.commit()
        progress = await self.progress(broadcast_id)
        if progress.finished and progress.state == BroadcastState.SENDING:
            await self.session.execute(
                update(Broadcast)
                .where(
                    Broadcast.id == broadcast_id,
                    Broadcast.state == BroadcastState.SENDING.value,
                )
                .values(state=BroadcastState.DONE.value, finished_at=self.clock())
            )
            await self.session.commit()
            log.info("broadcast %s done sent=%s", broadcast_id, progress.sent)
            progress = await self.progress(broadcast_id)
        return progress


async def forget_broadcasts(session: AsyncSession, user_id: int) -> None:
    """The author's Telegram id is kept only to show progress; /forget removes it."""
    await session.execute(
        update(Broadcast).where(Broadcast.author_id == user_id).values(author_chat_id=None)
    )
