"""Sharing a material: topic, kind, title, description, then a file or a link. A teacher's
material waits for a methodist; staff's goes straight to the library. Cancel ends it anywhere."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers.library.callbacks import LibKindCD, LibNav, LibNavCD, LibTopicCD
from handlers.library.keyboards import (
    cancel_keyboard,
    file_keyboard,
    kind_keyboard,
    open_keyboard,
    topic_keyboard,
)
from handlers.library.states import LibraryForm
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.enums import Topic
from services.errors import NeedsOnboarding
from services.i18n import Text
from services.library.types import FileType, MaterialDraft, MaterialKind, MaterialStatus, Upload

SKIP = frozenset({"-", "—"})


async def begin(event: Message | CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    if not actor.is_registered:
        raise NeedsOnboarding()
    await state.clear()
    await state.set_state(LibraryForm.lib_topic)
    await show(event, t("library-submit-topic"), topic_keyboard(t))


async def submit_command(message: Message, state: FSMContext, actor: Actor, t: Text) -> None:
    await begin(message, state, actor, t)


async def submit_button(query: CallbackQuery, state: FSMContext, actor: Actor, t: Text) -> None:
    await query.answer()
    await begin(query, state, actor, t)


async def cancel(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    await state.clear()
    await query.answer()
    await show(query, t("library-cancelled"))


async def chose_topic(
    query: CallbackQuery, callback_data: LibTopicCD, state: FSMContext, t: Text
) -> None:
    await state.update_data(topic=callback_data.topic.value)
    await state.set_state(LibraryForm.lib_kind)
    await query.answer()
    await show(query, t("library-submit-kind"), kind_keyboard(t))


async def chose_kind(
    query: CallbackQuery, callback_data: LibKindCD, state: FSMContext, t: Text
) -> None:
    await state.update_data(kind=callback_data.kind.value)
    await state.set_state(LibraryForm.lib_title)
    await query.answer()
    await show(query, t("library-submit-title"), cancel_keyboard(t))


async def got_title(message: Message, state: FSMContext, svc: Services, t: Text) -> None:
    await state.update_data(title=svc.library.check_title(message.text))
    await state.set_state(LibraryForm.lib_description)
    await message.answer(t("library-submit-description"), reply_markup=cancel_keyboard(t))


async def got_description(message: Message, state: FSMContext, svc: Services, t: Text) -> None:
    text = (message.text or "").strip()
    description = "" if text in SKIP else svc.library.check_description(text)
    await state.update_data(description=description)
    await state.set_state(LibraryForm.lib_file)
    await message.answer(t("library-submit-file"), reply_markup=file_keyboard(t))


def upload_of(message: Message) -> Upload | None:
    if message.document:
        doc = message.document
        return Upload(doc.file_id, FileType.DOCUMENT, doc.file_size, doc.mime_type, doc.file_name)
    if message.photo:
        photo = message.photo[-1]
        return Upload(photo.file_id, FileType.PHOTO, photo.file_size)
    if message.video:
        return Upload(message.video.file_id, FileType.VIDEO, message.video.file_size)
    return None


async def _finish(
    message: Message,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
    upload: Upload | None = None,
    link: str | None = None,
) -> None:
    data: dict[str, Any] = await state.get_data()
    draft = MaterialDraft(
        title=data["title"],
        description=data.get("description", ""),
        topic=Topic(data["topic"]),
        kind=MaterialKind(data["kind"]),
        upload=upload,
        link=link,
        event_id=data.get("event_id"),
    )
    view = await svc.library.add(actor, draft)
    await state.clear()
    key = "library-added" if view.status == MaterialStatus.APPROVED else "library-submitted"
    await message.answer(t(key, title=view.title), reply_markup=open_keyboard(view.id, t))


async def got_file(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    upload = upload_of(message)
    if upload is None:
        await message.answer(t("library-submit-file"), reply_markup=file_keyboard(t))
        return
    svc.library.check_upload(upload)
    await _finish(message, state, svc, actor, t, upload=upload)


async def link_instead(query: CallbackQuery, state: FSMContext, t: Text) -> None:
    await state.set_state(LibraryForm.lib_link)
    await query.answer()
    await show(query, t("library-submit-link"), cancel_keyboard(t))


async def got_link(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    link = svc.library.check_link(message.text)
    await _finish(message, state, svc, actor, t, link=link)


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(submit_command, Command("share"))
    router.callback_query.register(submit_button, LibNavCD.filter(F.to == LibNav.SUBMIT))
    router.callback_query.register(cancel, LibNavCD.filter(F.to == LibNav.CANCEL))
    router.callback_query.register(chose_topic, LibraryForm.lib_topic, LibTopicCD.filter())
    router.callback_query.register(chose_kind, LibraryForm.lib_kind, LibKindCD.filter())
    router.callback_query.register(
        link_instead, LibraryForm.lib_file, LibNavCD.filter(F.to == LibNav.LINK)
    )
    router.message.register(got_title, LibraryForm.lib_title, F.text)
    router.message.register(got_description, LibraryForm.lib_description, F.text)
    router.message.register(got_file, LibraryForm.lib_file)
    router.message.register(got_link, LibraryForm.lib_link, F.text)
    return router
