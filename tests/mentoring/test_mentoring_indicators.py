"""The mentoring indicators of /stats, /export and `python -m bot report`, against figures
counted by hand on a small network (November 2026, the clock on the 23rd)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.factory import Database
from db.enums import Role
from handlers.reports.render import render_meetings
from services.container import Services
from services.i18n import default_translator
from services.mentoring.types import Level, MeetingFormat
from services.reports.export import meetings_table
from services.reports.indicators import Indicator, IndicatorCategory, IndicatorKind, Ratio
from services.reports.period import PeriodKind
from tests.mentoring.support import Person, add_person, add_school, diagnose
from tests.support.harness import Clock

ALL, LOW, UNF, OTHER = (
    IndicatorCategory.ALL,
    IndicatorCategory.LOW_RESULTS,
    IndicatorCategory.UNFAVOURABLE,
    IndicatorCategory.OTHER,
)


async def _pair(svc: Services, methodist: Person, mentee: Person, mentor: Person) -> int:
    pair = await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
    await svc.mentoring.accept(mentor.actor(), pair)
    await svc.mentoring.accept(mentee.actor(), pair)
    return pair


async def _network(database: Database, svc: Services) -> None:
    low = await add_school(database, "ШНРО", low=True)
    unf = await add_school(database, "ШФНСУ", unfav=True)
    other = await add_school(database, "Прочая", partner=True)
    methodist = await add_person(database, 1, role=Role.METHODIST)
    mentors = [
        await add_person(database, 10 + i, school_id=other, experience="20plus") for i in range(3)
    ]
    young_low = [
        await add_person(database, 100 + i, school_id=low, experience="lt3") for i in range(5)
    ]
    young_other = [
        await add_person(database, 110 + i, school_id=other, experience="lt3") for i in range(2)
    ]
    risk_unf = [
        await add_person(database, 120 + i, school_id=unf, experience="10-20") for i in range(6)
    ]
    for person in risk_unf:
        await diagnose(database, person.user_id, {"assessment": Level.SERIOUS.value})
    low_pairs = [
        await _pair(svc, methodist, m, mentors[i % 3]) for i, m in enumerate(young_low[:3])
    ]
    await _pair(svc, methodist, young_other[0], mentors[0])
    risk_pairs = [
        await _pair(svc, methodist, m, mentors[1 + i]) for i, m in enumerate(risk_unf[:2])
    ]

    # Two steps confirmed in one pair, one meeting in another.
    view = await svc.mentoring.mentorship(methodist.actor(), low_pairs[0])
    mentor0 = mentors[0]
    for step in view.steps[:2]:
        await svc.mentoring.confirm_step(mentor0.actor(), step.id)
    await svc.mentoring.log_meeting(
        mentors[1].actor(),
        low_pairs[1],
        svc.clock(),
        MeetingFormat.ONLINE,
        None,
    )
    # One risk pair finishes (difficulty down to "some"), the other ends early (still serious).
    await svc.mentoring.finish(methodist.actor(), risk_pairs[0])
    await svc.mentoring.self_assess(risk_unf[0].actor(), risk_pairs[0], "assessment", Level.SOME)
    await svc.mentoring.finish(methodist.actor(), risk_pairs[1], "Переезд в другой район")
    await svc.mentoring.self_assess(
        risk_unf[1].actor(), risk_pairs[1], "assessment", Level.SERIOUS
    )


def _figure(indicators: list[Indicator], kind: IndicatorKind) -> dict[IndicatorCategory, Ratio]:
    return next(i for i in indicators if i.kind == kind).values


async def test_the_indicators_match_a_count_by_hand(database: Database, svc: Services) -> None:
    await _network(database, svc)
    admin = Person(999, 0, frozenset({Role.ADMIN})).actor()
    found = await svc.reports.indicators(admin, svc.reports.default_period())

    young = _figure(found, IndicatorKind.MENTORING_YOUNG)
    assert young[ALL] == Ratio(4, 7)  # 3 of 5 in the ШНРО school, 1 of 2 elsewhere
    assert young[LOW] == Ratio(3, 5)
    assert young[OTHER] == Ratio(1, 2, hidden=True)  # two people: not shown on its own
    assert young[UNF] == Ratio(0, 0)
    risk = _figure(found, IndicatorKind.MENTORING_RISK)
    # Six "risk group" teachers; two had mentors, and both pairings have ended.
    assert risk[ALL] == Ratio(0, 6) and risk[UNF] == Ratio(0, 6)
    assert _figure(found, IndicatorKind.MENTORING_STARTED)[ALL] == Ratio(6, 6)
    assert _figure(found, IndicatorKind.MENTORING_ACTIVE)[ALL] == Ratio(4, 6)
    assert _figure(found, IndicatorKind.MENTORING_FINISHED)[ALL] == Ratio(1, 2)
    assert _figure(found, IndicatorKind.MENTORING_ENDED_EARLY)[ALL] == Ratio(1, 2)
    assert _figure(found, IndicatorKind.MENTORING_ENDED_EARLY)[UNF] == Ratio(1, 2, hidden=True)
    # Five template steps per pair (one goal topic or none): 2 confirmed of 30.
    plan = _figure(found, IndicatorKind.MENTORING_PLAN_DONE)
    assert plan[ALL] == Ratio(2, 30)
    assert plan[LOW] == Ratio(2, 15)
    assert _figure(found, IndicatorKind.MENTORING_MET)[ALL] == Ratio(1, 6)
    # Of the two assessed topics, one went from "serious" to "some".
    assert _figure(found, IndicatorKind.MENTORING_IMPROVED)[ALL] == Ratio(1, 2)


async def test_meetings_per_pair_per_month_match_a_count_by_hand(
    database: Database, svc: Services, clock: Clock
) -> None:
    """A quarter (October to December 2026, the clock on 23 November): five ШНРО pairs and
    two others; October and November counted, December not come yet."""
    low = await add_school(database, "ШНРО", low=True)
    other = await add_school(database, "Прочая")
    methodist = await add_person(database, 1, role=Role.METHODIST)
    mentors = [await add_person(database, 10 + i, experience="20plus") for i in range(3)]
    lows = [await add_person(database, 100 + i, school_id=low, experience="lt3") for i in range(5)]
    others = [
        await add_person(database, 110 + i, school_id=other, experience="lt3") for i in range(2)
    ]

    async def meet(pair: int, mentor: Person, times: int = 1) -> None:
        for _ in range(times):
            await svc.mentoring.log_meeting(
                mentor.actor(), pair, svc.clock(), MeetingFormat.ONLINE, None
            )

    now = clock.now
    clock.now = datetime(2026, 10, 10, 9, 0, tzinfo=UTC)
    p = [await _pair(svc, methodist, m, mentors[i % 3]) for i, m in enumerate(lows)]
    o1 = await _pair(svc, methodist, others[0], mentors[2])
    clock.now = datetime(2026, 10, 15, 9, 0, tzinfo=UTC)
    await meet(p[0], mentors[0])
    await meet(p[1], mentors[1])
    await meet(o1, mentors[2])
    clock.now = datetime(2026, 11, 5, 9, 0, tzinfo=UTC)
    await svc.mentoring.finish(methodist.actor(), p[0], "Переезд")  # worked in November too
    o2 = await _pair(svc, methodist, others[1], mentors[0])
    clock.now = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    await meet(p[1], mentors[1], times=2)
    await meet(p[2], mentors[2])
    await meet(o2, mentors[0])
    # Planned for the 30th: not held yet, so not counted.
    await svc.mentoring.log_meeting(
        mentors[0].actor(),
        p[3],
        datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        MeetingFormat.ONLINE,
        None,
    )
    clock.now = now

    admin = Person(999, 0, frozenset({Role.ADMIN})).actor()
    quarter = svc.reports.default_period(PeriodKind.QUARTER)
    october, november, total = await svc.reports.meetings(admin, quarter)
    assert (october.month, november.month, total.month) == (
        date(2026, 10, 1),
        date(2026, 11, 1),
        None,
    )
    # October: five ШНРО pairs met twice; one other pair once (a group of one: hidden).
    assert october.get(LOW) == Ratio(2, 5)
    assert october.get(OTHER) == Ratio(1, 1, hidden=True)
    assert october.get(ALL) == Ratio(3, 6)
    # November: the ended pair still worked; three ШНРО meetings, one other.
    assert november.get(LOW) == Ratio(3, 5)
    assert november.get(OTHER) == Ratio(1, 2, hidden=True)
    assert november.get(ALL) == Ratio(4, 7)
    # The quarter: meetings over pair-months; a category of fewer than 5 pairs hidden.
    assert total.get(LOW) == Ratio(5, 10)
    assert total.get(OTHER) == Ratio(2, 3, hidden=True)
    assert total.get(ALL) == Ratio(7, 13)
    assert total.get(UNF) == Ratio(0, 0)

    t = default_translator().bind("ru")
    shown = "\n".join(render_meetings([october, november, total], None, t))
    assert "вся сеть: 0,5 (7 / 13)" in shown
    assert "ШНРО: 0,5 (5 / 10)" in shown
    assert "остальные: скрыто (меньше 5 пар)" in shown
    assert "По месяцам (вся сеть): 10.2026 — 0,5; 11.2026 — 0,6" in shown
    data = await svc.reports.report_data(admin, quarter)
    sheet = meetings_table(data, t)
    assert sheet.rows[0] == ["10.2026", "вся сеть", 3, 6, 0.5]
    assert ["за период", "остальные", "—", "—", "—"] in sheet.rows
