"""/events, event cards, one-tap registration, /my, offers, check-in, feedback, certificates."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from handlers import deep_links
from handlers.events.render import (
    Act,
    EventCD,
    EventForm,
    FilterCD,
    ListCD,
    RegAct,
    RegCD,
    card_keyboard,
    card_text,
    filter_keyboard,
    filters_of,
    list_keyboard,
    list_text,
    when,
)
from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput, NeedsOnboarding
from services.events.files import certificate_pdf, ics_bytes
from services.events.service import Outcome, RegStatus
from services.i18n import Text

log = logging.getLogger(__name__)

CODE_RE = re.compile(r"^\s*(\d{6})\s*$")


async def _send(
    bot: Bot | None, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    assert bot is not None
    await bot.send_message(chat_id, text, reply_markup=markup)


def _need_user(actor: Actor) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()


# ---- the list ----------------------------------------------------------


async def events_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    _need_user(actor)
    data = ListCD()
    page = await svc.events.upcoming(actor, filters_of(data), 0)
    await message.answer(
        list_text(page, filters_of(data), t, svc.policy.timezone),
        reply_markup=list_keyboard(page, data, t),
    )


async def events_page(
    query: CallbackQuery, callback_data: ListCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    filters = filters_of(callback_data)
    page = await svc.events.upcoming(actor, filters, callback_data.page)
    text = list_text(page, filters, t, svc.policy.timezone)
    markup = list_keyboard(page, callback_data, t)
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)
    else:
        await _send(query.bot, query.from_user.id, text, markup)


async def events_filter(query: CallbackQuery, callback_data: FilterCD, t: Text) -> None:
    markup = filter_keyboard(callback_data, t)
    if isinstance(query.message, Message):
        await query.message.edit_text(t("events-filter-choose"), reply_markup=markup)
    else:
        await _send(query.bot, query.from_user.id, t("events-filter-choose"), markup)


# ---- a card ----------------------------------------------------------


async def show_card(
    bot: Bot | None, chat_id: int, svc: Services, actor: Actor, t: Text, event_id: int
) -> None:
    event = await svc.events.card(actor, event_id)
    await _send(bot, chat_id, card_text(event, t, svc.policy.timezone), card_keyboard(event, t))


async def open_card(
    query: CallbackQuery, callback_data: EventCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    await show_card(query.bot, query.from_user.id, svc, actor, t, callback_data.event_id)


async def open_event_card(
    rest: str, message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if not rest.isdigit():
        await message.answer(t("deeplink-unknown"))
        return
    if not actor.is_registered:
        await message.answer(t("events-deeplink-onboard"))
        return
    await show_card(message.bot, message.chat.id, svc, actor, t, int(rest))


async def _confirm(
    bot: Bot | None, chat_id: int, outcome: Outcome, svc: Services, t: Text
) -> None:
    event = outcome.event
    zone = svc.policy.timezone
    if outcome.status == RegStatus.REGISTERED:
        key = "events-already-registered" if outcome.already else "events-registered"
        text = t(key, title=event.title, when=when(event, t, zone))
        if event.place:
            text += "\n" + t("events-card-place", place=event.place)
        if event.link:
            text += "\n" + t("events-card-link", link=event.link)
        await _send(bot, chat_id, text, card_keyboard(event, t))
        if not outcome.already:
            await _send_ics(bot, chat_id, event, svc, t)
    elif outcome.status == RegStatus.WAITLISTED:
        position = event.mine.position if event.mine else 0
        key = "events-already-waitlisted" if outcome.already else "events-waitlisted"
        await _send(
            bot,
            chat_id,
            t(key, title=event.title, position=position or 0),
            card_keyboard(event, t),
        )
    else:
        await _send(bot, chat_id, card_text(event, t, zone), card_keyboard(event, t))


async def _send_ics(bot: Bot | None, chat_id: int, event: Any, svc: Services, t: Text) -> None:
    assert bot is not None
    data = ics_bytes(
        event, svc.policy.timezone, t, now=svc.clock(), with_link=event.link is not None
    )
    await bot.send_document(
        chat_id,
        BufferedInputFile(data, filename=f"event-{event.id}.ics"),
        caption=t("events-ics-caption"),
    )


async def register(
    query: CallbackQuery, callback_data: EventCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    outcome = await svc.events.register(actor, callback_data.event_id)
    await _confirm(query.bot, query.from_user.id, outcome, svc, t)


async def cancel(
    query: CallbackQuery, callback_data: EventCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    await svc.events.cancel_registration(actor, callback_data.event_id)
    await _send(query.bot, query.from_user.id, t("events-cancelled-mine"))


async def send_ics(
    query: CallbackQuery, callback_data: EventCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    event = await svc.events.card(actor, callback_data.event_id)
    await _send_ics(query.bot, query.from_user.id, event, svc, t)


async def send_certificate(
    query: CallbackQuery, callback_data: EventCD, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    event, name = await svc.events.attendee(actor, callback_data.event_id)
    pdf = certificate_pdf(event, name, svc.policy.centre_name, t, svc.policy.timezone)
    assert query.bot is not None
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(pdf, filename=f"certificate-{event.id}.pdf"),
        caption=t("events-cert-caption", title=event.title),
    )


# ---- registrations: offers, reminders' answers, feedback ----------------------------------


async def registration_action(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _need_user(actor)
    chat = query.from_user.id
    act = callback_data.act
    if act == RegAct.TAKE:
        outcome = await svc.events.take_offer(actor, callback_data.registration)
        await _confirm(query.bot, chat, outcome, svc, t)
    elif act == RegAct.DECLINE:
        await svc.events.decline_offer(actor, callback_data.registration)
        await _send(query.bot, chat, t("events-offer-declined"))
    elif act in (RegAct.YES, RegAct.NO):
        event = await svc.events.attend_answer(
            actor, callback_data.registration, act == RegAct.YES
        )
        key = "events-will-come-thanks" if act == RegAct.YES else "events-cancelled-mine"
        await _send(query.bot, chat, t(key, title=event.title))
    elif act == RegAct.SCORE:
        title = await svc.events.rate(actor, callback_data.registration, callback_data.score)
        await state.set_state(EventForm.feedback_comment)
        await state.update_data(feedback_registration=callback_data.registration)
        builder = Keyboard()
        builder.button(
            text=t("events-btn-skip"),
            callback_data=RegCD(act=RegAct.SKIP_COMMENT, registration=callback_data.registration),
        )
        await _send(
            query.bot,
            chat,
            t("events-feedback-thanks", title=title, score=callback_data.score),
            builder.as_markup(),
        )
    elif act == RegAct.SKIP_COMMENT:
        await state.clear()
        await _send(query.bot, chat, t("events-feedback-done"))


async def feedback_comment(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    registration = (await state.get_data()).get("feedback_registration")
    if not isinstance(registration, int) or not message.text:
        await message.answer(t("events-feedback-comment-text"))
        return
    await svc.events.comment(actor, registration, message.text)
    await state.clear()
    await message.answer(t("events-feedback-done"))


# ---- /my ----------------------------------------------------------


async def my_events(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    _need_user(actor)
    events = await svc.events.my_events(actor)
    if not events:
        await message.answer(t("events-my-empty"))
        return
    zone = svc.policy.timezone
    await message.answer(t("events-my-title", count=len(events)))
    for event in events:
        await message.answer(card_text(event, t, zone), reply_markup=card_keyboard(event, t))


# ---- check-in -----------------------------------------------------------------------------------


async def checkin_command(
    message: Message, command: CommandObject, svc: Services, actor: Actor, t: Text
) -> None:
    _need_user(actor)
    code = (command.args or "").strip()
    if not CODE_RE.match(code):
        raise InvalidInput("error-event-checkin-code")
    event = await svc.events.checkin(actor, code)
    await message.answer(t("events-checked-in", title=event.title))


async def checkin_code(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    event = await svc.events.checkin(actor, (message.text or "").strip())
    await message.answer(t("events-checked-in", title=event.title))


class OpenCheckin(Filter):
    """Lets a bare six-digit message through only while some event's check-in is open, so
    the digits never shadow another feature's input outside that window."""

    async def __call__(
        self, message: Message, actor: Actor | None = None, svc: Services | None = None
    ) -> bool:
        if svc is None or actor is None or not actor.is_registered:
            return False
        if not message.text or not CODE_RE.match(message.text):
            return False
        return await svc.events.has_open_checkin()


