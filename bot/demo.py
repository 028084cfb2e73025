"""The demo data set behind `python -m bot seed-demo`; running it twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from db.enums import Position, Role, Subject
from db.models import School, User, UserRole, UserSubject
from db.search import fold
from services.consultations.demo import seed_demo_slots
from services.container import Services
from services.events.jobs import seed_demo_events
from services.library.demo import seed_demo_materials
from services.mentoring.demo import seed_demo_pairs
from services.surveys.install import seed_demo_answers

DEMO_FILE = Path(__file__).parent / "data" / "demo.yaml"
# Demo people have no Telegram account; negative ids can never collide with real users.
DEMO_TELEGRAM_ID_BASE = -1_000_000


@dataclass(frozen=True)
class DemoSummary:
    schools: int
    people: int

    def __str__(self) -> str:
        return f"demo data: {self.schools} schools, {self.people} people"


async def seed_demo_data(services: Services) -> DemoSummary:
    data: dict[str, Any] = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    session = services.session
    municipality = data["municipality"]
    schools: list[School] = []
    for entry in data["schools"]:
        school = (
            await session.execute(select(School).where(School.name == entry["name"]))
        ).scalar_one_or_none()
        if school is None:
            school = School(
                name=entry["name"],
                short_name=entry["short"],
                municipality=municipality,
                search_text=fold(f"{entry['name']} {entry['short']}"),
                low_results=entry.get("low_results", False),
                unfavourable_conditions=entry.get("unfavourable", False),
                is_leading=entry.get("leading", False),
                is_partner=True,
            )
            session.add(school)
        schools.append(school)
    await session.flush()

    people = 0
    now = services.clock()
    entries = [(e, Role(e["role"])) for e in data["staff"]] + [
        (e, Role.TEACHER) for e in data["teachers"]
    ]
    for index, (entry, role) in enumerate(entries, start=1):
        telegram_id = DEMO_TELEGRAM_ID_BASE - index
        user = (
            await session.execute(select(User).where(User.telegram_id == telegram_id))
        ).scalar_one_or_none()
        if user is not None:
            continue
        user = User(
            telegram_id=telegram_id,
            locale="ru",
            full_name=entry["name"],
            name_search=fold(entry["name"]),
            is_reachable=False,
        )
        if role == Role.TEACHER:
            user.school_id = schools[entry["school"] - 1].id
            user.experience = entry["experience"]
            user.position = Position.TEACHER
        session.add(user)
        await session.flush()
        session.add(UserRole(user_id=user.id, role=role, granted_at=now))
        for subject in entry.get("subjects", []):
            session.add(UserSubject(user_id=user.id, subject=Subject(subject)))
        people += 1
    demo_teachers = await session.scalars(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.TEACHER.value, User.telegram_id < DEMO_TELEGRAM_ID_BASE)
        .order_by(User.id)
    )
    teacher_ids = list(demo_teachers)
    await seed_demo_answers(session, services.policy, services.clock, teacher_ids)
    await seed_demo_events(session, services.policy, services.clock, data.get("events", []))
    await seed_demo_slots(session, services.policy, services.clock, DEMO_TELEGRAM_ID_BASE)
    await seed_demo_pairs(session, services.policy, services.clock, DEMO_TELEGRAM_ID_BASE)
    await seed_demo_materials(session, services.clock, data.get("materials", []), teacher_ids)
    await session.commit()
    return DemoSummary(len(schools), people)
