"""The staff report: small groups pooled and hidden, breakdowns against hand-computed
figures, the chart and the XLSX, the support counted after the answer, the demo seed."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import Registration, School, Survey
from services.container import Services
from services.enums import Topic
from services.i18n import Translator
from services.surveys.analytics import OTHER_GROUP, ResponseRow, breakdown
from services.surveys.charts import profile_chart, report_workbook
from tests.support.harness import Clock
from tests.surveys.survey_support import (
    ADMIN,
    add_event,
    answer_all,
    default_survey_id_in,
    make_teacher,
)


def row(
    number: int, school: str, answer: str, subjects: tuple[str, ...] = ("math",)
) -> ResponseRow:
    return ResponseRow(number, school, ("other",), subjects, "3-10", {"exam_prep": answer})


def test_small_groups_are_pooled_and_hidden_below_five() -> None:
    pairs = [("exam_prep", "exam_prep")]
    rows = [row(i, "A", "serious" if i < 3 else "none") for i in range(6)]
    rows += [row(10 + i, "B", "some") for i in range(3)]
    rows += [row(20 + i, "C", "serious") for i in range(2)]
    groups, hidden = breakdown(pairs, rows, "school")
    assert [(g.group, g.respondents) for g in groups] == [("A", 6), (OTHER_GROUP, 5)]
    a, other = groups
    assert a.topics[0].serious_share == pytest.approx(3 / 6)
    assert other.topics[0].some_share == pytest.approx(3 / 5)
    assert other.topics[0].serious_share == pytest.approx(2 / 5)
    assert hidden == 0
    # Four people in small groups cannot be shown even together.
    groups, hidden = breakdown(pairs, rows[:6] + rows[6:8] + rows[9:11], "school")
    assert [(g.group, g.respondents) for g in groups] == [("A", 6)]
    assert hidden == 4
    # A teacher of two subjects counts once in the pooled group.
    two = [row(i, "A", "none", ("math", "physics")) for i in range(3)]
    groups, hidden = breakdown(pairs, two + [row(9, "A", "none", ("math",))] * 1, "subject")
    assert groups == [] and hidden == 4


async def test_report_breakdowns_match_hand_computed_figures(
    svc: Services, schools: list[int]
) -> None:
    # schools[0]: СШ № 1 (other); schools[1]: СШ № 2 (ШНРО); schools[2]: Любавичская (ШНРО+ШФНСУ).
    low = {s.id: s for s in (await svc.session.execute(select(School))).scalars()}
    other_school = next(i for i in schools if not low[i].low_results)
    both = next(i for i in schools if low[i].unfavourable_conditions)
    survey_id = (await svc.session.execute(select(Survey.id))).scalar_one()
    await svc.surveys.launch(ADMIN, survey_id)
    teachers = [await make_teacher(svc, n, other_school, experience="lt3") for n in range(5)]
    teachers += [await make_teacher(svc, 10 + n, both, ("russian",), "20plus") for n in range(5)]
    await make_teacher(svc, 99, both)  # in the audience, does not answer
    for number, teacher in enumerate(teachers[:5]):
        await answer_all(
            svc, teacher, survey_id, {"exam_prep": "serious" if number < 2 else "some"}
        )
    for number, teacher in enumerate(teachers[5:]):
        levels = {"exam_prep": "none", "disabilities": "serious" if number < 4 else "some"}
        await answer_all(svc, teacher, survey_id, levels)

    report = await svc.surveys.report(ADMIN, survey_id)
    assert (report.respondents, report.audience) == (10, 11)
    assert report.rate == pytest.approx(10 / 11)
    overall = {s.topic: s for s in report.profile}
    assert overall["exam_prep"].serious_share == pytest.approx(2 / 10)
    assert overall["exam_prep"].some_share == pytest.approx(3 / 10)
    assert overall["disabilities"].serious_share == pytest.approx(4 / 10)
    assert [s.topic for s in report.top][:2] == ["disabilities", "exam_prep"]

    def shares(dimension: str) -> dict[str, tuple[int, float]]:
        return {
            g.group: (
                g.respondents,
                next(s for s in g.topics if s.topic == "exam_prep").serious_share,
            )
            for g in report.breakdowns[dimension]
        }

    assert shares("category") == {
        "low_results": (5, 0.0),
        "other": (5, 0.4),
        "unfavourable": (5, 0.0),
    }
    assert shares("subject") == {"math": (5, 0.4), "russian": (5, 0.0)}
    assert shares("experience") == {"20plus": (5, 0.0), "lt3": (5, 0.4)}
    assert set(shares("school")) == {low[other_school].short_name, low[both].short_name}
    help_kind = next(q for q in report.questions if q.question == "help_kind")
    assert help_kind.answered == 10 and help_kind.counts[0].count == 10

    png = profile_chart(report.profile, {}, "Профиль затруднений", "некоторые", "серьёзные")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    t = Translator().bind("ru")
    definition = await svc.surveys.definition(ADMIN, survey_id)
    raw = await svc.surveys.raw_answers(ADMIN, survey_id)
    data = report_workbook(report, definition, raw, False, "ru", svc.policy.timezone, t)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Ответы", "Распределение"]
    assert {"По школам", "По категориям школ", "По предметам", "По стажу"} <= set(book.sheetnames)
    answers = book["Ответы"]
    assert answers.cell(1, 2).value == "ФИО" and answers.max_row == 11
    assert answers.cell(2, 2).value == "Учитель 0"
    category = book["По категориям школ"]
    assert [c.value for c in category[1]][:2] == ["Группа", "Ответили"]
    anonymous = load_workbook(
        io.BytesIO(report_workbook(report, definition, raw, True, "ru", svc.policy.timezone, t))
    )
    assert "ФИО" not in [c.value for c in anonymous["Ответы"][1]]


async def test_staff_report_counts_support_after_the_answer(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    survey_id = (await svc.session.execute(select(Survey.id))).scalar_one()
    await svc.surveys.launch(ADMIN, survey_id)
    first = await make_teacher(svc, 1, schools[0])
    second = await make_teacher(svc, 2, schools[0])
    event_id = await add_event(svc, Topic.EXAM_PREP, clock.now + timedelta(days=3), "ОГЭ: разбор")
    early = Registration(
        event_id=event_id,
        user_id=second.user_id or 0,
        status="registered",
        created_at=clock.now - timedelta(days=1),
    )
    svc.session.add(early)  # before the survey: not a result of the targeted support
    await svc.session.commit()
    finished = await answer_all(svc, first, survey_id, {"exam_prep": "serious"})
    assert [o.title for o in finished.offers] == ["ОГЭ: разбор"]
    await answer_all(svc, second, survey_id, {"exam_prep": "serious"})
    clock.now += timedelta(hours=1)
    svc.session.add(
        Registration(
            event_id=event_id,
            user_id=first.user_id or 0,
            status="registered",
            created_at=clock.now,
            attended_at=clock.now + timedelta(days=3),
        )
    )
    await svc.session.commit()
    report = await svc.surveys.report(ADMIN, survey_id)
    support = {f.topic: f for f in report.support}
    assert (support["exam_prep"].serious, support["exam_prep"].registered) == (2, 1)
    assert support["exam_prep"].attended == 1
    assert await svc.surveys.my_offers(first) == finished.offers


async def test_demo_seed_fills_the_report_once(svc: Services) -> None:
    from bot.demo import seed_demo_data

    await seed_demo_data(svc)
    await seed_demo_data(svc)
    survey_id = await default_survey_id_in(svc)
    report = await svc.surveys.report(ADMIN, survey_id)
    # Every demo teacher (seven, two of them the young teachers of the mentoring group).
    assert report.respondents == report.audience == 7
    assert sum(share.answered for share in report.profile) == 7 * 11
