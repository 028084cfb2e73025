"""The people texts: the profile card (shared by /profile and the end of an edit), the
person card and staff list of /roles, the schools directory."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message

from handlers.markup import Keyboard
from handlers.people.callbacks import ProfileEditCD
from services.container import Services
from services.context import Actor
from services.enums import GRANTED_ROLES, Role
from services.i18n import Text
from services.people.profile import ProfileView, on_staff_path
from services.people.roles import PersonRow
from services.people.schools import SchoolPage, SchoolView
from services.people.schools_import import ImportReport

TEACHER_FIELDS = ("name", "school", "subjects", "experience", "position")
PARENT_FIELDS = ("name", "grade")
STAFF_FIELDS = ("name", "position")


def editable_fields(actor: Actor) -> tuple[str, ...]:
    fields: list[str] = []
    if Role.TEACHER in actor.roles:
        fields.extend(TEACHER_FIELDS)
    if Role.PARENT in actor.roles:
        fields.extend(f for f in PARENT_FIELDS if f not in fields)
    if on_staff_path(actor.roles):
        fields.extend(STAFF_FIELDS)
    return tuple(fields)


def profile_keyboard(actor: Actor, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for field in editable_fields(actor):
        builder.button(text=t(f"profile-edit-{field}"), callback_data=ProfileEditCD(field=field))
    builder.button(text=t("profile-edit-language"), callback_data=ProfileEditCD(field="language"))
    builder.adjust(2)
    return builder.as_markup()


def _position_line(view: ProfileView, t: Text) -> str:
    value = t(f"position-{view.position.value}") if view.position else t("profile-not-set")
    return t("profile-line-position", value=value)


def _teacher_lines(view: ProfileView, t: Text) -> list[str]:
    dash = t("profile-not-set")
    subjects = ", ".join(t(f"subject-{s.value}") for s in view.subjects)
    experience = t(f"experience-{view.experience.value}") if view.experience else dash
    return [
        t("profile-line-school", value=view.school_name or dash),
        t("profile-line-subjects", value=subjects or dash),
        t("profile-line-experience", value=experience),
        _position_line(view, t),
    ]


async def send_profile(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    view = await svc.users.profile(actor)
    dash = t("profile-not-set")
    roles = ", ".join(t(f"role-{r.value}") for r in view.roles) or t("role-staff-none")
    lines = [
        t("profile-title"),
        t("profile-line-name", value=view.full_name or dash),
        t("profile-line-roles", value=roles),
    ]
    if Role.TEACHER in actor.roles:
        lines += _teacher_lines(view, t)
    if on_staff_path(actor.roles):
        lines.append(_position_line(view, t))
    if Role.PARENT in actor.roles:
        lines.append(
            t("profile-line-grade", value=str(view.child_grade) if view.child_grade else dash)
        )
    lines.append(t("profile-line-language", value=t(f"language-name-{view.locale}")))
    # As code: one tap copies it, and a number would be printed with digit grouping.
    lines.append(t("profile-line-telegram-id", value=str(actor.telegram_id)))
    await message.answer("\n".join(lines), reply_markup=profile_keyboard(actor, t))


def person_text(person: PersonRow, t: Text) -> str:
    roles = ", ".join(t(f"role-{r.value}") for r in person.roles) or t("profile-not-set")
    return t(
        "admin-person-card",
        name=person.full_name or t("profile-not-set"),
        # Strings, not numbers: Fluent would group the digits ("7 102"), which /grant and
        # Telegram's search do not take back.
        user_id=str(person.user_id),
        telegram_id=str(person.telegram_id or "—"),
        roles=roles,
    )


def staff_text(staff: list[PersonRow], t: Text) -> str:
    lines = [t("admin-staff-title")]
    for person in staff:
        roles = ", ".join(t(f"role-{r.value}") for r in person.roles if r in GRANTED_ROLES)
        lines.append(f"• {t('admin-staff-line', name=person.full_name or '—', roles=roles)}")
    if not staff:
        lines.append(t("admin-staff-empty"))
    lines.append(t("admin-grant-hint"))
    return "\n".join(lines)


def schools_list_text(page: SchoolPage, t: Text) -> str:
    return t("schools-title", count=page.total, page=page.page + 1, pages=page.pages)


def school_card_text(school: SchoolView, t: Text) -> str:
    yes, no = t("flag-yes"), t("flag-no")
    return t(
        "schools-card",
        name=school.name,
        short=school.short_name,
        municipality=school.municipality or "—",
        low_results=yes if school.low_results else no,
        unfavourable=yes if school.unfavourable_conditions else no,
        leading=yes if school.is_leading else no,
        partner=yes if school.is_partner else no,
    )


IMPORT_ERRORS_SHOWN = 30


def import_report_text(report: ImportReport, t: Text) -> str:
    lines = [
        t(
            "schools-import-done",
            added=report.added,
            updated=report.updated,
            errors=len(report.errors),
        )
    ]
    for line_no, key, args in report.errors[:IMPORT_ERRORS_SHOWN]:
        lines.append(t("schools-import-error-line", line=line_no, problem=t(key, **args)))
    if len(report.errors) > IMPORT_ERRORS_SHOWN:
        lines.append(
            t("schools-import-more-errors", count=len(report.errors) - IMPORT_ERRORS_SHOWN)
        )
    return "\n".join(lines)
