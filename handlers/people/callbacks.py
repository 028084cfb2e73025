"""Typed callback data for the foundation screens; every press is re-checked by services."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from services.enums import Experience, Position, Role, Subject


class LangCD(CallbackData, prefix="lang"):
    code: str


class RoleCD(CallbackData, prefix="role"):
    role: Role


class StaffPathCD(CallbackData, prefix="staffpath"):
    """ "I work at the centre" at /start: no self-chosen role, a name and a position."""


class ConsentCD(CallbackData, prefix="consent"):
    accept: bool


class SchoolPickCD(CallbackData, prefix="sch"):
    school_id: int = 0
    page: int = 0


class SubjectCD(CallbackData, prefix="subj"):
    subject: Subject | None = None  # None is the "Done" button


class ExperienceCD(CallbackData, prefix="exp"):
    value: Experience


class PositionCD(CallbackData, prefix="pos"):
    value: Position


class GradeCD(CallbackData, prefix="grade"):
    value: int  # 0: not given


class ProfileEditCD(CallbackData, prefix="pedit"):
    field: str


class ForgetCD(CallbackData, prefix="forget"):
    confirm: bool


class PersonCD(CallbackData, prefix="person"):
    user_id: int
    in_place: bool = False  # the card replaces the tapped message (back from a sub-screen)


class GrantCD(CallbackData, prefix="grant"):
    user_id: int
    role: Role


class CoordinatorSchoolCD(CallbackData, prefix="coord"):
    user_id: int
    school_id: int = 0
    page: int = 0


class SchoolAdminCD(CallbackData, prefix="sadm"):
    action: str  # "open", "page", "flag", "add", "import", "rename"
    school_id: int = 0
    page: int = 0
    flag: str = ""


class MenuCD(CallbackData, prefix="menu"):
    action: str
