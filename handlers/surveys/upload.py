"""A new survey from an uploaded YAML/JSON file: every problem is shown with its line."""

from __future__ import annotations

from io import BytesIO

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.messages import send, show
from handlers.surveys.callbacks import Staff, StaffCD
from handlers.surveys.catalog import require_staff
from handlers.surveys.keyboards import card_keyboard
from handlers.surveys.render import card_text, upload_issues_text
from handlers.surveys.states import SurveyEditor
from services.container import Services
from services.context import Actor
from services.i18n import Text
from services.surveys.format import MAX_FILE_BYTES, SurveyFormatError


async def ask_file(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    require_staff(actor)
    await state.set_state(SurveyEditor.survey_file)
    await query.answer()
    await send(query, t("survey-upload-ask", max=MAX_FILE_BYTES // 1000))


async def upload_file(
    message: Message, bot: Bot, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    require_staff(actor)
    document = message.document
    assert document is not None
    name = (document.file_name or "").lower()
    if not name.endswith((".yaml", ".yml", ".json")):
        await show(message, t("survey-upload-extension"))
        return
    if document.file_size and document.file_size > MAX_FILE_BYTES:
        await show(message, t("survey-upload-too-big", max=MAX_FILE_BYTES // 1000))
        return
    buffer = BytesIO()
    await bot.download(document, destination=buffer)
    try:
        card = await svc.surveys.create_from_file(actor, buffer.getvalue())
    except SurveyFormatError as error:
        await show(message, upload_issues_text(error, t))
        return
    await state.clear()
    text = t("survey-created") + "\n\n" + card_text(card, svc.policy.timezone, t)
    await show(message, text, card_keyboard(card, t))


async def upload_not_file(message: Message, t: Text) -> None:
    await show(message, t("survey-upload-expect-file"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(ask_file, StaffCD.filter(F.act == Staff.UPLOAD))
    router.message.register(upload_file, SurveyEditor.survey_file, F.document)
    router.message.register(upload_not_file, SurveyEditor.survey_file)
    return router
