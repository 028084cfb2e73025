"""The development plan: the mentee marks a step done, the mentor confirms, adds, moves or
removes steps."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user
from handlers.mentoring.keyboards import open_keyboard, plan_keyboard
from handlers.mentoring.render import plan_text
from handlers.mentoring.states import TYPED, MoveForm, StepForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.mentoring.types import Side


async def show_plan(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, pair_id: int
) -> None:
    view = await svc.mentoring.mentorship(actor, pair_id)
    text = plan_text(view, t, svc.policy.timezone, svc.clock())
    await show(event, text, plan_keyboard(view, actor.user_id, t))


async def on_plan(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await show_plan(query, svc, actor, t, callback_data.pair)


async def on_done(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    changed = await svc.mentoring.mark_done(actor, callback_data.step)
    pair_id = await svc.mentoring.step_pair(actor, callback_data.step)
    await query.answer(t("mentoring-step-marked") if changed else t("mentoring-step-already"))
    await show_plan(query, svc, actor, t, pair_id)


async def on_confirm(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    changed = await svc.mentoring.confirm_step(actor, callback_data.step)
    pair_id = await svc.mentoring.step_pair(actor, callback_data.step)
    await query.answer(t("mentoring-step-confirmed") if changed else t("mentoring-step-already"))
    await show_plan(query, svc, actor, t, pair_id)


async def on_remove(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    pair_id = await svc.mentoring.step_pair(actor, callback_data.step)
    await svc.mentoring.remove_step(actor, callback_data.step)
    await query.answer(t("mentoring-step-removed"))
    await show_plan(query, svc, actor, t, pair_id)


async def on_add(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    await svc.mentoring.check_party(actor, callback_data.pair, Side.MENTOR)
    await state.set_state(StepForm.title)
    await state.update_data(pair=callback_data.pair)
    await show(query, t("mentoring-step-title-ask"), edit=False)


async def on_title(message: Message, state: FSMContext, t: Text) -> None:
    title = " ".join((message.text or "").split())
    if not title or len(title) > 300:
        await message.answer(t("mentoring-error-step-title"))
        return
    await state.update_data(title=title)
    await state.set_state(StepForm.due)
    await message.answer(t("mentoring-step-due-ask"))


async def on_due(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    due = svc.mentoring.read_day(message.text, t.locale, future=True)
    await svc.mentoring.add_step(actor, int(data["pair"]), str(data["title"]), due)
    await state.clear()
    await message.answer(
        t("mentoring-step-added"), reply_markup=open_keyboard(int(data["pair"]), t)
    )


async def on_move(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    need_user(actor)
    pair_id = await svc.mentoring.step_pair(actor, callback_data.step)
    await svc.mentoring.check_party(actor, pair_id, Side.MENTOR)
    await state.set_state(MoveForm.due)
    await state.update_data(step=callback_data.step)
    await show(query, t("mentoring-step-due-ask"), edit=False)


async def on_new_due(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    step_id = int((await state.get_data())["step"])
    due = svc.mentoring.read_day(message.text, t.locale, future=True)
    await svc.mentoring.move_step(actor, step_id, due)
    await state.clear()
    pair_id = await svc.mentoring.step_pair(actor, step_id)
    await message.answer(t("mentoring-step-moved"), reply_markup=open_keyboard(pair_id, t))


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(on_plan, MentorCD.filter(F.act == MAct.PLAN))
    cb.register(on_done, MentorCD.filter(F.act == MAct.DONE))
    cb.register(on_confirm, MentorCD.filter(F.act == MAct.CONFIRM))
    cb.register(on_remove, MentorCD.filter(F.act == MAct.DEL_STEP))
    cb.register(on_add, MentorCD.filter(F.act == MAct.ADD_STEP), StateFilter("*"))
    cb.register(on_move, MentorCD.filter(F.act == MAct.MOVE_STEP), StateFilter("*"))
    router.message.register(on_title, StateFilter(StepForm.title), TYPED)
    router.message.register(on_due, StateFilter(StepForm.due), TYPED)
    router.message.register(on_new_due, StateFilter(MoveForm.due), TYPED)
    return router
