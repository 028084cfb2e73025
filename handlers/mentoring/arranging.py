"""Finding a mentor (methodists, coordinators) and agreeing (the mentor and the mentee)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user, show_card
from handlers.mentoring.keyboards import (
    candidates_keyboard,
    open_keyboard,
    pairs_keyboard,
    suggestions_keyboard,
)
from handlers.mentoring.render import candidates_text, suggestions_text
from handlers.mentoring.states import TYPED, DeclineForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.mentoring.types import Form, Status


async def on_find(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    found = await svc.mentoring.candidates(actor)
    await show(query, candidates_text(found, t), candidates_keyboard(found, t))


async def on_pairs(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    need_user(actor)
    views = await svc.mentoring.pairs(actor)
    text = t("mentoring-pairs-title", count=len(views)) if views else t("mentoring-pairs-empty")
    await show(query, text, pairs_keyboard(views, t))


async def on_mentee(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    found = await svc.mentoring.suggest(actor, callback_data.user)
    await show(
        query, suggestions_text(found, t), suggestions_keyboard(callback_data.user, found, t)
    )


async def on_propose(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    form = Form.GROUP if callback_data.form == Form.GROUP.value else Form.INDIVIDUAL
    pair_id = await svc.mentoring.propose(actor, callback_data.user, callback_data.mentor, form)
    await show(query, t("mentoring-proposed"), open_keyboard(pair_id, t))


async def on_accept(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    status, pair_id = await svc.mentoring.accept_pair(actor, callback_data.pair)
    if pair_id != callback_data.pair:
        answer = t("mentoring-handed-over")  # the mentorship it took over goes on
    else:
        answer = t("mentoring-started") if status == Status.ACTIVE else t("mentoring-accepted")
    await query.answer(answer)
    await show_card(query, svc, actor, t, pair_id)


async def on_decline(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_party(actor, callback_data.pair)
    await state.set_state(DeclineForm.reason)
    await state.update_data(pair=callback_data.pair)
    await show(query, t("mentoring-decline-ask"), edit=False)


async def on_decline_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    pair_id = int((await state.get_data())["pair"])
    await svc.mentoring.decline(actor, pair_id, message.text or "")
    await state.clear()
    await show(message, t("mentoring-declined"), open_keyboard(pair_id, t))


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(on_find, MentorCD.filter(F.act == MAct.FIND))
    cb.register(on_pairs, MentorCD.filter(F.act == MAct.PAIRS))
    cb.register(on_mentee, MentorCD.filter(F.act == MAct.MENTEE))
    cb.register(on_propose, MentorCD.filter(F.act == MAct.PROPOSE))
    cb.register(on_accept, MentorCD.filter(F.act == MAct.ACCEPT))
    cb.register(on_decline, MentorCD.filter(F.act == MAct.DECLINE), StateFilter("*"))
    router.message.register(on_decline_reason, StateFilter(DeclineForm.reason), TYPED)
    return router
