"""The people keyboards: onboarding and the profile editor, /forget, roles and schools."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.markup import Keyboard
from handlers.people.callbacks import (
    ConsentCD,
    CoordinatorSchoolCD,
    ExperienceCD,
    ForgetCD,
    GradeCD,
    GrantCD,
    LangCD,
    PersonCD,
    PositionCD,
    RoleCD,
    SchoolAdminCD,
    SchoolPickCD,
    StaffPathCD,
    SubjectCD,
)
from services.enums import Experience, Position, Role, Subject
from services.i18n import Text
from services.people.roles import PersonRow
from services.people.schools import FLAGS, SchoolPage, SchoolView


def language_keyboard() -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text="🇷🇺 Русский", callback_data=LangCD(code="ru"))
    builder.button(text="🇬🇧 English", callback_data=LangCD(code="en"))
    return builder.as_markup()


def role_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("role-choice-teacher"), callback_data=RoleCD(role=Role.TEACHER))
    builder.button(text=t("role-choice-parent"), callback_data=RoleCD(role=Role.PARENT))
    builder.button(text=t("role-choice-staff"), callback_data=StaffPathCD())
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


def position_keyboard(positions: tuple[Position, ...], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for value in positions:
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


# --- administration ----------------------------------------------------------------------------

ROLE_ORDER = (Role.METHODIST, Role.PSYCHOLOGIST, Role.COORDINATOR, Role.ADMIN)


def forget_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("forget-confirm"), callback_data=ForgetCD(confirm=True))
    builder.button(text=t("forget-keep"), callback_data=ForgetCD(confirm=False))
    builder.adjust(1)
    return builder.as_markup()


def person_keyboard(person: PersonRow, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for role in ROLE_ORDER:
        mark = "✅ " if role in person.roles else "▫️ "
        builder.button(
            text=mark + t(f"role-{role.value}"),
            callback_data=GrantCD(user_id=person.user_id, role=role),
        )
    builder.adjust(2)
    return builder.as_markup()


def people_keyboard(people: list[PersonRow]) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for person in people:
        builder.button(
            text=person.full_name or str(person.user_id),
            callback_data=PersonCD(user_id=person.user_id),
        )
    builder.adjust(1)
    return builder.as_markup()


def coordinator_schools_keyboard(user_id: int, page: SchoolPage, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school in page.items:
        builder.row(
            InlineKeyboardButton(
                text=school.short_name,
                callback_data=CoordinatorSchoolCD(user_id=user_id, school_id=school.id).pack(),
            )
        )
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                text="◀️",
                callback_data=CoordinatorSchoolCD(user_id=user_id, page=page.page - 1).pack(),
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                text="▶️",
                callback_data=CoordinatorSchoolCD(user_id=user_id, page=page.page + 1).pack(),
            )
        )
    if nav:
        builder.row(*nav)
    builder.row(
        InlineKeyboardButton(
            text=t("admin-back-to-person"),
            callback_data=PersonCD(user_id=user_id, in_place=True).pack(),
        )
    )
    return builder.as_markup()


def _flag_marks(school: SchoolView) -> str:
    marks = []
    if school.low_results:
        marks.append("ШНРО")
    if school.unfavourable_conditions:
        marks.append("ШФНСУ")
    return f" ({', '.join(marks)})" if marks else ""


def schools_list_keyboard(page: SchoolPage, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for school in page.items:
        builder.row(
            InlineKeyboardButton(
                text=school.short_name + _flag_marks(school),
                callback_data=SchoolAdminCD(action="open", school_id=school.id).pack(),
            )
        )
    nav = []
    if page.page > 0:
        nav.append(
            InlineKeyboardButton(
                text="◀️", callback_data=SchoolAdminCD(action="page", page=page.page - 1).pack()
            )
        )
    if page.page + 1 < page.pages:
        nav.append(
            InlineKeyboardButton(
                text="▶️", callback_data=SchoolAdminCD(action="page", page=page.page + 1).pack()
            )
        )
    if nav:
        builder.row(*nav)
    builder.row(
        InlineKeyboardButton(
            text=t("schools-add"), callback_data=SchoolAdminCD(action="add").pack()
        ),
        InlineKeyboardButton(
            text=t("schools-import"), callback_data=SchoolAdminCD(action="import").pack()
        ),
    )
    return builder.as_markup()


def school_card_keyboard(school: SchoolView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for flag in FLAGS:
        builder.button(
            text=t(f"schools-toggle-{flag}"),
            callback_data=SchoolAdminCD(action="flag", school_id=school.id, flag=flag),
        )
    builder.button(
        text=t("schools-rename"), callback_data=SchoolAdminCD(action="rename", school_id=school.id)
    )
    builder.button(text=t("schools-back"), callback_data=SchoolAdminCD(action="page"))
    builder.adjust(2)
    return builder.as_markup()
