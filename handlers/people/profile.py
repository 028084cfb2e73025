"""/profile, /language, /privacy and /forget."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from handlers.commands_menu import refresh_commands, reset_commands
from handlers.markup import Keyboard
from handlers.menu import MenuButton, main_menu
from handlers.people.callbacks import ForgetCD, LangCD, ProfileEditCD
from handlers.people.keyboards import language_keyboard
from handlers.people.onboarding import ask_step
from handlers.people.render import editable_fields, send_profile
from services.container import Services
from services.context import Actor
from services.errors import NeedsOnboarding
from services.i18n import Text, default_translator
from services.people.profile_steps import ProfileStep


async def show_profile(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await send_profile(message, svc, actor, t)


async def choose_language(event: Message | CallbackQuery, t: Text) -> None:
    message = event.message if isinstance(event, CallbackQuery) else event
    if isinstance(message, Message):
        await message.answer(t("language-choose"), reply_markup=language_keyboard())


async def language_chosen(
    query: CallbackQuery,
    callback_data: LangCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
) -> None:
    locale = callback_data.code if callback_data.code in ("ru", "en") else "ru"
    await svc.users.set_locale(actor, locale)
    await state.update_data(locale=locale)
    t = default_translator().bind(locale)
    if not isinstance(query.message, Message):
        return
    if actor.is_registered:
        updated = Actor(
            actor.telegram_id, actor.user_id, locale, actor.roles, actor.coordinator_school_id
        )
        await refresh_commands(query.message.bot, updated, t)  # type: ignore[arg-type]
        await query.message.edit_text(t("language-set"))
        await query.message.answer(t("menu-title"), reply_markup=main_menu(updated, t))
    else:
        await query.message.edit_text(t("language-set-guest"))


async def edit_field(
    query: CallbackQuery,
    callback_data: ProfileEditCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()
    if callback_data.field not in editable_fields(actor):
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    step = ProfileStep(callback_data.field)
    await state.clear()
    await state.update_data(editing=True)
    if isinstance(query.message, Message):
        await ask_step(query.message, state, svc, actor, t, step)


async def privacy(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    consent = None
    if actor.is_registered:
        view = await svc.users.profile(actor)
        if view.consent_at:
            consent = t(
                "privacy-consent-given",
                version=view.consent_version or "",
                date=view.consent_at.astimezone(svc.policy.timezone).strftime("%d.%m.%Y %H:%M"),
            )
    text = t("privacy-text", centre=svc.policy.centre_name)
    if consent:
        text += "\n\n" + consent
    await message.answer(text)


async def forget(message: Message, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        await message.answer(t("forget-nothing"))
        return
    builder = Keyboard()
    builder.button(text=t("forget-confirm"), callback_data=ForgetCD(confirm=True))
    builder.button(text=t("forget-keep"), callback_data=ForgetCD(confirm=False))
    builder.adjust(1)
    await message.answer(t("forget-ask"), reply_markup=builder.as_markup())


async def forget_answer(
    query: CallbackQuery,
    callback_data: ForgetCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    if not isinstance(query.message, Message):
        return
    if not callback_data.confirm:
        await query.message.edit_text(t("forget-kept"))
        return
    await svc.users.forget(actor)
    await state.clear()
    await reset_commands(query.message.bot, actor)  # type: ignore[arg-type]
    await query.message.edit_text(t("forget-done"))
    await query.message.answer(t("forget-bye"), reply_markup=ReplyKeyboardRemove())


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_profile, Command("profile"))
    router.message.register(show_profile, MenuButton("menu-profile"))
    router.callback_query.register(choose_language, ProfileEditCD.filter(F.field == "language"))
    router.message.register(choose_language, Command("language"))
    router.callback_query.register(language_chosen, LangCD.filter())
    router.callback_query.register(edit_field, ProfileEditCD.filter(F.field != "language"))
    router.message.register(privacy, Command("privacy"))
    router.message.register(forget, Command("forget"))
    router.callback_query.register(forget_answer, ForgetCD.filter())
    return router
