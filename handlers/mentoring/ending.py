"""The end: the methodist finishes or ends early, the mentee assesses, the mentor concludes,
and either takes their PDF paper."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user, show_card
from handlers.mentoring.keyboards import assess_keyboard, open_keyboard
from handlers.mentoring.states import TYPED, ConclusionForm, EndForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.mentoring.types import Level, Side


async def on_finish(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await svc.mentoring.finish(actor, callback_data.pair)
    await query.answer(t("mentoring-finished"))
    await show_card(query, svc, actor, t, callback_data.pair)


async def on_end_early(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    svc.mentoring.check_arranger(actor)
    await state.set_state(EndForm.reason)
    await state.update_data(pair=callback_data.pair)
    await show(query, t("mentoring-end-reason-ask"), edit=False)


async def on_end_reason(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    pair_id = int((await state.get_data())["pair"])
    await svc.mentoring.finish(actor, pair_id, message.text or "")
    await state.clear()
    await show(message, t("mentoring-ended-early"), open_keyboard(pair_id, t))


async def on_assess(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await svc.mentoring.check_party(actor, callback_data.pair, Side.MENTEE)
    if callback_data.topic:
        level = Level(callback_data.level)
        await svc.mentoring.self_assess(actor, callback_data.pair, callback_data.topic, level)
        await query.answer(t("mentoring-assess-saved"))
    view = await svc.mentoring.mentorship(actor, callback_data.pair)
    await show(query, t("mentoring-assess-ask"), assess_keyboard(view, t))


async def on_conclude(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_party(actor, callback_data.pair, Side.MENTOR)
    await state.set_state(ConclusionForm.text)
    await state.update_data(pair=callback_data.pair)
    await show(query, t("mentoring-conclusion-ask"), edit=False)


async def on_conclusion(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    pair_id = int((await state.get_data())["pair"])
    await svc.mentoring.conclude(actor, pair_id, message.text or "")
    await state.clear()
    await show(message, t("mentoring-conclusion-saved"), open_keyboard(pair_id, t))


async def on_paper(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    content = await svc.mentoring.paper(actor, callback_data.pair, t)
    await query.answer()
    assert query.bot is not None
    name = f"mentoring-{callback_data.pair}.pdf"
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(content, filename=name),
        caption=t("mentoring-paper-caption"),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(on_finish, MentorCD.filter(F.act == MAct.FINISH))
    cb.register(on_end_early, MentorCD.filter(F.act == MAct.END_EARLY), StateFilter("*"))
    cb.register(on_assess, MentorCD.filter(F.act == MAct.ASSESS))
    cb.register(on_conclude, MentorCD.filter(F.act == MAct.CONCLUDE), StateFilter("*"))
    cb.register(on_paper, MentorCD.filter(F.act == MAct.PAPER))
    router.message.register(on_end_reason, StateFilter(EndForm.reason), TYPED)
    router.message.register(on_conclusion, StateFilter(ConclusionForm.text), TYPED)
    return router
