"""Another mentor for an active pair (a methodist, an admin, or the coordinator of the
mentee's school): the suggestions without the current mentor, and for each candidate either
a hand-over (the pair goes on with them, its plan kept, once they agree) or an early end with
a reason and a new proposal."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user
from handlers.mentoring.keyboards import open_keyboard, reassign_keyboard
from handlers.mentoring.render import suggestions_text
from handlers.mentoring.states import TYPED, ReplaceForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def on_reassign(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await state.clear()
    mentee_id = await svc.mentoring.check_reassign(actor, callback_data.pair)
    view = await svc.mentoring.mentorship(actor, callback_data.pair)
    current = (view.mentor_id,) if view.mentor_id is not None else ()
    found = await svc.mentoring.suggest(actor, mentee_id, exclude=current)
    text = t("mentoring-reassign-title", mentee=view.mentee_name, mentor=view.mentor_name)
    text += "\n\n" + suggestions_text(found, t)
    if found:
        text += "\n\n" + t("mentoring-reassign-legend")
    await show(query, text, reassign_keyboard(callback_data.pair, found, t))


async def on_hand_over(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await svc.mentoring.hand_over(actor, callback_data.pair, callback_data.mentor)
    await show(query, t("mentoring-hand-over-sent"), open_keyboard(callback_data.pair, t))


async def on_replace(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_reassign(actor, callback_data.pair)
    await state.set_state(ReplaceForm.reason)
    await state.set_data({"pair": callback_data.pair, "mentor": callback_data.mentor})
    await show(query, t("mentoring-replace-reason-ask"), edit=False)


async def on_replace_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    new_id = await svc.mentoring.end_and_propose(
        actor, int(data["pair"]), int(data["mentor"]), message.text or ""
    )
    await state.clear()
    await show(message, t("mentoring-replaced"), open_keyboard(new_id, t))


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(on_reassign, MentorCD.filter(F.act == MAct.REASSIGN), StateFilter("*"))
    cb.register(on_hand_over, MentorCD.filter(F.act == MAct.HAND_OVER))
    cb.register(on_replace, MentorCD.filter(F.act == MAct.REPLACE), StateFilter("*"))
    router.message.register(on_replace_reason, StateFilter(ReplaceForm.reason), TYPED)
    return router
