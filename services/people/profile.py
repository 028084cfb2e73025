"""The profile a person fills in and edits: name, school, subjects, experience, position,
child's grade, language; and the view of it shown on the profile screen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import SELF_CHOSEN_ROLES, STAFF_POSITIONS, Experience, Position, Role, Subject
from db.models import Consent, School, User, UserSubject
from db.search import fold
from db.tx import write_tx
from services.context import Actor
from services.errors import InvalidInput, NotFound
from services.people.actor import require_user
from services.text_limits import NAME_MAX

MAX_GRADE = 11
LOCALES = ("ru", "en")


@dataclass(frozen=True, slots=True)
class ProfileView:
    user_id: int
    full_name: str | None
    locale: str
    roles: tuple[Role, ...]
    school_id: int | None
    school_name: str | None
    subjects: tuple[Subject, ...]
    experience: Experience | None
    position: Position | None
    child_grade: int | None
    consent_version: str | None
    consent_at: datetime | None


def on_staff_path(roles: Iterable[Role]) -> bool:
    """Centre staff chose neither teacher nor parent at /start: their profile is a name and a
    position, and no figure or audience of teachers counts them."""
    return not SELF_CHOSEN_ROLES.intersection(roles)


def clean_name(raw: str | None) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise InvalidInput("error-name-empty")
    if len(name) > NAME_MAX:
        raise InvalidInput("error-name-too-long", max=NAME_MAX)
    if not any(ch.isalpha() for ch in name):
        raise InvalidInput("error-name-letters")
    return name


async def set_locale(session: AsyncSession, actor: Actor, locale: str) -> None:
    if locale not in LOCALES:
        raise InvalidInput()
    if actor.user_id is None:
        return  # not stored before consent; the choice lives in the conversation only
    async with write_tx(session):
        await session.execute(update(User).where(User.id == actor.user_id).values(locale=locale))


async def set_name(session: AsyncSession, actor: Actor, raw: str | None) -> str:
    async with write_tx(session):
        user = await require_user(session, actor)
        name = clean_name(raw)
        user.full_name = name
        user.name_search = fold(name)
    return name


async def set_school(session: AsyncSession, actor: Actor, school_id: int) -> None:
    async with write_tx(session):
        user = await require_user(session, actor)
        if await session.get(School, school_id) is None:
            raise NotFound()
        user.school_id = school_id


async def set_subjects(session: AsyncSession, actor: Actor, subjects: list[Subject]) -> None:
    if not subjects:
        raise InvalidInput("error-subjects-empty")
    wanted = {Subject(s) for s in subjects}
    async with write_tx(session):
        user = await require_user(session, actor)
        user.subjects[:] = [UserSubject(user_id=user.id, subject=s) for s in sorted(wanted)]


async def set_experience(session: AsyncSession, actor: Actor, experience: Experience) -> None:
    async with write_tx(session):
        user = await require_user(session, actor)
        user.experience = Experience(experience)


async def set_position(session: AsyncSession, actor: Actor, position: Position) -> None:
    if on_staff_path(actor.roles) and Position(position) not in STAFF_POSITIONS:
        raise InvalidInput()
    async with write_tx(session):
        user = await require_user(session, actor)
        user.position = Position(position)


async def set_child_grade(session: AsyncSession, actor: Actor, grade: int | None) -> None:
    if grade is not None and not 1 <= grade <= MAX_GRADE:
        raise InvalidInput("error-grade-range")
    async with write_tx(session):
        user = await require_user(session, actor)
        user.child_grade = grade


async def profile_view(session: AsyncSession, actor: Actor) -> ProfileView:
    user = await require_user(session, actor)
    school = await session.get(School, user.school_id) if user.school_id else None
    consent = (
        await session.execute(
            select(Consent)
            .where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
            .order_by(Consent.accepted_at.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    return ProfileView(
        user_id=user.id,
        full_name=user.full_name,
        locale=user.locale,
        roles=tuple(sorted(actor.roles)),
        school_id=user.school_id,
        school_name=school.name if school else None,
        subjects=tuple(Subject(s.subject) for s in user.subjects),
        experience=Experience(user.experience) if user.experience else None,
        position=Position(user.position) if user.position else None,
        child_grade=user.child_grade,
        consent_version=consent.version if consent else None,
        consent_at=consent.accepted_at if consent else None,
    )


def is_complete(view: ProfileView, actor: Actor) -> bool:
    if Role.TEACHER in actor.roles:
        return bool(
            view.full_name
            and view.school_id
            and view.subjects
            and view.experience
            and view.position
        )
    if on_staff_path(actor.roles):
        return bool(view.full_name and view.position)
    return bool(view.full_name)
