"""Survey figures in the reports, on the fixed network of test_reports plus the diagnostics.

The diagnostics (installed by the migration) was launched on 1 October and invited T1, T2,
T4 and T6. Completed questionnaires:

    T1  10 Oct  parents: serious        (superseded by the next one)
    T1   3 Nov  exam_prep: serious, assessment: some
    T4   2 Nov  digital: serious
    T6  15 Oct  assessment: serious     (before the period, still T6's latest)
    TT   4 Nov  gifted: some            (answered without an invitation)
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import OutboxMessage, Survey, SurveyAnswer, SurveyParticipation, SurveyResponse
from services.container import Services
from services.enums import Topic
from services.i18n import default_translator
from services.reports.charts import ChartKind, available, draw
from services.reports.export import build_workbook
from services.reports.indicators import IndicatorCategory, IndicatorKind, Ratio
from services.surveys.install import DEFAULT_SURVEY_CODE
from tests.conftest import ADMIN_ID
from tests.reports.test_reports import (
    NOVEMBER,
    Network,
    _msk,
    build_network,
    coordinator,
    methodist,
)
from tests.support.harness import BotHarness, texts

ALL = IndicatorCategory.ALL
LOW = IndicatorCategory.LOW_RESULTS
UNF = IndicatorCategory.UNFAVOURABLE
OTHER = IndicatorCategory.OTHER


async def add_diagnostics(svc: Services, net: Network) -> int:
    session = svc.session
    survey = (
        await session.execute(select(Survey).where(Survey.code == DEFAULT_SURVEY_CODE))
    ).scalar_one()
    survey.launched_at = _msk(1, 10, 10)
    survey.status = "open"
    for code in ("T1", "T2", "T4", "T6"):
        session.add(
            OutboxMessage(
                user_id=net.users[code],
                kind="survey_invite",
                template="survey-invite",
                due_at=_msk(1, 10, 10),
                state="sent",
                ref_type="survey",
                ref_id=survey.id,
            )
        )

    def answered(code: str, when: datetime, answers: dict[str, str]) -> None:
        response = SurveyResponse(
            survey_id=survey.id,
            wave=1,
            user_id=net.users[code],
            completed_at=when,
        )
        session.add(response)
        session.add(
            SurveyParticipation(
                survey_id=survey.id, user_id=net.users[code], wave=1, completed_at=when
            )
        )
        responses.append((response, answers))

    responses: list[tuple[SurveyResponse, dict[str, str]]] = []
    answered("T1", _msk(3, 11, 12), {"exam_prep": "serious", "assessment": "some"})
    answered("T4", _msk(2, 11, 12), {"digital": "serious"})
    answered("T6", _msk(15, 10, 12), {"assessment": "serious"})
    answered("TT", _msk(4, 11, 12), {"gifted": "some"})
    await session.flush()
    # An earlier questionnaire of T1's in another wave: only the latest one counts.
    earlier = SurveyResponse(
        survey_id=survey.id, wave=0, user_id=net.users["T1"], completed_at=_msk(10, 10, 12)
    )
    session.add(earlier)
    responses.append((earlier, {"parents": "serious"}))
    await session.flush()
    for response, answers in responses:
        for question, value in answers.items():
            session.add(SurveyAnswer(response_id=response.id, question=question, value=value))
    await session.commit()
    return survey.id


async def _school_ids(svc: Services, net: Network) -> None:
    # Responses carry the school of the person, as the surveys service stores them.
    from db.models import User

    for response in (await svc.session.execute(select(SurveyResponse))).scalars():
        user = await svc.session.get(User, response.user_id)
        response.school_id = user.school_id if user else None
    await svc.session.commit()


@pytest.fixture
async def surveyed(svc: Services) -> Network:
    net = await build_network(svc)
    await add_diagnostics(svc, net)
    await _school_ids(svc, net)
    return net


async def test_diagnostics_indicators_match_the_hand_count(
    svc: Services, surveyed: Network
) -> None:
    indicators = {i.kind: i for i in await svc.reports.indicators(methodist(surveyed), NOVEMBER)}
    # Diagnosed in November: T1, T4, TT. Teachers: 9 (ШНРО: T4 T5 TT T6; others: T1 T2 T3 T7).
    assert indicators[IndicatorKind.TEACHERS_DIAGNOSED].values == {
        ALL: Ratio(3, 9),
        LOW: Ratio(2, 4),
        UNF: Ratio(0, 1),
        OTHER: Ratio(1, 4),
    }
    # Risk group: T1 (exam_prep), T4 (digital), T6 (assessment, from October). Supported:
    # T1 came to E1 (exam_prep), T6 to E2 (assessment); T4's only "visit" was cancelled.
    assert indicators[IndicatorKind.RISK_SUPPORTED].values == {
        ALL: Ratio(2, 3),
        LOW: Ratio(1, 2),
        UNF: Ratio(1, 1),
        OTHER: Ratio(1, 1),
    }


async def test_survey_rates_and_difficulties(svc: Services, surveyed: Network) -> None:
    data = await svc.reports.report_data(methodist(surveyed), NOVEMBER)
    (rate,) = data.dashboard.surveys
    assert (rate.invited, rate.responded, rate.completed_in_period) == (4, 3, 3)
    assert rate.rate == pytest.approx(0.75)
    top = [(d.topic, d.answered, d.some, d.serious) for d in data.difficulties[:4]]
    assert top == [
        (Topic.DIGITAL, 1, 0, 1),
        (Topic.EXAM_PREP, 1, 0, 1),
        (Topic.ASSESSMENT, 1, 1, 0),
        (Topic.GIFTED, 1, 1, 0),
    ]
    assert all(d.answered == 0 for d in data.difficulties[4:])

    t = default_translator().bind("ru")
    wb = load_workbook(io.BytesIO(build_workbook(data, t, svc.policy.timezone)))
    surveys = list(wb["Опросы"].iter_rows(min_row=2, values_only=True))
    assert surveys[0][0] == "Диагностика профессиональных затруднений педагогов"
    assert surveys[0][2] == datetime(2026, 10, 1, 10, 0)
    assert surveys[0][4:8] == (4, 3, 0.75, 3)
    difficulties = list(wb["Затруднения педагогов"].iter_rows(min_row=2, values_only=True))
    assert difficulties[0] == ("цифровые и дистанционные инструменты", 1, 0, 1, 1.0)
    assert available(data)[-1] == ChartKind.DIFFICULTIES
    assert draw(ChartKind.DIFFICULTIES, data, t).startswith(b"\x89PNG")


async def test_a_coordinator_sees_their_school_survey_figures(
    svc: Services, surveyed: Network
) -> None:
    data = await svc.reports.report_data(coordinator(surveyed), NOVEMBER)
    (rate,) = data.dashboard.surveys
    # S2: T4 invited and answered; TT answered without an invitation.
    assert (rate.invited, rate.responded, rate.completed_in_period) == (1, 1, 2)
    answered = {d.topic: (d.some, d.serious) for d in data.difficulties if d.answered}
    assert answered == {Topic.DIGITAL: (0, 1), Topic.GIFTED: (1, 0)}
    indicators = {i.kind: i for i in data.indicators}
    assert indicators[IndicatorKind.TEACHERS_DIAGNOSED].get(ALL) == Ratio(2, 3)
    assert indicators[IndicatorKind.RISK_SUPPORTED].get(ALL) == Ratio(0, 1)


async def test_survey_line_on_the_dashboard(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        svc = Services(session, harness.policy, harness.clock)
        net = await build_network(svc)
        await add_diagnostics(svc, net)
    await harness.staff_ready(ADMIN_ID)
    reply = texts(await harness.send(ADMIN_ID, "/stats"))[0]
    assert "Диагностика профессиональных затруднений педагогов: ответили 3 из 4 (75 %)" in reply


@pytest.mark.postgres
async def test_the_same_figures_on_postgresql(pg_database: Any, policy: Any, clock: Any) -> None:
    async with pg_database.session_factory() as session:
        svc = Services(session, policy, clock)
        net = await build_network(svc)
        await add_diagnostics(svc, net)
        await _school_ids(svc, net)
        data = await svc.reports.report_data(methodist(net), NOVEMBER)
        indicators = {i.kind: i for i in data.indicators}
        assert indicators[IndicatorKind.PARTNER_SCHOOLS].get(ALL) == Ratio(2, 3)
        assert indicators[IndicatorKind.TEACHERS_PARTICIPATED].get(LOW) == Ratio(1, 4)
        assert indicators[IndicatorKind.TEACHERS_DIAGNOSED].get(ALL) == Ratio(3, 9)
        assert indicators[IndicatorKind.RISK_SUPPORTED].values == {
            ALL: Ratio(2, 3),
            LOW: Ratio(1, 2),
            UNF: Ratio(1, 1),
            OTHER: Ratio(1, 1),
        }
        assert data.dashboard.attendance.due == 8
        assert data.difficulties[0].topic == Topic.DIGITAL
        assert len(data.participants) == 9
        scoped = await svc.reports.report_data(coordinator(net), NOVEMBER)
        assert {p.user_id for p in scoped.participants} == {net.users["T4"]}
