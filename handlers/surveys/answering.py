"""Answering surveys: /survey (and the menu button) lists open surveys; one question at a time
with buttons, a progress line, Back and Pause. Every answer is stored by the service as it is
given, so the chat can be left at any moment and resumed later, even after a restart."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.container import Services
from services.context import Actor
from services.dates import local
from services.i18n import Text
from services.surveys.types import EventOffer, Finished, QuestionType, QuestionView, Step


class Do(StrEnum):
    OPEN = "o"
    CHOOSE = "c"
    TOGGLE = "t"
    DONE = "d"
    SKIP = "s"
    BACK = "b"
    PAUSE = "p"


class SurveyCD(CallbackData, prefix="sv"):
    act: Do
    survey_id: int
    index: int = 0
    option: int = 0


class SurveyAnswer(StatesGroup):
    survey_text = State()


def offers_keyboard(offers: tuple[EventOffer, ...], svc: Services) -> InlineKeyboardMarkup | None:
    if not offers:
        return None
    builder = Keyboard()
    for offer in offers:
        when = local(offer.starts_at, svc.policy.timezone).strftime("%d.%m %H:%M")
        builder.button(
            text=f"📅 {when} · {offer.title}"[:64],
            callback_data=EventCardCD(act=EventCardAct.OPEN, event_id=offer.event_id),
        )
    builder.adjust(1)
    return builder.as_markup()


def question_text(view: QuestionView, t: Text) -> str:
    lines = [
        t("survey-question-head", title=view.title, index=view.index + 1, total=view.total),
        "",
        t("survey-question-body", text=view.text),
    ]
    if view.type == QuestionType.MULTI:
        if view.max_choices:
            lines.append(t("survey-hint-multi-max", max=view.max_choices))
        else:
            lines.append(t("survey-hint-multi"))
    elif view.type == QuestionType.SCALE:
        lines.append(t("survey-hint-scale"))
    elif view.type == QuestionType.TEXT:
        lines.append(t("survey-hint-text", max=view.max_length))
        if view.given_text:
            lines.append(t("survey-given-text", text=view.given_text))
    return "\n".join(lines)


def question_keyboard(view: QuestionView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()

    def cd(act: Do, option: int = 0) -> str:
        return SurveyCD(act=act, survey_id=view.survey_id, index=view.index, option=option).pack()

    if view.type == QuestionType.SINGLE:
        for number, option in enumerate(view.options):
            mark = "● " if number in view.chosen else ""
            builder.row(
                InlineKeyboardButton(text=mark + option, callback_data=cd(Do.CHOOSE, number))
            )
    elif view.type == QuestionType.MULTI:
        for number, option in enumerate(view.options):
            mark = "☑️ " if number in view.chosen else "⬜ "
            builder.row(
                InlineKeyboardButton(text=mark + option, callback_data=cd(Do.TOGGLE, number))
            )
        builder.row(InlineKeyboardButton(text=t("survey-done"), callback_data=cd(Do.DONE)))
    elif view.type == QuestionType.SCALE:
        builder.row(
            *(
                InlineKeyboardButton(
                    text=f"[{value}]" if value in view.chosen else str(value),
                    callback_data=cd(Do.CHOOSE, value),
                )
                for value in range(1, 6)
            )
        )
    if view.optional:
        builder.row(InlineKeyboardButton(text=t("survey-skip"), callback_data=cd(Do.SKIP)))
    navigation = []
    if view.index > 0:
        navigation.append(InlineKeyboardButton(text=t("survey-back"), callback_data=cd(Do.BACK)))
    navigation.append(InlineKeyboardButton(text=t("survey-pause"), callback_data=cd(Do.PAUSE)))
    builder.row(*navigation)
    return builder.as_markup()


async def _finished_text(done: Finished, t: Text) -> str:
    lines = [t("survey-finished", title=done.title)]
    if done.serious_topics:
        topics = ", ".join(t(f"topic-{topic.value}") for topic in done.serious_topics)
        lines.append("")
        if done.offers:
            lines.append(t("survey-offers", topics=topics))
        else:
            lines.append(t("survey-offers-later", topics=topics))
    return "\n".join(lines)


async def show_step(
    target: Message,
    step: Step,
    state: FSMContext,
    svc: Services,
    t: Text,
    edit: bool,
) -> None:
    if isinstance(step, Finished):
        await state.clear()
        await target.answer(
            await _finished_text(step, t), reply_markup=offers_keyboard(step.offers, svc)
        )
        return
    if step.type == QuestionType.TEXT:
        await state.set_state(SurveyAnswer.survey_text)
        await state.update_data(survey_id=step.survey_id)
    elif await state.get_state() == SurveyAnswer.survey_text.state:
        await state.clear()
    text, markup = question_text(step, t), question_keyboard(step, t)
    if edit:
        try:
            await target.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest:
            # Too old to edit, or unchanged: a fresh message keeps the survey going.
            pass
    await target.answer(text, reply_markup=markup)


async def list_open(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    surveys = await svc.surveys.available(actor)
    if not surveys:
        offers = await svc.surveys.my_offers(actor)
        text = t("survey-none-open")
        if offers:
            text += "\n\n" + t("survey-offers-standing")
        await message.answer(text, reply_markup=offers_keyboard(offers, svc))
        return
    builder = Keyboard()
    lines = [t("survey-list-title")]
    for survey in surveys:
        deadline = (
            t(
                "survey-list-until",
                date=local(survey.closes_at, svc.policy.timezone).strftime("%d.%m.%Y"),
            )
            if survey.closes_at
            else ""
        )
        lines.append(
            t("survey-list-line", title=survey.title, count=survey.questions, until=deadline)
        )
        label = (
            t("survey-list-continue", answered=survey.answered, total=survey.questions)
            if survey.answered
            else t("survey-list-start")
        )
        builder.row(
            InlineKeyboardButton(
                text=f"{label} · {survey.title}"[:64],
                callback_data=SurveyCD(act=Do.OPEN, survey_id=survey.survey_id).pack(),
            )
        )
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


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
    if not isinstance(query.message, Message):
        return
    if isinstance(step, QuestionView) and step.index == 0 and not step.chosen and step.intro:
        await query.message.answer(t("survey-intro", title=step.title, intro=step.intro))
    await show_step(query.message, step, state, svc, t, edit=False)


async def press(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    surveys = svc.surveys
    sid, index, option = callback_data.survey_id, callback_data.index, callback_data.option
    actions: Mapping[Do, Callable[[], Any]] = {
        Do.CHOOSE: lambda: surveys.choose(actor, sid, index, option),
        Do.TOGGLE: lambda: surveys.toggle(actor, sid, index, option),
        Do.DONE: lambda: surveys.done(actor, sid, index),
        Do.SKIP: lambda: surveys.skip(actor, sid, index),
        Do.BACK: lambda: surveys.back(actor, sid, index),
    }
    step = await actions[callback_data.act]()
    await query.answer()
    if isinstance(query.message, Message):
        await show_step(query.message, step, state, svc, t, edit=True)


async def pause(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    # An old survey message's button must not end another conversation (a wizard, a form).
    if await state.get_state() == SurveyAnswer.survey_text.state:
        await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(t("survey-paused"))


async def text_answer(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    survey_id = int(data.get("survey_id", 0))
    step = await svc.surveys.answer_text(actor, survey_id, message.text)
    await show_step(message, step, state, svc, t, edit=False)


async def not_text(message: Message, t: Text) -> None:
    await message.answer(t("survey-text-expected"))


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "survey_open": lambda p: SurveyCD(act=Do.OPEN, survey_id=int(p["survey_id"])),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_open, Command("survey"))
    router.message.register(list_open, MenuButton("menu-surveys"))
    router.callback_query.register(open_survey, SurveyCD.filter(F.act == Do.OPEN))
    router.callback_query.register(pause, SurveyCD.filter(F.act == Do.PAUSE))
    router.callback_query.register(press, SurveyCD.filter())
    router.message.register(text_answer, SurveyAnswer.survey_text, F.text, ~F.text.startswith("/"))
    router.message.register(not_text, SurveyAnswer.survey_text, ~F.text)
    return router