# ---- buttons on messages the delivery engine sends ----------------------------------------------


def _registration(params: Mapping[str, Any]) -> int:
    return int(params["registration"])


BUTTON_ACTIONS: dict[str, Callable[[Mapping[str, Any]], CallbackData]] = {
    "event_open": lambda p: EventCD(act=Act.OPEN, event_id=int(p["event"])),
    "event_attend_yes": lambda p: RegCD(act=RegAct.YES, registration=_registration(p)),
    "event_attend_no": lambda p: RegCD(act=RegAct.NO, registration=_registration(p)),
    "event_offer_take": lambda p: RegCD(act=RegAct.TAKE, registration=_registration(p)),
    "event_offer_decline": lambda p: RegCD(act=RegAct.DECLINE, registration=_registration(p)),
    "event_feedback": lambda p: RegCD(
        act=RegAct.SCORE, registration=_registration(p), score=int(p["score"])
    ),
}


def create_router() -> Router:
    deep_links.register("event", open_event_card)
    router = Router(name=__name__)
    router.message.register(events_command, Command("events"))
    router.message.register(events_command, MenuButton("menu-events"))
    router.message.register(my_events, Command("my"))
    router.message.register(my_events, MenuButton("menu-my"))
    router.message.register(checkin_command, Command("checkin"))
    router.message.register(feedback_comment, EventForm.feedback_comment, F.text)
    router.message.register(checkin_code, StateFilter(None), OpenCheckin())
    router.callback_query.register(events_page, ListCD.filter())
    router.callback_query.register(events_filter, FilterCD.filter())
    router.callback_query.register(open_card, EventCD.filter(F.act == Act.OPEN))
    router.callback_query.register(register, EventCD.filter(F.act == Act.REGISTER))
    router.callback_query.register(cancel, EventCD.filter(F.act == Act.CANCEL))
    router.callback_query.register(send_ics, EventCD.filter(F.act == Act.ICS))
    router.callback_query.register(send_certificate, EventCD.filter(F.act == Act.CERTIFICATE))
    router.callback_query.register(registration_action, RegCD.filter())
    return router
