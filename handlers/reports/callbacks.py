"""The reports buttons' typed callback data (the "rep" prefix is in chats already: kept)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from services.reports.export import Section
from services.reports.period import PeriodKind, ReportPeriod


class ReportView(StrEnum):
    DASHBOARD = "dash"
    INDICATORS = "ind"
    CHARTS = "charts"
    EXPORT = "export"
    XLSX = "xlsx"
    CSV = "csv"
    CUSTOM = "custom"


class DashboardCD(CallbackData, prefix="rep"):
    view: ReportView
    kind: PeriodKind
    first: int  # date ordinals: compact and typed
    last: int
    section: Section | None = None


def dashboard_cd(view: ReportView, period: ReportPeriod, section: Section | None = None) -> str:
    return DashboardCD(
        view=view,
        kind=period.kind,
        first=period.first.toordinal(),
        last=period.last.toordinal(),
        section=section,
    ).pack()
