"""Surveys for staff: /surveys lists them with response figures; a card launches (after a
confirmation), opens or closes one."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.menu import MenuButton
from handlers.messages import send, show
from handlers.surveys.callbacks import Staff, StaffCD, SurveyListCD
from handlers.surveys.keyboards import card_keyboard, launch_confirm_keyboard, staff_list_keyboard
from handlers.surveys.render import card_text, staff_list_text
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied
from services.i18n import Text
from services.paging import clamp_page
from services.surveys.types import SurveyCard


def require_staff(actor: Actor) -> None:
    if not actor.is_staff:
        raise AccessDenied()


async def send_card(
    query: CallbackQuery, card: SurveyCard, svc: Services, t: Text, head: str | None = None
) -> None:
    """The card as a new message under the staff's earlier screens, `head` above it."""
    text = card_text(card, svc.policy.timezone, t)
    await query.answer()
    await send(query, f"{head}\n\n{text}" if head else text, card_keyboard(card, t))


# Surveys are few and small: the list is read whole and shown a page at a time.
LIST_PAGE_SIZE = 8


async def list_surveys(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    await state.clear()
    await _show_list_page(message, 0, svc, actor, t)


async def list_page(
    query: CallbackQuery, callback_data: SurveyListCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    await _show_list_page(query, callback_data.page, svc, actor, t)


async def _show_list_page(
    event: Message | CallbackQuery, page: int, svc: Services, actor: Actor, t: Text
) -> None:
    cards = await svc.surveys.list_all(actor)
    page, pages = clamp_page(len(cards), LIST_PAGE_SIZE, page)
    shown = cards[page * LIST_PAGE_SIZE : (page + 1) * LIST_PAGE_SIZE]
    text = staff_list_text(shown, t)
    if pages > 1:
        text += "\n" + t("survey-list-page", page=page + 1, pages=pages)
    await show(event, text, staff_list_keyboard(shown, t, page, pages))


async def open_card(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    await send_card(query, await svc.surveys.card(actor, callback_data.survey_id), svc, t)


async def ask_launch(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    card = await svc.surveys.card(actor, callback_data.survey_id)
    await query.answer()
    await send(
        query,
        t("survey-launch-confirm", title=card.title, audience=card.audience),
        launch_confirm_keyboard(card.survey_id, t),
    )


async def launch(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    invited = await svc.surveys.launch(actor, callback_data.survey_id)
    card = await svc.surveys.card(actor, callback_data.survey_id)
    await send_card(query, card, svc, t, head=t("survey-launched", count=invited))


async def open_or_close(
    query: CallbackQuery, callback_data: StaffCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    is_open = callback_data.act == Staff.OPEN
    await send_card(
        query, await svc.surveys.set_open(actor, callback_data.survey_id, is_open), svc, t
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_surveys, Command("surveys"))
    router.message.register(list_surveys, MenuButton("menu-surveys-staff"))
    router.callback_query.register(open_card, StaffCD.filter(F.act == Staff.CARD))
    router.callback_query.register(list_page, SurveyListCD.filter())
    router.callback_query.register(ask_launch, StaffCD.filter(F.act == Staff.LAUNCH))
    router.callback_query.register(launch, StaffCD.filter(F.act == Staff.LAUNCH_SURE))
    router.callback_query.register(
        open_or_close, StaffCD.filter(F.act.in_({Staff.OPEN, Staff.CLOSE}))
    )
    return router
