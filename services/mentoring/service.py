"""Mentoring as handlers see it (`svc.mentoring`): one method per action, each handing over
to the module of its part of the feature."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from services.context import Actor, Clock, Policy
from services.dates import read_day
from services.delivery.outbox import OutboxService
from services.i18n import Text
from services.mentoring import (
    agreement,
    ending,
    groups,
    meetings,
    plans,
    reassign,
    rules,
    suggestions,
    summary,
    views,
)
from services.mentoring.common import LevelsPort, MentoringContext, no_diagnosis
from services.mentoring.types import (
    Candidate,
    Form,
    GroupView,
    Level,
    MeetingFormat,
    MentorshipView,
    Reason,
    RequestView,
    Side,
    Status,
)


class MentoringService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        outbox: OutboxService,
        levels: LevelsPort = no_diagnosis,
    ) -> None:
        self.ctx = MentoringContext(session, policy, clock, outbox, levels)

    def read_day(self, text: str | None, locale: str, *, future: bool) -> datetime:
        """A typed day, as noon of that day in the configured zone (aware UTC)."""
        zone = self.ctx.policy.timezone
        today = self.ctx.now().astimezone(zone).date()
        day = read_day(text, today=today, locale=locale, prefer_future=future)
        return datetime.combine(day, time(12), zone).astimezone(UTC)

    # ---- screens ------------------------------------------------------------

    async def mine(self, actor: Actor) -> list[MentorshipView]:
        return await views.mine(self.ctx, actor)

    async def count_listed(self, actor: Actor) -> int:
        """How many mentorships `mine` would list: whether the person has any to show."""
        return await views.count_listed(self.ctx, actor)

    async def open_pairings(self, actor: Actor) -> list[MentorshipView]:
        """The person's open pairings, for /my (none for those mentoring is not for)."""
        return await summary.open_pairings(self.ctx, actor)

    async def mentorship(self, actor: Actor, pair_id: int) -> MentorshipView:
        return await views.mentorship(self.ctx, actor, pair_id)

    async def pairs(self, actor: Actor) -> list[MentorshipView]:
        return await views.pairs(self.ctx, actor)

    async def candidates(self, actor: Actor) -> list[RequestView]:
        return await views.candidates(self.ctx, actor)

    async def check_party(self, actor: Actor, pair_id: int, side: Side | None = None) -> None:
        await views.check_party(self.ctx, actor, pair_id, side)

    async def step_pair(self, actor: Actor, step_id: int) -> int:
        return await views.step_pair(self.ctx, actor, step_id)

    def check_arranger(self, actor: Actor) -> None:
        rules.require_arranger(actor)

    async def suggest(
        self, actor: Actor, mentee_id: int, exclude: tuple[int, ...] = ()
    ) -> list[Candidate]:
        return await suggestions.suggest(self.ctx, actor, mentee_id, exclude)

    async def group(self, actor: Actor, group_id: int) -> GroupView:
        return await groups.group(self.ctx, actor, group_id)

    async def check_group_mentor(self, actor: Actor, group_id: int) -> None:
        await groups.check_group_mentor(self.ctx, actor, group_id)

    # ---- agreement ----------------------------------------------------------

    async def may_ask(self, actor: Actor) -> Reason | None:
        return await agreement.may_ask(self.ctx, actor)

    async def request_mentor(self, actor: Actor) -> int:
        return await agreement.request_mentor(self.ctx, actor)

    async def propose(
        self, actor: Actor, mentee_id: int, mentor_id: int, form: Form = Form.INDIVIDUAL
    ) -> int:
        return await agreement.propose(self.ctx, actor, mentee_id, mentor_id, form)

    async def add_to_group(self, actor: Actor, group_id: int, mentee_id: int) -> int:
        return await groups.add_to_group(self.ctx, actor, group_id, mentee_id)

    async def group_candidates(self, actor: Actor, group_id: int) -> list[RequestView]:
        """Teachers a methodist may add to an open group."""
        await groups.open_mentor(self.ctx, actor, group_id)
        return await views.candidates(self.ctx, actor)

    async def accept(self, actor: Actor, pair_id: int) -> Status:
        return (await agreement.accept(self.ctx, actor, pair_id))[0]

    async def accept_pair(self, actor: Actor, pair_id: int) -> tuple[Status, int]:
        """The status and the mentorship that goes on (a hand-over continues another)."""
        return await agreement.accept(self.ctx, actor, pair_id)

    async def decline(self, actor: Actor, pair_id: int, reason: str) -> None:
        await agreement.decline(self.ctx, actor, pair_id, reason)

    # ---- the plan -----------------------------------------------------------

    async def mark_done(self, actor: Actor, step_id: int) -> bool:
        return await plans.mark_done(self.ctx, actor, step_id)

    async def confirm_step(self, actor: Actor, step_id: int) -> bool:
        return await plans.confirm(self.ctx, actor, step_id)

    async def add_step(self, actor: Actor, pair_id: int, title: str, due_at: datetime) -> int:
        return await plans.add_step(self.ctx, actor, pair_id, title, due_at)

    async def move_step(self, actor: Actor, step_id: int, due_at: datetime) -> None:
        await plans.move_step(self.ctx, actor, step_id, due_at)

    async def remove_step(self, actor: Actor, step_id: int) -> None:
        await plans.remove_step(self.ctx, actor, step_id)

    # ---- meetings and the end -----------------------------------------------

    async def log_meeting(
        self, actor: Actor, pair_id: int, held_at: datetime, fmt: MeetingFormat, note: str | None
    ) -> int:
        return await meetings.log_meeting(self.ctx, actor, pair_id, held_at, fmt, note)

    async def log_group_meeting(
        self, actor: Actor, group_id: int, held_at: datetime, fmt: MeetingFormat, note: str | None
    ) -> int:
        return await meetings.log_group_meeting(self.ctx, actor, group_id, held_at, fmt, note)

    async def finish(self, actor: Actor, pair_id: int, early_reason: str | None = None) -> None:
        await ending.finish(self.ctx, actor, pair_id, early_reason)

    # ---- another mentor -----------------------------------------------------

    async def check_reassign(self, actor: Actor, pair_id: int) -> int:
        """Before another mentor is sought: the actor arranges for the active mentorship's
        mentee. Returns the mentee's id."""
        return await reassign.check(self.ctx, actor, pair_id)

    async def hand_over(self, actor: Actor, pair_id: int, mentor_id: int) -> int:
        return await reassign.hand_over(self.ctx, actor, pair_id, mentor_id)

    async def end_and_propose(
        self, actor: Actor, pair_id: int, mentor_id: int, reason: str
    ) -> int:
        return await reassign.end_and_propose(self.ctx, actor, pair_id, mentor_id, reason)

    async def self_assess(
        self, actor: Actor, pair_id: int, topic: str, level: Level
    ) -> dict[str, str]:
        return await ending.self_assess(self.ctx, actor, pair_id, topic, level)

    async def conclude(self, actor: Actor, pair_id: int, text: str) -> None:
        await ending.conclude(self.ctx, actor, pair_id, text)

    async def paper(self, actor: Actor, pair_id: int, t: Text) -> bytes:
        return await ending.paper(self.ctx, actor, pair_id, t)
