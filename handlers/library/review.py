"""Methodists' review of submissions (/review): approve, decline with a reason, ask for a
change; and the author's revision of a material sent back to them."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.library.callbacks import CardAct, LibCardCD, LibNav, LibNavCD
from handlers.library.keyboards import cancel_keyboard, card_keyboard, items_keyboard
from handlers.library.render import card_text, items_text
from handlers.library.states import LibraryForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.errors import NeedsOnboarding
from services.i18n import Text


async def queue(event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    items = await svc.library.review_queue(actor)
    await show(event, items_text(items, t, "library-queue"), items_keyboard(items, t))


async def queue_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await queue(message, svc, actor, t)


async def queue_button(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    await query.answer()
    await queue(query, svc, actor, t)


async def approve(
    query: CallbackQuery, callback_data: LibCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    view = await svc.library.approve(actor, callback_data.material_id)
    await query.answer(t("library-approved-alert"))
    await show(query, card_text(view, t, svc.policy.timezone), card_keyboard(view, t, True))


async def ask_note(
    query: CallbackQuery,
    callback_data: LibCardCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    # Checked before asking, so a teacher with an old button is refused at once.
    await svc.library.review_queue(actor)
    await state.set_state(LibraryForm.lib_note)
    await state.update_data(material_id=callback_data.material_id, act=callback_data.act.value)
    await query.answer()
    key = "library-decline-ask" if callback_data.act == CardAct.DECLINE else "library-change-ask"
    await show(query, t(key), cancel_keyboard(t), edit=False)


async def got_note(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    material_id = int(data["material_id"])
    if data.get("act") == CardAct.DECLINE.value:
        view = await svc.library.decline(actor, material_id, message.text)
    else:
        view = await svc.library.ask_change(actor, material_id, message.text)
    await state.clear()
    await message.answer(t(f"library-decided-{view.status.value}", title=view.title))


async def revise(
    query: CallbackQuery, callback_data: LibCardCD, state: FSMContext, actor: Actor, t: Text
) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()
    await state.set_state(LibraryForm.lib_revise_title)
    await state.update_data(material_id=callback_data.material_id)
    await query.answer()
    await show(query, t("library-submit-title"), cancel_keyboard(t), edit=False)


async def revised_title(message: Message, state: FSMContext, svc: Services, t: Text) -> None:
    await state.update_data(title=svc.library.check_title(message.text))
    await state.set_state(LibraryForm.lib_revise_description)
    await message.answer(t("library-submit-description"), reply_markup=cancel_keyboard(t))


async def revised_description(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    data = await state.get_data()
    text = (message.text or "").strip()
    description = "" if text in {"-", "—"} else text
    view = await svc.library.revise(actor, int(data["material_id"]), data["title"], description)
    await state.clear()
    await message.answer(t("library-submitted", title=view.title))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(queue_command, Command("review"))
    router.callback_query.register(queue_button, LibNavCD.filter(F.to == LibNav.QUEUE))
    router.callback_query.register(approve, LibCardCD.filter(F.act == CardAct.APPROVE))
    router.callback_query.register(
        ask_note, LibCardCD.filter(F.act.in_({CardAct.DECLINE, CardAct.CHANGE}))
    )
    router.callback_query.register(revise, LibCardCD.filter(F.act == CardAct.REVISE))
    router.message.register(got_note, LibraryForm.lib_note, F.text)
    router.message.register(revised_title, LibraryForm.lib_revise_title, F.text)
    router.message.register(revised_description, LibraryForm.lib_revise_description, F.text)
    return router
