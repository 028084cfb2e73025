"""Mentoring for the demo data (`python -m bot seed-demo`): a pairing under way with its plan
and a meeting, one waiting for the mentor's answer, and a group of two young teachers with
one mentor (across schools), its plans under way and two group meetings. Seeding twice adds
nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import Role
from db.models import MentoringMeeting, Mentorship, User, UserRole
from services.context import Clock, Policy
from services.delivery.outbox import OutboxService
from services.mentoring.common import MentoringContext
from services.mentoring.plans import create_plan
from services.mentoring.types import Form, MeetingFormat, Status

# (mentor, mentee) by the demo teachers' names; the first pair is under way.
DEMO_PAIRS = (
    ("Петров Сергей Николаевич", "Соколова Ольга Ивановна"),
    ("Кузнецова Анна Дмитриевна", "Иванова Мария Александровна"),
)
# One mentor, two young teachers of two other schools (ШНРО and ШФНСУ).
DEMO_GROUP = (
    "Кузнецова Анна Дмитриевна",
    ("Смирнова Дарья Игоревна", "Волков Никита Сергеевич"),
)
GROUP_NOTES = (
    "Разобрали, как начинать урок в первом классе: настрой, правила, смена видов работы.",
    None,
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


async def _pair(
    ctx: MentoringContext,
    mentor: int,
    mentee: int,
    methodist: int | None,
    *,
    place: int,
    started: datetime | None,
    form: Form = Form.INDIVIDUAL,
    group_id: int | None = None,
    baseline: dict[str, str] | None = None,
) -> Mentorship:
    """A pairing as if arranged and agreed: under way since `started`, or proposed."""
    person = await ctx.person(mentee)
    pair = Mentorship(
        mentee_id=mentee,
        mentor_id=mentor,
        methodist_id=methodist,
        form=form.value,
        group_id=group_id,
        status=(Status.ACTIVE if started else Status.PROPOSED).value,
        place=place,
        reason="young",
        category=(await ctx.category_of(person)).value,
        baseline=baseline or {},
        mentee_agreed_at=started or ctx.now(),
        mentor_agreed_at=started,
        started_at=started,
    )
    ctx.session.add(pair)
    await ctx.session.flush()
    if form == Form.GROUP and group_id is None:
        pair.group_id = pair.id
    if started is not None:
        steps = create_plan(ctx, pair, started)
        await ctx.session.flush()
        steps[0].done_at = steps[0].confirmed_at = started + timedelta(days=10)
    return pair


async def _group(
    ctx: MentoringContext, people: dict[str, int], methodist: int | None, first_place: int
) -> int:
    mentor_name, mentee_names = DEMO_GROUP
    mentor = people.get(mentor_name)
    mentees = [people.get(name) for name in mentee_names]
    if mentor is None or None in mentees:
        return 0
    started = ctx.now() - timedelta(days=30)
    members: list[Mentorship] = []
    for index, mentee in enumerate(mentees):
        assert mentee is not None
        group_id = members[0].group_id if members else None
        members.append(
            await _pair(
                ctx,
                mentor,
                mentee,
                methodist,
                place=first_place + index,
                started=started,
                form=Form.GROUP,
                group_id=group_id,
                baseline={"motivation": "serious", "parents": "some"},
            )
        )
    for days, note in zip((7, 21), GROUP_NOTES, strict=True):
        copies = [
            MentoringMeeting(
                mentorship_id=member.id,
                held_at=started + timedelta(days=days),
                format=MeetingFormat.IN_PERSON.value,
                note=note,
                logged_by=mentor,
            )
            for member in members
        ]
        ctx.session.add_all(copies)
        await ctx.session.flush()
        for copy in copies:
            copy.shared_id = copies[0].id
    return len(members)


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
    if await session.scalar(
        select(Mentorship.id).where(Mentorship.mentee_id.in_(list(people.values())))
    ):
        return 0  # seeded before
    created = 0
    for index, (mentor_name, mentee_name) in enumerate(DEMO_PAIRS):
        mentor, mentee = people.get(mentor_name), people.get(mentee_name)
        if mentor is None or mentee is None:
            continue
        started = clock() - timedelta(days=20) if index == 0 else None
        baseline = {"exam_prep": "serious", "assessment": "some"} if started else None
        pair = await _pair(
            ctx, mentor, mentee, methodist, place=1, started=started, baseline=baseline
        )
        if started is not None:
            session.add(
                MentoringMeeting(
                    mentorship_id=pair.id,
                    held_at=started + timedelta(days=10),
                    format=MeetingFormat.OPEN_LESSON.value,
                    logged_by=mentor,
                )
            )
        created += 1
    # The group's mentor has the waiting pairing's place 1 already.
    created += await _group(ctx, people, methodist, first_place=2)
    await session.flush()
    return created
