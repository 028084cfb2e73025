"""Who is coming, for staff and a school's coordinator: /participants, the lists and their
exports, attendance marking, and opening the day's check-in code."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import MarkCD, StaffListCD, scope_of
from handlers.events.keyboards import (
    attendance_keyboard,
    participants_keyboard,
    staff_list_keyboard,
)
from handlers.events.render import participants_text, staff_list_text, summary_text
from handlers.messages import edit_markup, send, show, tapped_message
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied
from services.events.files import export_csv, export_xlsx, file_name
from services.events.types import EventPhase
from services.i18n import Text


async def _show_list(
    event: Message | CallbackQuery, data: StaffListCD, svc: Services, actor: Actor, t: Text
) -> None:
    scope = scope_of(data)
    month = data.month or svc.events.this_month()
    page = await svc.events.staff_events(actor, scope, month, data.page)
    zone = svc.policy.timezone
    await show(
        event,
        staff_list_text(page, scope, month, t),
        staff_list_keyboard(page, data, month, t, zone),
    )


async def participants_command(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    await _show_list(message, StaffListCD(), svc, actor, t)


async def participants_page(
    query: CallbackQuery, callback_data: StaffListCD, svc: Services, actor: Actor, t: Text
) -> None:
    await _show_list(query, callback_data, svc, actor, t)


async def show_participants(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    event_id = callback_data.event_id
    data = await svc.events.participants(actor, event_id)
    text = participants_text(data, t)
    if data.event.phase == EventPhase.FINISHED:
        text = summary_text(await svc.events.summary(actor, event_id), t) + "\n\n" + text
    await send(query, text, participants_keyboard(event_id, actor.is_staff, t))


async def export(
    query: CallbackQuery, callback_data: EventCardCD, svc: Services, actor: Actor, t: Text
) -> None:
    event_id, zone = callback_data.event_id, svc.policy.timezone
    data = await svc.events.participants(actor, event_id)
    event = data.event
    if callback_data.act == EventCardAct.XLSX:
        content, extension = export_xlsx(data, t, zone), "xlsx"
    else:
        content, extension = export_csv(data, t, zone), "csv"
    name = file_name(event.title, event.starts_at, zone, extension)
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
    code, opens, closes = await svc.events.open_checkin(actor, callback_data.event_id)
    zone = svc.policy.timezone
    await send(
        query,
        t(
            "events-checkin-opened",
            code=code,
            opens=f"{opens.astimezone(zone):%d.%m %H:%M}",
            closes=f"{closes.astimezone(zone):%d.%m %H:%M}",
        ),
    )


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(participants_command, Command("participants"))
    card = EventCardCD.filter
    router.callback_query.register(show_participants, card(F.act == EventCardAct.PARTICIPANTS))
    router.callback_query.register(export, card(F.act.in_({EventCardAct.XLSX, EventCardAct.CSV})))
    router.callback_query.register(show_attendance, card(F.act == EventCardAct.ATTENDANCE))
    router.callback_query.register(open_checkin, card(F.act == EventCardAct.CHECKIN))
    router.callback_query.register(mark, MarkCD.filter())
    router.callback_query.register(participants_page, StaffListCD.filter())
    return router
