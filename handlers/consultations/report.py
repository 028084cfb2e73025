"""/consult_report for staff: consultations of a period by psychologist and by topic, as text,
a chart or a workbook."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.consultations.callbacks import ConsultReportCD, ReportAct
from handlers.consultations.keyboards import report_keyboard
from handlers.consultations.render import report_text
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.i18n import Text
from services.reports.consultations import ConsultReport, report_chart, report_xlsx
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    from_ordinals,
    parse_custom,
)


async def _report(svc: Services, actor: Actor, period: ReportPeriod) -> ConsultReport:
    zone = svc.policy.timezone
    return await svc.reports.consult_report(actor, period.start_utc(zone), period.end_utc(zone))


def _period_of(cd: ConsultReportCD) -> ReportPeriod:
    return from_ordinals(PeriodKind.CUSTOM, cd.first, cd.last)


def _stamp(period: ReportPeriod) -> str:
    return f"{period.first:%Y%m%d}-{period.last:%Y%m%d}"


async def report_command(
    message: Message, command: CommandObject, svc: Services, actor: Actor, t: Text
) -> None:
    if command.args:
        try:
            today = svc.clock().astimezone(svc.policy.timezone).date()
            period = parse_custom(command.args, today=today)
        except InvalidInput:
            await message.answer(t("consult-report-bad-period"))
            return
    else:
        period = current_period(PeriodKind.MONTH, svc.clock(), svc.policy.timezone)
    report = await _report(svc, actor, period)
    await show(message, report_text(report, period, t), report_keyboard(period, t))


async def on_report_text(
    query: CallbackQuery, callback_data: ConsultReportCD, svc: Services, actor: Actor, t: Text
) -> None:
    # The button leads to the month before, so the screen again offers the one before that.
    custom = _period_of(callback_data)
    period = ReportPeriod(PeriodKind.MONTH, custom.first, custom.last)
    report = await _report(svc, actor, period)
    await show(query, report_text(report, period, t), report_keyboard(period, t))


async def on_report_chart(
    query: CallbackQuery, callback_data: ConsultReportCD, svc: Services, actor: Actor, t: Text
) -> None:
    period = _period_of(callback_data)
    report = await _report(svc, actor, period)
    assert query.bot is not None
    await query.bot.send_photo(
        query.from_user.id,
        BufferedInputFile(report_chart(report, t), filename=f"consultations-{_stamp(period)}.png"),
        caption=t("consult-report-chart-title"),
    )


async def on_report_xlsx(
    query: CallbackQuery, callback_data: ConsultReportCD, svc: Services, actor: Actor, t: Text
) -> None:
    period = _period_of(callback_data)
    report = await _report(svc, actor, period)
    assert query.bot is not None
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(report_xlsx(report, t), filename=f"consultations-{_stamp(period)}.xlsx"),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(report_command, Command("consult_report"))
    router.callback_query.register(on_report_text, ConsultReportCD.filter(F.act == ReportAct.TEXT))
    router.callback_query.register(
        on_report_chart, ConsultReportCD.filter(F.act == ReportAct.CHART)
    )
    router.callback_query.register(on_report_xlsx, ConsultReportCD.filter(F.act == ReportAct.XLSX))
    return router
