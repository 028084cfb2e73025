"""Surveys for staff: /surveys lists them with response figures; a card launches, opens or
closes one and sends its report (a chart, a text summary, an XLSX file). New surveys come
from an uploaded YAML/JSON file or from a short chat wizard."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from io import BytesIO

from aiogram import Bot, F, Router
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
from services.dates import local
from services.enums import Topic
from services.errors import AccessDenied
from services.i18n import Text
from services.surveys.analytics import DIMENSIONS, SurveyReport
from services.surveys.catalog import wizard_question
from services.surveys.charts import distribution_chart, group_label, profile_chart, report_workbook
from services.surveys.format import MAX_FILE_BYTES, SurveyFormatError, localized
from services.surveys.types import WIZARD_MAX_QUESTIONS, QuestionType, SurveyCard, SurveyStatus

ISSUES_SHOWN = 15
CHARTS_FOR_PLAIN_SURVEYS = 3


class Staff(StrEnum):
    CARD = "c"
    LAUNCH = "l"
    LAUNCH_SURE = "L"
    OPEN = "o"
    CLOSE = "x"
    REPORT = "r"
    XLSX = "e"
    UPLOAD = "u"
    WIZARD = "w"


class StaffCD(CallbackData, prefix="svs"):
    act: Staff
    survey_id: int = 0


class Wizard(StrEnum):
    MORE = "m"
    SAVE = "s"
    BACK = "b"


class WizardCD(CallbackData, prefix="svw"):
    act: Wizard | None = None
    qtype: QuestionType | None = None


class SurveyEditor(StatesGroup):
    # Named uniquely: the catch-all looks up the hint "expect-<state name>" for stray input.
    survey_file = State()
    survey_title = State()
    survey_question = State()
    survey_qtype = State()
    survey_options = State()
    survey_next = State()


def _require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()


def _card_text(card: SurveyCard, svc: Services, t: Text) -> str:
    lines = [
        t("survey-card-title", title=card.title),
        t(f"survey-status-{card.status.value}"),
        t("survey-card-questions", count=card.questions),
        t("survey-card-figures", respondents=card.respondents, audience=card.audience),
    ]
    if card.allow_repeat:
        lines.append(t("survey-card-wave", wave=card.wave))
    if card.anonymous:
        lines.append(t("survey-card-anonymous"))
    if card.closes_at:
        when = local(card.closes_at, svc.policy.timezone).strftime("%d.%m.%Y %H:%M")
        lines.append(t("survey-card-closes", date=when))
    return "\n".join(lines)


def _card_keyboard(card: SurveyCard, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    sid = card.survey_id
    if not card.launched:
        builder.button(
            text=t("survey-btn-launch"), callback_data=StaffCD(act=Staff.LAUNCH, survey_id=sid)
        )
    elif card.allow_repeat:
        builder.button(
            text=t("survey-btn-new-wave"), callback_data=StaffCD(act=Staff.LAUNCH, survey_id=sid)
        )
    if card.status == SurveyStatus.OPEN:
        builder.button(
            text=t("survey-btn-close"), callback_data=StaffCD(act=Staff.CLOSE, survey_id=sid)
        )
    else:
        builder.button(
            text=t("survey-btn-open"), callback_data=StaffCD(act=Staff.OPEN, survey_id=sid)
        )
    builder.button(
        text=t("survey-btn-report"), callback_data=StaffCD(act=Staff.REPORT, survey_id=sid)
    )
    builder.button(text=t("survey-btn-xlsx"), callback_data=StaffCD(act=Staff.XLSX, survey_id=sid))
    builder.adjust(1)
    return builder.as_markup()


async def list_surveys(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _require_staff(actor)
    await state.clear()
    cards = await svc.surveys.list_all(actor)
    lines = [t("survey-staff-title")]
    builder = Keyboard()
    for card in cards:
        lines.append(
            t(
                "survey-staff-line",
                title=card.title,
                status=t(f"survey-status-{card.status.value}"),
                respondents=card.respondents,
                audience=card.audience,
            )
        )
        builder.row(
            InlineKeyboardButton(
                text=card.title[:64],
                callback_data=StaffCD(act=Staff.CARD, survey_id=card.survey_id).pack(),
            )
        )
    if not cards:
        lines.append(t("survey-staff-empty"))
    builder.row(
        InlineKeyboardButton(
            text=t("survey-btn-upload"), callback_data=StaffCD(act=Staff.UPLOAD).pack()
        ),
        InlineKeyboardButton(
            text=t("survey-btn-wizard"), callback_data=StaffCD(act=Staff.WIZARD).pack()
        ),
    )
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


async def _reply(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


async def staff_press(
    query: CallbackQuery,
    callback_data: StaffCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _require_staff(actor)
    sid = callback_data.survey_id
    act = callback_data.act
    if act == Staff.UPLOAD:
        await state.set_state(SurveyEditor.survey_file)
        await _reply(query, t("survey-upload-ask", max=MAX_FILE_BYTES // 1000))
        return
    if act == Staff.WIZARD:
        await state.set_state(SurveyEditor.survey_title)
        await state.update_data(questions=[])
        await _reply(query, t("survey-wizard-title"))
        return
    if act == Staff.LAUNCH:
        card = await svc.surveys.card(actor, sid)
        builder = Keyboard()
        builder.button(
            text=t("survey-btn-launch-sure"),
            callback_data=StaffCD(act=Staff.LAUNCH_SURE, survey_id=sid),
        )
        builder.button(
            text=t("survey-btn-cancel"), callback_data=StaffCD(act=Staff.CARD, survey_id=sid)
        )
        await _reply(
            query,
            t("survey-launch-confirm", title=card.title, audience=card.audience),
            builder.as_markup(),
        )
        return
    if act == Staff.LAUNCH_SURE:
        invited = await svc.surveys.launch(actor, sid)
        card = await svc.surveys.card(actor, sid)
        await _reply(
            query,
            t("survey-launched", count=invited) + "\n\n" + _card_text(card, svc, t),
            _card_keyboard(card, t),
        )
        return
    if act in (Staff.OPEN, Staff.CLOSE):
        card = await svc.surveys.set_open(actor, sid, act == Staff.OPEN)
        await _reply(query, _card_text(card, svc, t), _card_keyboard(card, t))
        return
    if act == Staff.REPORT:
        await query.answer(t("survey-report-wait"))
        if isinstance(query.message, Message):
            await send_report(query.message, sid, svc, actor, t)
        return
    if act == Staff.XLSX:
        await query.answer(t("survey-report-wait"))
        if isinstance(query.message, Message):
            await send_xlsx(query.message, sid, svc, actor, t)
        return
    card = await svc.surveys.card(actor, sid)
    await _reply(query, _card_text(card, svc, t), _card_keyboard(card, t))


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def summary_text(title: str, report: SurveyReport, t: Text) -> str:
    lines = [
        t("survey-report-title", title=title, wave=report.wave),
        t(
            "survey-report-rate",
            respondents=report.respondents,
            audience=report.audience,
            rate=_pct(report.rate),
        ),
    ]
    if report.top:
        lines.append("")
        lines.append(t("survey-report-top"))
        for share in report.top:
            lines.append(
                t(
                    "survey-report-top-line",
                    topic=t(f"topic-{share.topic}"),
                    serious=_pct(share.serious_share),
                    some=_pct(share.some_share),
                )
            )
    for dimension in DIMENSIONS:
        groups = report.breakdowns.get(dimension, [])
        if not groups:
            continue
        lines.append("")
        lines.append(t(f"survey-dimension-{dimension}"))
        for group in groups:
            worst = max(group.topics, key=lambda s: s.serious_share, default=None)
            if worst is None:
                continue
            lines.append(
                t(
                    "survey-report-group-line",
                    group=group_label(dimension, group.group, t),
                    count=group.respondents,
                    topic=t(f"topic-{worst.topic}"),
                    serious=_pct(worst.serious_share),
                )
            )
        if report.hidden.get(dimension):
            lines.append(t("survey-report-hidden", count=report.hidden[dimension]))
    if report.changes:
        lines.append("")
        lines.append(t("survey-report-changes", before=report.wave - 1, after=report.wave))
        for change in report.changes:
            delta = round(100 * (change.after - change.before))
            lines.append(
                t(
                    "survey-report-change-line",
                    topic=t(f"topic-{change.topic}"),
                    before=_pct(change.before),
                    after=_pct(change.after),
                    delta=f"{delta:+d}",
                )
            )
    if report.support:
        lines.append("")
        lines.append(t("survey-report-support"))
        for figure in report.support:
            if figure.serious:
                lines.append(
                    t(
                        "survey-report-support-line",
                        topic=t(f"topic-{figure.topic}"),
                        serious=figure.serious,
                        registered=figure.registered,
                        attended=figure.attended,
                    )
                )
    return "\n".join(lines)


async def send_report(
    message: Message, survey_id: int, svc: Services, actor: Actor, t: Text
) -> None:
    card = await svc.surveys.card(actor, survey_id)
    report = await svc.surveys.report(actor, survey_id)
    definition = await svc.surveys.definition(actor, survey_id)
    if report.respondents == 0:
        await message.answer(t("survey-report-empty", title=card.title))
        return
    charts: list[bytes] = []
    if report.profile:
        labels = {topic.value: t(f"topic-{topic.value}") for topic in Topic}
        charts.append(
            await asyncio.to_thread(
                profile_chart,
                report.profile,
                labels,
                t("survey-chart-title", respondents=report.respondents),
                t("survey-level-some"),
                t("survey-level-serious"),
            )
        )
    else:
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
    for number, png in enumerate(charts, start=1):
        await message.answer_photo(
            BufferedInputFile(png, filename=f"survey-{survey_id}-{number}.png")
        )
    await message.answer(summary_text(card.title, report, t))


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


# --- uploading a file ---------------------------------------------------------------------


async def upload_file(
    message: Message, bot: Bot, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    _require_staff(actor)
    document = message.document
    assert document is not None
    name = (document.file_name or "").lower()
    if not name.endswith((".yaml", ".yml", ".json")):
        await message.answer(t("survey-upload-extension"))
        return
    if document.file_size and document.file_size > MAX_FILE_BYTES:
        await message.answer(t("survey-upload-too-big", max=MAX_FILE_BYTES // 1000))
        return
    buffer = BytesIO()
    await bot.download(document, destination=buffer)
    try:
        card = await svc.surveys.create_from_file(actor, buffer.getvalue())
    except SurveyFormatError as error:
        lines = [t("survey-upload-errors", count=len(error.issues))]
        for issue in error.issues[:ISSUES_SHOWN]:
            problem = t(issue.key, **issue.args)
            lines.append(
                t("survey-issue-line", line=issue.line, problem=problem)
                if issue.line
                else t("survey-issue-general", problem=problem)
            )
        if len(error.issues) > ISSUES_SHOWN:
            lines.append(t("survey-issue-more", count=len(error.issues) - ISSUES_SHOWN))
        lines.append(t("survey-upload-again"))
        await message.answer("\n".join(lines))
        return
    await state.clear()
    await message.answer(
        t("survey-created") + "\n\n" + _card_text(card, svc, t),
        reply_markup=_card_keyboard(card, t),
    )


async def upload_not_file(message: Message, t: Text) -> None:
    await message.answer(t("survey-upload-expect-file"))


# --- the chat wizard ----------------------------------------------------------------------


def _type_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for qtype in QuestionType:
        builder.button(text=t(f"survey-type-{qtype.value}"), callback_data=WizardCD(qtype=qtype))
    builder.button(text=t("survey-back"), callback_data=WizardCD(act=Wizard.BACK))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


def _next_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("survey-wizard-more"), callback_data=WizardCD(act=Wizard.MORE))
    builder.button(text=t("survey-wizard-save"), callback_data=WizardCD(act=Wizard.SAVE))
    builder.adjust(1)
    return builder.as_markup()


def _back_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("survey-back"), callback_data=WizardCD(act=Wizard.BACK))
    return builder.as_markup()


async def wizard_title(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    _require_staff(actor)
    title = " ".join((message.text or "").split())
    if not title or len(title) > 200:
        await message.answer(t("error-survey-wizard-title", max=200))
        return
    await state.update_data(title=title)
    await state.set_state(SurveyEditor.survey_question)
    await message.answer(t("survey-wizard-question", number=1))


async def wizard_question_text(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    _require_staff(actor)
    text = " ".join((message.text or "").split())
    data = await state.get_data()
    # Validated now so a mistake is reported at this step, not after the options.
    wizard_question(len(data.get("questions", [])) + 1, QuestionType.TEXT, text, None)
    await state.update_data(pending=text)
    await state.set_state(SurveyEditor.survey_qtype)
    await message.answer(t("survey-wizard-type"), reply_markup=_type_keyboard(t))


async def wizard_press(
    query: CallbackQuery,
    callback_data: WizardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _require_staff(actor)
    current = await state.get_state()
    data = await state.get_data()
    questions: list[dict[str, object]] = list(data.get("questions", []))
    if current is None or not current.startswith(SurveyEditor.__name__):
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    if callback_data.qtype is not None and current == SurveyEditor.survey_qtype.state:
        qtype = callback_data.qtype
        await state.update_data(qtype=qtype.value)
        if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
            await state.set_state(SurveyEditor.survey_options)
            await _reply(query, t("survey-wizard-options"), _back_keyboard(t))
            return
        question = wizard_question(len(questions) + 1, qtype, str(data["pending"]), None)
        await _add_question(query, state, questions, question, t)
        return
    if callback_data.act == Wizard.BACK:
        if current == SurveyEditor.survey_options.state:
            await state.set_state(SurveyEditor.survey_qtype)
            await _reply(query, t("survey-wizard-type"), _type_keyboard(t))
        else:
            await state.set_state(SurveyEditor.survey_question)
            await _reply(query, t("survey-wizard-question", number=len(questions) + 1))
        return
    if callback_data.act == Wizard.MORE and current == SurveyEditor.survey_next.state:
        if len(questions) >= WIZARD_MAX_QUESTIONS:
            await query.answer(
                t("error-survey-wizard-too-many", max=WIZARD_MAX_QUESTIONS), show_alert=True
            )
            return
        await state.set_state(SurveyEditor.survey_question)
        await _reply(query, t("survey-wizard-question", number=len(questions) + 1))
        return
    if callback_data.act == Wizard.SAVE and current == SurveyEditor.survey_next.state:
        card = await svc.surveys.create_simple(actor, str(data["title"]), questions)
        await state.clear()
        await _reply(
            query, t("survey-created") + "\n\n" + _card_text(card, svc, t), _card_keyboard(card, t)
        )
        return
    await query.answer(t("error-stale-button"), show_alert=True)


async def _add_question(
    query: CallbackQuery | Message,
    state: FSMContext,
    questions: list[dict[str, object]],
    question: dict[str, object],
    t: Text,
) -> None:
    questions.append(question)
    await state.update_data(questions=questions, pending=None, qtype=None)
    await state.set_state(SurveyEditor.survey_next)
    text = t("survey-wizard-added", count=len(questions))
    if isinstance(query, CallbackQuery):
        await _reply(query, text, _next_keyboard(t))
    else:
        await query.answer(text, reply_markup=_next_keyboard(t))


async def wizard_options(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    _require_staff(actor)
    data = await state.get_data()
    questions: list[dict[str, object]] = list(data.get("questions", []))
    question = wizard_question(
        len(questions) + 1, QuestionType(data["qtype"]), str(data["pending"]), message.text
    )
    await _add_question(message, state, questions, question, t)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_surveys, Command("surveys"))
    router.message.register(list_surveys, MenuButton("menu-surveys-staff"))
    router.callback_query.register(staff_press, StaffCD.filter())
    router.callback_query.register(wizard_press, WizardCD.filter())
    router.message.register(upload_file, SurveyEditor.survey_file, F.document)
    router.message.register(upload_not_file, SurveyEditor.survey_file)
    router.message.register(wizard_title, SurveyEditor.survey_title, F.text)
    router.message.register(wizard_question_text, SurveyEditor.survey_question, F.text)
    router.message.register(wizard_options, SurveyEditor.survey_options, F.text)
    return router
