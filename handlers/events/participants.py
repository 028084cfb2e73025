"""Who is coming, for staff and a school's coordinator: /participants, the lists and their
exports, attendance marking, and opening the day's check-in code."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import MarkCD
from handlers.events.keyboards import (
    attendance_keyboard,
    choose_event_keyboard,
    participants_keyboard,
)
from handlers.events.render import participants_text
from handlers.messages import edit_markup, send, tapped_message
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import AccessDenied
from services.events.files import export_csv, export_xlsx
from services.i18n import Text


async def participants_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    if not (actor.is_staff or (actor.has(Role.COORDINATOR) and actor.coordinator_school_id)):
        raise AccessDenied()
    page = await svc.events.upcoming(actor)
    if not page.items:
        await send(message, t("events-list-empty"))
        return
    markup = choose_event_keyboard(page.items, EventCardAct.PARTICIPANTS)
    await send(message, t("events-participants-choose"), markup)


async def show_participants(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    event_id = callback_data.event_id
    data = await svc.events.participants(actor, event_id)
    await send(
        query, participants_text(data, t), participants_keyboard(event_id, actor.is_staff, t)
    )


async def export(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    event_id, zone = callback_data.event_id, svc.policy.timezone
    data = await svc.events.participants(actor, event_id)
    if callback_data.act == EventCardAct.XLSX:
        content, name = export_xlsx(data, t, zone), f"event-{event_id}.xlsx"
    else:
        content, name = export_csv(data, t, zone), f"event-{event_id}.csv"
    assert query.bot is not None
    await query.bot.send_document(
        query.from_user.id, BufferedInputFile(content, filename=name), caption=data.event.title
    )


async def show_attendance(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    if not actor.is_staff:
        raise AccessDenied()
    data = await svc.events.participants(actor, callback_data.event_id)
    await send(
        query,
        t("events-attendance-title", title=data.event.title),
        attendance_keyboard(data, callback_data.event_id),
    )


async def mark(query: CallbackQuery, callback_data: MarkCD, svc: Services, actor: Actor) -> None:
    await svc.events.set_attended(
        actor, callback_data.event_id, callback_data.registration, callback_data.on
    )
    data = await svc.events.participants(actor, callback_data.event_id)
    message = tapped_message(query)
    if message is not None:
        await edit_markup(message, attendance_keyboard(data, callback_data.event_id))


async def open_checkin(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    code, until = await svc.events.open_checkin(actor, callback_data.event_id)
    local = until.astimezone(svc.policy.timezone)
    await send(query, t("events-checkin-opened", code=code, until=f"{local:%d.%m %H:%M}"))


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(participants_command, Command("participants"))
    card = EventCardCD.filter
    router.callback_query.register(show_participants, card(F.act == EventCardAct.PARTICIPANTS))
    router.callback_query.register(export, card(F.act.in_({EventCardAct.XLSX, EventCardAct.CSV})))
    router.callback_query.register(show_attendance, card(F.act == EventCardAct.ATTENDANCE))
    router.callback_query.register(open_checkin, card(F.act == EventCardAct.CHECKIN))
    router.callback_query.register(mark, MarkCD.filter())
    return router
