"""Onboarding: the consent that stores a person at all, and the self-chosen roles. Centre
staff take a third path: no self-chosen role (they are neither teachers nor parents), a name
and a position, then an administrator grants their role."""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import SELF_CHOSEN_ROLES, Role
from db.models import Consent, User, UserRole
from db.tx import write_tx
from services.context import Actor, Clock, Policy
from services.errors import AccessDenied
from services.people.actor import actor_for, require_user, user_by_telegram

log = logging.getLogger(__name__)


def consent_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def accept_consent(
    session: AsyncSession,
    policy: Policy,
    clock: Clock,
    telegram_id: int,
    locale: str,
    role: Role | None,
    consent_text: str,
) -> Actor:
    """The first moment anything about the person is stored, and only with their consent.
    `role` None is the staff path: the person is stored without a role of their own."""
    if role is not None and role not in SELF_CHOSEN_ROLES:
        raise AccessDenied()
    now = clock()
    async with write_tx(session):
        user = await user_by_telegram(session, telegram_id)
        if user is None:
            user = User(
                telegram_id=telegram_id,
                locale=locale,
                roles=[UserRole(role=role, granted_at=now)] if role else [],
                subjects=[],
            )
            session.add(user)
            await session.flush()
        else:
            user.locale = locale
            user.forgotten_at = None
            if role and not any(r.role == role for r in user.roles):
                user.roles.append(UserRole(user_id=user.id, role=role, granted_at=now))
        session.add(
            Consent(
                user_id=user.id,
                version=policy.consent_version,
                text_sha256=consent_fingerprint(consent_text),
                accepted_at=now,
            )
        )
    log.info("consent accepted user_id=%s version=%s", user.id, policy.consent_version)
    return await actor_for(session, policy, telegram_id, locale)


async def add_role(session: AsyncSession, clock: Clock, actor: Actor, role: Role) -> None:
    """A person may take the other self-chosen role later (a teacher who is also a parent)."""
    if role not in SELF_CHOSEN_ROLES:
        raise AccessDenied()
    async with write_tx(session):
        user = await require_user(session, actor)
        if not any(r.role == role for r in user.roles):
            user.roles.append(UserRole(user_id=user.id, role=role, granted_at=clock()))
