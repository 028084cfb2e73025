"""/forget: withdrawing consent (152-FZ) after a confirmation."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from handlers.commands_menu import reset_commands
from handlers.messages import edit_text, tapped_message
from handlers.people.callbacks import ForgetCD
from handlers.people.keyboards import forget_keyboard
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def forget(message: Message, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        await message.answer(t("forget-nothing"))
        return
    await message.answer(t("forget-ask"), reply_markup=forget_keyboard(t))


async def forget_kept(query: CallbackQuery, t: Text) -> None:
    message = tapped_message(query)
    if message is not None:
        await edit_text(message, t("forget-kept"))


async def forget_confirmed(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    message = tapped_message(query)
    if message is None:
        return
    await svc.users.forget(actor)
    await state.clear()
    assert query.bot is not None
    await reset_commands(query.bot, actor)
    await edit_text(message, t("forget-done"))
    # The reply keyboard goes with the person's data; only a new message can remove it.
    await message.answer(t("forget-bye"), reply_markup=ReplyKeyboardRemove())


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(forget, Command("forget"))
    router.callback_query.register(forget_confirmed, ForgetCD.filter(F.confirm.is_(True)))
    router.callback_query.register(forget_kept, ForgetCD.filter(F.confirm.is_(False)))
    return router
