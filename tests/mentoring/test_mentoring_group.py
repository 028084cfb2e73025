"""Group mentoring made real: the mentor's group screen (the mentees and their plans'
progress), a meeting logged once for the whole group (every member sees it and its note; the
note stays with the group, its methodist and admins; /forget erases it everywhere), and a
methodist adding a mentee to an existing group (who still has to agree)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.enums import Role
from db.models import MentoringMeeting, OutboxMessage
from handlers.mentoring.callbacks import MAct, MentorCD
from services.errors import AccessDenied
from services.mentoring.types import Form, MeetingFormat, Status
from services.reports.indicators import IndicatorCategory, Ratio
from tests.mentoring.support import Person, add_person, add_school
from tests.support.harness import BotHarness, texts

NOTE = "Разобрали проверку тетрадей всей группой"
METHODIST, OTHER_METHODIST, MENTOR, ANNA, BORIS, VERA, COORD = (
    7001,
    7002,
    7010,
    7011,
    7012,
    7013,
    7020,
)


async def _group(harness: BotHarness) -> tuple[dict[int, Person], int, int]:
    """MENTOR leads a group of ANNA and BORIS (both agreed); returns their mentorships."""
    db = harness.database
    school = await add_school(db, "СШ ШНРО", low=True)
    lyceum = await add_school(db, "Лицей", leading=True)
    people = {
        METHODIST: await add_person(db, METHODIST, role=Role.METHODIST, name="Методистова"),
        OTHER_METHODIST: await add_person(db, OTHER_METHODIST, role=Role.METHODIST),
        MENTOR: await add_person(db, MENTOR, school_id=lyceum, experience="20plus"),
        ANNA: await add_person(db, ANNA, school_id=school, experience="lt3", name="Анна Юная"),
        BORIS: await add_person(db, BORIS, school_id=school, experience="lt3", name="Борис Юный"),
        VERA: await add_person(db, VERA, school_id=school, experience="lt3", name="Вера Юная"),
        COORD: await add_person(db, COORD, role=Role.COORDINATOR, school_id=school),
    }
    svc = await harness.services()
    try:
        methodist, mentor = people[METHODIST].actor(), people[MENTOR]
        pairs = []
        for mentee in (ANNA, BORIS):
            pair = await svc.mentoring.propose(
                methodist, people[mentee].user_id, mentor.user_id, Form.GROUP
            )
            await svc.mentoring.accept(mentor.actor(), pair)
            await svc.mentoring.accept(people[mentee].actor(), pair)
            pairs.append(pair)
        view = await svc.mentoring.mentorship(mentor.actor(), pairs[0])
        await svc.mentoring.confirm_step(mentor.actor(), view.steps[0].id)
    finally:
        await svc.session.close()
    return people, pairs[0], pairs[1]


async def test_the_mentor_logs_one_meeting_for_the_whole_group(harness: BotHarness) -> None:
    people, anna_pair, boris_pair = await _group(harness)
    group = anna_pair  # a group's id is its first mentorship's

    # The mentor's home offers the group; its screen lists the mentees with their progress.
    await harness.send(MENTOR, "/mentoring")
    await harness.press(MENTOR, "Группа №")
    screen = harness.last_text(MENTOR)
    assert "Наставляемых сейчас: 2" in screen
    assert "Анна Юная — идёт, план 1 из 5" in screen
    assert "Борис Юный — идёт, план 0 из 5" in screen
    assert "следующий шаг: Посетить открытый урок наставника" in screen

    # One meeting, logged once, with a note.
    await harness.press(MENTOR, "Встреча группы")
    await harness.send(MENTOR, "вчера")
    await harness.press(MENTOR, "очно")
    assert "участники группы" in harness.last_text(MENTOR)
    await harness.send(MENTOR, NOTE)
    assert "Встреча группы записана" in harness.last_text(MENTOR)
    await harness.press(MENTOR, "Группа №")
    assert NOTE in harness.last_text(MENTOR) and "Встречи группы (1)" in harness.last_text(MENTOR)

    # Stored once per member, the copies tied together.
    async with harness.database.session_factory() as session:
        rows = list(await session.scalars(select(MentoringMeeting)))
    assert sorted(r.mentorship_id for r in rows) == sorted([anna_pair, boris_pair])
    assert {r.shared_id for r in rows} == {min(r.id for r in rows)}

    # Every member sees it and its note on their own plan.
    for member, pair in ((ANNA, anna_pair), (BORIS, boris_pair)):
        await harness.callback(member, MentorCD(act=MAct.PLAN, pair=pair).pack())
        plan = harness.last_text(member)
        assert NOTE in plan and "(встреча группы)" in plan, member

    # The responsible methodist and admins read the note; another methodist sees the meeting
    # without it; the coordinator of the mentees' school is refused the group screen (the
    # group may have members of other schools); a mentee has no group screen either.
    await harness.callback(METHODIST, MentorCD(act=MAct.GROUP, pair=group).pack())
    assert NOTE in harness.last_text(METHODIST)
    await harness.callback(OTHER_METHODIST, MentorCD(act=MAct.GROUP, pair=group).pack())
    text = harness.last_text(OTHER_METHODIST)
    assert "Встречи группы (1)" in text and NOTE not in text
    for outsider in (COORD, ANNA):
        sent = texts(await harness.callback(outsider, MentorCD(act=MAct.GROUP, pair=group).pack()))
        assert sent and "нет прав" in sent[0], outsider
    # Nobody but the group's mentor logs a group meeting.
    sent = texts(await harness.callback(ANNA, MentorCD(act=MAct.GROUP_MEET, pair=group).pack()))
    assert sent and "нет прав" in sent[0]

    # The members are told, each with a button to their own pairing.
    async with harness.database.session_factory() as session:
        told = await session.execute(
            select(OutboxMessage.user_id, OutboxMessage.ref_id).where(
                OutboxMessage.template == "mentoring-notice-group-meeting"
            )
        )
        assert sorted(told.all()) == sorted(
            [(people[ANNA].user_id, anna_pair), (people[BORIS].user_id, boris_pair)]
        )


async def test_forget_erases_a_group_meetings_note_in_every_copy(harness: BotHarness) -> None:
    people, group, _ = await _group(harness)
    svc = await harness.services()
    try:
        await svc.mentoring.log_group_meeting(
            people[MENTOR].actor(), group, harness.clock.now, MeetingFormat.ONLINE, NOTE
        )
    finally:
        await svc.session.close()
    await harness.send(BORIS, "/forget")
    await harness.press(BORIS, "Да, удалить")
    async with harness.database.session_factory() as session:
        notes = list(await session.scalars(select(MentoringMeeting.note)))
    assert notes == [None, None]  # Anna's copy too: the note was about the whole group


async def test_a_methodist_adds_a_mentee_to_the_group_who_still_agrees(
    harness: BotHarness,
) -> None:
    people, group, _ = await _group(harness)
    await harness.callback(METHODIST, MentorCD(act=MAct.GROUP, pair=group).pack())
    await harness.press(METHODIST, "Добавить наставляемого")
    assert "Кого добавить в группу" in harness.last_text(METHODIST)
    await harness.press(METHODIST, "Вера Юная")
    assert "Приглашение в группу отправлено" in harness.last_text(METHODIST)

    svc = await harness.services()
    try:
        mine = await svc.mentoring.mine(people[VERA].actor())
        (vera,) = mine
        assert vera.group_id == group and vera.status == Status.PROPOSED
        assert not vera.steps  # nothing before both agree
        await svc.mentoring.accept(people[MENTOR].actor(), vera.id)
        assert await svc.mentoring.accept(people[VERA].actor(), vera.id) == Status.ACTIVE
        screen = await svc.mentoring.group(people[MENTOR].actor(), group)
        assert [m.mentee_name for m in screen.members] == ["Анна Юная", "Борис Юный", "Вера Юная"]
        # A mentor's group takes nobody from a coordinator or a teacher.
        for refused in (people[COORD], people[ANNA]):
            with pytest.raises(AccessDenied):
                await svc.mentoring.add_to_group(refused.actor(), group, people[VERA].user_id)
    finally:
        await svc.session.close()


async def test_a_group_meeting_counts_for_every_member(harness: BotHarness) -> None:
    people, group, _ = await _group(harness)
    svc = await harness.services()
    try:
        await svc.mentoring.log_group_meeting(
            people[MENTOR].actor(), group, harness.clock.now, MeetingFormat.IN_PERSON, None
        )
        admin = Person(999, 0, frozenset({Role.ADMIN})).actor()
        rows = await svc.reports.meetings(admin, svc.reports.default_period())
    finally:
        await svc.session.close()
    november, total = rows
    # Two pairs worked in November; the one meeting counts once for each of them.
    assert november.get(IndicatorCategory.ALL) == Ratio(2, 2)
    assert total.get(IndicatorCategory.ALL) == Ratio(2, 2)
