"""/profile (the card and editing a field) and /privacy."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.menu import MenuButton
from handlers.messages import tapped_message
from handlers.people.callbacks import ProfileEditCD
from handlers.people.profile_steps import ask_step
from handlers.people.render import editable_fields, send_profile
from services.container import Services
from services.context import Actor
from services.errors import NeedsOnboarding
from services.i18n import Text
from services.people.profile_steps import ProfileStep


async def show_profile(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await send_profile(message, svc, actor, t)


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
    message = tapped_message(query)
    if message is not None:
        await ask_step(message, state, svc, actor, t, step)


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


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_profile, Command("profile"))
    router.message.register(show_profile, MenuButton("menu-profile"))
    router.callback_query.register(edit_field, ProfileEditCD.filter(F.field != "language"))
    router.message.register(privacy, Command("privacy"))
    return router
