"""Rendering of the profile card, shared by /profile and the end of an edit."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message

from handlers.markup import Keyboard
from handlers.people.callbacks import ProfileEditCD
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.i18n import Text

TEACHER_FIELDS = ("name", "school", "subjects", "experience", "position")
PARENT_FIELDS = ("name", "grade")


def editable_fields(actor: Actor) -> tuple[str, ...]:
    fields: list[str] = []
    if Role.TEACHER in actor.roles:
        fields.extend(TEACHER_FIELDS)
    if Role.PARENT in actor.roles:
        fields.extend(f for f in PARENT_FIELDS if f not in fields)
    return tuple(fields) or ("name",)


def profile_keyboard(actor: Actor, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for field in editable_fields(actor):
        builder.button(text=t(f"profile-edit-{field}"), callback_data=ProfileEditCD(field=field))
    builder.button(text=t("profile-edit-language"), callback_data=ProfileEditCD(field="language"))
    builder.adjust(2)
    return builder.as_markup()


async def send_profile(message: Message, svc: Services, actor: Actor, t: Text) -> None:
    view = await svc.users.profile(actor)
    dash = t("profile-not-set")
    lines = [
        t("profile-title"),
        t("profile-line-name", value=view.full_name or dash),
        t("profile-line-roles", value=", ".join(t(f"role-{r.value}") for r in view.roles)),
    ]
    if Role.TEACHER in actor.roles:
        lines += [
            t("profile-line-school", value=view.school_name or dash),
            t(
                "profile-line-subjects",
                value=", ".join(t(f"subject-{s.value}") for s in view.subjects) or dash,
            ),
            t(
                "profile-line-experience",
                value=t(f"experience-{view.experience.value}") if view.experience else dash,
            ),
            t(
                "profile-line-position",
                value=t(f"position-{view.position.value}") if view.position else dash,
            ),
        ]
    if Role.PARENT in actor.roles:
        lines.append(
            t("profile-line-grade", value=str(view.child_grade) if view.child_grade else dash)
        )
    lines.append(t("profile-line-language", value=t(f"language-name-{view.locale}")))
    await message.answer("\n".join(lines), reply_markup=profile_keyboard(actor, t))
