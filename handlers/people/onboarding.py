"""/start: language, role (teacher, parent, or centre staff), consent (152-FZ); the profile
questions follow (profile_steps)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import deep_links
from handlers.menu import main_menu
from handlers.messages import show, tapped_message
from handlers.people.callbacks import ConsentCD, LangCD, RoleCD, StaffPathCD
from handlers.people.keyboards import consent_keyboard, language_keyboard, role_keyboard
from handlers.people.profile_steps import ask_step
from handlers.people.states import Onboarding
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.i18n import Text, default_translator
from services.people.profile_steps import ProfileStep, next_missing_step

# What the FSM keeps as the chosen path when it is the staff path (no role of one's own).
STAFF_PATH = "staff"
# Commands that need no profile: an administrator from ADMIN_IDS who never sent /start may
# use these; any other command asks for /start at once, not at the end of a form.
NO_PROFILE_COMMANDS = frozenset({"start", "help", "cancel", "language", "privacy", "forget"})


def consent_text(t: Text, centre: str) -> str:
    return t("consent-text", centre=centre)


def _command_name(text: str) -> str:
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if text else ""


def unknown_staff_command(message: Message, actor: Actor) -> bool:
    """A command from someone who holds a role by the settings (ADMIN_IDS) but has no row yet:
    every staff action writes in their name, so it needs the person first."""
    if actor.is_registered or not actor.roles:
        return False
    text = message.text or ""
    return text.startswith("/") and _command_name(text) not in NO_PROFILE_COMMANDS


async def staff_needs_start(message: Message, t: Text) -> None:
    await message.answer(t("admin-needs-start"))


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    payload = (command.args or "").strip()
    if actor.is_registered:
        step = await next_missing_step(svc.users, actor)
        if step is not None:
            await state.update_data(pending_payload=payload or None)
            await ask_step(message, state, svc, actor, t, step)
            return
        await state.clear()
        if payload and await deep_links.open_payload(payload, message, state, svc, actor, t):
            return
        await message.answer(t("start-welcome-back"), reply_markup=main_menu(actor, t))
        return
    if payload and deep_links.is_public(payload):
        # Nothing is stored before consent: the public page is shown, acquaintance is offered.
        await deep_links.remember(state, payload)
        await deep_links.open_payload(payload, message, state, svc, actor, t)
        return
    # A public page seen before (an event, a material) is where onboarding leads back to.
    payload = payload or await deep_links.remembered(state) or ""
    await state.clear()
    await state.set_state(Onboarding.language)
    await state.update_data(pending_payload=payload or None)
    await message.answer(t("start-choose-language"), reply_markup=language_keyboard())


async def chose_language(
    query: CallbackQuery, callback_data: LangCD, state: FSMContext, t: Text
) -> None:
    locale = callback_data.code if callback_data.code in ("ru", "en") else "ru"
    t = default_translator().bind(locale)
    await state.update_data(locale=locale)
    await state.set_state(Onboarding.role)
    await show(query, t("start-choose-role"), role_keyboard(t))


async def chose_role(
    query: CallbackQuery, callback_data: RoleCD, state: FSMContext, svc: Services, t: Text
) -> None:
    await state.update_data(role=callback_data.role.value)
    await state.set_state(Onboarding.consent)
    await show(query, consent_text(t, svc.policy.centre_name), consent_keyboard(t))


async def chose_staff_path(
    query: CallbackQuery, state: FSMContext, svc: Services, t: Text
) -> None:
    await state.update_data(role=STAFF_PATH)
    await state.set_state(Onboarding.consent)
    await show(query, consent_text(t, svc.policy.centre_name), consent_keyboard(t))


async def consent_declined(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    await state.clear()
    await show(query, t("consent-declined"))


async def consent_accepted(
    query: CallbackQuery, state: FSMContext, svc: Services, t: Text
) -> None:
    data = await state.get_data()
    locale = data.get("locale", t.locale)
    chosen = data.get("role", Role.TEACHER)
    role = None if chosen == STAFF_PATH else Role(chosen)
    actor = await svc.users.accept_consent(
        query.from_user.id, locale, role, consent_text(t, svc.policy.centre_name)
    )
    await state.set_state(None)
    await state.update_data(grade_asked=role is not Role.PARENT)
    await show(query, t("consent-accepted"))
    message = tapped_message(query)
    if message is not None:
        await ask_step(message, state, svc, actor, t, ProfileStep.NAME)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start, CommandStart())
    router.message.register(staff_needs_start, unknown_staff_command)
    router.callback_query.register(chose_staff_path, Onboarding.role, StaffPathCD.filter())
    router.callback_query.register(chose_language, Onboarding.language, LangCD.filter())
    router.callback_query.register(
        chose_role, Onboarding.role, RoleCD.filter(F.role.in_({Role.TEACHER, Role.PARENT}))
    )
    router.callback_query.register(
        consent_accepted, Onboarding.consent, ConsentCD.filter(F.accept.is_(True))
    )
    router.callback_query.register(
        consent_declined, Onboarding.consent, ConsentCD.filter(F.accept.is_(False))
    )
    return router
