"""Bad input in the mentoring steps gets a clear localized answer and the step waits for a
better one; /cancel leaves it; nothing is recorded meanwhile."""

from __future__ import annotations

from sqlalchemy import func, select

from db.enums import Role
from db.models import MentoringMeeting
from handlers.mentoring.callbacks import MAct, MentorCD
from services.mentoring.types import Status
from tests.mentoring.support import add_person
from tests.support.harness import BotHarness, texts


async def _proposed(harness: BotHarness) -> int:
    db = harness.database
    methodist = await add_person(db, 1, role=Role.METHODIST)
    mentee = await add_person(db, 7001, experience="lt3")
    mentor = await add_person(db, 7002, experience="20plus")
    svc = await harness.services()
    try:
        return await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
    finally:
        await svc.session.close()


async def test_a_decline_without_a_real_reason_is_asked_again(harness: BotHarness) -> None:
    pair = await _proposed(harness)
    await harness.callback(7002, MentorCD(act=MAct.DECLINE, pair=pair).pack())
    await harness.send(7002, "no")
    assert "от 3 до 300 знаков" in harness.last_text(7002)
    await harness.send(7002, "Веду выпускные классы, нет времени")
    assert "Отказ записан" in harness.last_text(7002)
    svc = await harness.services()
    try:
        view = await svc.mentoring.mentorship(
            (await add_person(harness.database, 2, role=Role.ADMIN)).actor(), pair
        )
    finally:
        await svc.session.close()
    assert view.status == Status.DECLINED


async def test_a_meeting_day_that_is_not_a_day_is_asked_again(harness: BotHarness) -> None:
    pair = await _proposed(harness)
    for user in (7002, 7001):
        await harness.callback(user, MentorCD(act=MAct.ACCEPT, pair=pair).pack())
    await harness.callback(7001, MentorCD(act=MAct.MEET, pair=pair).pack())
    await harness.send(7001, "когда-нибудь потом")
    assert "Когда прошла встреча" not in harness.last_text(7001)
    await harness.send(7001, "/cancel")
    async with harness.database.session_factory() as session:
        count = await session.scalar(select(func.count()).select_from(MentoringMeeting))
    assert count == 0
    # A stale "format" button after /cancel is outdated, not an error.
    stale = MentorCD(act=MAct.MEET_FORMAT, pair=pair, form="online").pack()
    assert any("устарела" in text for text in texts(await harness.callback(7001, stale)))
