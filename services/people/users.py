"""People: onboarding, profile, language, roles, and forgetting (152-FZ)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import GRANTED_ROLES, SELF_CHOSEN_ROLES, Experience, Position, Role, Subject
from db.models import Consent, School, User, UserRole, UserSubject
from db.search import fold
from services.context import Actor, ActorProfile, Clock, Policy
from services.errors import AccessDenied, Conflict, InvalidInput, NeedsOnboarding, NotFound
from services.text_limits import NAME_MAX

log = logging.getLogger(__name__)

MAX_GRADE = 11


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


@dataclass(frozen=True, slots=True)
class PersonRow:
    user_id: int
    telegram_id: int | None
    full_name: str | None
    roles: tuple[Role, ...]
    coordinator_school_id: int | None


def _split(joined: str | None) -> list[str]:
    return [part for part in (joined or "").split(",") if part]


def consent_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean_name(raw: str | None) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise InvalidInput("error-name-empty")
    if len(name) > NAME_MAX:
        raise InvalidInput("error-name-too-long", max=NAME_MAX)
    if not any(ch.isalpha() for ch in name):
        raise InvalidInput("error-name-letters")
    return name


@cache
def _actor_statement() -> Select[Any]:
    # Read for every update, so built on first use and kept: building it and its cache key
    # took ~0.3 ms, as long as running it. The person, one row per role, the subjects folded
    # into one string (the User entity with its relationships took three statements).
    subjects = (
        select(func.aggregate_strings(UserSubject.subject, ","))
        .where(UserSubject.user_id == User.id)
        .scalar_subquery()
    )
    return (
        select(
            User.id,
            User.locale,
            User.school_id,
            User.forgotten_at,
            subjects.label("subjects"),
            UserRole.role,
            UserRole.school_id.label("role_school_id"),
        )
        .outerjoin(UserRole, UserRole.user_id == User.id)
        .where(User.telegram_id == bindparam("telegram_id"))
    )


ForgetHook = Callable[[AsyncSession, int], Awaitable[None]]


class UserService:
    def __init__(
        self,
        session: AsyncSession,
        policy: Policy,
        clock: Clock,
        forget_hooks: Sequence[ForgetHook] = (),
    ) -> None:
        self.session = session
        self.policy = policy
        self.clock = clock
        # What each other feature erases on /forget; the container hands the list in, so
        # people (below the features) never imports them.
        self.forget_hooks = tuple(forget_hooks)

    async def actor_for(self, telegram_id: int, fallback_locale: str) -> Actor:
        rows = (await self.session.execute(_actor_statement(), {"telegram_id": telegram_id})).all()
        roles: set[Role] = set()
        coordinator_school: int | None = None
        if telegram_id in self.policy.admin_telegram_ids:
            roles.add(Role.ADMIN)
        if not rows:
            return Actor(telegram_id, None, fallback_locale, frozenset(roles))
        for row in rows:
            if row.role is None:
                continue
            roles.add(Role(row.role))
            if row.role == Role.COORDINATOR:
                coordinator_school = row.role_school_id
        first = rows[0]
        profile = None
        if first.forgotten_at is None:  # else the services find out (NeedsOnboarding)
            profile = ActorProfile(first.school_id, frozenset(_split(first.subjects)))
        return Actor(
            telegram_id, first.id, first.locale, frozenset(roles), coordinator_school, profile
        )

    async def _by_telegram(self, telegram_id: int) -> User | None:
        result = await self.session.execute(select(User).where(User.telegram_id == telegram_id))
        return result.scalar_one_or_none()

    async def _require(self, actor: Actor) -> User:
        if actor.user_id is None:
            raise NeedsOnboarding()
        user = await self.session.get(User, actor.user_id)
        if user is None or user.forgotten_at is not None:
            raise NeedsOnboarding()
        return user

    async def accept_consent(
        self, telegram_id: int, locale: str, role: Role, consent_text: str
    ) -> Actor:
        """The first moment anything about the person is stored, and only with their consent."""
        if role not in SELF_CHOSEN_ROLES:
            raise AccessDenied()
        now = self.clock()
        user = await self._by_telegram(telegram_id)
        if user is None:
            user = User(
                telegram_id=telegram_id,
                locale=locale,
                roles=[UserRole(role=role, granted_at=now)],
                subjects=[],
            )
            self.session.add(user)
            await self.session.flush()
        else:
            user.locale = locale
            user.forgotten_at = None
            if not any(r.role == role for r in user.roles):
                user.roles.append(UserRole(user_id=user.id, role=role, granted_at=now))
        self.session.add(
            Consent(
                user_id=user.id,
                version=self.policy.consent_version,
                text_sha256=consent_fingerprint(consent_text),
                accepted_at=now,
            )
        )
        await self.session.commit()
        log.info("consent accepted user_id=%s version=%s", user.id, self.policy.consent_version)
        return await self.actor_for(telegram_id, locale)

    async def set_locale(self, actor: Actor, locale: str) -> None:
        if locale not in ("ru", "en"):
            raise InvalidInput()
        if actor.user_id is None:
            return
        await self.session.execute(
            update(User).where(User.id == actor.user_id).values(locale=locale)
        )
        await self.session.commit()

    async def add_role(self, actor: Actor, role: Role) -> None:
        """A person may take the other self-chosen role later (a teacher who is also a parent)."""
        if role not in SELF_CHOSEN_ROLES:
            raise AccessDenied()
        user = await self._require(actor)
        if not any(r.role == role for r in user.roles):
            user.roles.append(UserRole(user_id=user.id, role=role, granted_at=self.clock()))
            await self.session.commit()

    async def set_name(self, actor: Actor, raw: str | None) -> str:
        user = await self._require(actor)
        user.full_name = clean_name(raw)
        user.name_search = fold(user.full_name)
        await self.session.commit()
        return user.full_name

    async def set_school(self, actor: Actor, school_id: int) -> None:
        user = await self._require(actor)
        if await self.session.get(School, school_id) is None:
            raise NotFound()
        user.school_id = school_id
        await self.session.commit()

    async def set_subjects(self, actor: Actor, subjects: list[Subject]) -> None:
        if not subjects:
            raise InvalidInput("error-subjects-empty")
        user = await self._require(actor)
        wanted = {Subject(s) for s in subjects}
        user.subjects[:] = [UserSubject(user_id=user.id, subject=s) for s in sorted(wanted)]
        await self.session.commit()

    async def set_experience(self, actor: Actor, experience: Experience) -> None:
        user = await self._require(actor)
        user.experience = Experience(experience)
        await self.session.commit()

    async def set_position(self, actor: Actor, position: Position) -> None:
        user = await self._require(actor)
        user.position = Position(position)
        await self.session.commit()

    async def set_child_grade(self, actor: Actor, grade: int | None) -> None:
        if grade is not None and not 1 <= grade <= MAX_GRADE:
            raise InvalidInput("error-grade-range")
        user = await self._require(actor)
        user.child_grade = grade
        await self.session.commit()

    async def profile(self, actor: Actor) -> ProfileView:
        user = await self._require(actor)
        school = await self.session.get(School, user.school_id) if user.school_id else None
        consent = (
            await self.session.execute(
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

    async def is_profile_complete(self, actor: Actor) -> bool:
        view = await self.profile(actor)
        if Role.TEACHER in actor.roles:
            return bool(
                view.full_name
                and view.school_id
                and view.subjects
                and view.experience
                and view.position
            )
        return bool(view.full_name)

    async def forget(self, actor: Actor) -> None:
        """Withdraws consent and anonymises the person; anonymous counts stay true."""
        user = await self._require(actor)
        now = self.clock()
        for erase in self.forget_hooks:
            await erase(self.session, user.id)
        await self.session.execute(delete(UserSubject).where(UserSubject.user_id == user.id))
        await self.session.execute(
            update(Consent)
            .where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
            .values(withdrawn_at=now)
        )
        await self.session.execute(
            delete(UserRole).where(
                UserRole.user_id == user.id, UserRole.role.in_([r.value for r in GRANTED_ROLES])
            )
        )
        user.telegram_id = None
        user.full_name = None
        user.name_search = None
        user.position = None
        user.child_grade = None
        user.forgotten_at = now
        await self.session.commit()
        log.info("user anonymised user_id=%s", user.id)

    # --- administration -------------------------------------------------------------------

    def _require_admin(self, actor: Actor) -> None:
        if not actor.is_admin:
            raise AccessDenied()

    async def find_people(self, actor: Actor, query: str, limit: int = 10) -> list[PersonRow]:
        self._require_admin(actor)
        query = query.strip()
        stmt = select(User).where(User.forgotten_at.is_(None))
        if query.lstrip("-").isdigit():
            number = int(query)
            stmt = stmt.where(or_(User.telegram_id == number, User.id == number))
        elif len(query) >= 2:
            stmt = stmt.where(User.name_search.contains(fold(query), autoescape=True))
        else:
            raise InvalidInput("error-search-too-short")
        rows = (await self.session.execute(stmt.order_by(User.full_name).limit(limit))).scalars()
        return [self._person(u) for u in rows]

    async def person(self, actor: Actor, user_id: int) -> PersonRow:
        self._require_admin(actor)
        user = await self.session.get(User, user_id)
        if user is None or user.forgotten_at is not None:
            raise NotFound()
        return self._person(user)

    def _person(self, user: User) -> PersonRow:
        roles = tuple(sorted(Role(r.role) for r in user.roles))
        if user.telegram_id in self.policy.admin_telegram_ids and Role.ADMIN not in roles:
            roles = (*roles, Role.ADMIN)
        school = next((r.school_id for r in user.roles if r.role == Role.COORDINATOR), None)
        return PersonRow(user.id, user.telegram_id, user.full_name, roles, school)

    async def grant(
        self, actor: Actor, user_id: int, role: Role, school_id: int | None = None
    ) -> None:
        self._require_admin(actor)
        if role not in GRANTED_ROLES:
            raise InvalidInput()
        if role == Role.COORDINATOR and (
            school_id is None or await self.session.get(School, school_id) is None
        ):
            raise InvalidInput("error-coordinator-needs-school")
        user = await self.session.get(User, user_id)
        if user is None or user.forgotten_at is not None:
            raise NotFound()
        existing = next((r for r in user.roles if r.role == role), None)
        if existing is not None:
            existing.school_id = school_id
        else:
            user.roles.append(
                UserRole(
                    user_id=user.id,
                    role=role,
                    school_id=school_id,
                    granted_by=actor.user_id,
                    granted_at=self.clock(),
                )
            )
        await self.session.commit()
        log.info("role granted user_id=%s role=%s by=%s", user.id, role, actor.user_id)

    async def revoke(self, actor: Actor, user_id: int, role: Role) -> None:
        self._require_admin(actor)
        if role not in GRANTED_ROLES:
            raise InvalidInput()
        if role == Role.ADMIN and user_id == actor.user_id:
            raise Conflict("error-revoke-own-admin")
        await self.session.execute(
            delete(UserRole).where(UserRole.user_id == user_id, UserRole.role == role)
        )
        await self.session.commit()
        log.info("role revoked user_id=%s role=%s by=%s", user_id, role, actor.user_id)

    async def staff(self, actor: Actor) -> list[PersonRow]:
        self._require_admin(actor)
        stmt = (
            select(User)
            .join(UserRole, UserRole.user_id == User.id)
            .where(UserRole.role.in_([r.value for r in GRANTED_ROLES]))
            .distinct()
            .order_by(User.full_name)
        )
        return [self._person(u) for u in (await self.session.execute(stmt)).scalars()]
