"""Leading a person with an unfinished profile back to the step where they stopped.

The conversation state lives in memory by default, so a restart forgets that someone was in
the middle of their profile. Whatever they type next, and that nobody else took, is not "I did
not understand" with a full menu: they are asked the question they had not answered yet.
Consulted just before the catch-all, so it costs nothing for anything another flow takes.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.messages import tapped_message
from handlers.people.callbacks import ExperienceCD, GradeCD, PositionCD, SchoolPickCD, SubjectCD
from handlers.people.profile_steps import ask_step
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.people.profile_steps import next_missing_step

PROFILE_BUTTONS = (SchoolPickCD, SubjectCD, ExperienceCD, PositionCD, GradeCD)


def registered(event: Message | CallbackQuery, actor: Actor) -> bool:
    return actor.is_registered


def profile_button(query: CallbackQuery) -> bool:
    prefix = (query.data or "").split(":", 1)[0]
    return any(prefix == cd.__prefix__ for cd in PROFILE_BUTTONS)


async def back_to_step(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    step = await next_missing_step(svc.users, actor)
    if step is None:
        raise SkipHandler  # a finished profile: the catch-all answers
    await message.answer(t("profile-resume"))
    await ask_step(message, state, svc, actor, t, step)


async def button_after_restart(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    """A profile button from before the restart: its question is asked again, fresh."""
    step = await next_missing_step(svc.users, actor)
    message = tapped_message(query)
    if step is None or message is None:
        raise SkipHandler  # nothing to resume: an outdated button, as the catch-all says
    await message.answer(t("profile-resume"))
    await ask_step(message, state, svc, actor, t, step)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(F.chat.type == "private")
    router.message.register(back_to_step, StateFilter(None), registered)
    router.callback_query.register(
        button_after_restart, StateFilter(None), profile_button, registered
    )
    return router
