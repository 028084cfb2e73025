"""The people facade handlers use (svc.users): each method hands over to the module of its
sub-capability (actor, onboarding, profile, roles, forget)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Experience, Position, Role, Subject
from services.context import Actor, Clock, Policy
from services.people import actor as actors
from services.people import onboarding, profile, roles
from services.people.forget import ForgetHook, forget
from services.people.profile import ProfileView
from services.people.roles import PersonRow

__all__ = ["ForgetHook", "PersonRow", "ProfileView", "UserService"]


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
        self.forget_hooks = tuple(forget_hooks)

    async def actor_for(self, telegram_id: int, fallback_locale: str) -> Actor:
        return await actors.actor_for(self.session, self.policy, telegram_id, fallback_locale)

    async def accept_consent(
        self, telegram_id: int, locale: str, role: Role | None, consent_text: str
    ) -> Actor:
        return await onboarding.accept_consent(
            self.session, self.policy, self.clock, telegram_id, locale, role, consent_text
        )

    async def add_role(self, actor: Actor, role: Role) -> None:
        await onboarding.add_role(self.session, self.clock, actor, role)

    async def set_locale(self, actor: Actor, locale: str) -> None:
        await profile.set_locale(self.session, actor, locale)

    async def set_name(self, actor: Actor, raw: str | None) -> str:
        return await profile.set_name(self.session, actor, raw)

    async def set_school(self, actor: Actor, school_id: int) -> None:
        await profile.set_school(self.session, actor, school_id)

    async def set_subjects(self, actor: Actor, subjects: list[Subject]) -> None:
        await profile.set_subjects(self.session, actor, subjects)

    async def set_experience(self, actor: Actor, experience: Experience) -> None:
        await profile.set_experience(self.session, actor, experience)

    async def set_position(self, actor: Actor, position: Position) -> None:
        await profile.set_position(self.session, actor, position)

    async def set_child_grade(self, actor: Actor, grade: int | None) -> None:
        await profile.set_child_grade(self.session, actor, grade)

    async def profile(self, actor: Actor) -> ProfileView:
        return await profile.profile_view(self.session, actor)

    async def is_profile_complete(self, actor: Actor) -> bool:
        return profile.is_complete(await self.profile(actor), actor)

    async def forget(self, actor: Actor) -> None:
        await forget(self.session, self.clock, actor, self.forget_hooks)

    async def find_people(self, actor: Actor, query: str, limit: int = 10) -> list[PersonRow]:
        return await roles.find_people(self.session, self.policy, actor, query, limit)

    async def person(self, actor: Actor, user_id: int) -> PersonRow:
        return await roles.person(self.session, self.policy, actor, user_id)

    async def grant(
        self, actor: Actor, user_id: int, role: Role, school_id: int | None = None
    ) -> None:
        await roles.grant(self.session, self.clock, actor, user_id, role, school_id)

    async def revoke(self, actor: Actor, user_id: int, role: Role) -> None:
        await roles.revoke(self.session, actor, user_id, role)

    async def staff(self, actor: Actor) -> list[PersonRow]:
        return await roles.staff(self.session, self.policy, actor)
