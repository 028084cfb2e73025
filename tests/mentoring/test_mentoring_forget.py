"""/forget: the person's mentorships end, meeting notes and typed texts go, the rows lose the
link to the person (anonymous counts stay), and no reminder of theirs is sent any more."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.enums import OutboxState, Role
from db.models import MentoringMeeting, Mentorship, OutboxMessage
from services.mentoring.types import MeetingFormat, Status
from tests.mentoring.support import add_person
from tests.support.harness import BotHarness

NOTE = "Обсудили трудный класс 7Б"


async def test_forget_erases_notes_and_unlinks_the_person(harness: BotHarness) -> None:
    db = harness.database
    methodist = await add_person(db, 1, role=Role.METHODIST)
    mentee = await add_person(db, 6001, experience="lt3", name="Забытая Зоя")
    mentor = await add_person(db, 6002, experience="20plus")
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
        await svc.mentoring.accept(mentor.actor(), pair)
        await svc.mentoring.accept(mentee.actor(), pair)
        now = harness.clock.now
        await svc.mentoring.log_meeting(mentor.actor(), pair, now, MeetingFormat.ONLINE, NOTE)
        await svc.mentoring.add_step(
            mentor.actor(), pair, "Разобрать урок Зои", now + timedelta(days=10)
        )
    finally:
        await svc.session.close()

    await harness.send(6001, "/forget")
    await harness.press(6001, "Да, удалить")

    async with db.session_factory() as session:
        row = await session.get(Mentorship, pair)
        assert row is not None
        assert row.mentee_id is None and row.status == Status.ENDED_EARLY.value
        assert row.place is None  # the mentor's place is free again
        notes = list(await session.scalars(select(MentoringMeeting.note)))
        assert notes == [None]
        pending = list(
            await session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.user_id == mentee.user_id,
                    OutboxMessage.state == OutboxState.PENDING.value,
                )
            )
        )
        assert pending == []
    # The mentor's screen no longer shows her name, and the pairing has ended.
    await harness.send(6002, "/mentoring")
    await harness.press(6002, "Пара №")
    card = harness.last_text(6002)
    assert "Забытая Зоя" not in card and NOTE not in card
    assert "завершено досрочно" in card


async def test_forget_drops_planned_meetings_and_a_waiting_hand_over(harness: BotHarness) -> None:
    db = harness.database
    methodist = await add_person(db, 1, role=Role.METHODIST)
    mentee = await add_person(db, 6101, experience="lt3")
    mentor = await add_person(db, 6102, experience="20plus")
    other = await add_person(db, 6103, experience="20plus")
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
        await svc.mentoring.accept(mentor.actor(), pair)
        await svc.mentoring.accept(mentee.actor(), pair)
        ahead = harness.clock.now + timedelta(days=5)
        await svc.mentoring.log_meeting(mentor.actor(), pair, ahead, MeetingFormat.ONLINE, None)
        offer = await svc.mentoring.hand_over(methodist.actor(), pair, other.user_id)
    finally:
        await svc.session.close()

    await harness.send(6102, "/forget")
    await harness.press(6102, "Да, удалить")

    async with db.session_factory() as session:
        assert list(await session.scalars(select(MentoringMeeting.id))) == []
        waiting = await session.get(Mentorship, offer)
        assert waiting is not None
        # Nothing left to take over: the other mentor's place is free again.
        assert waiting.status == Status.DECLINED.value and waiting.place is None
