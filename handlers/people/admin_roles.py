"""Admin: granting and revoking staff roles (/grant, /roles)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.menu import MenuButton
from handlers.messages import edit_markup, edit_text, show, tapped_message
from handlers.people.callbacks import CoordinatorSchoolCD, GrantCD, PersonCD
from handlers.people.keyboards import (
    coordinator_schools_keyboard,
    people_keyboard,
    person_keyboard,
)
from handlers.people.render import person_text, staff_text
from handlers.people.role_notice import tell_about_role
from handlers.people.states import AdminForm
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import AccessDenied
from services.i18n import Text


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AccessDenied()


async def list_staff(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    staff = await svc.users.staff(actor)
    await message.answer(staff_text(staff, t), reply_markup=people_keyboard(staff))


async def grant_start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    require_admin(actor)
    if command.args:
        await _show_matches(message, command.args, svc, actor, t)
        return
    await state.set_state(AdminForm.find_person)
    await message.answer(t("admin-grant-ask"))


async def grant_search(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    if await _show_matches(message, message.text or "", svc, actor, t):
        await state.clear()


async def _show_matches(
    message: Message, query: str, svc: Services, actor: Actor, t: Text
) -> bool:
    people = await svc.users.find_people(actor, query)
    if not people:
        await message.answer(t("admin-person-none"))
        return False
    if len(people) == 1:
        await message.answer(person_text(people[0], t), reply_markup=person_keyboard(people[0], t))
        return True
    await message.answer(t("admin-person-many"), reply_markup=people_keyboard(people))
    return True


async def open_person(
    query: CallbackQuery, callback_data: PersonCD, svc: Services, actor: Actor, t: Text
) -> None:
    person = await svc.users.person(actor, callback_data.user_id)
    if tapped_message(query) is not None:
        await show(
            query, person_text(person, t), person_keyboard(person, t), edit=callback_data.in_place
        )


async def toggle_role(
    query: CallbackQuery,
    callback_data: GrantCD,
    bot: Bot,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    person = await svc.users.person(actor, callback_data.user_id)
    role = callback_data.role
    granted = role not in person.roles
    if not granted:
        await svc.users.revoke(actor, person.user_id, role)
    elif role == Role.COORDINATOR:
        # A coordinator needs a school first: the grant happens when one is chosen, and the
        # card turns into the choice (with a way back) rather than a second message.
        page = await svc.schools.search()
        message = tapped_message(query)
        if message is not None:
            await edit_text(
                message,
                t("admin-coordinator-school"),
                coordinator_schools_keyboard(person.user_id, page, t),
            )
        return
    else:
        await svc.users.grant(actor, person.user_id, role)
    await _refresh_person(query, svc, actor, t, person.user_id)
    await tell_about_role(bot, svc, actor, person.user_id, role, granted=granted)


async def coordinator_schools_page(
    query: CallbackQuery, callback_data: CoordinatorSchoolCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    message = tapped_message(query)
    if message is None:
        return
    page = await svc.schools.search(page=callback_data.page)
    await edit_markup(message, coordinator_schools_keyboard(callback_data.user_id, page, t))


async def coordinator_school_chosen(
    query: CallbackQuery,
    callback_data: CoordinatorSchoolCD,
    bot: Bot,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    require_admin(actor)
    if tapped_message(query) is None:
        return
    await svc.users.grant(actor, callback_data.user_id, Role.COORDINATOR, callback_data.school_id)
    await _refresh_person(query, svc, actor, t, callback_data.user_id)
    await tell_about_role(bot, svc, actor, callback_data.user_id, Role.COORDINATOR, granted=True)


async def _refresh_person(
    query: CallbackQuery, svc: Services, actor: Actor, t: Text, user_id: int
) -> None:
    """The card the admin tapped shows the new roles in place: one card per person."""
    person = await svc.users.person(actor, user_id)
    message = tapped_message(query)
    if message is not None:
        await edit_text(message, person_text(person, t), person_keyboard(person, t))
    await query.answer(t("admin-roles-saved"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_staff, Command("roles"))
    router.message.register(list_staff, MenuButton("menu-roles"))
    router.message.register(grant_start, Command("grant"))
    router.message.register(grant_search, AdminForm.find_person, F.text)
    router.callback_query.register(open_person, PersonCD.filter())
    router.callback_query.register(toggle_role, GrantCD.filter())
    router.callback_query.register(
        coordinator_schools_page, CoordinatorSchoolCD.filter(F.school_id == 0)
    )
    router.callback_query.register(
        coordinator_school_chosen, CoordinatorSchoolCD.filter(F.school_id != 0)
    )
    return router
