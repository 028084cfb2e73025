"""A small mentoring network for the Mini App's tests: a group of two with a group meeting
(its note) and a private meeting of one member (another note), a meeting planned ahead, an
individual pair whose hand-over to another mentor waits, a finished pair, a request, and the
staff and outsiders around them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from db.enums import Role
from services.mentoring.types import Form, MeetingFormat
from tests.mentoring.support import Person, add_person, add_school
from tests.support.harness import BotHarness

METHODIST_ID, OTHER_METHODIST, COORD = 620_001, 620_002, 620_003
MENTOR, ANNA, BORIS = 620_010, 620_011, 620_012
MENTOR2, PETR, FINISHED, NEW_MENTOR = 620_020, 620_013, 620_014, 620_021
REQUESTER, PARENT_ID = 620_015, 620_030
STRANGER_ID = 620_099  # never wrote to the bot

GROUP_NOTE = "Разобрали проверку тетрадей всей группой"
BORIS_NOTE = "Борису: личный разговор о классе"


@dataclass(frozen=True)
class Network:
    people: dict[int, Person]
    anna_pair: int
    boris_pair: int
    petr_pair: int
    hand_over: int
    finished_pair: int

    @property
    def group(self) -> int:
        return self.anna_pair  # a group's id is its first mentorship's


async def _people(harness: BotHarness) -> dict[int, Person]:
    db = harness.database
    school = await add_school(db, "СШ ШНРО", low=True)
    lyceum = await add_school(db, "Лицей", leading=True)
    people = {
        METHODIST_ID: await add_person(db, METHODIST_ID, role=Role.METHODIST, name="Методистова"),
        OTHER_METHODIST: await add_person(db, OTHER_METHODIST, role=Role.METHODIST),
        COORD: await add_person(db, COORD, role=Role.COORDINATOR, school_id=school),
        PARENT_ID: await add_person(db, PARENT_ID, role=Role.PARENT, name="Родитель"),
    }
    for who, name in ((MENTOR, "Мария Наставникова"), (MENTOR2, "Ольга Опытная")):
        people[who] = await add_person(db, who, name=name, school_id=lyceum, experience="20plus")
    people[NEW_MENTOR] = await add_person(
        db, NEW_MENTOR, name="Нина Новая", school_id=lyceum, experience="20plus"
    )
    young = (
        (ANNA, "Анна Юная"),
        (BORIS, "Борис Юный"),
        (PETR, "Пётр Юный"),
        (FINISHED, "Фаина Юная"),
        (REQUESTER, "Роман Юный"),
    )
    for who, name in young:
        people[who] = await add_person(db, who, name=name, school_id=school, experience="lt3")
    return people


async def mentoring_network(harness: BotHarness) -> Network:
    people = await _people(harness)
    now = harness.clock.now
    svc = await harness.services()
    try:
        methodist = people[METHODIST_ID].actor()

        async def pair(mentee: int, mentor: int, form: Form = Form.INDIVIDUAL) -> int:
            found = await svc.mentoring.propose(
                methodist, people[mentee].user_id, people[mentor].user_id, form
            )
            await svc.mentoring.accept(people[mentor].actor(), found)
            await svc.mentoring.accept(people[mentee].actor(), found)
            return found

        anna, boris = await pair(ANNA, MENTOR, Form.GROUP), await pair(BORIS, MENTOR, Form.GROUP)
        mentor = people[MENTOR].actor()
        first = (await svc.mentoring.mentorship(mentor, anna)).steps[0]
        await svc.mentoring.confirm_step(mentor, first.id)
        yesterday = now - timedelta(days=1)
        await svc.mentoring.log_group_meeting(
            mentor, anna, yesterday, MeetingFormat.IN_PERSON, GROUP_NOTE
        )
        await svc.mentoring.log_meeting(
            people[BORIS].actor(), boris, yesterday, MeetingFormat.ONLINE, BORIS_NOTE
        )
        ahead = now + timedelta(days=7)
        await svc.mentoring.log_meeting(
            people[ANNA].actor(), anna, ahead, MeetingFormat.ONLINE, None
        )
        petr = await pair(PETR, MENTOR2)
        offer = await svc.mentoring.hand_over(methodist, petr, people[NEW_MENTOR].user_id)
        finished = await pair(FINISHED, MENTOR2)
        await svc.mentoring.finish(methodist, finished)
        await svc.mentoring.request_mentor(people[REQUESTER].actor())
    finally:
        await svc.session.close()
    return Network(people, anna, boris, petr, offer, finished)
