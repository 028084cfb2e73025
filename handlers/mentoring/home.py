"""/mentoring: a person's own mentorships (as mentor or mentee), one mentorship's card, and a
teacher's request for a mentor."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import my_sections
from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.keyboards import ask_keyboard, card_keyboard, home_keyboard, open_keyboard
from handlers.mentoring.render import card_text, home_text, my_text
from handlers.mentoring.states import TYPED_STEPS
from handlers.menu import MenuButton
from handlers.messages import send, show
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import NeedsOnboarding
from services.i18n import Text


def need_user(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()


def is_staff(actor: Actor) -> bool:
    return actor.has(Role.METHODIST, Role.ADMIN, Role.COORDINATOR)


async def show_home(event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    views = await svc.mentoring.mine(actor)
    may_ask = await svc.mentoring.may_ask(actor) is not None
    text = home_text(views, actor.user_id, t, staff=is_staff(actor))
    if may_ask:
        text += "\n\n" + t("mentoring-ask-hint")
    markup = home_keyboard(views, actor.user_id, t, may_ask=may_ask, staff=is_staff(actor))
    await show(event, text, markup)


async def mentoring_command(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    await show_home(message, svc, actor, t)


async def on_home(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await state.clear()
    await show_home(query, svc, actor, t)


async def show_card(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, pair_id: int
) -> None:
    view = await svc.mentoring.mentorship(actor, pair_id)
    arranger = actor.has(Role.METHODIST, Role.ADMIN)
    # The service let the actor see the card: a coordinator only for their school's mentee.
    markup = card_keyboard(view, actor.user_id, t, arranger=arranger, staff=is_staff(actor))
    await show(event, card_text(view, t, svc.policy.timezone, svc.clock()), markup)


async def on_open(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await state.clear()
    await show_card(query, svc, actor, t, callback_data.pair)


async def on_ask(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    reason = await svc.mentoring.may_ask(actor)
    if reason is None:
        await show(query, t("mentoring-error-cannot-ask"))
        return
    await show(
        query, t("mentoring-ask-confirm", reason=t(f"mentoring-reason-{reason}")), ask_keyboard(t)
    )


async def on_ask_yes(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    pair_id = await svc.mentoring.request_mentor(actor)
    await show(query, t("mentoring-asked"), open_keyboard(pair_id, t))


# A main-menu tap (or a command) in any of these steps leaves it (handlers/menu.py).
LEAVE_ON_MENU = TYPED_STEPS

BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "mentoring_open": lambda p: MentorCD(act=MAct.OPEN, pair=int(p["pair"])),
}


async def my_mentoring_section(message: Message, svc: Services, actor: Actor, t: Text) -> bool:
    """/my: each open pairing with the plan's progress, the next step and the next meeting."""
    if not actor.is_registered:
        return False
    views = await svc.mentoring.open_pairings(actor)
    if not views:
        return False
    await send(message, my_text(views, actor.user_id, t, svc.policy.timezone, svc.clock()))
    return True


def create_router() -> Router:
    my_sections.register("mentoring", my_mentoring_section)
    router = Router(name=__name__)
    router.message.register(mentoring_command, Command("mentoring"), StateFilter("*"))
    router.message.register(mentoring_command, MenuButton("menu-mentoring"), StateFilter("*"))
    router.callback_query.register(on_home, MentorCD.filter(F.act == MAct.HOME), StateFilter("*"))
    router.callback_query.register(on_open, MentorCD.filter(F.act == MAct.OPEN), StateFilter("*"))
    router.callback_query.register(on_ask, MentorCD.filter(F.act == MAct.ASK))
    router.callback_query.register(on_ask_yes, MentorCD.filter(F.act == MAct.ASK_YES))
    return router
