"""/stats: the dashboard and the monitoring indicators, period by period.

Every press goes back to the report service, which re-checks the rights and the scope (a
coordinator's figures are their school's only).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.menu import MenuButton
from handlers.messages import edit_text, send, tapped_message
from handlers.reports.callbacks import DashboardCD, ReportView
from handlers.reports.keyboards import PICKER_KINDS, report_keyboard
from handlers.reports.render import render_dashboard, render_indicators
from handlers.reports.states import ReportsForm
from handlers.webapp_button import with_webapp_button
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    from_ordinals,
    parse_custom,
)

# Answered before the work starts: an export may outlast the button's spinner.
ANSWER_FIRST = {"callback_answer": {"pre": True}}


def period_of(callback_data: DashboardCD) -> ReportPeriod:
    return from_ordinals(callback_data.kind, callback_data.first, callback_data.last)


def _picker_periods(svc: Services) -> dict[PeriodKind, ReportPeriod]:
    now, zone = svc.clock(), svc.policy.timezone
    return {kind: current_period(kind, now, zone) for kind in PICKER_KINDS}


async def dashboard_screen(
    period: ReportPeriod, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    text = render_dashboard(await svc.reports.dashboard(actor, period), t)
    markup = with_webapp_button(
        report_keyboard(ReportView.DASHBOARD, period, t, _picker_periods(svc)),
        svc.policy.webapp_url,
        t("miniapp-open-dashboard"),
        screen="dashboard",
    )
    return text, markup


async def indicators_screen(
    period: ReportPeriod, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    scope = await svc.reports.scope(actor)
    indicators = await svc.reports.indicators(actor, period)
    meetings = await svc.reports.meetings(actor, period)
    text = render_indicators(period, scope.school_name, indicators, t, meetings)
    return text, report_keyboard(ReportView.INDICATORS, period, t, _picker_periods(svc))


async def leave_custom_step(state: FSMContext) -> None:
    # Only this feature's own step is left; another feature's wizard keeps its progress.
    if await state.get_state() == ReportsForm.custom_period.state:
        await state.clear()


async def stats_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await leave_custom_step(state)
    text, markup = await dashboard_screen(svc.reports.default_period(), svc, actor, t)
    await message.answer(text, reply_markup=markup)


async def on_dashboard(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is None:
        return
    text, markup = await dashboard_screen(period_of(callback_data), svc, actor, t)
    await edit_text(message, text, markup)


async def on_indicators(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is None:
        return
    text, markup = await indicators_screen(period_of(callback_data), svc, actor, t)
    await edit_text(message, text, markup)


async def on_custom(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if tapped_message(query) is None:
        return
    await svc.reports.scope(actor)
    await state.set_state(ReportsForm.custom_period)
    await send(query, t("reports-custom-ask"))


async def custom_period_typed(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    # A wrong entry raises InvalidInput: the person is told why and stays on this step.
    period = parse_custom(message.text, today=svc.clock().astimezone(svc.policy.timezone).date())
    await state.clear()
    text, markup = await dashboard_screen(period, svc, actor, t)
    await message.answer(text, reply_markup=markup)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(stats_command, Command("stats"))
    router.message.register(stats_command, MenuButton("menu-reports"))
    router.message.register(custom_period_typed, ReportsForm.custom_period, F.text)
    for handler, view in (
        (on_dashboard, ReportView.DASHBOARD),
        (on_indicators, ReportView.INDICATORS),
        (on_custom, ReportView.CUSTOM),
    ):
        router.callback_query.register(
            handler, DashboardCD.filter(F.view == view), flags=ANSWER_FIRST
        )
    return router
