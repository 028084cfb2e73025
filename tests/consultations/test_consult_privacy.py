"""Who sees a booking's details, checked in the service as a matrix of roles; /forget and the
retention purge erase the personal fields and keep the counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from db.enums import Role
from db.models import ConsultBooking, OutboxMessage, User
from services.consultations.types import BookingForm, ConsultTopic, Contact, SlotFormat
from services.container import Services
from services.context import Actor
from services.errors import AccessDenied
from tests.conftest import ADMIN_ID
from tests.consultations.test_consult_helpers import (
    METHODIST,
    PARENT,
    PARENT2,
    PSY,
    PSY2,
    add_slot,
    bookings,
    person,
)
from tests.support.harness import BotHarness

STRANGER = 870_001


async def _booked(harness: BotHarness) -> tuple[dict[str, Actor], int]:
    psy = await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова")
    actors = {
        "booker": await person(harness, PARENT, Role.PARENT, "Петрова"),
        "psychologist": psy,
        "other psychologist": await person(harness, PSY2, Role.PSYCHOLOGIST, "Орлова"),
        "methodist": await person(harness, METHODIST, Role.METHODIST, "Методист"),
        "admin": Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN})),
        "other parent": await person(harness, PARENT2, Role.PARENT, "Сидорова"),
        "stranger": Actor(STRANGER, None, "ru", frozenset()),
    }
    slot_id = await add_slot(harness, psy, timedelta(days=3))
    svc = await harness.services()
    form = BookingForm(ConsultTopic.FAMILY, Contact.PHONE, 4, "+79001112233", "Развод")
    view = await svc.consultations.book(actors["booker"], slot_id, form)
    await svc.session.close()
    return actors, view.id


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("booker", True),
        ("psychologist", True),
        ("admin", True),
        ("other psychologist", False),
        ("methodist", False),
        ("other parent", False),
        ("stranger", False),
    ],
)
async def test_booking_details_by_role(harness: BotHarness, role: str, sees: bool) -> None:
    actors, booking_id = await _booked(harness)
    svc = await harness.services()
    try:
        if sees:
            view = await svc.consultations.booking(actors[role], booking_id)
            assert (view.topic, view.comment, view.child_grade, view.phone) == (
                ConsultTopic.FAMILY,
                "Развод",
                4,
                "+79001112233",
            )
        else:
            with pytest.raises(AccessDenied):
                await svc.consultations.booking(actors[role], booking_id)
    finally:
        await svc.session.close()


async def test_private_note_is_the_psychologists_only(harness: BotHarness) -> None:
    actors, booking_id = await _booked(harness)
    svc = await harness.services()
    await svc.consultations.set_note(actors["psychologist"], booking_id, "Повторная встреча")
    with pytest.raises(AccessDenied):
        await svc.consultations.set_note(actors["other psychologist"], booking_id, "x")
    assert (await svc.consultations.booking(actors["psychologist"], booking_id)).note
    assert (await svc.consultations.booking(actors["booker"], booking_id)).note is None
    assert (await svc.consultations.booking(actors["admin"], booking_id)).note is None
    await svc.session.close()


async def test_methodist_sees_counts_only(harness: BotHarness) -> None:
    actors, _ = await _booked(harness)
    svc = await harness.services()
    now = harness.clock.now
    report = await svc.reports.consult_report(actors["methodist"], now, now + timedelta(days=10))
    assert report.total.booked == 1
    assert not hasattr(report.total, "comment")
    with pytest.raises(AccessDenied):
        await svc.reports.consult_report(actors["other parent"], now, now + timedelta(days=10))
    await svc.session.close()


async def test_forget_erases_booking_fields_and_keeps_the_count(harness: BotHarness) -> None:
    actors, _booking_id = await _booked(harness)
    await harness.send(PARENT, "/forget")
    await harness.press(PARENT, "Да, удалить")
    async with harness.database.session_factory() as session:
        user = await session.scalar(select(User).where(User.id == actors["booker"].user_id))
        forgotten = user is None or user.forgotten_at is not None
    assert forgotten
    stored = await bookings(harness)
    assert len(stored) == 1
    row = stored[0]
    assert (row.user_id, row.comment, row.phone, row.child_grade, row.note) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert row.topic == ConsultTopic.FAMILY.value  # the anonymous count by topic stays
    async with harness.database.session_factory() as session:
        notices = list(await session.scalars(select(OutboxMessage)))
    psychologist_notices = [n for n in notices if n.user_id == actors["psychologist"].user_id]
    assert psychologist_notices, "the psychologist was told of the booking"
    # The psychologist's notice named the booker; after /forget the name is gone from storage.
    assert all("Петрова" not in str(n.args) for n in notices)


async def test_retention_purge_deletes_old_comments_and_keeps_counts(
    svc: Services,
) -> None:
    psy_user = User(telegram_id=PSY, locale="ru", full_name="Соколова")
    svc.session.add(psy_user)
    await svc.session.commit()
    psy = Actor(PSY, psy_user.id, "ru", frozenset({Role.PSYCHOLOGIST}))
    start = svc.clock() + timedelta(days=1)
    slot = await svc.consultations.add_slot(psy, start, 45, SlotFormat.ONLINE, "Звонок")
    for days_ago, comment in ((100, "старый"), (80, "свежий")):
        svc.session.add(
            ConsultBooking(
                slot_id=slot.id,
                user_id=None,
                psychologist_id=psy_user.id,
                starts_at=svc.clock() - timedelta(days=days_ago),
                topic="exams",
                contact="chat",
                comment=comment,
                note="заметка",
                status="done",
            )
        )
    await svc.session.commit()
    assert await svc.consultations.purge_expired_comments() == 1
    svc.session.expire_all()
    rows = list(
        await svc.session.scalars(select(ConsultBooking).order_by(ConsultBooking.starts_at))
    )
    assert [(r.comment, r.note) for r in rows] == [(None, None), ("свежий", "заметка")]
    assert len(rows) == 2
