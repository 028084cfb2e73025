"""The reports facade handlers use (svc.reports): rights first (scope), then the module of
each sub-capability: dashboard, indicators, participation, and the data behind exports and
charts. Every figure is an SQL aggregate; the only Python loops run over grouped rows.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.context import Actor, Clock, Policy
from services.reports import participation
from services.reports.consultations import ConsultReport, consult_report
from services.reports.dashboard import Dashboard, build_dashboard
from services.reports.data import ReportData
from services.reports.indicators import Indicator, Window, event_indicators, teachers_total
from services.reports.mentoring import MeetingsRow, mentoring_indicators, mentoring_meetings
from services.reports.period import PeriodKind, ReportPeriod, current_period
from services.reports.scope import Scope, scope_of, window_of
from services.reports.surveys import diagnostics_indicators, difficulty_profile

log = logging.getLogger(__name__)


class ReportService:
    def __init__(self, session: AsyncSession, policy: Policy, clock: Clock) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock

    async def scope(self, actor: Actor) -> Scope:
        return await scope_of(self.session, actor)

    def default_period(self, kind: PeriodKind = PeriodKind.MONTH) -> ReportPeriod:
        return current_period(kind, self.clock(), self.policy.timezone)

    def _window(self, period: ReportPeriod, scope: Scope) -> Window:
        return window_of(period, scope, self.policy.timezone)

    async def consult_report(self, actor: Actor, start: datetime, end: datetime) -> ConsultReport:
        """/consult_report: consultations by psychologist and by topic, for staff."""
        return await consult_report(self.session, actor, start, end)

    async def dashboard(self, actor: Actor, period: ReportPeriod) -> Dashboard:
        scope = await self.scope(actor)
        dashboard = await build_dashboard(
            self.session, period, scope, self._window(period, scope), self.clock()
        )
        log.info("report dashboard by=%s school=%s", actor.user_id, scope.school_id)
        return dashboard

    async def indicators(self, actor: Actor, period: ReportPeriod) -> list[Indicator]:
        scope = await self.scope(actor)
        return await self._indicators(period, scope)

    async def _indicators(self, period: ReportPeriod, scope: Scope) -> list[Indicator]:
        window = self._window(period, scope)
        indicators = await event_indicators(self.session, window)
        teachers = await teachers_total(self.session, window)
        indicators += await diagnostics_indicators(self.session, window, teachers)
        return indicators + await mentoring_indicators(self.session, window, self.clock())

    async def meetings(self, actor: Actor, period: ReportPeriod) -> list[MeetingsRow]:
        """Mentoring meetings per pair, month by month and for the whole period."""
        scope = await self.scope(actor)
        return await self._meetings(period, scope)

    async def _meetings(self, period: ReportPeriod, scope: Scope) -> list[MeetingsRow]:
        window = self._window(period, scope)
        return await mentoring_meetings(self.session, window, self.policy.timezone, self.clock())

    async def report_data(self, actor: Actor, period: ReportPeriod) -> ReportData:
        scope = await self.scope(actor)
        window = self._window(period, scope)
        now = self.clock()
        events = await participation.event_rows(self.session, window, now)
        data = ReportData(
            period=period,
            scope=scope,
            generated_at=now,
            # The per-event counts already hold the totals: no second pass over registrations.
            dashboard=await build_dashboard(
                self.session, period, scope, window, now, participation.attendance_of(events)
            ),
            indicators=await self._indicators(period, scope),
            meetings=await self._meetings(period, scope),
            events=events,
            participants=await participation.participant_rows(self.session, window, now),
            difficulties=await difficulty_profile(self.session, window),
        )
        log.info(
            "report data by=%s school=%s events=%s people=%s",
            actor.user_id,
            scope.school_id,
            len(data.events),
            len(data.participants),
        )
        return data

    async def chart_data(self, actor: Actor, period: ReportPeriod) -> ReportData:
        """The lighter set the dashboard needs: indicators by category, attendance by month,
        the top difficulties and mentoring meetings per month."""
        scope = await self.scope(actor)
        window = self._window(period, scope)
        now = self.clock()
        return ReportData(
            period=period,
            scope=scope,
            generated_at=now,
            dashboard=await build_dashboard(self.session, period, scope, window, now),
            indicators=await self._indicators(period, scope),
            months=await participation.monthly_attendance(
                self.session, period, scope.school_id, self.policy.timezone
            ),
            difficulties=await difficulty_profile(self.session, window),
            meetings=await self._meetings(period, scope),
        )
