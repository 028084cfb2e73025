"""Staff broadcasts: the one object handlers use, a thin front over the modules of the feature
(compose: checks; audience: who is reached; launch: send, schedule, stop; progress: figures).

Besides the built-in filters (roles, schools, school categories, subjects), other features
offer audiences of their own, such as "those who have not answered a survey", as
`services.audiences.AudienceSource` values; the container hands them in as `sources`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.audiences import AudienceSource
from services.broadcasts import audience, compose, launch, progress
from services.broadcasts.scope import BroadcastScope, require_staff
from services.broadcasts.types import BroadcastAudience, Draft, Progress
from services.context import Actor, Clock, Policy


class BroadcastService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        sources: Sequence[AudienceSource] = (),
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.scope = BroadcastScope(
            session, policy, clock, {source.name: source for source in sources}
        )

    def check_access(self, actor: Actor) -> None:
        require_staff(actor)

    def check_body(self, actor: Actor, body: str | None) -> str:
        return compose.check_body(actor, body)

    def parse_time(self, actor: Actor, text: str | None) -> datetime:
        return compose.parse_time(self.scope, actor, text)

    def quiet_until(self, moment: datetime) -> datetime | None:
        return compose.quiet_until(self.scope, moment)

    async def sources(self, actor: Actor) -> list[tuple[str, str]]:
        return await audience.sources(self.scope, actor)

    async def source_options(self, actor: Actor, name: str) -> list[tuple[int, str]]:
        return await audience.source_options(self.scope, actor, name)

    async def recipients(self, chosen: BroadcastAudience) -> list[int]:
        return await audience.recipients(self.scope, chosen)

    async def audience_size(self, actor: Actor, chosen: BroadcastAudience) -> int:
        return await audience.audience_size(self.scope, actor, chosen)

    async def launch(
        self,
        actor: Actor,
        draft: Draft,
        when: datetime | None = None,
        progress_message_id: int | None = None,
    ) -> Progress:
        return await launch.launch(self.scope, actor, draft, when, progress_message_id)

    async def stop(self, actor: Actor, broadcast_id: int) -> Progress:
        return await launch.stop(self.scope, actor, broadcast_id)

    async def set_progress_message(self, actor: Actor, broadcast_id: int, message_id: int) -> None:
        require_staff(actor)
        await progress.set_progress_message(self.scope, broadcast_id, message_id)

    async def attach_progress_message(self, broadcast_id: int, message_id: int) -> None:
        """For the engine: the progress message it posted for a scheduled broadcast."""
        await progress.set_progress_message(self.scope, broadcast_id, message_id)

    async def list_recent(self, actor: Actor, limit: int = 10) -> list[Progress]:
        return await progress.list_recent(self.scope, actor, limit)

    async def list_page(self, actor: Actor, page: int) -> progress.BroadcastPage:
        return await progress.list_page(self.scope, actor, page)

    async def progress(self, broadcast_id: int) -> Progress:
        return await progress.progress(self.scope, broadcast_id)

    async def note_sending(self, broadcast_id: int) -> Progress:
        """For the engine: moves a scheduled broadcast to sending, and a finished one to done."""
        return await progress.note_sending(self.scope, broadcast_id)
