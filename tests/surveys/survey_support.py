"""What the surveys tests share: people, the default diagnostics answered in one call,
events on a topic, and a small anonymous survey file."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.factory import Database
from db.models import Event, Survey, User, UserRole, UserSubject
from services.container import Services
from services.context import Actor
from services.enums import Role, Topic
from services.surveys.install import DEFAULT_SURVEY_CODE
from services.surveys.types import Finished, QuestionType, QuestionView
from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness

TEACHER = 200_001


ADMIN = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))


TOPIC_IDS = [
    "exam_prep",
    "low_achievers",
    "individual_routes",
    "disabilities",
    "gifted",
    "activity_methods",
    "assessment",
    "parents",
    "digital",
    "motivation",
    "work_programmes",
]


ANONYMOUS = """title: Анонимный опрос
anonymous: true
closes: 2026-12-20
questions:
  - id: exam_prep
    type: single
    topic: exam_prep
    text: ГИА
    options:
      - {id: none, text: Нет}
      - {id: some, text: Немного}
      - {id: serious, text: Серьёзно}
  - id: comment
    type: text
    text: Комментарий
"""


async def default_survey_id(database: Database) -> int:
    async with database.session_factory() as session:
        return (
            await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()


async def default_survey_id_in(svc: Services) -> int:
    query = select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE)
    return (await svc.session.execute(query)).scalar_one()


async def launch_default(harness: BotHarness) -> int:
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/surveys")
    await harness.press(ADMIN_ID, "Диагностика")
    await harness.press(ADMIN_ID, "Запустить")
    await harness.press(ADMIN_ID, "Да, разослать")
    return await default_survey_id(harness.database)


async def make_teacher(
    svc: Services,
    number: int,
    school_id: int,
    subjects: tuple[str, ...] = ("math",),
    experience: str = "3-10",
) -> Actor:
    user = User(
        telegram_id=300_000 + number,
        locale="ru",
        full_name=f"Учитель {number}",
        school_id=school_id,
        experience=experience,
    )
    svc.session.add(user)
    await svc.session.flush()
    svc.session.add(UserRole(user_id=user.id, role=Role.TEACHER.value))
    for subject in subjects:
        svc.session.add(UserSubject(user_id=user.id, subject=subject))
    await svc.session.commit()
    return Actor(user.telegram_id or 0, user.id, "ru", frozenset({Role.TEACHER}))


async def answer_all(
    svc: Services, actor: Actor, survey_id: int, levels: dict[str, str]
) -> Finished:
    """Completes the default diagnostics: `levels` per topic id ("none" when not given)."""
    step: Any = await svc.surveys.start(actor, survey_id)
    while isinstance(step, QuestionView):
        qid = TOPIC_IDS[step.index] if step.index < len(TOPIC_IDS) else None
        if qid is not None:
            option = ["none", "some", "serious"].index(levels.get(qid, "none"))
            step = await svc.surveys.choose(actor, survey_id, step.index, option)
        elif step.type == QuestionType.MULTI:
            await svc.surveys.toggle(actor, survey_id, step.index, 0)
            step = await svc.surveys.done(actor, survey_id, step.index)
        else:
            step = await svc.surveys.skip(actor, survey_id, step.index)
    assert isinstance(step, Finished)
    return step


async def add_event(svc: Services, topic: Topic, starts_at: datetime, title: str) -> int:
    event = Event(
        title=title,
        type="seminar",
        topic=topic.value,
        format="offline",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        audience="teachers",
        status="published",
    )
    svc.session.add(event)
    await svc.session.commit()
    return event.id
