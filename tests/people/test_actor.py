"""Who is acting, read in one statement per update: roles, the coordinator's school, and the
profile the audience checks use (school, subjects), on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.factory import Database
from db.enums import Role, Subject
from db.models import School, User, UserRole, UserSubject
from services.context import Actor, ActorProfile, Policy
from services.people.users import UserService
from tests.conftest import ADMIN_ID
from tests.support.events_support import create_event, draft, staff_actor
from tests.support.harness import BotHarness, Clock, texts

NOW = datetime(2026, 11, 1, tzinfo=UTC)


async def _actor_checks(database: Database, policy: Policy) -> None:
    async with database.session_factory() as session:
        school = School(name="СШ № 7", short_name="СШ 7")
        session.add(school)
        await session.flush()
        session.add_all(
            [
                User(
                    telegram_id=501,
                    locale="en",
                    full_name="Учитель",
                    school_id=school.id,
                    roles=[
                        UserRole(role=Role.TEACHER.value, granted_at=NOW),
                        UserRole(role=Role.COORDINATOR.value, school_id=school.id, granted_at=NOW),
                    ],
                    subjects=[
                        UserSubject(subject=Subject.MATH.value),
                        UserSubject(subject=Subject.PHYSICS.value),
                    ],
                ),
                User(telegram_id=502, locale="ru", roles=[], subjects=[]),
            ]
        )
        await session.commit()
        users = UserService(session, policy, Clock())
        teacher = await users.actor_for(501, "ru")
        bare = await users.actor_for(502, "en")
        stranger = await users.actor_for(503, "en")
        admin = await users.actor_for(ADMIN_ID, "ru")

    assert teacher.is_registered and teacher.locale == "en"
    assert teacher.roles == {Role.TEACHER, Role.COORDINATOR}
    assert teacher.coordinator_school_id == school.id
    assert teacher.profile == ActorProfile(
        school.id, frozenset({Subject.MATH.value, Subject.PHYSICS.value})
    )
    assert bare.is_registered and bare.roles == frozenset() and bare.locale == "ru"
    assert bare.profile == ActorProfile(None, frozenset())
    assert stranger == Actor(503, None, "en")
    assert admin.roles == {Role.ADMIN} and not admin.is_registered


async def test_actor_carries_roles_school_and_subjects(database: Database, policy: Policy) -> None:
    await _actor_checks(database, policy)


@pytest.mark.postgres
async def test_actor_carries_roles_school_and_subjects_postgres(
    pg_database: Database, policy: Policy
) -> None:
    await _actor_checks(pg_database, policy)


async def test_an_event_for_one_subject_is_listed_only_for_its_teachers(
    harness: BotHarness,
) -> None:
    async with harness.database.session_factory() as session:
        for tg, subjects in ((601, [Subject.PHYSICS, Subject.MATH]), (602, [Subject.HISTORY])):
            session.add(
                User(
                    telegram_id=tg,
                    locale="ru",
                    full_name=f"Учитель {tg}",
                    roles=[UserRole(role=Role.TEACHER.value, granted_at=NOW)],
                    subjects=[UserSubject(subject=s.value) for s in subjects],
                )
            )
        await session.commit()
    staff = await staff_actor(harness)
    only_math = replace(draft(now=harness.clock.now), subjects=(Subject.MATH,))
    await create_event(harness, staff, only_math)
    assert "Найдено 1 мероприятие" in texts(await harness.send(601, "/events"))[0]
    assert "пока нет" in texts(await harness.send(602, "/events"))[0]
