"""The library's keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.library.callbacks import (
    CardAct,
    LibCardCD,
    LibKindCD,
    LibListCD,
    LibNav,
    LibNavCD,
    LibTopicCD,
)
from handlers.markup import Keyboard
from services.enums import Topic
from services.i18n import Text
from services.library.types import MaterialKind, MaterialPage, MaterialStatus, MaterialView

SUBMITTABLE_KINDS = tuple(k for k in MaterialKind if k != MaterialKind.EVENT_MATERIAL)


def _nav(t: Text, key: str, to: LibNav) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t(key), callback_data=LibNavCD(to=to).pack())


def home_keyboard(t: Text, registered: bool, reviewer: bool) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for topic in Topic:
        builder.button(text=t(f"topic-{topic.value}"), callback_data=LibListCD(topic=topic))
    builder.adjust(1)
    builder.row(_nav(t, "library-search-button", LibNav.SEARCH))
    builder.row(_nav(t, "library-submit-button", LibNav.SUBMIT))
    if registered:
        builder.row(_nav(t, "library-mine-button", LibNav.MINE))
    if reviewer:
        builder.row(_nav(t, "library-queue-button", LibNav.QUEUE))
    return builder.as_markup()


def list_keyboard(page: MaterialPage, data: LibListCD, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for item in page.items:
        builder.row(
            InlineKeyboardButton(
                text=item.title[:60],
                callback_data=LibCardCD(act=CardAct.OPEN, material_id=item.id).pack(),
            )
        )
    paging = []
    if page.page > 0:
        back = LibListCD(topic=data.topic, page=page.page - 1, searched=data.searched)
        paging.append(InlineKeyboardButton(text="◀️", callback_data=back.pack()))
    if page.page + 1 < page.pages:
        ahead = LibListCD(topic=data.topic, page=page.page + 1, searched=data.searched)
        paging.append(InlineKeyboardButton(text="▶️", callback_data=ahead.pack()))
    if paging:
        builder.row(*paging)
    builder.row(_nav(t, "library-topics-button", LibNav.TOPICS))
    return builder.as_markup()


def _card(act: CardAct, material_id: int) -> str:
    return LibCardCD(act=act, material_id=material_id).pack()


def card_keyboard(view: MaterialView, t: Text, reviewer: bool) -> InlineKeyboardMarkup:
    builder = Keyboard()
    if view.file_id:
        builder.row(
            InlineKeyboardButton(
                text=t("library-file-button"), callback_data=_card(CardAct.FILE, view.id)
            )
        )
    if view.link:
        builder.row(InlineKeyboardButton(text=t("library-link-button"), url=view.link))
    if reviewer and view.status == MaterialStatus.PENDING:
        builder.row(
            InlineKeyboardButton(
                text=t("library-approve-button"), callback_data=_card(CardAct.APPROVE, view.id)
            ),
            InlineKeyboardButton(
                text=t("library-decline-button"), callback_data=_card(CardAct.DECLINE, view.id)
            ),
        )
        builder.row(
            InlineKeyboardButton(
                text=t("library-change-button"), callback_data=_card(CardAct.CHANGE, view.id)
            )
        )
    if reviewer and view.status == MaterialStatus.APPROVED:
        builder.row(
            InlineKeyboardButton(
                text=t("library-broadcast-button"), callback_data=_card(CardAct.BROADCAST, view.id)
            )
        )
    if view.is_own and view.status == MaterialStatus.CHANGES:
        builder.row(
            InlineKeyboardButton(
                text=t("library-revise-button"), callback_data=_card(CardAct.REVISE, view.id)
            )
        )
    builder.row(_nav(t, "library-topics-button", LibNav.TOPICS))
    return builder.as_markup()


def items_keyboard(items: tuple[MaterialView, ...], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for item in items:
        builder.row(
            InlineKeyboardButton(text=item.title[:60], callback_data=_card(CardAct.OPEN, item.id))
        )
    builder.row(_nav(t, "library-topics-button", LibNav.TOPICS))
    return builder.as_markup()


def cancel_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.row(_nav(t, "library-cancel-button", LibNav.CANCEL))
    return builder.as_markup()


def topic_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for topic in Topic:
        builder.button(text=t(f"topic-{topic.value}"), callback_data=LibTopicCD(topic=topic))
    builder.adjust(1)
    builder.row(_nav(t, "library-cancel-button", LibNav.CANCEL))
    return builder.as_markup()


def kind_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for kind in SUBMITTABLE_KINDS:
        builder.button(text=t(f"library-kind-{kind.value}"), callback_data=LibKindCD(kind=kind))
    builder.adjust(2)
    builder.row(_nav(t, "library-cancel-button", LibNav.CANCEL))
    return builder.as_markup()


def file_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.row(_nav(t, "library-link-instead-button", LibNav.LINK))
    builder.row(_nav(t, "library-cancel-button", LibNav.CANCEL))
    return builder.as_markup()


def open_keyboard(material_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.row(
        InlineKeyboardButton(
            text=t("library-open-button"), callback_data=_card(CardAct.OPEN, material_id)
        )
    )
    return builder.as_markup()
