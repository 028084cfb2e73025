"""Staff report figures against a data set counted by hand, as text, chart and XLSX."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from aiogram.methods import SendDocument, SendPhoto
from openpyxl import load_workbook

from db.enums import Role
from db.models import ConsultBooking, ConsultSlot
from services.consultations.types import ConsultTopic
from services.context import Actor
from services.i18n import Translator
from services.reports.consultations import report_chart, report_xlsx
from tests.consultations.test_consult_helpers import METHODIST, PSY, PSY2, person
from tests.support.harness import BotHarness

# (psychologist, topic, status, day of November 2026); the 5th row is outside the period.
# The cancellation of the 13th was the psychologist's; the others the families' own.
PSYCHOLOGIST_CANCELLED_DAY = 13
ROWS = [
    (PSY, "learning", "done", 2),
    (PSY, "learning", "done", 3),
    (PSY, "learning", "no_show", 4),
    (PSY, "exams", "cancelled", 5),
    (PSY, "exams", "done", 30 + 2),  # 2 December: not in November
    (PSY2, "exams", "done", 10),
    (PSY2, "family", "no_show", 11),
    (PSY2, "family", "cancelled", 12),
    (PSY2, "family", "cancelled", 13),
]
# By hand, November: Соколова held 2, no-shows 1, cancelled 1; Орлова held 1, no-shows 1,
# cancelled 2 (1 by her). Learning: 2/1/0; exams: 1/0/1; family: 0/1/2. Total: 3/2/3.


async def _data(harness: BotHarness) -> dict[int, Actor]:
    people = {
        PSY: await person(harness, PSY, Role.PSYCHOLOGIST, "Соколова"),
        PSY2: await person(harness, PSY2, Role.PSYCHOLOGIST, "Орлова"),
    }
    async with harness.database.session_factory() as session:
        for psy, topic, status, day in ROWS:
            start = datetime(2026, 11, 1, 10, tzinfo=UTC) + timedelta(days=day - 1)
            psy_id = people[psy].user_id
            assert psy_id is not None
            slot = ConsultSlot(
                psychologist_id=psy_id,
                starts_at=start,
                ends_at=start + timedelta(minutes=45),
                format="in_person",
                place="",
                status="free" if status == "cancelled" else "booked",
            )
            session.add(slot)
            await session.flush()
            session.add(
                ConsultBooking(
                    slot_id=slot.id,
                    user_id=None,
                    psychologist_id=psy_id,
                    starts_at=start,
                    topic=topic,
                    contact="chat",
                    status=status,
                    cancelled_by=(
                        ("psychologist" if day == PSYCHOLOGIST_CANCELLED_DAY else "person")
                        if status == "cancelled"
                        else None
                    ),
                )
            )
        await session.commit()
    return people


async def test_report_figures_match_the_hand_count(harness: BotHarness) -> None:
    await _data(harness)
    methodist = await person(harness, METHODIST, Role.METHODIST, "Методист")
    svc = await harness.services()
    start = datetime(2026, 10, 31, 21, tzinfo=UTC)  # 1 November, midnight in Moscow
    report = await svc.reports.consult_report(methodist, start, start + timedelta(days=30))
    await svc.session.close()
    counts = {name: (c.held, c.no_show, c.cancelled) for name, c in report.by_psychologist.items()}
    assert counts == {"Соколова 810001": (2, 1, 1), "Орлова 810002": (1, 1, 2)}
    topics = {k: (c.held, c.no_show, c.cancelled) for k, c in report.by_topic.items()}
    assert topics == {
        ConsultTopic.LEARNING: (2, 1, 0),
        ConsultTopic.EXAMS: (1, 0, 1),
        ConsultTopic.FAMILY: (0, 1, 2),
    }
    assert (report.total.held, report.total.no_show, report.total.cancelled) == (3, 2, 3)
    by_psychologist = {n: c.cancelled_by_psychologist for n, c in report.by_psychologist.items()}
    assert by_psychologist == {"Соколова 810001": 0, "Орлова 810002": 1}
    assert report.total.cancelled_by_psychologist == 1

    t = Translator().bind("ru")
    workbook = load_workbook(io.BytesIO(report_xlsx(report, t)))
    topic_rows = list(workbook["По темам"].iter_rows(values_only=True))
    assert topic_rows[0][1:] == (
        "Состоялось",
        "Не пришли",
        "Отменено",
        "из них психологом",
        "Предстоит",
    )
    assert topic_rows[1] == ("Трудности в учёбе", 2, 1, 0, 0, 0)
    assert topic_rows[-1] == ("Всего", 3, 2, 3, 1, 0)
    png = report_chart(report, t)
    assert png.startswith(b"\x89PNG")


async def test_report_in_chat_with_chart_and_xlsx(harness: BotHarness) -> None:
    await _data(harness)
    await person(harness, METHODIST, Role.METHODIST, "Методист")
    await harness.send(METHODIST, "/consult_report 01.11.2026-30.11.2026")
    text = harness.last_text(METHODIST)
    assert "Всего: состоялось 3, не пришли 2, отменено 3 (психологом 1)" in text
    assert "Семья и воспитание: состоялось 0, не пришли 1, отменено 2 (психологом 1)" in text
    sent = await harness.press(METHODIST, "Диаграмма")
    assert any(isinstance(r, SendPhoto) for r in sent)
    sent = await harness.press(METHODIST, "XLSX")
    assert any(isinstance(r, SendDocument) for r in sent)
    await harness.send(METHODIST, "/consult_report вчера")
    assert "Не удалось понять период" in harness.last_text(METHODIST)
