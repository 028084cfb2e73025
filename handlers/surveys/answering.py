"""Answering surveys: /survey (and the menu button) lists open surveys; one question at a time
with buttons, a progress line, Back and Pause. Every answer is stored by the service as it is
given, so the chat can be left at any moment and resumed later, even after a restart."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.menu import MenuButton, NotMenuButton
from handlers.messages import edit_markup, send, show, tapped_message
from handlers.surveys.callbacks import Do, SurveyCD
from handlers.surveys.keyboards import offers_keyboard, open_list_keyboard, question_keyboard
from handlers.surveys.render import finished_text, open_list_text, question_text
from handlers.surveys.states import SurveyAnswer
from services.container import Services
from services.context import Actor
from services.errors import DomainError
from services.i18n import Text
from services.surveys.types import Finished, QuestionType, QuestionView, Step

ANSWERING = (SurveyAnswer.survey_text.state, SurveyAnswer.survey_buttons.state)


async def show_step(
    event: Message | CallbackQuery,
    step: Step,
    state: FSMContext,
    svc: Services,
    t: Text,
    edit: bool,
) -> None:
    """The next question (in place of the tapped one when `edit`), or the end with offers."""
    if isinstance(step, Finished):
        await state.clear()
        markup = offers_keyboard(step.offers, svc.policy.timezone, step.materials)
        await send(event, finished_text(step, t), markup)
        return
    if step.type == QuestionType.TEXT:
        await state.set_state(SurveyAnswer.survey_text)
        await state.update_data(survey_id=step.survey_id)
    elif await state.get_state() in (None, *ANSWERING):
        # An old survey message's button must not end another conversation (a wizard).
        await state.set_state(SurveyAnswer.survey_buttons)
        await state.update_data(survey_id=step.survey_id)
    await show(event, question_text(step, t), question_keyboard(step, t), edit=edit)


async def list_open(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    surveys = await svc.surveys.available(actor)
    if surveys:
        text = open_list_text(surveys, svc.policy.timezone, t)
        await show(message, text, open_list_keyboard(surveys, t))
        return
    offers = await svc.surveys.my_offers(actor)
    text = t("survey-none-open")
    if offers:
        text += "\n\n" + t("survey-offers-standing")
    await show(message, text, offers_keyboard(offers, svc.policy.timezone))


async def open_survey(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    step = await svc.surveys.start(actor, callback_data.survey_id)
    await query.answer()
    if tapped_message(query) is None:
        return
    if isinstance(step, QuestionView) and step.index == 0 and not step.chosen and step.intro:
        await send(query, t("survey-intro", title=step.title, intro=step.intro))
    await show_step(query, step, state, svc, t, edit=False)


async def _after_press(
    query: CallbackQuery, step: Step, state: FSMContext, svc: Services, t: Text
) -> None:
    await query.answer()
    if tapped_message(query) is not None:
        await show_step(query, step, state, svc, t, edit=True)


async def choose(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    cd = callback_data
    step = await svc.surveys.choose(actor, cd.survey_id, cd.index, cd.option)
    await _after_press(query, step, state, svc, t)


async def toggle(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    cd = callback_data
    step = await svc.surveys.toggle(actor, cd.survey_id, cd.index, cd.option)
    await _after_press(query, step, state, svc, t)


async def done(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    step = await svc.surveys.done(actor, callback_data.survey_id, callback_data.index)
    await _after_press(query, step, state, svc, t)


async def skip(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    step = await svc.surveys.skip(actor, callback_data.survey_id, callback_data.index)
    await _after_press(query, step, state, svc, t)


async def back(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    step = await svc.surveys.back(actor, callback_data.survey_id, callback_data.index)
    await _after_press(query, step, state, svc, t)


async def pause(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    # An old survey message's button must not end another conversation (a wizard, a form).
    if await state.get_state() in ANSWERING:
        await state.clear()
    await query.answer()
    message = tapped_message(query)
    if message is not None:
        await edit_markup(message, None)
        await send(query, t("survey-paused"))


async def text_answer(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    survey_id = int(data.get("survey_id", 0))
    step = await svc.surveys.answer_text(actor, survey_id, message.text)
    await show_step(message, step, state, svc, t, edit=False)


async def not_text(message: Message, t: Text) -> None:
    await show(message, t("survey-text-expected"))


async def typed_at_buttons(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    """Something typed (or a sticker, a file) while a button question is on screen: the
    answers so far are saved, so say how to go on now or later, and show the question again."""
    survey_id = int((await state.get_data()).get("survey_id", 0))
    try:
        step = await svc.surveys.current(actor, survey_id)
    except DomainError:
        # The survey closed (or was finished elsewhere) meanwhile: nothing to go back to.
        await state.clear()
        await show(message, t("survey-paused"))
        return
    await show(message, t("survey-buttons-expected"))
    await show(message, question_text(step, t), question_keyboard(step, t))


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "survey_open": lambda p: SurveyCD(act=Do.OPEN, survey_id=int(p["survey_id"])),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_open, Command("survey"))
    router.message.register(list_open, MenuButton("menu-surveys"))
    router.callback_query.register(open_survey, SurveyCD.filter(F.act == Do.OPEN))
    router.callback_query.register(pause, SurveyCD.filter(F.act == Do.PAUSE))
    router.callback_query.register(choose, SurveyCD.filter(F.act == Do.CHOOSE))
    router.callback_query.register(toggle, SurveyCD.filter(F.act == Do.TOGGLE))
    router.callback_query.register(done, SurveyCD.filter(F.act == Do.DONE))
    router.callback_query.register(skip, SurveyCD.filter(F.act == Do.SKIP))
    router.callback_query.register(back, SurveyCD.filter(F.act == Do.BACK))
    router.message.register(text_answer, SurveyAnswer.survey_text, F.text, ~F.text.startswith("/"))
    router.message.register(not_text, SurveyAnswer.survey_text, ~F.text)
    router.message.register(typed_at_buttons, SurveyAnswer.survey_buttons, ~F.text)
    router.message.register(
        typed_at_buttons,
        SurveyAnswer.survey_buttons,
        F.text,
        ~F.text.startswith("/"),
        NotMenuButton(),
    )
    return router
