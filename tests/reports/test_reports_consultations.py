"""Consultations in the reports: counts by topic for staff, bare totals for a coordinator."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from openpyxl import load_workbook

from db.models import ConsultBooking, ConsultSlot
from handlers.reports.dashboard import render_dashboard
from services.consultations.types import BookingStatus, ConsultTopic
from services.container import Services
from services.i18n import default_translator
from services.reports.export import build_workbook
from tests.reports.test_reports import NOVEMBER, Network, _msk, coordinator, methodist, network

__all__ = ["network"]  # the fixture, imported for pytest


async def add_consultations(svc: Services, net: Network) -> None:
    session = svc.session
    psychologist = net.users["M"]  # any user id will do for the slot's owner

    def booking(
        user: str | None, when: datetime, topic: ConsultTopic, status: BookingStatus
    ) -> None:
        slot = ConsultSlot(
            psychologist_id=psychologist,
            starts_at=when,
            ends_at=when + timedelta(minutes=45),
            format="in_person",
            status="booked" if status == BookingStatus.BOOKED else "free",
        )
        session.add(slot)
        bookings.append((slot, user, when, topic, status))

    bookings: list[tuple[ConsultSlot, str | None, datetime, ConsultTopic, BookingStatus]] = []
    booking("P1", _msk(10, 11, 15), ConsultTopic.LEARNING, BookingStatus.DONE)
    booking("P1", _msk(17, 11, 15), ConsultTopic.FAMILY, BookingStatus.NO_SHOW)
    booking("T4", _msk(12, 11, 15), ConsultTopic.EMOTIONS, BookingStatus.DONE)
    booking(None, _msk(13, 11, 15), ConsultTopic.LEARNING, BookingStatus.CANCELLED)
    booking("T4", _msk(26, 11, 15), ConsultTopic.EMOTIONS, BookingStatus.BOOKED)
    booking("T5", _msk(20, 10, 15), ConsultTopic.EXAMS, BookingStatus.DONE)  # October
    await session.flush()
    for slot, user, when, topic, status in bookings:
        session.add(
            ConsultBooking(
                slot_id=slot.id,
                user_id=net.users[user] if user else None,
                psychologist_id=psychologist,
                starts_at=when,
                topic=topic.value,
                contact="chat",
                status=status.value,
                # The one cancellation was the psychologist's (a day off, say).
                cancelled_by="psychologist" if status == BookingStatus.CANCELLED else None,
            )
        )
    await session.commit()


async def test_consultation_counts_by_topic(svc: Services, network: Network) -> None:
    await add_consultations(svc, network)
    dashboard = await svc.reports.dashboard(methodist(network), NOVEMBER)
    rows = [
        (r.topic, r.held, r.no_show, r.cancelled, r.cancelled_by_psychologist, r.booked)
        for r in dashboard.consultations
    ]
    assert rows == [
        (ConsultTopic.LEARNING, 1, 0, 1, 1, 0),
        (ConsultTopic.EMOTIONS, 1, 0, 0, 0, 1),
        (ConsultTopic.FAMILY, 0, 1, 0, 0, 0),
        (None, 2, 1, 1, 1, 1),
    ]


async def test_a_coordinator_gets_totals_without_topics(svc: Services, network: Network) -> None:
    await add_consultations(svc, network)
    dashboard = await svc.reports.dashboard(coordinator(network), NOVEMBER)
    # S2: T4's consultation held and one still booked; nothing of S1's parent.
    assert [(r.topic, r.held, r.no_show, r.booked) for r in dashboard.consultations] == [
        (None, 1, 0, 1)
    ]


async def test_consultations_sheet_and_dashboard_line(svc: Services, network: Network) -> None:
    await add_consultations(svc, network)
    data = await svc.reports.report_data(methodist(network), NOVEMBER)
    t = default_translator().bind("ru")
    wb = load_workbook(io.BytesIO(build_workbook(data, t, svc.policy.timezone)))
    rows = list(wb["Консультации"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("учёба", 1, 0, 1, 1, 0)
    assert rows[-1] == ("Всего", 2, 1, 1, 1, 1)
    text = render_dashboard(data.dashboard, t)
    assert "Проведено: 2, не пришли: 1, отменено: 1 (психологом 1)" in text


async def test_an_unknown_topic_counts_as_other_on_both_screens(
    svc: Services, network: Network
) -> None:
    """/consult_report and /stats count the same bookings by one rule: a topic the bot does not
    know (an old or hand-made row) is "other" on both."""
    await add_consultations(svc, network)
    when = _msk(18, 11, 15)
    slot = ConsultSlot(
        psychologist_id=network.users["M"],
        starts_at=when,
        ends_at=when + timedelta(minutes=45),
        format="in_person",
        status="free",
    )
    svc.session.add(slot)
    await svc.session.flush()
    svc.session.add(
        ConsultBooking(
            slot_id=slot.id,
            user_id=network.users["P1"],
            psychologist_id=network.users["M"],
            starts_at=when,
            topic="astrology",
            contact="chat",
            status=BookingStatus.DONE.value,
        )
    )
    await svc.session.commit()
    staff = methodist(network)

    dashboard = await svc.reports.dashboard(staff, NOVEMBER)
    zone = svc.policy.timezone
    report = await svc.reports.consult_report(
        staff, NOVEMBER.start_utc(zone), NOVEMBER.end_utc(zone)
    )

    stats = {r.topic: (r.held, r.no_show, r.cancelled, r.booked) for r in dashboard.consultations}
    assert stats[ConsultTopic.OTHER] == (1, 0, 0, 0)
    other = report.by_topic[ConsultTopic.OTHER]
    assert (other.held, other.no_show, other.cancelled, other.booked) == (1, 0, 0, 0)
    by_topic = {k: (c.held, c.no_show, c.cancelled, c.booked) for k, c in report.by_topic.items()}
    assert by_topic == {k: v for k, v in stats.items() if k is not None}
    total = report.total
    assert (total.held, total.no_show, total.cancelled, total.booked) == stats[None]
