"""The end of the /broadcast wizard: a preview as recipients will see it, then send now, or
at a time typed in the municipality's zone (quiet hours hold bulk messages)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.broadcasts.callbacks import BcNav, BcNavCD
from handlers.broadcasts.draft import load_draft
from handlers.broadcasts.keyboards import back_keyboard, confirm_keyboard, progress_markup
from handlers.broadcasts.render import render_progress
from handlers.broadcasts.states import IN_WIZARD, BroadcastForm
from handlers.messages import send, show
from services.broadcasts.types import AttachmentType, Draft
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.i18n import Text

CAPTION_MAX = 1024


async def _send_copy(bot: Bot, chat_id: int, draft: Draft) -> None:
    """The broadcast exactly as a recipient gets it; a long text follows its attachment."""
    caption = draft.body if len(draft.body) <= CAPTION_MAX else None
    if draft.attachment_type == AttachmentType.PHOTO and draft.attachment_file_id:
        await bot.send_photo(chat_id, draft.attachment_file_id, caption=caption)
    elif draft.attachment_type == AttachmentType.DOCUMENT and draft.attachment_file_id:
        await bot.send_document(chat_id, draft.attachment_file_id, caption=caption)
    else:
        caption = None
    if caption is None:
        await bot.send_message(chat_id, draft.body)


async def _confirm_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    draft = await load_draft(state)
    size = await svc.broadcasts.audience_size(actor, draft.audience)
    lines = [t("broadcast-confirm", count=size)]
    later = svc.broadcasts.quiet_until(svc.clock())
    if later is not None:
        lines.append(
            t("broadcast-quiet-now", time=later.astimezone(svc.policy.timezone).strftime("%H:%M"))
        )
    markup = confirm_keyboard(draft, svc.policy.channel_id is not None, t)
    return "\n".join(lines), markup


async def preview(
    query: CallbackQuery, state: FSMContext, bot: Bot, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    draft = await load_draft(state)
    if await svc.broadcasts.audience_size(actor, draft.audience) == 0:
        raise InvalidInput("error-broadcast-nobody")
    await send(query, t("broadcast-preview-title"))
    await _send_copy(bot, actor.telegram_id, draft)
    await send(query, *await _confirm_screen(state, svc, actor, t))


async def toggle_channel(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    data = await state.get_data()
    await state.update_data(channel=not data.get("channel"))
    await show(query, *await _confirm_screen(state, svc, actor, t))


async def ask_time(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    await state.set_state(BroadcastForm.bc_time)
    zone = str(svc.policy.timezone)
    await send(query, t("broadcast-ask-time", zone=zone), back_keyboard(t))


async def send_now(
    query: CallbackQuery, state: FSMContext, bot: Bot, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    progress = await svc.broadcasts.launch(actor, await load_draft(state))
    await state.clear()
    await show(query, t("broadcast-launched", count=progress.total))
    # Sent directly: the engine edits this message as it goes, so its id is kept.
    sent = await bot.send_message(
        actor.telegram_id, render_progress(progress, t), reply_markup=progress_markup(progress, t)
    )
    await svc.broadcasts.set_progress_message(actor, progress.broadcast_id, sent.message_id)


async def schedule_time(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    when = svc.broadcasts.parse_time(actor, message.text)
    progress = await svc.broadcasts.launch(actor, await load_draft(state), when=when)
    await state.clear()
    shown = when.astimezone(svc.policy.timezone).strftime("%d.%m.%Y %H:%M")
    # Answered directly: the engine edits this message once sending starts, so its id is kept.
    sent = await message.answer(
        t("broadcast-scheduled", when=shown, count=progress.total, id=progress.broadcast_id),
        reply_markup=progress_markup(progress, t),
    )
    await svc.broadcasts.set_progress_message(actor, progress.broadcast_id, sent.message_id)


def create_router() -> Router:
    router = Router(name=__name__)
    nav = BcNavCD.filter
    router.callback_query.register(preview, nav(F.to == BcNav.PREVIEW), IN_WIZARD)
    router.callback_query.register(toggle_channel, nav(F.to == BcNav.CHANNEL), IN_WIZARD)
    router.callback_query.register(ask_time, nav(F.to == BcNav.SCHEDULE), IN_WIZARD)
    router.callback_query.register(send_now, nav(F.to == BcNav.SEND_NOW), IN_WIZARD)
    router.message.register(schedule_time, BroadcastForm.bc_time, F.text)
    return router
