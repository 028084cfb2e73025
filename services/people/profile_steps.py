"""Which profile question comes next, for onboarding and for resuming it."""

from __future__ import annotations

from enum import Enum

from db.enums import Role
from services.context import Actor
from services.people.profile import on_staff_path
from services.people.users import UserService


class ProfileStep(Enum):
    NAME = "name"
    SCHOOL = "school"
    SUBJECTS = "subjects"
    EXPERIENCE = "experience"
    POSITION = "position"
    GRADE = "grade"


async def next_missing_step(users: UserService, actor: Actor) -> ProfileStep | None:
    view = await users.profile(actor)
    if not view.full_name:
        return ProfileStep.NAME
    if Role.TEACHER in actor.roles:
        if view.school_id is None:
            return ProfileStep.SCHOOL
        if not view.subjects:
            return ProfileStep.SUBJECTS
        if view.experience is None:
            return ProfileStep.EXPERIENCE
        if view.position is None:
            return ProfileStep.POSITION
    elif on_staff_path(actor.roles) and view.position is None:
        return ProfileStep.POSITION
    return None
