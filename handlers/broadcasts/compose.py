"""Staff broadcasts: the /broadcast wizard, the live progress message, and /broadcasts."""

from __future__ import annotations

from enum import StrEnum

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from handlers.markup import Keyboard
from handlers.menu import MenuButton
from services.broadcasts.types import (
    AttachmentType,
    BroadcastAudience,
    BroadcastSchoolCategory,
    BroadcastState,
    Draft,
    Progress,
)
from services.container import Services
from services.context import Actor
from services.enums import Role, Subject
from services.errors import InvalidInput
from services.i18n import Raw, Text

AUDIENCE_ROLES = (Role.TEACHER, Role.PARENT, Role.PSYCHOLOGIST, Role.METHODIST)


class BroadcastForm(StatesGroup):
    bc_compose = State()
    bc_audience = State()
    bc_time = State()


class BcNav(StrEnum):
    MAIN = "main"
    SCHOOLS = "schools"
    SUBJECTS = "subjects"
    RESET = "reset"
    PREVIEW = "preview"
    SEND_NOW = "send"
    SCHEDULE = "schedule"
    CHANNEL = "channel"
    CANCEL = "cancel"


class BcNavCD(CallbackData, prefix="bcn"):
    to: BcNav
    page: int = 0


class BcRoleCD(CallbackData, prefix="bcr"):
    role: Role


class BcCategoryCD(CallbackData, prefix="bcc"):
    category: BroadcastSchoolCategory


class BcSchoolCD(CallbackData, prefix="bcs"):
    school_id: int
    page: int = 0


class BcSubjectCD(CallbackData, prefix="bcj"):
    subject: Subject


class BcSourceCD(CallbackData, prefix="bco"):
    source: int  # position in the sorted registry of audience sources
    ident: int = 0  # 0 opens the list of the source's objects


class BcStopCD(CallbackData, prefix="bcx"):
    broadcast_id: int


# --- draft in the FSM ------------------------------------------------------------------------


async def _draft(state: FSMContext) -> Draft:
    data = await state.get_data()
    att = data.get("att_type")
    return Draft(
        body=data.get("body", ""),
        audience=BroadcastAudience.from_json(data.get("audience")),
        attachment_type=AttachmentType(att) if att else None,
        attachment_file_id=data.get("file_id"),
        to_channel=bool(data.get("channel")),
    )


async def _save_audience(state: FSMContext, audience: BroadcastAudience) -> None:
    await state.update_data(audience=audience.to_json())


def _mark(on: bool) -> str:
    return "✅ " if on else "▫️ "


# --- progress (also used by the delivery engine) ---------------------------------------------


def render_progress(progress: Progress, t: Text) -> str:
    if progress.state == BroadcastState.CANCELLED:
        head = t("broadcast-progress-stopped", id=progress.broadcast_id)
    elif progress.state == BroadcastState.SCHEDULED:
        head = t("broadcast-progress-scheduled", id=progress.broadcast_id)
    elif progress.finished:
        head = t("broadcast-progress-done", id=progress.broadcast_id)
    else:
        head = t("broadcast-progress-running", id=progress.broadcast_id)
    lines = [
        head,
        t(
            "broadcast-progress-figures",
            sent=progress.sent,
            failed=progress.failed,
            blocked=progress.blocked,
            left=progress.left,
            total=progress.total,
        ),
    ]
    if not progress.finished and progress.state == BroadcastState.SENDING:
        if progress.rate > 0:
            lines.append(t("broadcast-progress-rate", rate=f"{progress.rate:.1f}"))
        if progress.eta_seconds is not None:
            minutes, seconds = divmod(progress.eta_seconds, 60)
            lines.append(t("broadcast-progress-eta", minutes=minutes, seconds=seconds))
    return "\n".join(lines)


