"""/stats and /export: the dashboard, the monitoring indicators, charts and spreadsheets.

Every press goes back to the report service, which re-checks the rights and the scope (a
coordinator's figures are their school's only). Files are built in a worker thread while a
"preparing…" message shows what is happening, and is replaced by the file when it is ready.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from contextlib import suppress
from enum import StrEnum
from typing import TypeVar

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.container import Services
from services.context import Actor
from services.i18n import Raw, Text
from services.reports.charts import available, render_chart
from services.reports.export import (
    Section,
    file_stem,
    period_label,
    render_csv,
    render_workbook,
)
from services.reports.indicators import Indicator, Ratio, IndicatorCategory
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    from_ordinals,
    parse_custom,
    shift,
)
from services.reports.dashboard import Dashboard
from services.reports.data import ReportData

log = logging.getLogger(__name__)

T = TypeVar("T")

TOP_SCHOOLS = 5
TOP_TOPICS = 6
TOP_SURVEYS = 5
PROGRESS_EVERY_SECONDS = 3.0
PICKER_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.SCHOOL_YEAR)


class ReportView(StrEnum):
    DASHBOARD = "dash"
    INDICATORS = "ind"
    CHARTS = "charts"
    EXPORT = "export"
    XLSX = "xlsx"
    CSV = "csv"
    CUSTOM = "custom"


class ReportCD(CallbackData, prefix="rep"):
    view: ReportView
    kind: PeriodKind
    first: int  # date ordinals: compact and typed
    last: int
    section: Section | None = None


class ReportsForm(StatesGroup):
    custom_period = State()


# --- rendering --------------------------------------------------------------------------------


def period_text(period: ReportPeriod, t: Text) -> str:
    return t(
        "reports-period-range",
        first=period.first.strftime("%d.%m.%Y"),
        last=period.last.strftime("%d.%m.%Y"),
    )


def share_text(ratio: Ratio, t: Text) -> str:
    share = ratio.share
    return t("reports-no-share") if share is None else t("reports-percent", value=100 * share)


def _title(period: ReportPeriod, school: str | None, t: Text) -> str:
    if school is None:
        return t("reports-title", period=period_text(period, t))
    return t("reports-title-school", period=period_text(period, t), school=school)


def render_dashboard(dashboard: Dashboard, t: Text) -> str:
    lines = [_title(dashboard.period, dashboard.scope.school_name, t), ""]
    lines.append(t("reports-people-title"))
    for role, count in dashboard.people_by_role.items():
        lines.append(t("reports-people-line", role=t(f"role-{role.value}"), count=count))
    if not dashboard.people_by_role:
        lines.append(t("reports-people-none"))
    if dashboard.scope.school_id is None and dashboard.schools:
        lines += ["", t("reports-schools-title")]
        for school in dashboard.schools[:TOP_SCHOOLS]:
            lines.append(
                t(
                    "reports-school-line",
                    school=school.short_name,
                    teachers=school.teachers,
                    parents=school.parents,
                )
            )
        if len(dashboard.schools) > TOP_SCHOOLS:
            lines.append(t("reports-schools-more", count=len(dashboard.schools) - TOP_SCHOOLS))
    lines.append("")
    if dashboard.events_held:
        lines.append(t("reports-events-title", count=dashboard.events_held))
        lines.append(t("reports-by-type"))
        for event_type, count in sorted(dashboard.events_by_type.items(), key=lambda i: -i[1]):
            lines.append(
                t("reports-count-line", name=t(f"reports-type-{event_type.value}"), count=count)
            )
        lines.append(t("reports-by-topic"))
        topics = sorted(dashboard.events_by_topic.items(), key=lambda i: -i[1])
        for topic, count in topics[:TOP_TOPICS]:
            lines.append(t("reports-count-line", name=t(f"topic-{topic.value}"), count=count))
    else:
        lines.append(t("reports-events-none"))
    attendance = dashboard.attendance
    lines += ["", t("reports-attendance-title")]
    lines.append(
        t(
            "reports-attendance",
            registered=attendance.registered,
            waitlisted=attendance.waitlisted,
            attended=attendance.attended,
            due=attendance.due,
            rate=share_text(Ratio(attendance.attended, attendance.due), t),
            no_shows=attendance.no_shows,
        )
    )
    lines.append(t("reports-attendance-note"))
    if attendance.feedback_average is not None:
        lines.append(
            t(
                "reports-feedback",
                average=attendance.feedback_average,
                count=attendance.feedback_count,
            )
        )
    else:
        lines.append(t("reports-feedback-none"))
    lines += ["", t("reports-surveys-title")]
    for survey in dashboard.surveys[-TOP_SURVEYS:]:
        lines.append(
            t(
                "reports-survey-line",
                title=survey.title,
                responded=survey.responded,
                invited=survey.invited,
                rate=share_text(Ratio(survey.responded, survey.invited), t),
            )
        )
    if not dashboard.surveys:
        lines.append(t("reports-surveys-none"))
    total = dashboard.consultations[-1]
    lines += ["", t("reports-consultations-title")]
    if total.total:
        lines.append(
            t(
                "reports-consultations",
                held=total.held,
                no_show=total.no_show,
                cancelled=total.cancelled,
                by_psychologist=total.cancelled_by_psychologist,
                booked=total.booked,
            )
        )
    else:
        lines.append(t("reports-consultations-none"))
    return "\n".join(lines)


def render_indicators(
    period: ReportPeriod, school: str | None, indicators: list[Indicator], t: Text
) -> str:
    lines = [t("reports-indicators-title", period=period_text(period, t))]
    if school is not None:
        lines.append(t("reports-indicators-school", school=school))
    categories = [IndicatorCategory.ALL] if school is not None else list(IndicatorCategory)
    for indicator in indicators:
        lines += ["", t("reports-indicator-head", name=t(f"reports-indicator-{indicator.kind}"))]
        for category in categories:
            ratio = indicator.get(category)
            lines.append(
                t(
                    "reports-indicator-line",
                    category=(
                        t("reports-category-own-school")
                        if school is not None
                        else t(f"reports-category-{category.value}")
                    ),
                    share=share_text(ratio, t),
                    numerator=ratio.numerator,
                    denominator=ratio.denominator,
                )
            )
    lines += ["", t("reports-indicators-note")]
    return "\n".join(lines)


# --- keyboards --------------------------------------------------------------------------------


def _cd(view: ReportView, period: ReportPeriod, section: Section | None = None) -> str:
    return ReportCD(
        view=view,
        kind=period.kind,
        first=period.first.toordinal(),
        last=period.last.toordinal(),
        section=section,
    ).pack()


def _button(text: str, view: ReportView, period: ReportPeriod) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=_cd(view, period))


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
            callback_data=_cd(ReportView.CSV, period, section),
        )
        for section in Section
    ]
    for index in range(0, len(csv_buttons), 2):
        builder.row(*csv_buttons[index : index + 2])
    builder.row(_button(t("reports-btn-back"), ReportView.DASHBOARD, period))
    return builder.as_markup()


def _picker_periods(svc: Services) -> dict[PeriodKind, ReportPeriod]:
    now, zone = svc.clock(), svc.policy.timezone
    return {kind: current_period(kind, now, zone) for kind in PICKER_KINDS}


# --- screens ----------------------------------------------------------------------------------


async def _screen(
    view: ReportView, period: ReportPeriod, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    if view == ReportView.INDICATORS:
        scope = await svc.reports.scope(actor)
        indicators = await svc.reports.indicators(actor, period)
        text = render_indicators(period, scope.school_name, indicators, t)
    else:
        view = ReportView.DASHBOARD
        text = render_dashboard(await svc.reports.dashboard(actor, period), t)
    return text, report_keyboard(view, period, t, _picker_periods(svc))


async def _leave_custom_step(state: FSMContext) -> None:
    # Only this feature's own step is left; another feature's wizard keeps its progress.
    if await state.get_state() == ReportsForm.custom_period.state:
        await state.clear()


async def stats_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await _leave_custom_step(state)
    text, markup = await _screen(ReportView.DASHBOARD, svc.reports.default_period(), svc, actor, t)
    await message.answer(text, reply_markup=markup)


async def export_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await _leave_custom_step(state)
    await svc.reports.scope(actor)
    period = svc.reports.default_period()
    await message.answer(
        t("reports-export-choose", period=period_text(period, t)),
        reply_markup=export_keyboard(period, t),
    )


async def on_report_button(
    query: CallbackQuery,
    callback_data: ReportCD,
    state: FSMContext,
    bot: Bot,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    period = from_ordinals(callback_data.kind, callback_data.first, callback_data.last)
    message = query.message
    if not isinstance(message, Message):
        return
    view = callback_data.view
    if view in (ReportView.DASHBOARD, ReportView.INDICATORS):
        text, markup = await _screen(view, period, svc, actor, t)
        await _replace(message, text, markup)
    elif view == ReportView.CUSTOM:
        await svc.reports.scope(actor)
        await state.set_state(ReportsForm.custom_period)
        await message.answer(t("reports-custom-ask"))
    elif view == ReportView.EXPORT:
        await svc.reports.scope(actor)
        await _replace(
            message,
            t("reports-export-choose", period=period_text(period, t)),
            export_keyboard(period, t),
        )
    elif view == ReportView.CHARTS:
        await send_charts(message, bot, period, svc, actor, t)
    else:
        section = callback_data.section if view == ReportView.CSV else None
        await send_export(message, bot, period, section, svc, actor, t)


async def _replace(message: Message, text: str, markup: InlineKeyboardMarkup) -> None:
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        # Pressing the period already shown changes nothing; Telegram calls that an error.
        if "not modified" not in str(exc):
            raise


async def custom_period_typed(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    # A wrong entry raises InvalidInput: the person is told why and stays on this step.
    period = parse_custom(message.text)
    await state.clear()
    text, markup = await _screen(ReportView.DASHBOARD, period, svc, actor, t)
    await message.answer(text, reply_markup=markup)


# --- files in the background ------------------------------------------------------------------


async def _with_progress(bot: Bot, status: Message, text: str, work: Awaitable[T], t: Text) -> T:
    """Waits for the work, updating the status message now and then so it visibly moves."""
    task = asyncio.ensure_future(work)
    elapsed = 0.0
    while True:
        done, _ = await asyncio.wait({task}, timeout=PROGRESS_EVERY_SECONDS)
        if done:
            return task.result()
        elapsed += PROGRESS_EVERY_SECONDS
        await _edit(
            bot, status, t("reports-preparing-elapsed", text=Raw(text), seconds=int(elapsed))
        )


async def _edit(bot: Bot, status: Message, text: str) -> None:
    # A status line is a courtesy: a failed edit must not stop the export itself.
    with suppress(TelegramAPIError):
        await bot.edit_message_text(
            text=text, chat_id=status.chat.id, message_id=status.message_id
        )


async def _finish(bot: Bot, status: Message) -> None:
    with suppress(TelegramAPIError):
        await bot.delete_message(chat_id=status.chat.id, message_id=status.message_id)


async def send_export(
    message: Message,
    bot: Bot,
    period: ReportPeriod,
    section: Section | None,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.reports.scope(actor)
    label = period_text(period, t)
    status = await message.answer(t("reports-preparing-data", period=label))
    try:
        data = await svc.reports.report_data(actor, period)
        await svc.end_read()
        step = t("reports-preparing-file", events=len(data.events), people=len(data.participants))
        await _edit(bot, status, step)
        if section is None:
            payload = await _with_progress(
                bot, status, step, render_workbook(data, t, svc.policy.timezone), t
            )
            name = f"{file_stem(data)}.xlsx"
        else:
            payload = await _with_progress(
                bot, status, step, render_csv(data, section, t, svc.policy.timezone), t
            )
            name = f"{file_stem(data, section.value)}.csv"
    except Exception:
        log.exception("report export failed user_id=%s", actor.user_id)
        await _edit(bot, status, t("reports-export-failed"))
        return
    await message.answer_document(
        BufferedInputFile(payload, filename=name),
        caption=_caption(data, t),
    )
    await _finish(bot, status)


def _caption(data: ReportData, t: Text) -> str:
    scope = data.scope.school_name or t("reports-scope-network")
    return t("reports-export-caption", period=period_label(data, t), scope=scope)


async def send_charts(
    message: Message, bot: Bot, period: ReportPeriod, svc: Services, actor: Actor, t: Text
) -> None:
    await svc.reports.scope(actor)
    label = period_text(period, t)
    status = await message.answer(t("reports-charts-preparing", period=label))
    try:
        data = await svc.reports.chart_data(actor, period)
        await svc.end_read()
        charts = [(kind, await render_chart(kind, data, t)) for kind in available(data)]
    except Exception:
        log.exception("report charts failed user_id=%s", actor.user_id)
        await _edit(bot, status, t("reports-export-failed"))
        return
    for kind, png in charts:
        await message.answer_photo(
            BufferedInputFile(png, filename=f"{file_stem(data, kind.value)}.png"),
            caption=t(f"reports-chart-caption-{kind.value}", period=label),
        )
    await _finish(bot, status)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(stats_command, Command("stats"))
    router.message.register(stats_command, MenuButton("menu-reports"))
    router.message.register(export_command, Command("export"))
    router.message.register(custom_period_typed, ReportsForm.custom_period, F.text)
    router.callback_query.register(
        on_report_button,
        ReportCD.filter(),
        # Answered before the work starts: an export may outlast the button's spinner.
        flags={"callback_answer": {"pre": True}},
    )
    return router
