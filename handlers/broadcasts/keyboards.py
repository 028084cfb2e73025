"""The inline keyboards of broadcasts."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.broadcasts.callbacks import (
    BcCategoryCD,
    BcListCD,
    BcNav,
    BcNavCD,
    BcRoleCD,
    BcSchoolCD,
    BcSourceCD,
    BcStopCD,
    BcSubjectCD,
)
from handlers.broadcasts.render import mark
from handlers.markup import Keyboard
from services.broadcasts.types import (
    BroadcastAudience,
    BroadcastSchoolCategory,
    BroadcastState,
    Draft,
    Progress,
)
from services.enums import Role, Subject
from services.i18n import Text

AUDIENCE_ROLES = (Role.TEACHER, Role.PARENT, Role.PSYCHOLOGIST, Role.METHODIST)


def progress_markup(progress: Progress, t: Text) -> InlineKeyboardMarkup | None:
    """The Stop button under a running broadcast's progress (the delivery engine uses it too)."""
    running = progress.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING)
    if not running or progress.finished:
        return None
    builder = Keyboard()
    builder.button(
        text=t("broadcast-stop"), callback_data=BcStopCD(broadcast_id=progress.broadcast_id)
    )
    return builder.as_markup()


def audience_keyboard(
    audience: BroadcastAudience, sources: Sequence[tuple[str, str]], t: Text
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for role in AUDIENCE_ROLES:
        builder.button(
            text=mark(role in audience.roles) + t(f"role-{role.value}"),
            callback_data=BcRoleCD(role=role),
        )
    for category in BroadcastSchoolCategory:
        builder.button(
            text=mark(category in audience.categories) + t(f"broadcast-category-{category.value}"),
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
    for index, (name, label_key) in enumerate(sources):
        chosen = any(n == name for n, _ in audience.sources)
        builder.button(text=mark(chosen) + t(label_key), callback_data=BcSourceCD(source=index))
    builder.button(text=t("broadcast-reset"), callback_data=BcNavCD(to=BcNav.RESET))
    builder.button(text=t("broadcast-to-preview"), callback_data=BcNavCD(to=BcNav.PREVIEW))
    builder.button(text=t("broadcast-cancel"), callback_data=BcNavCD(to=BcNav.CANCEL))
    builder.adjust(2)
    return builder.as_markup()


def schools_keyboard(
    schools: Sequence[tuple[int, str]], chosen: frozenset[int], page: int, pages: int, t: Text
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school_id, name in schools:
        builder.button(
            text=mark(school_id in chosen) + name,
            callback_data=BcSchoolCD(school_id=school_id, page=page),
        )
    nav = []
    if page > 0:
        builder.button(text="◀️", callback_data=BcNavCD(to=BcNav.SCHOOLS, page=page - 1))
        nav.append(1)
    if page + 1 < pages:
        builder.button(text="▶️", callback_data=BcNavCD(to=BcNav.SCHOOLS, page=page + 1))
        nav.append(1)
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(*([1] * len(schools)), *([len(nav)] if nav else []), 1)
    return builder.as_markup()


def subjects_keyboard(chosen: frozenset[Subject], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for subject in Subject:
        builder.button(
            text=mark(subject in chosen) + t(f"subject-{subject.value}"),
            callback_data=BcSubjectCD(subject=subject),
        )
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(2)
    return builder.as_markup()


def source_keyboard(
    source: int,
    name: str,
    options: Sequence[tuple[int, str]],
    audience: BroadcastAudience,
    t: Text,
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for ident, title in options:
        builder.button(
            text=mark((name, ident) in audience.sources) + title,
            callback_data=BcSourceCD(source=source, ident=ident),
        )
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.adjust(1)
    return builder.as_markup()


def confirm_keyboard(draft: Draft, has_channel: bool, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("broadcast-send-now"), callback_data=BcNavCD(to=BcNav.SEND_NOW))
    builder.button(text=t("broadcast-schedule"), callback_data=BcNavCD(to=BcNav.SCHEDULE))
    if has_channel:
        builder.button(
            text=mark(draft.to_channel) + t("broadcast-channel"),
            callback_data=BcNavCD(to=BcNav.CHANNEL),
        )
    builder.button(text=t("broadcast-edit-audience"), callback_data=BcNavCD(to=BcNav.MAIN))
    builder.button(text=t("broadcast-cancel"), callback_data=BcNavCD(to=BcNav.CANCEL))
    builder.adjust(1)
    return builder.as_markup()


def back_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("broadcast-back"), callback_data=BcNavCD(to=BcNav.MAIN))
    return builder.as_markup()


def list_keyboard(
    items: Sequence[Progress], t: Text, page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for item in items:
        if item.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING) and item.left:
            builder.button(
                text=t("broadcast-stop-n", id=item.broadcast_id),
                callback_data=BcStopCD(broadcast_id=item.broadcast_id),
            )
    builder.adjust(1)
    paging = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(
                text=t("broadcast-list-newer"), callback_data=BcListCD(page=page - 1).pack()
            )
        )
    if page + 1 < pages:
        paging.append(
            InlineKeyboardButton(
                text=t("broadcast-list-older"), callback_data=BcListCD(page=page + 1).pack()
            )
        )
    if paging:
        builder.row(*paging)
    return builder.as_markup()
