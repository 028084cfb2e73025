"""Inline keyboards shared by onboarding and the profile editor."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.markup import Keyboard
from handlers.people.callbacks import (
    ConsentCD,
    ExperienceCD,
    GradeCD,
    LangCD,
    PositionCD,
    RoleCD,
    SchoolPickCD,
    SubjectCD,
)
from services.enums import Experience, Position, Role, Subject
from services.i18n import Text
from services.people.schools import SchoolPage


def language_keyboard() -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text="🇷🇺 Русский", callback_data=LangCD(code="ru"))
    builder.button(text="🇬🇧 English", callback_data=LangCD(code="en"))
    return builder.as_markup()


def role_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("role-choice-teacher"), callback_data=RoleCD(role=Role.TEACHER))
    builder.button(text=t("role-choice-parent"), callback_data=RoleCD(role=Role.PARENT))
    builder.adjust(1)
    return builder.as_markup()


def consent_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("consent-accept"), callback_data=ConsentCD(accept=True))
    builder.button(text=t("consent-decline"), callback_data=ConsentCD(accept=False))
    builder.adjust(1)
    return builder.as_markup()


def school_keyboard(page: SchoolPage, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school in page.items:
        builder.row(
            InlineKeyboardButton(
                text=school.short_name, callback_data=SchoolPickCD(school_id=school.id).pack()
            )
        )
    nav: list[InlineKeyboardButton] = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(text="◀️", callback_data=SchoolPickCD(page=page.page - 1).pack())
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(text="▶️", callback_data=SchoolPickCD(page=page.page + 1).pack())
        )
    if nav:
        builder.row(*nav)
    return builder.as_markup()


def subjects_keyboard(chosen: set[str], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for subject in Subject:
        mark = "✅ " if subject.value in chosen else ""
        builder.button(
            text=mark + t(f"subject-{subject.value}"), callback_data=SubjectCD(subject=subject)
        )
    builder.adjust(2)
    builder.row(InlineKeyboardButton(text=t("subjects-done"), callback_data=SubjectCD().pack()))
    return builder.as_markup()


def experience_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for value in Experience:
        builder.button(
            text=t(f"experience-{value.value}"), callback_data=ExperienceCD(value=value)
        )
    builder.adjust(2)
    return builder.as_markup()


def position_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for value in Position:
        builder.button(text=t(f"position-{value.value}"), callback_data=PositionCD(value=value))
    builder.adjust(2)
    return builder.as_markup()


def grade_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for grade in range(1, 12):
        builder.button(text=str(grade), callback_data=GradeCD(value=grade))
    builder.adjust(6)
    builder.row(InlineKeyboardButton(text=t("grade-skip"), callback_data=GradeCD(value=0).pack()))
    return builder.as_markup()
