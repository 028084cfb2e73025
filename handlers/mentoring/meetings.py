"""Logging a meeting: the day, the format, a short note (or none). A meeting held (or
planned ahead) by a pair, or held by a group, logged once by its mentor for all."""

from __future__ import annotations

from datetime import datetime

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user
from handlers.mentoring.keyboards import (
    formats_keyboard,
    group_open_keyboard,
    no_note_keyboard,
    open_keyboard,
)
from handlers.mentoring.states import TYPED, MeetForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.mentoring.types import MeetingFormat


async def _ask_day(
    query: CallbackQuery, state: FSMContext, t: Text, pair: int, *, ahead: bool, group: bool
) -> None:
    await state.set_state(MeetForm.day)
    # `pair` is the group's id for a group meeting; the format button carries it back.
    await state.set_data({"pair": pair, "ahead": ahead, "group": group})
    key = "mentoring-meet-ahead-ask" if ahead else "mentoring-meet-day-ask"
    await show(query, t(key), edit=False)


async def on_meet(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_party(actor, callback_data.pair)
    ahead = callback_data.act == MAct.MEET_AHEAD
    await _ask_day(query, state, t, callback_data.pair, ahead=ahead, group=False)


async def on_group_meet(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_group_mentor(actor, callback_data.pair)
    await _ask_day(query, state, t, callback_data.pair, ahead=False, group=True)


async def on_day(message: Message, state: FSMContext, svc: Services, t: Text) -> None:
    data = await state.get_data()
    held_at = svc.mentoring.read_day(message.text, t.locale, future=bool(data.get("ahead")))
    await state.update_data(held_at=held_at.isoformat())
    await message.answer(
        t("mentoring-meet-format-ask"), reply_markup=formats_keyboard(int(data["pair"]), t)
    )


async def on_format(
    query: CallbackQuery, callback_data: MentorCD, state: FSMContext, t: Text
) -> None:
    data = await state.get_data()
    if "held_at" not in data or int(data.get("pair", 0)) != callback_data.pair:
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    await state.update_data(format=MeetingFormat(callback_data.form).value)
    await state.set_state(MeetForm.note)
    key = "mentoring-meet-note-ask-group" if data.get("group") else "mentoring-meet-note-ask"
    await show(query, t(key), no_note_keyboard(callback_data.pair, t))


async def _save(
    event: Message | CallbackQuery,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
    note: str | None,
) -> None:
    data = await state.get_data()
    pair_id = int(data["pair"])
    held_at = datetime.fromisoformat(str(data["held_at"]))
    fmt = MeetingFormat(str(data["format"]))
    if data.get("group"):
        await svc.mentoring.log_group_meeting(actor, pair_id, held_at, fmt, note)
        await state.clear()
        await show(event, t("mentoring-meet-saved-group"), group_open_keyboard(pair_id, t))
        return
    await svc.mentoring.log_meeting(actor, pair_id, held_at, fmt, note)
    await state.clear()
    saved = "mentoring-meet-planned" if held_at > svc.clock() else "mentoring-meet-saved"
    await show(event, t(saved), open_keyboard(pair_id, t))


async def on_note(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await _save(message, state, svc, actor, t, message.text)


async def on_no_note(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await _save(query, state, svc, actor, t, None)


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(
        on_meet, MentorCD.filter(F.act.in_({MAct.MEET, MAct.MEET_AHEAD})), StateFilter("*")
    )
    cb.register(on_group_meet, MentorCD.filter(F.act == MAct.GROUP_MEET), StateFilter("*"))
    cb.register(on_format, MentorCD.filter(F.act == MAct.MEET_FORMAT), StateFilter(MeetForm.day))
    no_note = MentorCD.filter(F.act == MAct.MEET_NO_NOTE)
    cb.register(on_no_note, no_note, StateFilter(MeetForm.note))
    router.message.register(on_day, StateFilter(MeetForm.day), TYPED)
    router.message.register(on_note, StateFilter(MeetForm.note), TYPED)
    return router
