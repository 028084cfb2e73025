"""Staff broadcasts: /broadcast (and the menu button) asks for the text (with an optional
photo or document), then opens the audience screen; Cancel ends the wizard anywhere."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import broadcast_hand_off
from handlers.broadcast_hand_off import Prepared
from handlers.broadcasts.audience import audience_screen
from handlers.broadcasts.callbacks import BcNav, BcNavCD
from handlers.broadcasts.states import IN_WIZARD, BroadcastForm
from handlers.menu import MenuButton
from handlers.messages import show
from services.broadcasts.types import AttachmentType, BroadcastAudience
from services.container import Services
from services.context import Actor
from services.i18n import Text


async def start(message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text) -> None:
    svc.broadcasts.check_access(actor)
    await state.clear()
    await state.set_state(BroadcastForm.bc_compose)
    await show(message, t("broadcast-compose"))


def _attachment(message: Message) -> tuple[AttachmentType | None, str | None]:
    if message.photo:
        return AttachmentType.PHOTO, message.photo[-1].file_id
    if message.document:
        return AttachmentType.DOCUMENT, message.document.file_id
    return None, None


async def compose(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    body = svc.broadcasts.check_body(
        actor, message.html_text if (message.text or message.caption) else ""
    )
    att_type, file_id = _attachment(message)
    await state.update_data(
        body=body,
        att_type=att_type.value if att_type else None,
        file_id=file_id,
        audience=BroadcastAudience().to_json(),
        channel=False,
    )
    await state.set_state(BroadcastForm.bc_audience)
    await show(message, *await audience_screen(state, svc, actor, t))


async def start_prepared(
    query: CallbackQuery,
    prepared: Prepared,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    """A broadcast whose text and attachment another feature prepared: straight to the
    audience screen, as if the methodist had sent them at the first step."""
    body = svc.broadcasts.check_body(actor, prepared.body)
    await state.clear()
    await state.update_data(
        body=body,
        att_type=prepared.attachment_type,
        file_id=prepared.file_id,
        audience=BroadcastAudience().to_json(),
        channel=False,
    )
    await state.set_state(BroadcastForm.bc_audience)
    await query.answer()
    await show(query, *await audience_screen(state, svc, actor, t), edit=False)


async def cancel(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    await state.clear()
    await show(query, t("broadcast-cancelled"))


async def stale(query: CallbackQuery, svc: Services, actor: Actor, t: Text) -> None:
    """A wizard button after the wizard ended (sent, cancelled, or started again)."""
    svc.broadcasts.check_access(actor)
    await query.answer(t("error-stale-button"), show_alert=True)


def create_router() -> Router:
    broadcast_hand_off.register(start_prepared)
    router = Router(name=__name__)
    router.message.register(start, Command("broadcast"), StateFilter("*"))
    router.message.register(start, MenuButton("menu-broadcast"), StateFilter("*"))
    router.message.register(compose, BroadcastForm.bc_compose, F.text | F.photo | F.document)
    router.callback_query.register(cancel, BcNavCD.filter(F.to == BcNav.CANCEL), IN_WIZARD)
    router.callback_query.register(stale, BcNavCD.filter(), ~IN_WIZARD)
    return router
