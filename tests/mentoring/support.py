"""Shared set-up for the mentoring tests: schools, teachers and diagnoses inserted directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from bot.factory import Database
from db.enums import Role
from db.models import School, Survey, SurveyAnswer, SurveyResponse, User, UserRole, UserSubject
from services.context import Actor

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    telegram_id: int
    user_id: int
    roles: frozenset[Role]
    school_id: int | None = None

    def actor(self) -> Actor:
        coordinator_school = self.school_id if Role.COORDINATOR in self.roles else None
        return Actor(self.telegram_id, self.user_id, "ru", self.roles, coordinator_school)


async def add_school(
    db: Database,
    name: str,
    *,
    low: bool = False,
    unfav: bool = False,
    leading: bool = False,
    partner: bool = False,
) -> int:
    async with db.session_factory() as session:
        school = School(
            name=name,
            short_name=name,
            low_results=low,
            unfavourable_conditions=unfav,
            is_leading=leading,
            is_partner=partner,
        )
        session.add(school)
        await session.commit()
        return school.id


async def add_person(
    db: Database,
    telegram_id: int,
    *,
    role: Role = Role.TEACHER,
    school_id: int | None = None,
    experience: str = "3-10",
    subjects: tuple[str, ...] = ("math",),
    name: str | None = None,
) -> Person:
    async with db.session_factory() as session:
        user = User(
            telegram_id=telegram_id,
            locale="ru",
            full_name=name or f"Педагог {telegram_id}",
            school_id=school_id,
            experience=experience,
            position="teacher",
            roles=[
                UserRole(
                    role=role.value,
                    school_id=school_id if role == Role.COORDINATOR else None,
                )
            ],
            subjects=[UserSubject(subject=s) for s in subjects],
        )
        session.add(user)
        await session.commit()
        return Person(telegram_id, user.id, frozenset({role}), school_id)


async def diagnose(
    db: Database, user_id: int, levels: dict[str, str], when: datetime = NOW
) -> None:
    """A completed named answer to the default diagnostics."""
    async with db.session_factory() as session:
        survey_id = await session.scalar(
            select(Survey.id).where(Survey.code == "difficulty-diagnostics")
        )
        assert survey_id is not None
        response = SurveyResponse(
            survey_id=survey_id, wave=1, user_id=user_id, completed_at=when, position=99
        )
        session.add(response)
        await session.flush()
        for topic, level in levels.items():
            session.add(SurveyAnswer(response_id=response.id, question=topic, value=level))
        await session.commit()
