"""Reports on a small fixed network whose every figure is worked out by hand below.

The network (period: November 2026, Moscow time; "now" is 23 November):

    schools   S1 partner, no flags ("others")     teachers T1 T2 T3, parent P1, forgotten T9
              S2 partner, ШНРО                     teachers T4 T5
              S3 partner, ШНРО and ШФНСУ           teacher  T6
              S4 not a partner, no flags           teacher  T7
              no school                            teacher  T8

    events    E1 seminar, 5 Nov, ended        T1 came (5), T2 came, T4 no-show, T8 came,
                                              P1 came (4), T9 came, T5 waiting
              E2 methodological association, 1 Nov 00:30 local (31 Oct in UTC), finished
                                              T1 came, T6 came (3), T4 cancelled
              E3 webinar, 30 Nov, not yet     T3 and T7 registered
              E4 seminar, 20 Oct              T3 and T5 came (another month)
              E5 cancelled, 12 Nov            T4 marked as come (must not count)
              E6 1 Dec 00:30 local            T5 registered (another month)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from db.models import Event, Registration, School, User, UserRole
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import AccessDenied, InvalidInput
from services.events.types import EventStatus, EventType, RegStatus
from services.i18n import default_translator
from services.reports.indicators import IndicatorCategory, IndicatorKind, Ratio
from services.reports.period import (
    PeriodKind,
    ReportPeriod,
    current_period,
    from_ordinals,
    parse_custom,
    shift,
)
from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness, texts

# The refusal, which says whom to ask for the right.
DENIED = default_translator().get("ru", "error-access-denied")

NOVEMBER = ReportPeriod(PeriodKind.MONTH, date(2026, 11, 1), date(2026, 11, 30))
METHODIST_TG = 700_001
COORDINATOR_TG = 700_002
TEACHER_TG = 700_003

ALL = IndicatorCategory.ALL
LOW = IndicatorCategory.LOW_RESULTS
UNF = IndicatorCategory.UNFAVOURABLE
OTHER = IndicatorCategory.OTHER


@dataclass
class Network:
    schools: dict[str, int]
    users: dict[str, int]
    events: dict[str, int]


def _msk(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    # Moscow is UTC+3 all year.
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=3)


def _schools() -> dict[str, School]:
    return {
        "S1": School(name="Средняя школа № 1", short_name="СШ № 1"),
        "S2": School(name="Средняя школа № 2", short_name="СШ № 2", low_results=True),
        "S3": School(
            name="Любавичская СШ",
            short_name="Любавичская СШ",
            low_results=True,
            unfavourable_conditions=True,
        ),
        "S4": School(name="Гимназия", short_name="Гимназия", is_partner=False),
    }


def _people(schools: dict[str, School]) -> dict[str, User]:
    people = {
        "T1": ("S1", Role.TEACHER),
        "T2": ("S1", Role.TEACHER),
        "T3": ("S1", Role.TEACHER),
        "P1": ("S1", Role.PARENT),
        "T9": ("S1", Role.TEACHER),
        "T4": ("S2", Role.TEACHER),
        "T5": ("S2", Role.TEACHER),
        "T6": ("S3", Role.TEACHER),
        "T7": ("S4", Role.TEACHER),
        "T8": (None, Role.TEACHER),
        "M": (None, Role.METHODIST),
        "C": (None, Role.COORDINATOR),
        "TT": ("S2", Role.TEACHER),
    }
    telegram = {"M": METHODIST_TG, "C": COORDINATOR_TG, "TT": TEACHER_TG}
    users: dict[str, User] = {}
    for index, (code, (school, role)) in enumerate(people.items()):
        user = User(
            telegram_id=telegram.get(code, 500_000 + index),
            full_name=f"Человек {code}",
            school_id=schools[school].id if school else None,
            roles=[UserRole(role=role.value, school_id=schools["S2"].id if code == "C" else None)],
            subjects=[],
        )
        users[code] = user
    return users


def _event(
    title: str,
    start: datetime,
    type_: EventType,
    topic: str,
    status: EventStatus = EventStatus.PUBLISHED,
) -> Event:
    return Event(
        title=title,
        type=type_.value,
        topic=topic,
        format="in_person",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        audience="teachers",
        status=status.value,
    )


def _events() -> dict[str, Event]:
    return {
        "E1": _event("Семинар по ГИА", _msk(5, 11, 15), EventType.SEMINAR, "exam_prep"),
        "E2": _event(
            "МО учителей математики",
            _msk(1, 11, 0, 30),
            EventType.METHODOLOGICAL_ASSOCIATION,
            "assessment",
            EventStatus.FINISHED,
        ),
        "E3": _event("Вебинар", _msk(30, 11, 15), EventType.WEBINAR, "digital"),
        "E4": _event(
            "Октябрьский семинар",
            _msk(20, 10, 15),
            EventType.SEMINAR,
            "gifted",
            EventStatus.FINISHED,
        ),
        "E5": _event(
            "Отменённый",
            _msk(12, 11, 15),
            EventType.SEMINAR,
            "parents",
            EventStatus.CANCELLED,
        ),
        "E6": _event("Декабрьский", _msk(1, 12, 0, 30), EventType.WORKSHOP, "digital"),
    }


def _registrations(events: dict[str, Event], users: dict[str, User]) -> list[Registration]:
    def reg(
        e: str,
        u: str,
        status: RegStatus = RegStatus.REGISTERED,
        came: bool = False,
        score: int | None = None,
    ) -> Registration:
        start = events[e].starts_at
        return Registration(
            event_id=events[e].id,
            user_id=users[u].id,
            status=status.value,
            attended_at=start + timedelta(minutes=5) if came else None,
            feedback_score=score,
        )

    return [
        reg("E1", "T1", came=True, score=5),
        reg("E1", "T2", came=True),
        reg("E1", "T4"),
        reg("E1", "T8", came=True),
        reg("E1", "P1", came=True, score=4),
        reg("E1", "T9", came=True),
        reg("E1", "T5", RegStatus.WAITLISTED),
        reg("E2", "T1", came=True),
        reg("E2", "T6", came=True, score=3),
        reg("E2", "T4", RegStatus.CANCELLED),
        reg("E3", "T3"),
        reg("E3", "T7"),
        reg("E4", "T3", came=True),
        reg("E4", "T5", came=True),
        reg("E5", "T4", came=True),
        reg("E6", "T5"),
    ]


async def build_network(svc: Services) -> Network:
    session = svc.session
    schools = _schools()
    session.add_all(schools.values())
    await session.flush()
    users = _people(schools)
    session.add_all(users.values())
    await session.flush()
    # T9 asked to be forgotten; TT is a teacher of S2 who never registered anywhere.
    users["T9"].full_name = None
    users["T9"].telegram_id = None
    users["T9"].forgotten_at = _msk(20, 11, 12)
    events = _events()
    session.add_all(events.values())
    await session.flush()
    session.add_all(_registrations(events, users))
    await session.commit()
    return Network(
        {k: v.id for k, v in schools.items()},
        {k: v.id for k, v in users.items()},
        {k: v.id for k, v in events.items()},
    )


@pytest.fixture
async def network(svc: Services) -> Network:
    return await build_network(svc)


def methodist(net: Network) -> Actor:
    return Actor(METHODIST_TG, net.users["M"], "ru", frozenset({Role.METHODIST}))


def coordinator(net: Network) -> Actor:
    return Actor(
        COORDINATOR_TG, net.users["C"], "ru", frozenset({Role.COORDINATOR}), net.schools["S2"]
    )


# --- periods ----------------------------------------------------------------------------------


def test_periods_follow_the_calendar_and_the_school_year() -> None:
    day = date(2026, 11, 23)
    from services.reports.period import period_containing

    assert period_containing(PeriodKind.MONTH, day) == NOVEMBER
    quarter = period_containing(PeriodKind.QUARTER, day)
    assert (quarter.first, quarter.last) == (date(2026, 10, 1), date(2026, 12, 31))
    year = period_containing(PeriodKind.SCHOOL_YEAR, day)
    assert (year.first, year.last) == (date(2026, 9, 1), date(2027, 8, 31))
    spring = period_containing(PeriodKind.SCHOOL_YEAR, date(2027, 3, 1))
    assert spring == year
    assert shift(NOVEMBER, 1).last == date(2026, 12, 31)
    assert shift(shift(NOVEMBER, 1), 1).first == date(2027, 1, 1)
    assert shift(quarter, -1).first == date(2026, 7, 1)
    assert shift(year, -1).first == date(2025, 9, 1)


def test_period_boundaries_are_local_midnights_in_utc() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Moscow")
    assert NOVEMBER.start_utc(zone) == datetime(2026, 10, 31, 21, 0, tzinfo=UTC)
    assert NOVEMBER.end_utc(zone) == datetime(2026, 11, 30, 21, 0, tzinfo=UTC)
    now = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)  # already 1 December in Moscow
    assert current_period(PeriodKind.MONTH, now, zone).first == date(2026, 12, 1)


@pytest.mark.parametrize(
    "typed", ["01.09.2026–31.12.2026", "1.9.2026 - 31.12.2026", "01.09.2026 31.12.2026"]
)
def test_custom_dates_as_people_type_them(typed: str) -> None:
    period = parse_custom(typed)
    assert (period.first, period.last) == (date(2026, 9, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("сентябрь", "error-report-dates-format"),
        ("31.02.2026–01.03.2026", "error-report-dates-impossible"),
        ("31.12.2026–01.09.2026", "error-report-dates-order"),
        ("01.01.2000–01.01.2026", "error-report-dates-too-long"),
    ],
)
def test_wrong_custom_dates_say_what_is_wrong(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_custom(typed)
    assert caught.value.key == key


def test_a_tampered_period_in_a_button_is_refused() -> None:
    with pytest.raises(InvalidInput):
        from_ordinals(
            PeriodKind.MONTH, date(2026, 11, 2).toordinal(), date(2026, 11, 30).toordinal()
        )
    with pytest.raises(InvalidInput):
        from_ordinals(PeriodKind.CUSTOM, 10**9, 10**9 + 1)


# --- indicators -------------------------------------------------------------------------------


async def test_indicators_for_the_network_match_the_hand_count(
    svc: Services, network: Network
) -> None:
    indicators = {i.kind: i for i in await svc.reports.indicators(methodist(network), NOVEMBER)}
    # Partner schools S1 S2 S3; involved: S1 (T1, T2) and S3 (T6); S2's T4 only "came" to a
    # cancelled event. ШНРО: S2 S3; ШФНСУ: S3; others: S1 (S4 is no partner).
    schools = indicators[IndicatorKind.PARTNER_SCHOOLS]
    assert schools.values == {
        ALL: Ratio(2, 3),
        LOW: Ratio(1, 2),
        UNF: Ratio(1, 1),
        OTHER: Ratio(1, 1),
    }
    # Active teachers: T1 T2 T3 (S1), T4 T5 TT (S2), T6 (S3), T7 (S4), T8 = 9; T9 forgotten.
    # Came in November: T1, T2, T8 (E1) and T6 (E2).
    participated = indicators[IndicatorKind.TEACHERS_PARTICIPATED]
    assert participated.values == {
        ALL: Ratio(4, 9),
        LOW: Ratio(1, 4),  # T4 T5 TT T6
        UNF: Ratio(1, 1),  # T6
        OTHER: Ratio(2, 4),  # T1 T2 T3 T7
    }
    associations = indicators[IndicatorKind.TEACHERS_ASSOCIATIONS]
    assert associations.values == {
        ALL: Ratio(2, 9),
        LOW: Ratio(1, 4),
        UNF: Ratio(1, 1),
        OTHER: Ratio(1, 4),
    }
    assert participated.get(ALL).share == pytest.approx(4 / 9)


async def test_an_empty_period_shows_no_share_rather_than_zero(
    svc: Services, network: Network
) -> None:
    indicators = await svc.reports.indicators(
        methodist(network), ReportPeriod(PeriodKind.MONTH, date(2026, 6, 1), date(2026, 6, 30))
    )
    schools = next(i for i in indicators if i.kind == IndicatorKind.PARTNER_SCHOOLS)
    assert schools.get(ALL) == Ratio(0, 3)
    assert schools.get(ALL).share == 0
    assert Ratio(0, 0).share is None


async def test_a_coordinator_sees_only_their_school(svc: Services, network: Network) -> None:
    actor = coordinator(network)
    indicators = {i.kind: i for i in await svc.reports.indicators(actor, NOVEMBER)}
    # S2 (ШНРО): teachers T4, T5, TT; none of them came to a held November event.
    assert indicators[IndicatorKind.PARTNER_SCHOOLS].get(ALL) == Ratio(0, 1)
    assert indicators[IndicatorKind.TEACHERS_PARTICIPATED].values == {
        ALL: Ratio(0, 3),
        LOW: Ratio(0, 3),
        UNF: Ratio(0, 0),
        OTHER: Ratio(0, 0),
    }
    dashboard = await svc.reports.dashboard(actor, NOVEMBER)
    assert dashboard.scope.school_name == "СШ № 2"
    assert dashboard.people_by_role == {Role.TEACHER: 3}
    assert [s.short_name for s in dashboard.schools] == ["СШ № 2"]
    assert dashboard.events_held == 1  # E1: T4 registered, T5 waiting
    attendance = dashboard.attendance
    assert (attendance.registered, attendance.waitlisted, attendance.attended) == (1, 1, 0)
    assert attendance.no_shows == 1
    data = await svc.reports.report_data(actor, NOVEMBER)
    assert [e.event_id for e in data.events] == [network.events["E1"]]
    assert data.events[0].registered == 1  # only T4: S1's five people are not shown
    assert {p.user_id for p in data.participants} == {network.users["T4"]}


@pytest.mark.parametrize("role", [Role.TEACHER, Role.PARENT, Role.PSYCHOLOGIST])
async def test_people_without_report_rights_are_refused(
    svc: Services, network: Network, role: Role
) -> None:
    actor = Actor(TEACHER_TG, network.users["TT"], "ru", frozenset({role}))
    with pytest.raises(AccessDenied):
        await svc.reports.dashboard(actor, NOVEMBER)
    with pytest.raises(AccessDenied):
        await svc.reports.report_data(actor, NOVEMBER)


async def test_a_coordinator_without_a_school_is_told_why(svc: Services, network: Network) -> None:
    actor = Actor(COORDINATOR_TG, network.users["C"], "ru", frozenset({Role.COORDINATOR}))
    with pytest.raises(AccessDenied) as caught:
        await svc.reports.dashboard(actor, NOVEMBER)
    assert caught.value.key == "error-report-no-school"


# --- dashboard --------------------------------------------------------------------------------


async def test_dashboard_counts_for_the_network(svc: Services, network: Network) -> None:
    dashboard = await svc.reports.dashboard(methodist(network), NOVEMBER)
    assert dashboard.people_by_role == {
        Role.TEACHER: 9,
        Role.PARENT: 1,
        Role.METHODIST: 1,
        Role.COORDINATOR: 1,
    }
    by_school = {s.short_name: (s.teachers, s.parents) for s in dashboard.schools}
    assert by_school == {
        "СШ № 1": (3, 1),
        "СШ № 2": (3, 0),
        "Любавичская СШ": (1, 0),
        "Гимназия": (1, 0),
    }
    assert dashboard.events_held == 3  # E1 E2 E3; E4 October, E5 cancelled, E6 December
    assert dashboard.events_by_type == {
        EventType.SEMINAR: 1,
        EventType.METHODOLOGICAL_ASSOCIATION: 1,
        EventType.WEBINAR: 1,
    }
    attendance = dashboard.attendance
    # Confirmed: E1 six (T1 T2 T4 T8 P1 T9), E2 two (T1 T6), E3 two (not yet held).
    assert attendance.registered == 10
    assert attendance.waitlisted == 1
    assert attendance.due == 8
    assert attendance.attended == 7
    assert attendance.no_shows == 1
    assert attendance.rate == pytest.approx(7 / 8)
    assert attendance.feedback_average == pytest.approx(4.0)
    assert attendance.feedback_count == 3


async def test_export_rows_per_event_and_per_person(svc: Services, network: Network) -> None:
    data = await svc.reports.report_data(methodist(network), NOVEMBER)
    assert [e.event_id for e in data.events] == [
        network.events["E2"],
        network.events["E1"],
        network.events["E3"],
    ]
    e1 = data.events[1]
    assert (e1.registered, e1.waitlisted, e1.attended, e1.no_shows) == (6, 1, 5, 1)
    assert e1.feedback_average == pytest.approx(4.5)
    people = {p.user_id: p for p in data.participants}
    assert set(people) == {
        network.users[c] for c in ("T1", "T2", "T3", "T4", "T6", "T7", "T8", "T9", "P1")
    }
    t1 = people[network.users["T1"]]
    assert (t1.registered, t1.attended, t1.no_shows, t1.associations) == (2, 2, 0, 1)
    assert people[network.users["T4"]].no_shows == 1
    assert people[network.users["T9"]].full_name is None
    assert people[network.users["T6"]].category == (LOW, UNF)
    # The summary sheet's totals, taken from these per-event rows, equal the dashboard's.
    dashboard = await svc.reports.dashboard(methodist(network), NOVEMBER)
    assert data.dashboard.attendance == dashboard.attendance
    charts = await svc.reports.chart_data(methodist(network), NOVEMBER)
    november = next(m for m in charts.months if m.month == date(2026, 11, 1))
    october = next(m for m in charts.months if m.month == date(2026, 10, 1))
    assert (november.registered, november.attended) == (10, 7)
    assert (october.registered, october.attended) == (2, 2)
    assert len(charts.months) == 6


# --- through the chat -------------------------------------------------------------------------


async def test_stats_in_the_chat_for_an_admin(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    await harness.staff_ready(ADMIN_ID)
    reply = texts(await harness.send(ADMIN_ID, "/stats"))[0]
    assert "Отчёт за 01.11.2026 – 30.11.2026" in reply
    assert "педагог: 9" in reply
    assert "СШ № 1: 3 педагога, 1 родитель" in reply
    assert "проведено 3" in reply
    assert "Пришли: 7 из 8 (87,5 %)" in reply
    assert "Средняя оценка: 4 из 5 (3 оценки)" in reply

    await harness.press(ADMIN_ID, "Показатели")
    shown = harness.last_text(ADMIN_ID)
    assert "Доля школ-партнёров" in shown
    assert "вся сеть: 66,7 % (2 из 3)" in shown
    assert "ШНРО: 25 % (1 из 4)" in shown

    await harness.press(ADMIN_ID, "Раньше")
    assert "01.10.2026 – 31.10.2026" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Учебный год")
    assert "01.09.2026 – 31.08.2027" in harness.last_text(ADMIN_ID)


async def test_custom_dates_step_validates_and_allows_cancel(harness: BotHarness) -> None:
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/stats")
    await harness.press(ADMIN_ID, "Свои даты")
    assert "дд.мм.гггг" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "31.12.2026–01.09.2026")
    assert "Конец периода раньше начала" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "01.09.2026–31.12.2026")
    assert "Отчёт за 01.09.2026 – 31.12.2026" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Свои даты")
    await harness.send(ADMIN_ID, "/cancel")
    assert "отменено" in harness.last_text(ADMIN_ID)


async def test_a_coordinator_in_the_chat_never_sees_another_school(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    reply = texts(await harness.send(COORDINATOR_TG, "/stats"))[0]
    assert "Школа: СШ № 2" in reply
    assert "СШ № 1" not in reply and "Любавичская" not in reply
    assert "педагог: 3" in reply
    await harness.press(COORDINATOR_TG, "Показатели")
    shown = harness.last_text(COORDINATOR_TG)
    assert "школа: 0 % (0 из 3)" in shown
    assert "ШФНСУ" not in shown and "вся сеть" not in shown


async def test_a_teacher_is_refused_in_the_chat(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    reply = texts(await harness.send(TEACHER_TG, "/stats"))
    assert reply == [DENIED]
    reply = texts(await harness.send(TEACHER_TG, "/export"))
    assert reply == [DENIED]


async def test_the_menu_button_opens_the_reports(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    await harness.send(METHODIST_TG, "/menu")
    assert "📊 Отчёты" in harness.reply_keyboard(METHODIST_TG)
    reply = texts(await harness.send(METHODIST_TG, "📊 Отчёты"))[0]
    assert "Отчёт за 01.11.2026 – 30.11.2026" in reply


async def test_pressing_the_period_already_shown_stays_quiet(harness: BotHarness) -> None:
    from aiogram.exceptions import TelegramBadRequest
    from aiogram.methods import EditMessageText

    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/stats")
    harness.api.responders.append(
        lambda method: (
            TelegramBadRequest(method, "Bad Request: message is not modified")
            if isinstance(method, EditMessageText)
            else None
        )
    )
    replies = texts(await harness.press(ADMIN_ID, "Месяц"))
    assert not any("пошло не так" in reply for reply in replies)
