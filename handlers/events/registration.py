"""A person's own registration: one-tap register and cancel, the calendar file, a freed
seat's offer, the answer to a reminder, feedback after the event, the certificate."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import RegAct, RegCD
from handlers.events.catalog import need_user
from handlers.events.keyboards import (
    cancel_registration_keyboard,
    card_keyboard,
    score_keyboard,
    skip_comment_keyboard,
)
from handlers.events.render import (
    cancel_outlook_text,
    card_text,
    registered_text,
    waitlisted_text,
)
from handlers.events.states import EventForm
from handlers.messages import send, show
from services.container import Services
from services.context import Actor
from services.events.files import certificate_pdf, file_name, ics_bytes
from services.events.types import EventView, RegistrationOutcome, RegStatus
from services.i18n import Text


async def _confirm(
    query: CallbackQuery, outcome: RegistrationOutcome, svc: Services, t: Text
) -> None:
    assert query.bot is not None
    await confirm_in_chat(query.bot, query.from_user.id, outcome, svc, t)


async def confirm_in_chat(
    bot: Bot, chat_id: int, outcome: RegistrationOutcome, svc: Services, t: Text
) -> None:
    """The registration's answer in the chat: from a tap here, or from the Mini App (the bot's
    composition root hands this function to it)."""
    event = outcome.event
    zone = svc.policy.timezone
    if outcome.status == RegStatus.REGISTERED:
        text = registered_text(outcome, t, zone)
    elif outcome.status == RegStatus.WAITLISTED:
        text = waitlisted_text(outcome, t)
    else:
        text = card_text(event, t, zone)
    await bot.send_message(chat_id, text, reply_markup=card_keyboard(event, t))
    if outcome.status == RegStatus.REGISTERED and not outcome.already:
        await _send_ics(bot, chat_id, event, svc, t)


async def _send_ics(bot: Bot, chat_id: int, event: EventView, svc: Services, t: Text) -> None:
    data = ics_bytes(
        event, svc.policy.timezone, t, now=svc.clock(), with_link=event.link is not None
    )
    await bot.send_document(
        chat_id,
        BufferedInputFile(
            data, filename=file_name(event.title, event.starts_at, svc.policy.timezone, "ics")
        ),
        caption=t("events-ics-caption"),
    )


async def register(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    outcome = await svc.events.register(actor, callback_data.event_id)
    await _confirm(query, outcome, svc, t)


async def ask_cancel(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    """The first tap only says what would happen to the seat; the second one cancels."""
    need_user(actor)
    outlook = await svc.events.cancel_outlook(actor, callback_data.event_id)
    await show(
        query, cancel_outlook_text(outlook, t), cancel_registration_keyboard(outlook.event, t)
    )


async def cancel(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await svc.events.cancel_registration(actor, callback_data.event_id)
    await show(query, t("events-cancelled-mine"))


async def send_ics(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    event = await svc.events.card(actor, callback_data.event_id)
    assert query.bot is not None
    await _send_ics(query.bot, query.from_user.id, event, svc, t)


async def send_certificate(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    event, name = await svc.events.attendee(actor, callback_data.event_id)
    pdf = certificate_pdf(event, name, svc.policy.centre_name, t, svc.policy.timezone)
    assert query.bot is not None
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(
            pdf, filename=file_name(event.title, event.starts_at, svc.policy.timezone, "pdf")
        ),
        caption=t("events-cert-caption", title=event.title),
    )


async def take_offer(
    query: CallbackQuery, callback_data: RegCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    outcome = await svc.events.take_offer(actor, callback_data.registration)
    await _confirm(query, outcome, svc, t)


async def decline_offer(
    query: CallbackQuery, callback_data: RegCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await svc.events.decline_offer(actor, callback_data.registration)
    await send(query, t("events-offer-declined"))


async def will_come(
    query: CallbackQuery, callback_data: RegCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    event = await svc.events.registration_card(actor, callback_data.registration)
    await send(query, t("events-will-come-thanks", title=event.title))


async def cannot_come(
    query: CallbackQuery, callback_data: RegCD, svc: Services, actor: Actor, t: Text
) -> None:
    """A reminder's "cannot come" asks first, as the card's cancel does: a thumb slipping on a
    phone must not give the seat away. What would happen to the seat is said on the way."""
    need_user(actor)
    event = await svc.events.registration_card(actor, callback_data.registration)
    outlook = await svc.events.cancel_outlook(actor, event.id)
    await send(query, cancel_outlook_text(outlook, t), cancel_registration_keyboard(event, t))


async def ask_score(
    query: CallbackQuery, callback_data: RegCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    registration = callback_data.registration
    title = await svc.events.rating_title(actor, registration)
    await send(query, t("events-feedback-ask", title=title), score_keyboard(registration))


async def rate(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    registration = callback_data.registration
    title = await svc.events.rate(actor, registration, callback_data.score)
    await state.set_state(EventForm.feedback_comment)
    await state.update_data(feedback_registration=registration)
    await send(
        query,
        t("events-feedback-thanks", title=title, score=callback_data.score),
        skip_comment_keyboard(registration, t),
    )


async def skip_comment(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    need_user(actor)
    await state.clear()
    await send(query, t("events-feedback-done"))


async def feedback_comment(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    registration = (await state.get_data()).get("feedback_registration")
    if not isinstance(registration, int) or not message.text:
        await send(message, t("events-feedback-comment-text"))
        return
    await svc.events.comment(actor, registration, message.text)
    await state.clear()
    await send(message, t("events-feedback-done"))


async def feedback_not_text(message: Message, t: Text) -> None:
    await send(message, t("events-feedback-comment-text"))


def _registration(params: Mapping[str, Any]) -> int:
    return int(params["registration"])


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "event_attend_yes": lambda p: RegCD(act=RegAct.YES, registration=_registration(p)),
    "event_attend_no": lambda p: RegCD(act=RegAct.NO, registration=_registration(p)),
    "event_offer_take": lambda p: RegCD(act=RegAct.TAKE, registration=_registration(p)),
    "event_offer_decline": lambda p: RegCD(act=RegAct.DECLINE, registration=_registration(p)),
    "event_feedback": lambda p: RegCD(
        act=RegAct.SCORE, registration=_registration(p), score=int(p["score"])
    ),
}


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(feedback_comment, EventForm.feedback_comment, F.text)
    router.message.register(feedback_not_text, EventForm.feedback_comment, ~F.text)
    card = EventCardCD.filter
    router.callback_query.register(register, card(F.act == EventCardAct.REGISTER))
    router.callback_query.register(ask_cancel, card(F.act == EventCardAct.CANCEL))
    router.callback_query.register(cancel, card(F.act == EventCardAct.CANCEL_SURE))
    router.callback_query.register(send_ics, card(F.act == EventCardAct.ICS))
    router.callback_query.register(send_certificate, card(F.act == EventCardAct.CERTIFICATE))
    router.callback_query.register(take_offer, RegCD.filter(F.act == RegAct.TAKE))
    router.callback_query.register(decline_offer, RegCD.filter(F.act == RegAct.DECLINE))
    router.callback_query.register(will_come, RegCD.filter(F.act == RegAct.YES))
    router.callback_query.register(cannot_come, RegCD.filter(F.act == RegAct.NO))
    router.callback_query.register(rate, RegCD.filter(F.act == RegAct.SCORE))
    router.callback_query.register(ask_score, RegCD.filter(F.act == RegAct.ASK_SCORE))
    router.callback_query.register(skip_comment, RegCD.filter(F.act == RegAct.SKIP_COMMENT))
    return router
