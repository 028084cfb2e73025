"""Another mentor for an active pair: a methodist (or the coordinator of the mentee's school)
hands the pair over (the new mentor must agree; the plan and meetings carry over; the old and
the new mentor and the mentee are told), or ends it early with a reason and proposes a new
pairing in one flow."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.enums import Role
from db.models import Mentorship, OutboxMessage
from handlers.mentoring.callbacks import MAct, MentorCD
from services.container import Services
from services.context import Policy
from services.errors import AccessDenied, Conflict, InvalidInput
from services.mentoring.types import MeetingFormat, Status
from tests.mentoring.support import Person, add_person, add_school
from tests.support.harness import BotHarness, texts

METHODIST, COORD, OTHER_COORD, MENTEE, OLD, NEW, THIRD = (
    7101,
    7102,
    7103,
    7110,
    7111,
    7112,
    7113,
)


async def _pair(harness: BotHarness) -> tuple[dict[int, Person], int]:
    """An active pair (OLD mentors MENTEE) with one confirmed step and a meeting."""
    db = harness.database
    school = await add_school(db, "СШ ШНРО", low=True)
    elsewhere = await add_school(db, "СШ другая")
    lyceum = await add_school(db, "Лицей", leading=True)
    people = {
        METHODIST: await add_person(db, METHODIST, role=Role.METHODIST),
        COORD: await add_person(db, COORD, role=Role.COORDINATOR, school_id=school),
        OTHER_COORD: await add_person(db, OTHER_COORD, role=Role.COORDINATOR, school_id=elsewhere),
        MENTEE: await add_person(db, MENTEE, school_id=school, experience="lt3", name="Юная Юлия"),
        OLD: await add_person(
            db, OLD, school_id=school, experience="10-20", name="Прежняя Пелагея"
        ),
        NEW: await add_person(db, NEW, school_id=lyceum, experience="20plus", name="Новая Нина"),
        THIRD: await add_person(
            db, THIRD, school_id=lyceum, experience="20plus", name="Третья Таня"
        ),
    }
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(
            people[METHODIST].actor(), people[MENTEE].user_id, people[OLD].user_id
        )
        await svc.mentoring.accept(people[OLD].actor(), pair)
        await svc.mentoring.accept(people[MENTEE].actor(), pair)
        view = await svc.mentoring.mentorship(people[OLD].actor(), pair)
        await svc.mentoring.confirm_step(people[OLD].actor(), view.steps[0].id)
        await svc.mentoring.log_meeting(
            people[OLD].actor(), pair, harness.clock.now, MeetingFormat.ONLINE, "Первая встреча"
        )
    finally:
        await svc.session.close()
    return people, pair


async def _told(harness: BotHarness, person: Person) -> list[tuple[str, bool]]:
    """The notices a person got: template, and whether it carries a button."""
    async with harness.database.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.template, OutboxMessage.buttons).where(
                OutboxMessage.user_id == person.user_id
            )
        )
        return [(str(template), bool(buttons)) for template, buttons in rows.all()]


async def test_a_hand_over_keeps_the_plan_once_the_new_mentor_agrees(harness: BotHarness) -> None:
    people, pair = await _pair(harness)
    await harness.callback(METHODIST, MentorCD(act=MAct.OPEN, pair=pair).pack())
    await harness.press(METHODIST, "Другой наставник")
    screen = harness.last_text(METHODIST)
    assert "Другой наставник</b> для: Юная Юлия (сейчас — Прежняя Пелагея)" in screen
    assert "1. Новая Нина, Лицей" in screen and "Прежняя Пелагея," not in screen
    await harness.press(METHODIST, "🔁 1. Новая Нина")
    assert "Пара идёт с прежним наставником" in harness.last_text(METHODIST)

    svc = await harness.services()
    try:
        # Until the new mentor agrees, nothing changes for the pair.
        view = await svc.mentoring.mentorship(people[OLD].actor(), pair)
        assert view.status == Status.ACTIVE and view.mentor_id == people[OLD].user_id
        (offer,) = await svc.mentoring.mine(people[NEW].actor())
        assert offer.status == Status.PROPOSED and offer.replaces_id == pair
        # One hand-over at a time.
        with pytest.raises(Conflict):
            await svc.mentoring.hand_over(people[METHODIST].actor(), pair, people[THIRD].user_id)
        with pytest.raises(InvalidInput):
            await svc.mentoring.hand_over(people[METHODIST].actor(), pair, people[OLD].user_id)
    finally:
        await svc.session.close()
    assert ("mentoring-notice-hand-over-asked", True) in await _told(harness, people[NEW])
    assert ("mentoring-notice-hand-over-mentee", True) in await _told(harness, people[MENTEE])

    # The new mentor agrees from the invitation: the same pairing goes on with her.
    await harness.callback(NEW, MentorCD(act=MAct.OPEN, pair=offer.id).pack())
    assert "Передача наставничества" in harness.last_text(NEW)
    await harness.press(NEW, "Согласен")
    card = harness.last_text(NEW)
    assert "Наставник: Новая Нина" in card and "План: выполнено 1 из 5" in card
    assert "Последняя встреча" in card

    svc = await harness.services()
    try:
        view = await svc.mentoring.mentorship(people[NEW].actor(), pair)
        assert view.mentor_id == people[NEW].user_id and view.confirmed == 1
        assert len(view.meetings) == 1 and view.meetings[0].note == "Первая встреча"
        # The old mentor no longer sees it; the proposal row is gone.
        with pytest.raises(AccessDenied):
            await svc.mentoring.mentorship(people[OLD].actor(), pair)
        assert await svc.session.get(Mentorship, offer.id) is None
        # The places moved with the mentee.
        places = dict(
            (
                await svc.session.execute(
                    select(Mentorship.mentor_id, Mentorship.place).where(
                        Mentorship.status == Status.ACTIVE.value
                    )
                )
            ).all()
        )
        assert places == {people[NEW].user_id: 1}
    finally:
        await svc.session.close()
    # Both the old and the new mentor (and the mentee) are told; the old one without a button
    # to a pairing that is no longer theirs.
    assert ("mentoring-notice-handed-over-old", False) in await _told(harness, people[OLD])
    assert ("mentoring-notice-handed-over", True) in await _told(harness, people[NEW])
    assert ("mentoring-notice-handed-over", True) in await _told(harness, people[MENTEE])


async def test_a_declined_hand_over_leaves_the_pair_as_it_was(harness: BotHarness) -> None:
    people, pair = await _pair(harness)
    svc = await harness.services()
    try:
        offer = await svc.mentoring.hand_over(people[METHODIST].actor(), pair, people[NEW].user_id)
        await svc.mentoring.decline(people[NEW].actor(), offer, "Нет свободного времени")
        view = await svc.mentoring.mentorship(people[OLD].actor(), pair)
        assert view.status == Status.ACTIVE and view.mentor_id == people[OLD].user_id
        declined = await svc.mentoring.mentorship(people[METHODIST].actor(), offer)
        assert declined.status == Status.DECLINED  # not back to the methodists' requests
        # Another one may be asked now; the mentee heard the pairing goes on as it was.
        await svc.mentoring.hand_over(people[METHODIST].actor(), pair, people[THIRD].user_id)
    finally:
        await svc.session.close()
    assert ("mentoring-notice-hand-over-declined", True) in await _told(harness, people[MENTEE])


async def test_a_hand_over_needs_a_free_place(harness: BotHarness) -> None:
    people, pair = await _pair(harness)
    other = await add_person(harness.database, 7120, experience="lt3")
    async with harness.database.session_factory() as session:
        svc = Services(session, Policy(mentor_max_mentees=1), harness.clock)
        await svc.mentoring.propose(people[METHODIST].actor(), other.user_id, people[NEW].user_id)
        with pytest.raises(Conflict) as refused:
            await svc.mentoring.hand_over(people[METHODIST].actor(), pair, people[NEW].user_id)
        assert refused.value.key == "mentoring-error-full"


async def test_the_coordinator_ends_early_and_proposes_another_mentor(harness: BotHarness) -> None:
    people, pair = await _pair(harness)
    # Another school's coordinator is refused.
    sent = texts(
        await harness.callback(OTHER_COORD, MentorCD(act=MAct.REASSIGN, pair=pair).pack())
    )
    assert sent and "нет прав" in sent[0]

    await harness.callback(COORD, MentorCD(act=MAct.OPEN, pair=pair).pack())
    await harness.press(COORD, "Другой наставник")
    # She picks from the whole network: the leading school's teachers are offered.
    assert "Новая Нина, Лицей" in harness.last_text(COORD)
    await harness.press(COORD, "⏹ 1. заново")
    assert "Причина досрочного завершения" in harness.last_text(COORD)
    await harness.send(COORD, "ок")
    assert "от 3 до 300 знаков" in harness.last_text(COORD)
    await harness.send(COORD, "Наставник уходит в декрет")
    assert "Пара завершена досрочно" in harness.last_text(COORD)

    svc = await harness.services()
    try:
        old = await svc.mentoring.mentorship(people[METHODIST].actor(), pair)
        assert old.status == Status.ENDED_EARLY and old.end_reason == "Наставник уходит в декрет"
        (new,) = [
            v for v in await svc.mentoring.mine(people[MENTEE].actor()) if v.status == "proposed"
        ]
        # A new pairing: the new mentor and the mentee must both agree; a new plan then.
        assert new.mentor_id == people[NEW].user_id and not new.mentee_agreed
        assert not new.steps
        await svc.mentoring.accept(people[NEW].actor(), new.id)
        assert await svc.mentoring.accept(people[MENTEE].actor(), new.id) == Status.ACTIVE
    finally:
        await svc.session.close()
    assert ("mentoring-notice-ended-mentor", True) in await _told(harness, people[OLD])
    assert ("mentoring-notice-asked-mentee", True) in await _told(harness, people[MENTEE])
