"""Admin: the schools directory (/schools): browse, flags, add, rename, CSV import."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.menu import MenuButton
from handlers.messages import edit_text, send, tapped_message
from handlers.people.admin_roles import require_admin
from handlers.people.callbacks import SchoolAdminCD
from handlers.people.keyboards import school_card_keyboard, schools_list_keyboard
from handlers.people.render import import_report_text, school_card_text, schools_list_text
from handlers.people.states import AdminForm
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.i18n import Text
from services.people.schools_import import CSV_COLUMNS, CSV_MAX_BYTES

# The actions with a handler of their own; any other (an old or forged button) is stale.
ACTIONS = ("page", "open", "flag", "add", "rename", "import")


async def schools(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    require_admin(actor)
    page = await svc.schools.search()
    await message.answer(schools_list_text(page, t), reply_markup=schools_list_keyboard(page, t))


async def schools_page(
    query: CallbackQuery, callback_data: SchoolAdminCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    message = tapped_message(query)
    if message is None:
        return
    page = await svc.schools.search(page=callback_data.page)
    await edit_text(message, schools_list_text(page, t), schools_list_keyboard(page, t))


async def school_open(
    query: CallbackQuery, callback_data: SchoolAdminCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    message = tapped_message(query)
    if message is None:
        return
    school = await svc.schools.get(callback_data.school_id)
    await edit_text(message, school_card_text(school, t), school_card_keyboard(school, t))


async def school_flag(
    query: CallbackQuery, callback_data: SchoolAdminCD, svc: Services, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    message = tapped_message(query)
    if message is None:
        return
    school = await svc.schools.toggle_flag(actor, callback_data.school_id, callback_data.flag)
    await edit_text(message, school_card_text(school, t), school_card_keyboard(school, t))


async def school_add_start(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    require_admin(actor)
    if tapped_message(query) is None:
        return
    await state.set_state(AdminForm.school_name)
    await send(query, t("schools-ask-name"))


async def school_rename_start(
    query: CallbackQuery,
    callback_data: SchoolAdminCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    require_admin(actor)
    if tapped_message(query) is None:
        return
    await svc.schools.get(callback_data.school_id)
    await state.set_state(AdminForm.school_rename)
    await state.update_data(school_id=callback_data.school_id)
    await send(query, t("schools-ask-rename"))


async def school_import_start(
    query: CallbackQuery, state: FSMContext, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    if tapped_message(query) is None:
        return
    await state.set_state(AdminForm.school_csv)
    await send(query, t("schools-ask-csv"))


async def stale_action(query: CallbackQuery, actor: Actor, t: Text) -> None:
    require_admin(actor)
    if tapped_message(query) is None:
        return
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
    await message.answer(
        t("schools-added") + "\n\n" + school_card_text(school, t),
        reply_markup=school_card_keyboard(school, t),
    )


async def school_rename(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    school_id = int((await state.get_data()).get("school_id", 0))
    full, short = _split_names(message.text or "")
    school = await svc.schools.rename(actor, school_id, full, short or full)
    await state.clear()
    await message.answer(school_card_text(school, t), reply_markup=school_card_keyboard(school, t))


async def school_csv(
    message: Message, state: FSMContext, bot: Bot, svc: Services, actor: Actor, t: Text
) -> None:
    require_admin(actor)
    document = message.document
    assert document is not None
    if document.file_size and document.file_size > CSV_MAX_BYTES:
        raise InvalidInput("error-file-too-big", max_kb=CSV_MAX_BYTES // 1000)
    buffer = await bot.download(document)
    data = buffer.read() if buffer else b""
    report = await svc.schools.import_csv(actor, data)
    await state.clear()
    await message.answer(import_report_text(report, t))


async def schools_template(message: Message, actor: Actor, t: Text) -> None:
    require_admin(actor)
    sample = ";".join(CSV_COLUMNS) + "\n" + t("schools-csv-sample-row") + "\n"
    await message.answer_document(
        BufferedInputFile(sample.encode("utf-8-sig"), filename="schools.csv"),
        caption=t("schools-template-caption"),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(schools, Command("schools"))
    router.message.register(schools, MenuButton("menu-schools"))
    for handler, action in (
        (schools_page, "page"),
        (school_open, "open"),
        (school_flag, "flag"),
        (school_add_start, "add"),
        (school_rename_start, "rename"),
        (school_import_start, "import"),
    ):
        router.callback_query.register(handler, SchoolAdminCD.filter(F.action == action))
    router.callback_query.register(stale_action, SchoolAdminCD.filter(~F.action.in_(ACTIONS)))
    router.message.register(school_add, AdminForm.school_name, F.text)
    router.message.register(school_rename, AdminForm.school_rename, F.text)
    router.message.register(school_csv, AdminForm.school_csv, F.document)
    router.message.register(schools_template, Command("schools_template"))
    return router
