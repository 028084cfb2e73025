"""A new survey from a short chat wizard: a title, then questions one by one (text, type,
options), then save as a draft."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.messages import send, show
from handlers.surveys.callbacks import Staff, StaffCD, SurveyWizardAct, SurveyWizardCD
from handlers.surveys.catalog import require_staff, send_card
from handlers.surveys.keyboards import (
    question_type_keyboard,
    wizard_back_keyboard,
    wizard_next_keyboard,
)
from handlers.surveys.states import SurveyEditor
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.surveys.catalog import wizard_question
from services.surveys.types import WIZARD_MAX_QUESTIONS, QuestionType

TITLE_MAX = 200
Questions = list[dict[str, object]]


async def _questions(state: FSMContext) -> Questions:
    return list((await state.get_data()).get("questions", []))


async def start(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    await state.set_state(SurveyEditor.survey_title)
    await state.update_data(questions=[])
    await query.answer()
    await send(query, t("survey-wizard-title"))


async def title(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    text = " ".join((message.text or "").split())
    if not text or len(text) > TITLE_MAX:
        await show(message, t("error-survey-wizard-title", max=TITLE_MAX))
        return
    await state.update_data(title=text)
    await state.set_state(SurveyEditor.survey_question)
    await show(message, t("survey-wizard-question", number=1))


async def question_text(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    text = " ".join((message.text or "").split())
    # Validated now so a mistake is reported at this step, not after the options.
    wizard_question(len(await _questions(state)) + 1, QuestionType.TEXT, text, None)
    await state.update_data(pending=text)
    await state.set_state(SurveyEditor.survey_qtype)
    await show(message, t("survey-wizard-type"), question_type_keyboard(t))


async def _add_question(
    event: CallbackQuery | Message,
    state: FSMContext,
    questions: Questions,
    question: dict[str, object],
    t: Text,
) -> None:
    questions.append(question)
    await state.update_data(questions=questions, pending=None, qtype=None)
    await state.set_state(SurveyEditor.survey_next)
    if isinstance(event, CallbackQuery):
        await event.answer()
    await send(event, t("survey-wizard-added", count=len(questions)), wizard_next_keyboard(t))


async def question_type(
    query: CallbackQuery, callback_data: SurveyWizardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    qtype = callback_data.qtype
    assert qtype is not None
    await state.update_data(qtype=qtype.value)
    if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
        await state.set_state(SurveyEditor.survey_options)
        await query.answer()
        await send(query, t("survey-wizard-options"), wizard_back_keyboard(t))
        return
    questions = await _questions(state)
    pending = str((await state.get_data())["pending"])
    question = wizard_question(len(questions) + 1, qtype, pending, None)
    await _add_question(query, state, questions, question, t)


async def options(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    data = await state.get_data()
    questions = await _questions(state)
    question = wizard_question(
        len(questions) + 1, QuestionType(data["qtype"]), str(data["pending"]), message.text
    )
    await _add_question(message, state, questions, question, t)


async def back(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    await query.answer()
    if await state.get_state() == SurveyEditor.survey_options.state:
        await state.set_state(SurveyEditor.survey_qtype)
        await send(query, t("survey-wizard-type"), question_type_keyboard(t))
        return
    await state.set_state(SurveyEditor.survey_question)
    number = len(await _questions(state)) + 1
    await send(query, t("survey-wizard-question", number=number))


async def more(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    questions = await _questions(state)
    if len(questions) >= WIZARD_MAX_QUESTIONS:
        await query.answer(
            t("error-survey-wizard-too-many", max=WIZARD_MAX_QUESTIONS), show_alert=True
        )
        return
    await state.set_state(SurveyEditor.survey_question)
    await query.answer()
    await send(query, t("survey-wizard-question", number=len(questions) + 1))


async def save(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    data = await state.get_data()
    card = await svc.surveys.create_simple(actor, str(data["title"]), await _questions(state))
    await state.clear()
    await send_card(query, card, svc, t, head=t("survey-created"))


async def stale(query: CallbackQuery, actor: Actor, t: Text) -> None:
    """A wizard button from another step or an ended wizard."""
    require_staff(actor)
    await query.answer(t("error-stale-button"), show_alert=True)


def create_router() -> Router:
    router = Router(name=__name__)
    wizard = SurveyWizardCD.filter
    router.callback_query.register(start, StaffCD.filter(F.act == Staff.WIZARD))
    router.callback_query.register(
        question_type, wizard(F.qtype.is_not(None)), SurveyEditor.survey_qtype
    )
    router.callback_query.register(
        back, wizard(F.act == SurveyWizardAct.BACK), StateFilter(SurveyEditor)
    )
    router.callback_query.register(
        more, wizard(F.act == SurveyWizardAct.MORE), SurveyEditor.survey_next
    )
    router.callback_query.register(
        save, wizard(F.act == SurveyWizardAct.SAVE), SurveyEditor.survey_next
    )
    router.callback_query.register(stale, wizard())
    router.message.register(title, SurveyEditor.survey_title, F.text)
    router.message.register(question_text, SurveyEditor.survey_question, F.text)
    router.message.register(options, SurveyEditor.survey_options, F.text)
    return router
