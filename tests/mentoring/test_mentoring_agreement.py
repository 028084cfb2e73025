"""Nobody becomes a mentor or a mentee without agreeing; a decline needs a reason and is
told to the other side; a mentee's own request goes back to the methodists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.factory import Database
from db.enums import Role
from db.models import MentoringStep, OutboxMessage
from services.container import Services
from services.errors import AccessDenied, Conflict, InvalidInput
from services.mentoring.types import Status
from tests.mentoring.support import add_person, diagnose


async def _templates(svc: Services, user_id: int) -> list[str]:
    rows = await svc.session.scalars(
        select(OutboxMessage.template).where(OutboxMessage.user_id == user_id)
    )
    return [str(r) for r in rows]


async def test_a_pair_starts_only_when_both_agree(database: Database, svc: Services) -> None:
    methodist = await add_person(database, 1, role=Role.METHODIST)
    mentee = await add_person(database, 10, experience="lt3")
    mentor = await add_person(database, 20, experience="20plus")
    pair_id = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
    assert "mentoring-notice-asked-mentor" in await _templates(svc, mentor.user_id)
    assert "mentoring-notice-asked-mentee" in await _templates(svc, mentee.user_id)

    assert await svc.mentoring.accept(mentor.actor(), pair_id) == Status.PROPOSED
    view = await svc.mentoring.mentorship(mentee.actor(), pair_id)
    assert view.status == Status.PROPOSED and not view.steps  # no plan before both agree
    # A stranger cannot agree on someone's behalf.
    stranger = await add_person(database, 30)
    with pytest.raises(AccessDenied):
        await svc.mentoring.accept(stranger.actor(), pair_id)

    assert await svc.mentoring.accept(mentee.actor(), pair_id) == Status.ACTIVE
    view = await svc.mentoring.mentorship(mentee.actor(), pair_id)
    assert view.status == Status.ACTIVE and view.steps
    # A double tap changes nothing.
    assert await svc.mentoring.accept(mentee.actor(), pair_id) == Status.ACTIVE
    assert "mentoring-notice-started" in await _templates(svc, mentee.user_id)


async def test_a_decline_needs_a_reason_and_tells_the_other_side(
    database: Database, svc: Services
) -> None:
    methodist = await add_person(database, 1, role=Role.METHODIST)
    mentee = await add_person(database, 10, experience="lt3")
    mentor = await add_person(database, 20, experience="20plus")
    pair_id = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
    with pytest.raises(InvalidInput):
        await svc.mentoring.decline(mentor.actor(), pair_id, "  ")
    await svc.mentoring.decline(mentor.actor(), pair_id, "Нет времени в этом году")
    view = await svc.mentoring.mentorship(methodist.actor(), pair_id)
    assert view.status == Status.DECLINED and view.decline_reason == "Нет времени в этом году"
    assert "mentoring-notice-declined-mentor" in await _templates(svc, mentee.user_id)
    assert "mentoring-notice-declined-mentor" in await _templates(svc, methodist.user_id)
    steps = await svc.session.scalars(select(MentoringStep.id))
    assert list(steps) == []


async def test_a_request_reaches_methodists_and_returns_after_a_decline(
    database: Database, svc: Services
) -> None:
    methodist = await add_person(database, 1, role=Role.METHODIST)
    young = await add_person(database, 10, experience="lt3")
    seasoned = await add_person(database, 11, experience="20plus")
    troubled = await add_person(database, 12, experience="10-20")
    await diagnose(database, troubled.user_id, {"assessment": "serious"})
    mentor = await add_person(database, 20, experience="20plus")

    with pytest.raises(Conflict):
        await svc.mentoring.request_mentor(seasoned.actor())  # neither young nor in difficulty
    assert await svc.mentoring.may_ask(troubled.actor()) is not None
    pair_id = await svc.mentoring.request_mentor(young.actor())
    with pytest.raises(Conflict):
        await svc.mentoring.request_mentor(young.actor())  # one open request at a time
    assert "mentoring-notice-request" in await _templates(svc, methodist.user_id)
    listed = await svc.mentoring.candidates(methodist.actor())
    assert listed[0].mentorship_id == pair_id
    assert {c.user_id for c in listed} == {young.user_id, troubled.user_id}

    await svc.mentoring.propose(methodist.actor(), young.user_id, mentor.user_id)
    # The mentee asked, so the mentor's yes is enough.
    assert await svc.mentoring.accept(mentor.actor(), pair_id) == Status.ACTIVE

    pair2 = await svc.mentoring.request_mentor(troubled.actor())
    await svc.mentoring.propose(methodist.actor(), troubled.user_id, mentor.user_id)
    await svc.mentoring.decline(mentor.actor(), pair2, "Другой предмет")
    view = await svc.mentoring.mentorship(methodist.actor(), pair2)
    assert view.status == Status.REQUESTED and view.mentor_id is None
