"""Admin tools: granting roles (/grant, /roles) and the schools directory (/schools)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from handlers.commands_menu import refresh_commands
from handlers.markup import Keyboard
from handlers.menu import MenuButton
from handlers.people.callbacks import CoordinatorSchoolCD, GrantCD, PersonCD, SchoolAdminCD
from handlers.people.states import AdminForm
from services.container import Services
from services.context import Actor
from services.enums import GRANTED_ROLES, Role
from services.errors import AccessDenied, InvalidInput
from services.i18n import Text, default_translator
from services.people.roles import PersonRow
from services.people.schools import FLAGS, SchoolPage, SchoolView
from services.people.schools_import import CSV_COLUMNS, CSV_MAX_BYTES

ROLE_ORDER = (Role.METHODIST, Role.PSYCHOLOGIST, Role.COORDINATOR, Role.ADMIN)


def _require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AccessDenied()


# --- roles -----------------------------------------------------------------------------------


def person_card(person: PersonRow, t: Text) -> tuple[str, InlineKeyboardMarkup]:
    roles = ", ".join(t(f"role-{r.value}") for r in person.roles) or t("profile-not-set")
    text = t(
        "admin-person-card",
        name=person.full_name or t("profile-not-set"),
        user_id=person.user_id,
        telegram_id=person.telegram_id or 0,
        roles=roles,
    )
    builder = Keyboard()
    for role in ROLE_ORDER:
        mark = "✅ " if role in person.roles else "▫️ "
        builder.button(
            text=mark + t(f"role-{role.value}"),
            callback_data=GrantCD(user_id=person.user_id, role=role),
        )
    builder.adjust(2)
    return text, builder.as_markup()


async def list_staff(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    staff = await svc.users.staff(actor)
    builder = Keyboard()
    lines = [t("admin-staff-title")]
    for person in staff:
        roles = ", ".join(t(f"role-{r.value}") for r in person.roles if r in GRANTED_ROLES)
        lines.append(f"• {t('admin-staff-line', name=person.full_name or '—', roles=roles)}")
        builder.button(
            text=person.full_name or str(person.user_id),
            callback_data=PersonCD(user_id=person.user_id),
        )
    if not staff:
        lines.append(t("admin-staff-empty"))
    lines.append(t("admin-grant-hint"))
    builder.adjust(1)
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


async def grant_start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _require_admin(actor)
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
        text, markup = person_card(people[0], t)
        await message.answer(text, reply_markup=markup)
        return True
    builder = Keyboard()
    for person in people:
        builder.button(
            text=person.full_name or str(person.user_id),
            callback_data=PersonCD(user_id=person.user_id),
        )
    builder.adjust(1)
    await message.answer(t("admin-person-many"), reply_markup=builder.as_markup())
    return True


async def open_person(
    query: CallbackQuery, callback_data: PersonCD, svc: Services, actor: Actor, t: Text
) -> None:
    person = await svc.users.person(actor, callback_data.user_id)
    text, markup = person_card(person, t)
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


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
    if role in person.roles:
        await svc.users.revoke(actor, person.user_id, role)
    elif role == Role.COORDINATOR:
        page = await svc.schools.search()
        if isinstance(query.message, Message):
            await query.message.answer(
                t("admin-coordinator-school"),
                reply_markup=_coordinator_schools(person.user_id, page),
            )
        return
    else:
        await svc.users.grant(actor, person.user_id, role)
    await _refresh_person(query, svc, actor, t, person.user_id)
    await _refresh_their_menu(bot, svc, person.user_id, actor)


def _coordinator_schools(user_id: int, page: SchoolPage) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school in page.items:
        builder.row(
            InlineKeyboardButton(
                text=school.short_name,
                callback_data=CoordinatorSchoolCD(user_id=user_id, school_id=school.id).pack(),
            )
        )
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                text="◀️",
                callback_data=CoordinatorSchoolCD(user_id=user_id, page=page.page - 1).pack(),
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                text="▶️",
                callback_data=CoordinatorSchoolCD(user_id=user_id, page=page.page + 1).pack(),
            )
        )
    if nav:
        builder.row(*nav)
    return builder.as_markup()


async def coordinator_school(
    query: CallbackQuery,
    callback_data: CoordinatorSchoolCD,
    bot: Bot,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _require_admin(actor)
    if not isinstance(query.message, Message):
        return
    if callback_data.school_id == 0:
        page = await svc.schools.search(page=callback_data.page)
        await query.message.edit_reply_markup(
            reply_markup=_coordinator_schools(callback_data.user_id, page)
        )
        return
    await svc.users.grant(actor, callback_data.user_id, Role.COORDINATOR, callback_data.school_id)
    await query.message.delete()
    await _refresh_person(query, svc, actor, t, callback_data.user_id)
    await _refresh_their_menu(bot, svc, callback_data.user_id, actor)


async def _refresh_person(
    query: CallbackQuery, svc: Services, actor: Actor, t: Text, user_id: int
) -> None:
    person = await svc.users.person(actor, user_id)
    text, markup = person_card(person, t)
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)
    await query.answer(t("admin-roles-saved"))


async def _refresh_their_menu(bot: Bot, svc: Services, user_id: int, actor: Actor) -> None:
    person = await svc.users.person(actor, user_id)
    if person.telegram_id is None:
        return
    their = await svc.users.actor_for(person.telegram_id, svc.policy.default_locale)
    await refresh_commands(bot, their, default_translator().bind(their.locale))


# --- schools ---------------------------------------------------------------------------------


def _schools_list(page: SchoolPage, t: Text) -> tuple[str, InlineKeyboardMarkup]:
    builder = Keyboard()
    for school in page.items:
        builder.row(
            InlineKeyboardButton(
                text=school.short_name + _flag_marks(school),
                callback_data=SchoolAdminCD(action="open", school_id=school.id).pack(),
            )
        )
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                text="◀️", callback_data=SchoolAdminCD(action="page", page=page.page - 1).pack()
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                text="▶️", callback_data=SchoolAdminCD(action="page", page=page.page + 1).pack()
            )
        )
    if nav:
        builder.row(*nav)
    builder.row(
        InlineKeyboardButton(
            text=t("schools-add"), callback_data=SchoolAdminCD(action="add").pack()
        ),
        InlineKeyboardButton(
            text=t("schools-import"), callback_data=SchoolAdminCD(action="import").pack()
        ),
    )
    text = t("schools-title", count=page.total, page=page.page + 1, pages=page.pages)
    return text, builder.as_markup()


def _flag_marks(school: SchoolView) -> str:
    marks = []
    if school.low_results:
        marks.append("ШНРО")
    if school.unfavourable_conditions:
        marks.append("ШФНСУ")
    return f" ({', '.join(marks)})" if marks else ""


def _school_card(school: SchoolView, t: Text) -> tuple[str, InlineKeyboardMarkup]:
    yes, no = t("flag-yes"), t("flag-no")
    text = t(
        "schools-card",
        name=school.name,
        short=school.short_name,
        municipality=school.municipality or "—",
        low_results=yes if school.low_results else no,
        unfavourable=yes if school.unfavourable_conditions else no,
        leading=yes if school.is_leading else no,
        partner=yes if school.is_partner else no,
    )
    builder = Keyboard()
    for flag in FLAGS:
        builder.button(
            text=t(f"schools-toggle-{flag}"),
            callback_data=SchoolAdminCD(action="flag", school_id=school.id, flag=flag),
        )
    builder.button(
        text=t("schools-rename"), callback_data=SchoolAdminCD(action="rename", school_id=school.id)
    )
    builder.button(text=t("schools-back"), callback_data=SchoolAdminCD(action="page"))
    builder.adjust(2)
    return text, builder.as_markup()


async def schools(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    _require_admin(actor)
    text, markup = _schools_list(await svc.schools.search(), t)
    await message.answer(text, reply_markup=markup)


async def schools_action(
    query: CallbackQuery,
    callback_data: SchoolAdminCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    _require_admin(actor)
    message = query.message
    if not isinstance(message, Message):
        return
    action = callback_data.action
    if action == "page":
        text, markup = _schools_list(await svc.schools.search(page=callback_data.page), t)
        await message.edit_text(text, reply_markup=markup)
    elif action == "open":
        text, markup = _school_card(await svc.schools.get(callback_data.school_id), t)
        await message.edit_text(text, reply_markup=markup)
    elif action == "flag":
        school = await svc.schools.toggle_flag(actor, callback_data.school_id, callback_data.flag)
        text, markup = _school_card(school, t)
        await message.edit_text(text, reply_markup=markup)
    elif action == "add":
        await state.set_state(AdminForm.school_name)
        await message.answer(t("schools-ask-name"))
    elif action == "rename":
        await svc.schools.get(callback_data.school_id)
        await state.set_state(AdminForm.school_rename)
        await state.update_data(school_id=callback_data.school_id)
        await message.answer(t("schools-ask-rename"))
    elif action == "import":
        await state.set_state(AdminForm.school_csv)
        await message.answer(t("schools-ask-csv"))
    else:
        await query.answer(t("error-stale-button"), show_alert=True)


def _split_names(raw: str) -> tuple[str, str | None]:
    full, _, short = raw.partition("|")
    return full.strip(), (short.strip() or None)


async def school_add(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    full, short = _split_names(message.text or "")
    school = await svc.schools.add(actor, full, short)
    await state.clear()
    text, markup = _school_card(school, t)
    await message.answer(t("schools-added") + "\n\n" + text, reply_markup=markup)


async def school_rename(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    school_id = int((await state.get_data()).get("school_id", 0))
    full, short = _split_names(message.text or "")
    school = await svc.schools.rename(actor, school_id, full, short or full)
    await state.clear()
    text, markup = _school_card(school, t)
    await message.answer(text, reply_markup=markup)


async def school_csv(
    message: Message, state: FSMContext, bot: Bot, svc: Services, actor: Actor, t: Text
) -> None:
    _require_admin(actor)
    document = message.document
    assert document is not None
    if document.file_size and document.file_size > CSV_MAX_BYTES:
        raise InvalidInput("error-file-too-big", max_kb=CSV_MAX_BYTES // 1000)
    buffer = await bot.download(document)
    data = buffer.read() if buffer else b""
    report = await svc.schools.import_csv(actor, data)
    await state.clear()
    lines = [
        t(
            "schools-import-done",
            added=report.added,
            updated=report.updated,
            errors=len(report.errors),
        )
    ]
    for line_no, key, args in report.errors[:30]:
        lines.append(t("schools-import-error-line", line=line_no, problem=t(key, **args)))
    if len(report.errors) > 30:
        lines.append(t("schools-import-more-errors", count=len(report.errors) - 30))
    await message.answer("\n".join(lines))


async def schools_template(message: Message, actor: Actor, t: Text) -> None:
    _require_admin(actor)
    sample = ";".join(CSV_COLUMNS) + "\n" + t("schools-csv-sample-row") + "\n"
    await message.answer_document(
        BufferedInputFile(sample.encode("utf-8-sig"), filename="schools.csv"),
        caption=t("schools-template-caption"),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(list_staff, Command("roles"))
    router.message.register(list_staff, MenuButton("menu-roles"))
    router.message.register(grant_start, Command("grant"))
    router.message.register(grant_search, AdminForm.find_person, F.text)
    router.callback_query.register(open_person, PersonCD.filter())
    router.callback_query.register(toggle_role, GrantCD.filter())
    router.callback_query.register(coordinator_school, CoordinatorSchoolCD.filter())
    router.message.register(schools, Command("schools"))
    router.message.register(schools, MenuButton("menu-schools"))
    router.callback_query.register(schools_action, SchoolAdminCD.filter())
    router.message.register(school_add, AdminForm.school_name, F.text)
    router.message.register(school_rename, AdminForm.school_rename, F.text)
    router.message.register(school_csv, AdminForm.school_csv, F.document)
    router.message.register(schools_template, Command("schools_template"))
    return router
