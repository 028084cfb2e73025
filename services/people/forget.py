"""Forgetting a person (152-FZ): consent withdrawn, personal data erased, counts kept true."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import GRANTED_ROLES
from db.models import Consent, User, UserRole, UserSubject
from db.tx import write_tx
from services.context import Actor, Clock
from services.people.actor import require_user

log = logging.getLogger(__name__)

# What one other feature erases about a person; people sits below the features, so the
# container hands these in rather than people importing them.
ForgetHook = Callable[[AsyncSession, int], Awaitable[None]]


def erase_personal_fields(user: User) -> None:
    """Every column that says who the person is or could single them out; the row itself and
    its self-chosen role stay, so anonymous counts (registrations, answers) stay true."""
    user.telegram_id = None
    user.full_name = None
    user.name_search = None
    user.school_id = None
    user.experience = None
    user.position = None
    user.child_grade = None


async def forget(
    session: AsyncSession, clock: Clock, actor: Actor, hooks: Sequence[ForgetHook]
) -> None:
    """Withdraws consent and anonymises the person; anonymous counts stay true."""
    now = clock()
    async with write_tx(session):
        user = await require_user(session, actor)
        for erase in hooks:
            await erase(session, user.id)
        await session.execute(delete(UserSubject).where(UserSubject.user_id == user.id))
        await session.execute(
            update(Consent)
            .where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
            .values(withdrawn_at=now)
        )
        await session.execute(
            delete(UserRole).where(
                UserRole.user_id == user.id, UserRole.role.in_([r.value for r in GRANTED_ROLES])
            )
        )
        erase_personal_fields(user)
        user.forgotten_at = now
    log.info("user anonymised user_id=%s", user.id)
