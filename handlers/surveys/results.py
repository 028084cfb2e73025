"""A survey's results for staff: the report (a chart and a text summary) and the XLSX file."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.messages import show, tapped_message
from handlers.surveys.callbacks import Staff, StaffCD
from handlers.surveys.catalog import require_staff
from handlers.surveys.render import summary_text
from services.container import Services
from services.context import Actor
from services.enums import Topic
from services.i18n import Text
from services.surveys.analytics import SurveyReport
from services.surveys.charts import distribution_chart, profile_chart, report_workbook
from services.surveys.format import localized

CHARTS_FOR_PLAIN_SURVEYS = 3


async def _profile_chart(report: SurveyReport, t: Text) -> bytes:
    labels = {topic.value: t(f"topic-{topic.value}") for topic in Topic}
    return await asyncio.to_thread(
        profile_chart,
        report.profile,
        labels,
        t("survey-chart-title", respondents=report.respondents),
        t("survey-level-some"),
        t("survey-level-serious"),
    )


async def _distribution_charts(
    report: SurveyReport, definition: dict[str, Any], t: Text
) -> list[bytes]:
    """A chart per choice question of a survey without topics, the first few of them."""
    charts: list[bytes] = []
    by_id = {q["id"]: q for q in definition["questions"]}
    for stats in report.questions:
        if stats.type == "text" or len(charts) >= CHARTS_FOR_PLAIN_SURVEYS:
            continue
        options = {
            o["id"]: localized(o["text"], t.locale)
            for o in by_id[stats.question].get("options", [])
        }
        names = [options.get(c.option, c.option) for c in stats.counts]
        title = localized(by_id[stats.question]["text"], t.locale)[:80]
        charts.append(
            await asyncio.to_thread(
                distribution_chart, names, [c.count for c in stats.counts], title
            )
        )
    return charts


async def send_report(
    message: Message, survey_id: int, svc: Services, actor: Actor, t: Text
) -> None:
    card = await svc.surveys.card(actor, survey_id)
    report = await svc.surveys.report(actor, survey_id)
    definition = await svc.surveys.definition(actor, survey_id)
    if report.respondents == 0:
        await show(message, t("survey-report-empty", title=card.title))
        return
    if report.profile:
        charts = [await _profile_chart(report, t)]
    else:
        charts = await _distribution_charts(report, definition, t)
    for number, png in enumerate(charts, start=1):
        await message.answer_photo(
            BufferedInputFile(png, filename=f"survey-{survey_id}-{number}.png")
        )
    await show(message, summary_text(card.title, report, t))


async def send_xlsx(
    message: Message, survey_id: int, svc: Services, actor: Actor, t: Text
) -> None:
    card = await svc.surveys.card(actor, survey_id)
    report = await svc.surveys.report(actor, survey_id)
    definition = await svc.surveys.definition(actor, survey_id)
    raw = await svc.surveys.raw_answers(actor, survey_id)
    data = await asyncio.to_thread(
        report_workbook, report, definition, raw, card.anonymous, t.locale, svc.policy.timezone, t
    )
    await message.answer_document(
        BufferedInputFile(data, filename=f"survey-{survey_id}-wave-{report.wave}.xlsx"),
        caption=t("survey-xlsx-caption", title=card.title),
    )


async def report(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    await query.answer(t("survey-report-wait"))
    message = tapped_message(query)
    if message is not None:
        await send_report(message, callback_data.survey_id, svc, actor, t)


async def xlsx(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    await query.answer(t("survey-report-wait"))
    message = tapped_message(query)
    if message is not None:
        await send_xlsx(message, callback_data.survey_id, svc, actor, t)


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(report, StaffCD.filter(F.act == Staff.REPORT))
    router.callback_query.register(xlsx, StaffCD.filter(F.act == Staff.XLSX))
    return router
