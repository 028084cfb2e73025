"""`EventService`: the one object handlers use for events (`svc.events`). It keeps no logic of
its own; each method hands over to the module of its sub-capability."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.context import Actor, Clock, Policy
from services.delivery.outbox import OutboxService
from services.events import (
    attendance,
    authoring,
    calendar,
    catalog,
    editing,
    feedback,
    offers,
    registration,
    rules,
)
from services.events.shared import EventContext
from services.events.types import (
    NO_FILTERS,
    CalendarFilters,
    CancelOutlook,
    Change,
    EventDraft,
    EventFilters,
    EventPage,
    EventSummary,
    EventView,
    MyEvents,
    Participants,
    RegistrationOutcome,
    StaffScope,
)
from services.hooks import EventPublishedHook


class EventService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        outbox: OutboxService,
        on_published: Sequence[EventPublishedHook] = (),
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        self.outbox = outbox
        self.ctx = EventContext(session, policy, clock, outbox, tuple(on_published))

    # ---- authoring: drafts, proposals, approval ---------------------------------------------

    def validate(self, draft: EventDraft) -> EventDraft:
        return rules.validate(draft, self.clock())

    def preview(self, draft: EventDraft) -> EventView:
        return authoring.preview(draft)

    async def create(self, actor: Actor, draft: EventDraft, *, publish: bool) -> int:
        return await authoring.create(self.ctx, actor, draft, publish=publish)

    async def publish(self, actor: Actor, event_id: int) -> EventView:
        return await authoring.publish(self.ctx, actor, event_id)

    async def decline(self, actor: Actor, event_id: int, reason: str | None) -> None:
        await authoring.decline(self.ctx, actor, event_id, reason)

    async def pending(self, actor: Actor, page: int = 0) -> EventPage:
        return await authoring.pending(self.ctx, actor, page)

    def deep_link(self, event_id: int) -> str:
        return self.ctx.deep_link(event_id)

    # ---- editing and cancelling -------------------------------------------------------------

    async def draft_of(self, actor: Actor, event_id: int) -> EventDraft:
        return await editing.draft_of(self.ctx, actor, event_id)

    async def edit(self, actor: Actor, event_id: int, draft: EventDraft) -> list[Change]:
        return await editing.edit(self.ctx, actor, event_id, draft)

    async def cancel_event(self, actor: Actor, event_id: int) -> int:
        return await editing.cancel_event(self.ctx, actor, event_id)

    # ---- the catalog ------------------------------------------------------------------------

    async def card(self, actor: Actor, event_id: int) -> EventView:
        return await catalog.card(self.ctx, actor, event_id)

    async def upcoming(
        self, actor: Actor, filters: EventFilters = NO_FILTERS, page: int = 0
    ) -> EventPage:
        return await catalog.upcoming(self.ctx, actor, filters, page)

    async def my_events(self, actor: Actor, past_page: int = 0) -> MyEvents:
        return await catalog.my_events(self.ctx, actor, past_page)

    async def staff_events(
        self, actor: Actor, scope: StaffScope = StaffScope.UPCOMING, month: int = 0, page: int = 0
    ) -> EventPage:
        return await catalog.staff_events(
            self.ctx, actor, scope, month or catalog.this_month(self.ctx), page
        )

    def this_month(self) -> int:
        return catalog.this_month(self.ctx)

    async def calendar(
        self, actor: Actor, start: datetime, end: datetime, filters: CalendarFilters
    ) -> tuple[EventView, ...]:
        return await calendar.calendar(self.ctx, actor, start, end, filters)

    # ---- registration and the waiting list --------------------------------------------------

    async def register(self, actor: Actor, event_id: int) -> RegistrationOutcome:
        return await registration.register(self.ctx, actor, event_id)

    async def cancel_outlook(self, actor: Actor, event_id: int) -> CancelOutlook:
        return await registration.cancel_outlook(self.ctx, actor, event_id)

    async def cancel_registration(self, actor: Actor, event_id: int) -> None:
        await registration.cancel_registration(self.ctx, actor, event_id)

    async def registration_card(self, actor: Actor, registration_id: int) -> EventView:
        return await registration.registration_card(self.ctx, actor, registration_id)

    async def take_offer(self, actor: Actor, registration_id: int) -> RegistrationOutcome:
        return await offers.take_offer(self.ctx, actor, registration_id)

    async def decline_offer(self, actor: Actor, registration_id: int) -> None:
        await offers.decline_offer(self.ctx, actor, registration_id)

    async def expire_offers(self, now: datetime | None = None) -> int:
        return await offers.expire_offers(self.ctx, now)

    # ---- attendance -------------------------------------------------------------------------

    async def participants(self, actor: Actor, event_id: int) -> Participants:
        return await attendance.participants(self.ctx, actor, event_id)

    async def set_attended(
        self, actor: Actor, event_id: int, registration_id: int, attended: bool
    ) -> None:
        await attendance.set_attended(self.ctx, actor, event_id, registration_id, attended)

    async def open_checkin(self, actor: Actor, event_id: int) -> tuple[str, datetime, datetime]:
        return await attendance.open_checkin(self.ctx, actor, event_id)

    async def summary(self, actor: Actor, event_id: int) -> EventSummary:
        return await attendance.summary(self.ctx, actor, event_id)

    async def checkin(self, actor: Actor, code: str) -> EventView:
        return await attendance.checkin(self.ctx, actor, code)

    def attendance_open(self, event: EventView) -> bool:
        """Whether staff may mark attendance of the event now (the same window as in chat)."""
        window = rules.attendance_window_of(event.starts_at, event.ends_at, self.policy)
        return window.holds(self.clock())

    async def has_open_checkin(self) -> bool:
        return await attendance.has_open_checkin(self.ctx)

    async def attendee(self, actor: Actor, event_id: int) -> tuple[EventView, str]:
        return await attendance.attendee(self.ctx, actor, event_id)

    # ---- feedback ---------------------------------------------------------------------------

    async def finish_ended(self, now: datetime | None = None) -> int:
        return await feedback.finish_ended(self.ctx, now)

    async def rating_title(self, actor: Actor, registration_id: int) -> str:
        return await feedback.rating_title(self.ctx, actor, registration_id)

    async def rate(self, actor: Actor, registration_id: int, score: int) -> str:
        return await feedback.rate(self.ctx, actor, registration_id, score)

    async def comment(self, actor: Actor, registration_id: int, text: str | None) -> None:
        await feedback.comment(self.ctx, actor, registration_id, text)
