"""The reports keyboards: period navigation under a screen, and the export choices."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.markup import Keyboard
from handlers.reports.callbacks import ReportView, dashboard_cd
from services.i18n import Text
from services.reports.export import Section
from services.reports.period import PeriodKind, ReportPeriod, shift

PICKER_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.SCHOOL_YEAR)


def _button(text: str, view: ReportView, period: ReportPeriod) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=dashboard_cd(view, period))


def report_keyboard(
    view: ReportView, period: ReportPeriod, t: Text, today_period: dict[PeriodKind, ReportPeriod]
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.row(
        _button(t("reports-btn-prev"), view, shift(period, -1)),
        _button(t("reports-btn-next"), view, shift(period, 1)),
    )
    builder.row(
        *(
            _button(("• " if kind == period.kind else "") + t(f"reports-btn-{kind}"), view, p)
            for kind, p in today_period.items()
        )
    )
    builder.row(_button(t("reports-btn-custom"), ReportView.CUSTOM, period))
    other = ReportView.INDICATORS if view == ReportView.DASHBOARD else ReportView.DASHBOARD
    builder.row(
        _button(
            t(f"reports-btn-{'indicators' if other == ReportView.INDICATORS else 'dashboard'}"),
            other,
            period,
        ),
        _button(t("reports-btn-charts"), ReportView.CHARTS, period),
        _button(t("reports-btn-export"), ReportView.EXPORT, period),
    )
    return builder.as_markup()


def export_keyboard(period: ReportPeriod, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.row(_button(t("reports-btn-xlsx"), ReportView.XLSX, period))
    csv_buttons = [
        InlineKeyboardButton(
            text=t(f"reports-btn-csv-{section.value}"),
            callback_data=dashboard_cd(ReportView.CSV, period, section),
        )
        for section in Section
    ]
    for index in range(0, len(csv_buttons), 2):
        builder.row(*csv_buttons[index : index + 2])
    builder.row(_button(t("reports-btn-back"), ReportView.DASHBOARD, period))
    return builder.as_markup()