def progress_markup(progress: Progress, t: Text) -> InlineKeyboardMarkup | None:
    running = progress.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING)
    if not running or progress.finished:
        return None
    builder = Keyboard()
    builder.button(
        text=t("broadcast-stop"), callback_data=BcStopCD(broadcast_id=progress.broadcast_id)
    )
    return builder.as_markup()


# --- compose ---------------------------------------------------------------------------------


async def start(message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text) -> None:
    svc.broadcasts.check_access(actor)
    await state.clear()
    await state.set_state(BroadcastForm.bc_compose)
    await message.answer(t("broadcast-compose"))


async def compose(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    body = svc.broadcasts.check_body(
        actor, message.html_text if (message.text or message.caption) else ""
    )
    att_type: AttachmentType | None = None
    file_id: str | None = None
    if message.photo:
        att_type, file_id = AttachmentType.PHOTO, message.photo[-1].file_id
    elif message.document:
        att_type, file_id = AttachmentType.DOCUMENT, message.document.file_id
    await state.update_data(
        body=body,
        att_type=att_type.value if att_type else None,
        file_id=file_id,
        audience=BroadcastAudience().to_json(),
        channel=False,
    )
    await state.set_state(BroadcastForm.bc_audience)
    text, markup = await _audience_screen(state, svc, actor, t)
    await message.answer(text, reply_markup=markup)


# --- audience --------------------------------------------------------------------------------


def _summary(audience: BroadcastAudience, t: Text, school_names: dict[int, str]) -> str:
    if audience.is_everyone:
        return t("broadcast-audience-everyone")
    parts: list[str] = []
    if audience.roles:
        parts.append(", ".join(t(f"role-{r.value}") for r in sorted(audience.roles)))
    if audience.categories:
        parts.append(
            ", ".join(t(f"broadcast-category-{c.value}") for c in sorted(audience.categories))
        )
    if audience.school_ids:
        parts.append(", ".join(school_names.get(s, str(s)) for s in sorted(audience.school_ids)))
    if audience.subjects:
        parts.append(", ".join(t(f"subject-{s.value}") for s in sorted(audience.subjects)))
    if audience.sources:
        parts.append(t("broadcast-audience-sources", count=len(audience.sources)))
    return " · ".join(parts)


async def _audience_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    draft = await _draft(state)
    audience = draft.audience
    size = await svc.broadcasts.audience_size(actor, audience)
    names = {}
    for school_id in audience.school_ids:
        names[school_id] = (await svc.schools.get(school_id)).short_name
    text = t(
        "broadcast-audience",
        summary=_summary(audience, t, names),
        count=size,
    )
    builder = Keyboard()
    for role in AUDIENCE_ROLES:
        builder.button(
            text=_mark(role in audience.roles) + t(f"role-{role.value}"),
            callback_data=BcRoleCD(role=role),
        )
    for category in BroadcastSchoolCategory:
        builder.button(
            text=_mark(category in audience.categories)
            + t(f"broadcast-category-{category.value}"),
            callback_data=BcCategoryCD(category=category),
        )
    builder.button(
        text=t("broadcast-filter-schools", count=len(audience.school_ids)),
        callback_data=BcNavCD(to=BcNav.SCHOOLS),
    )
    builder.button(
        text=t("broadcast-filter-subjects", count=len(audience.subjects)),
        callback_data=BcNavCD(to=BcNav.SUBJECTS),
    )
    for index, (name, label_key) in enumerate(await svc.broadcasts.sources(actor)):
        chosen = sum(1 for n, _ in audience.sources if n == name)
        builder.button(
            text=_mark(chosen > 0) + t(label_key), callback_data=BcSourceCD(source=index)
        )
    builder.button(text=t("broadcast-reset"), callback_data=BcNavCD(to=BcNav.RESET))
    builder.button(text=t("broadcast-to-preview"), callback_data=BcNavCD(to=BcNav.PREVIEW))
    builder.button(text=t("broadcast-cancel"), callback_data=BcNavCD(to=BcNav.CANCEL))
    builder.adjust(2)
    return text, builder.as_markup()


async def _show(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    if isinstance(query.message, Message):
        await query.message.edit_text(text, reply_markup=markup)


async def _refresh(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    text, markup = await _audience_screen(state, svc, actor, t)
    await _show(query, text, markup)


async def toggle_role(
    query: CallbackQuery,
    callback_data: BcRoleCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    audience = (await _draft(state)).audience
    roles = audience.roles ^ {callback_data.role}
    await _save_audience(
        state,
        BroadcastAudience(
            roles, audience.school_ids, audience.categories, audience.subjects, audience.sources
        ),
    )
    await _refresh(query, state, svc, actor, t)


async def toggle_category(
    query: CallbackQuery,
    callback_data: BcCategoryCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    a = (await _draft(state)).audience
    categories = a.categories ^ {callback_data.category}
    await _save_audience(
        state, BroadcastAudience(a.roles, a.school_ids, categories, a.subjects, a.sources)
    )
    await _refresh(query, state, svc, actor, t)


async def _schools_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    svc.broadcasts.check_access(actor)
    chosen = (await _draft(state)).audience.school_ids
    found = await svc.schools.search(page=page)
    builder = Keyboard()
    for school in found.items:
        builder.button(
            text=_mark(school.id in chosen) + school.short_name,
            callback_data=BcSchoolCD(school_id=school.id, page=found.page),
        )
    nav = []
    if found.page > 0:
        builder.button(text="◀️", callback_data=BcNavCD(to=BcNav.SCHOOLS, page=found.page - 1))
        nav.append(1)
    if found.page + 1 < found.pages:
        builder.button(text="▶️", callback_data=BcNavCD(to=BcNav.SCHOOLS, page=found.page + 1))
        nav.append(1)
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(*([1] * len(found.items)), *([len(nav)] if nav else []), 1)
    return t("broadcast-pick-schools"), builder.as_markup()


async def toggle_school(
    query: CallbackQuery,
    callback_data: BcSchoolCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.schools.get(callback_data.school_id)
    a = (await _draft(state)).audience
    schools = a.school_ids ^ {callback_data.school_id}
    await _save_audience(
        state, BroadcastAudience(a.roles, schools, a.categories, a.subjects, a.sources)
    )
    text, markup = await _schools_screen(state, svc, actor, t, callback_data.page)
    await _show(query, text, markup)


async def _subjects_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    svc.broadcasts.check_access(actor)
    chosen = (await _draft(state)).audience.subjects
    builder = Keyboard()
    for subject in Subject:
        builder.button(
            text=_mark(subject in chosen) + t(f"subject-{subject.value}"),
            callback_data=BcSubjectCD(subject=subject),
        )
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(2)
    return t("broadcast-pick-subjects"), builder.as_markup()


async def toggle_subject(
    query: CallbackQuery,
    callback_data: BcSubjectCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    a = (await _draft(state)).audience
    subjects = a.subjects ^ {callback_data.subject}
    await _save_audience(
        state, BroadcastAudience(a.roles, a.school_ids, a.categories, subjects, a.sources)
    )
    text, markup = await _subjects_screen(state, svc, actor, t)
    await _show(query, text, markup)


async def pick_source(
    query: CallbackQuery,
    callback_data: BcSourceCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    sources = await svc.broadcasts.sources(actor)
    if not 0 <= callback_data.source < len(sources):
        raise InvalidInput("error-stale-button")
    name, label_key = sources[callback_data.source]
    a = (await _draft(state)).audience
    if callback_data.ident:
        picked = a.sources ^ {(name, callback_data.ident)}
        a = BroadcastAudience(a.roles, a.school_ids, a.categories, a.subjects, picked)
        await _save_audience(state, a)
    options = await svc.broadcasts.source_options(actor, name)
    builder = Keyboard()
    for ident, title in options:
        builder.button(
            text=_mark((name, ident) in a.sources) + title,
            callback_data=BcSourceCD(source=callback_data.source, ident=ident),
        )
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(1)
    text = t(label_key) if options else t("broadcast-source-empty")
    await _show(query, text, builder.as_markup())


# --- preview, send, schedule -----------------------------------------------------------------


async def _send_copy(bot: Bot, chat_id: int, draft: Draft) -> None:
    if draft.attachment_type == AttachmentType.PHOTO and draft.attachment_file_id:
        caption = draft.body if len(draft.body) <= 1024 else None
        await bot.send_photo(chat_id, draft.attachment_file_id, caption=caption)
        if caption is None:
            await bot.send_message(chat_id, draft.body)
    elif draft.attachment_type == AttachmentType.DOCUMENT and draft.attachment_file_id:
        caption = draft.body if len(draft.body) <= 1024 else None
        await bot.send_document(chat_id, draft.attachment_file_id, caption=caption)
        if caption is None:
            await bot.send_message(chat_id, draft.body)
    else:
        await bot.send_message(chat_id, draft.body)


async def _confirm_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    draft = await _draft(state)
    size = await svc.broadcasts.audience_size(actor, draft.audience)
    lines = [t("broadcast-confirm", count=size)]
    later = svc.broadcasts.quiet_until(svc.clock())
    if later is not None:
        lines.append(
            t("broadcast-quiet-now", time=later.astimezone(svc.policy.timezone).strftime("%H:%M"))
        )
    builder = Keyboard()
    builder.button(text=t("broadcast-send-now"), callback_data=BcNavCD(to=BcNav.SEND_NOW))
    builder.button(text=t("broadcast-schedule"), callback_data=BcNavCD(to=BcNav.SCHEDULE))
    if svc.policy.channel_id is not None:
        builder.button(
            text=_mark(draft.to_channel) + t("broadcast-channel"),
            callback_data=BcNavCD(to=BcNav.CHANNEL),
        )
    builder.button(text=t("broadcast-edit-audience"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.button(text=t("broadcast-cancel"), callback_data=BcNavCD(to=BcNav.CANCEL))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


async def navigate(
    query: CallbackQuery,
    callback_data: BcNavCD,
    state: FSMContext,
    bot: Bot,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    svc.broadcasts.check_access(actor)
    if await state.get_state() not in (
        BroadcastForm.bc_audience.state,
        BroadcastForm.bc_time.state,
    ):
        await query.answer(t("error-stale-button"), show_alert=True)
        return
    to = callback_data.to
    if to == BcNav.CANCEL:
        await state.clear()
        if isinstance(query.message, Message):
            await query.message.edit_text(t("broadcast-cancelled"))
        return
    if to == BcNav.RESET:
        await _save_audience(state, BroadcastAudience())
        await _refresh(query, state, svc, actor, t)
        return
    if to == BcNav.MAIN:
        await state.set_state(BroadcastForm.bc_audience)
        await _refresh(query, state, svc, actor, t)
        return
    if to == BcNav.SCHOOLS:
        text, markup = await _schools_screen(state, svc, actor, t, callback_data.page)
        await _show(query, text, markup)
        return
    if to == BcNav.SUBJECTS:
        text, markup = await _subjects_screen(state, svc, actor, t)
        await _show(query, text, markup)
        return
    if to == BcNav.CHANNEL:
        data = await state.get_data()
        await state.update_data(channel=not data.get("channel"))
        text, markup = await _confirm_screen(state, svc, actor, t)
        await _show(query, text, markup)
        return
    draft = await _draft(state)
    if to == BcNav.PREVIEW:
        if await svc.broadcasts.audience_size(actor, draft.audience) == 0:
            raise InvalidInput("error-broadcast-nobody")
        await bot.send_message(actor.telegram_id, t("broadcast-preview-title"))
        await _send_copy(bot, actor.telegram_id, draft)
        text, markup = await _confirm_screen(state, svc, actor, t)
        await bot.send_message(actor.telegram_id, text, reply_markup=markup)
        return
    if to == BcNav.SCHEDULE:
        await state.set_state(BroadcastForm.bc_time)
        builder = Keyboard()
        builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
        zone = str(svc.policy.timezone)
        await bot.send_message(
            actor.telegram_id, t("broadcast-ask-time", zone=zone), reply_markup=builder.as_markup()
        )
        return
    if to == BcNav.SEND_NOW:
        progress = await svc.broadcasts.launch(actor, draft)
        await state.clear()
        if isinstance(query.message, Message):
            await query.message.edit_text(t("broadcast-launched", count=progress.total))
        sent = await bot.send_message(
            actor.telegram_id,
            render_progress(progress, t),
            reply_markup=progress_markup(progress, t),
        )
        await svc.broadcasts.set_progress_message(actor, progress.broadcast_id, sent.message_id)


async def schedule_time(
    message: Message, state: FSMContext, bot: Bot, svc: Services, actor: Actor, t: Text
) -> None:
    when = svc.broadcasts.parse_time(actor, message.text)
    progress = await svc.broadcasts.launch(actor, await _draft(state), when=when)
    await state.clear()
    shown = when.astimezone(svc.policy.timezone).strftime("%d.%m.%Y %H:%M")
    sent = await message.answer(
        t("broadcast-scheduled", when=shown, count=progress.total, id=progress.broadcast_id),
        reply_markup=progress_markup(progress, t),
    )
    await svc.broadcasts.set_progress_message(actor, progress.broadcast_id, sent.message_id)


async def stop(
    query: CallbackQuery, callback_data: BcStopCD, svc: Services, actor: Actor, t: Text
) -> None:
    progress = await svc.broadcasts.stop(actor, callback_data.broadcast_id)
    await query.answer(t("broadcast-stopped-alert"))
    if isinstance(query.message, Message):
        await query.message.edit_text(render_progress(progress, t), reply_markup=None)


async def list_broadcasts(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    items = await svc.broadcasts.list_recent(actor)
    if not items:
        await message.answer(t("broadcast-list-empty"))
        return
    builder = Keyboard()
    lines = [t("broadcast-list-title")]
    zone = svc.policy.timezone
    for item in items:
        when = (
            item.scheduled_at.astimezone(zone).strftime("%d.%m %H:%M") if item.scheduled_at else ""
        )
        lines.append(
            t(
                "broadcast-list-line",
                id=item.broadcast_id,
                state=Raw(t(f"broadcast-state-{item.state.value}")),
                when=when,
                sent=item.sent,
                failed=item.failed,
                blocked=item.blocked,
                left=item.left,
                total=item.total,
            )
        )
        if item.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING) and item.left:
            builder.button(
                text=t("broadcast-stop-n", id=item.broadcast_id),
                callback_data=BcStopCD(broadcast_id=item.broadcast_id),
            )
    builder.adjust(1)
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


def create_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start, Command("broadcast"), StateFilter("*"))
    router.message.register(start, MenuButton("menu-broadcast"), StateFilter("*"))
    router.message.register(list_broadcasts, Command("broadcasts"))
    router.message.register(compose, BroadcastForm.bc_compose, F.text | F.photo | F.document)
    router.message.register(schedule_time, BroadcastForm.bc_time, F.text)
    router.callback_query.register(navigate, BcNavCD.filter())
    router.callback_query.register(toggle_role, BcRoleCD.filter(), BroadcastForm.bc_audience)
    router.callback_query.register(
        toggle_category, BcCategoryCD.filter(), BroadcastForm.bc_audience
    )
    router.callback_query.register(toggle_school, BcSchoolCD.filter(), BroadcastForm.bc_audience)
    router.callback_query.register(toggle_subject, BcSubjectCD.filter(), BroadcastForm.bc_audience)
    router.callback_query.register(pick_source, BcSourceCD.filter(), BroadcastForm.bc_audience)
    router.callback_query.register(stop, BcStopCD.filter())
    return router
