"""Everything an export or a chart needs, loaded once, so they are built without the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.reports.dashboard import Dashboard
from services.reports.indicators import Indicator
from services.reports.mentoring import MeetingsRow
from services.reports.participation import EventRow, MonthAttendance, ParticipantRow
from services.reports.period import ReportPeriod
from services.reports.scope import Scope
from services.reports.surveys import DifficultyRow


@dataclass
class ReportData:
    period: ReportPeriod
    scope: Scope
    generated_at: datetime
    dashboard: Dashboard
    indicators: list[Indicator]
    events: list[EventRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    months: list[MonthAttendance] = field(default_factory=list)
    difficulties: list[DifficultyRow] = field(default_factory=list)
    # Mentoring meetings per pair, month by month, the whole period last.
    meetings: list[MeetingsRow] = field(default_factory=list)
