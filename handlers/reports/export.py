"""/export and the charts: spreadsheets and pictures of a period's figures.

Files are built in a worker thread while a "preparing…" message shows what is happening, and
is replaced by the file when it is ready.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from contextlib import suppress
from typing import TypeVar

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.messages import edit_text, tapped_message
from handlers.reports.callbacks import DashboardCD, ReportView
from handlers.reports.dashboard import ANSWER_FIRST, leave_custom_step, period_of
from handlers.reports.keyboards import export_keyboard
from handlers.reports.render import export_caption, period_text
from services.container import Services
from services.context import Actor
from services.i18n import Raw, Text
from services.reports.charts import available, render_chart
from services.reports.export import Section, file_stem, render_csv, render_workbook
from services.reports.period import ReportPeriod

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_EVERY_SECONDS = 3.0


async def export_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await leave_custom_step(state)
    await svc.reports.scope(actor)
    period = svc.reports.default_period()
    await message.answer(
        t("reports-export-choose", period=period_text(period, t)),
        reply_markup=export_keyboard(period, t),
    )


async def on_export_menu(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is None:
        return
    await svc.reports.scope(actor)
    period = period_of(callback_data)
    await edit_text(
        message,
        t("reports-export-choose", period=period_text(period, t)),
        export_keyboard(period, t),
    )


async def on_charts(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is not None:
        await send_charts(message, period_of(callback_data), svc, actor, t)


async def on_workbook(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is not None:
        await send_export(message, period_of(callback_data), None, svc, actor, t)


async def on_csv(
    query: CallbackQuery, callback_data: DashboardCD, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is not None:
        period = period_of(callback_data)
        await send_export(message, period, callback_data.section, svc, actor, t)


async def _with_progress(status: Message, text: str, work: Awaitable[T], t: Text) -> T:
    """Waits for the work, updating the status message now and then so it visibly moves."""
    task = asyncio.ensure_future(work)
    elapsed = 0.0
    while True:
        done, _ = await asyncio.wait({task}, timeout=PROGRESS_EVERY_SECONDS)
        if done:
            return task.result()
        elapsed += PROGRESS_EVERY_SECONDS
        await _status(status, t("reports-preparing-elapsed", text=Raw(text), seconds=int(elapsed)))


async def _status_message(message: Message, text: str) -> Message:
    """The "preparing…" line, bound to the bot so that it can be edited and deleted later."""
    status = await message.answer(text)
    assert message.bot is not None
    return status.as_(message.bot)


async def _status(status: Message, text: str) -> None:
    # A status line is a courtesy: a failed edit must not stop the export itself.
    with suppress(TelegramAPIError):
        await edit_text(status, text)


async def _finish(status: Message) -> None:
    with suppress(TelegramAPIError):
        await status.delete()


async def send_export(
    message: Message,
    period: ReportPeriod,
    section: Section | None,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.reports.scope(actor)
    label = period_text(period, t)
    status = await _status_message(message, t("reports-preparing-data", period=label))
    try:
        data = await svc.reports.report_data(actor, period)
        await svc.end_read()
        step = t("reports-preparing-file", events=len(data.events), people=len(data.participants))
        await _status(status, step)
        zone = svc.policy.timezone
        if section is None:
            payload = await _with_progress(status, step, render_workbook(data, t, zone), t)
            name = f"{file_stem(data)}.xlsx"
        else:
            payload = await _with_progress(status, step, render_csv(data, section, t, zone), t)
            name = f"{file_stem(data, section.value)}.csv"
    except Exception:
        log.exception("report export failed user_id=%s", actor.user_id)
        await _status(status, t("reports-export-failed"))
        return
    await message.answer_document(
        BufferedInputFile(payload, filename=name), caption=export_caption(data, t)
    )
    await _finish(status)


async def send_charts(
    message: Message, period: ReportPeriod, svc: Services, actor: Actor, t: Text
) -> None:
    await svc.reports.scope(actor)
    label = period_text(period, t)
    status = await _status_message(message, t("reports-charts-preparing", period=label))
    try:
        data = await svc.reports.chart_data(actor, period)
        await svc.end_read()
        charts = [(kind, await render_chart(kind, data, t)) for kind in available(data)]
    except Exception:
        log.exception("report charts failed user_id=%s", actor.user_id)
        await _status(status, t("reports-export-failed"))
        return
    for kind, png in charts:
        await message.answer_photo(
            BufferedInputFile(png, filename=f"{file_stem(data, kind.value)}.png"),
            caption=t(f"reports-chart-caption-{kind.value}", period=label),
        )
    await _finish(status)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(export_command, Command("export"))
    for handler, view in (
        (on_export_menu, ReportView.EXPORT),
        (on_charts, ReportView.CHARTS),
        (on_workbook, ReportView.XLSX),
        (on_csv, ReportView.CSV),
    ):
        router.callback_query.register(
            handler, DashboardCD.filter(F.view == view), flags=ANSWER_FIRST
        )
    return router
