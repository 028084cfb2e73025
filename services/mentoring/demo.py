"""Two mentorships for the demo data (`python -m bot seed-demo`): one under way with its plan
and a meeting, one waiting for the mentor's answer. Seeding twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role
from db.models import MentoringMeeting, Mentorship, User, UserRole
from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.mentoring.common import MentoringContext
from services.mentoring.plans import create_plan
from services.mentoring.types import Category, MeetingFormat, Status

# (mentor, mentee) by the demo teachers' names; the first pair is under way.
DEMO_PAIRS = (
    ("Петров Сергей Николаевич", "Соколова Ольга Ивановна"),
    ("Кузнецова Анна Дмитриевна", "Иванова Мария Александровна"),
)


async def _demo_people(session: AsyncSession, demo_telegram_below: int) -> dict[str, int]:
    rows = await session.execute(
        select(User.full_name, User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.telegram_id < demo_telegram_below)
        .where(UserRole.role.in_([Role.TEACHER.value, Role.METHODIST.value]))
        .order_by(User.id)
    )
    return {str(name): int(user_id) for name, user_id in rows.all()}


async def seed_demo_pairs(
    session: AsyncSession, policy: Policy, clock: Clock, demo_telegram_below: int
) -> int:
    people = await _demo_people(session, demo_telegram_below)
    methodist = await session.scalar(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.METHODIST.value, User.telegram_id < demo_telegram_below)
        .order_by(User.id)
    )
    ctx = MentoringContext(session, policy, clock, OutboxService(session, clock))
    now = clock()
    created = 0
    for index, (mentor_name, mentee_name) in enumerate(DEMO_PAIRS):
        mentor, mentee = people.get(mentor_name), people.get(mentee_name)
        if mentor is None or mentee is None:
            continue
        if await session.scalar(select(Mentorship.id).where(Mentorship.mentee_id == mentee)):
            continue
        started = now - timedelta(days=20)
        pair = Mentorship(
            mentee_id=mentee,
            mentor_id=mentor,
            methodist_id=methodist,
            status=(Status.ACTIVE if index == 0 else Status.PROPOSED).value,
            place=1,
            reason="young" if index == 0 else None,
            category=Category.OTHER.value,
            baseline={"exam_prep": "serious", "assessment": "some"} if index == 0 else {},
            mentee_agreed_at=started,
            mentor_agreed_at=started if index == 0 else None,
            started_at=started if index == 0 else None,
        )
        session.add(pair)
        await session.flush()
        if index == 0:
            steps = create_plan(ctx, pair, started)
            await session.flush()
            steps[0].done_at = steps[0].confirmed_at = started + timedelta(days=10)
            session.add(
                MentoringMeeting(
                    mentorship_id=pair.id,
                    held_at=started + timedelta(days=10),
                    format=MeetingFormat.OPEN_LESSON.value,
                    logged_by=mentor,
                )
            )
        created += 1
    await session.flush()
    return created
