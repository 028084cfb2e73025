"""Reports at the size of a large municipality: times /stats, the indicators and /export.

    .venv/bin/python -m bench.reports [--people 20000 --events 1000 --registrations 100000
                                       --responses 10000]

Builds a throw-away SQLite database (bulk Core inserts), then measures, for a whole school
year: the dashboard of /stats, the indicators screen, the export (data + XLSX workbook) and a
coordinator's export; then the peak Python memory of an export (tracemalloc, a separate run,
since tracing slows everything down) and the peak resident size of a fresh process that does
nothing but one export (the building process keeps its own garbage).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, select, update

from bot.factory import Database
from db import migrate
from db.enums import Role, Topic
from db.models import (
    Event,
    OutboxMessage,
    Registration,
    School,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    User,
    UserRole,
)
from services.container import Services
from services.context import Actor, Policy
from services.events.types import EventStatus, EventType, RegStatus
from services.i18n import default_translator
from services.reports.export import build_workbook
from services.reports.period import PeriodKind, ReportPeriod, period_containing
from services.surveys.analytics import topic_questions
from services.surveys.install import DEFAULT_SURVEY_CODE

T = TypeVar("T")

GOAL_STATS_S = 1.0
GOAL_EXPORT_S = 10.0
GOAL_MEMORY_MB = 300.0
SCHOOLS = 60
YEAR_START = datetime(2025, 9, 1, 6, 0, tzinfo=UTC)
NOW = datetime(2026, 8, 31, 12, 0, tzinfo=UTC)
CHUNK = 5_000


async def _bulk(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(model), rows[start : start + CHUNK])


def _school_rows() -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "name": f"Школа № {i}",
            "short_name": f"СШ {i}",
            "low_results": i % 5 == 0,
            "unfavourable_conditions": i % 7 == 0,
            "is_partner": i % 10 != 0,
            "created_at": YEAR_START,
        }
        for i in range(1, SCHOOLS + 1)
    ]


async def _people(
    session: Any, rng: random.Random, count: int
) -> tuple[list[int], dict[int, int | None]]:
    """Inserts the people; returns the teachers' ids and everyone's school."""
    users, roles = [], []
    teachers: list[int] = []
    school_of: dict[int, int | None] = {}
    for uid in range(1, count + 1):
        share = rng.random()
        role = Role.TEACHER if share < 0.85 else Role.PARENT if share < 0.98 else Role.PSYCHOLOGIST
        school = rng.randint(1, SCHOOLS) if rng.random() > 0.03 else None
        school_of[uid] = school
        users.append(
            {
                "id": uid,
                "telegram_id": 10_000_000 + uid,
                "full_name": f"Педагог {uid}",
                "school_id": school,
                "locale": "ru",
                "is_reachable": True,
                "created_at": YEAR_START,
                "updated_at": YEAR_START,
            }
        )
        roles.append({"user_id": uid, "role": role.value, "granted_at": YEAR_START})
        if role == Role.TEACHER:
            teachers.append(uid)
    await _bulk(session, User, users)
    await _bulk(session, UserRole, roles)
    return teachers, school_of


def _event_rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    events = []
    types, topics = list(EventType), list(Topic)
    for eid in range(1, count + 1):
        start = YEAR_START + timedelta(minutes=rng.randint(0, 364 * 24 * 60))
        events.append(
            {
                "id": eid,
                "title": f"Мероприятие {eid}",
                "type": rng.choice(types).value,
                "topic": rng.choice(topics).value,
                "format": "in_person",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "audience": "teachers",
                "status": EventStatus.FINISHED.value,
                "seats_taken": 0,
                "subjects": "",
                "school_ids": "",
                "description": "",
                "created_at": YEAR_START,
                "updated_at": YEAR_START,
            }
        )
    return events


def _registration_rows(rng: random.Random, args: argparse.Namespace) -> list[dict[str, Any]]:
    pairs: set[tuple[int, int]] = set()
    people = list(range(1, args.people + 1))
    while len(pairs) < args.registrations:
        pairs.add((rng.randint(1, args.events), rng.choice(people)))
    registrations = []
    for event_id, user_id in pairs:
        status = rng.choices(
            (RegStatus.REGISTERED, RegStatus.WAITLISTED, RegStatus.CANCELLED), (85, 5, 10)
        )[0]
        came = status == RegStatus.REGISTERED and rng.random() < 0.75
        registrations.append(
            {
                "event_id": event_id,
                "user_id": user_id,
                "status": status.value,
                "queued_at": YEAR_START,
                "attended_at": YEAR_START if came else None,
                "feedback_score": rng.randint(3, 5) if came and rng.random() < 0.4 else None,
                "created_at": YEAR_START,
            }
        )
    return registrations


def _invite_rows(survey_id: int, invited: set[int]) -> list[dict[str, Any]]:
    return [
        {
            "user_id": uid,
            "kind": "survey_invite",
            "priority": 9,
            "urgent": False,
            "due_at": YEAR_START,
            "state": "sent",
            "attempts": 1,
            "ref_type": "survey",
            "ref_id": survey_id,
            "template": "survey-invite",
            "args": {},
            "buttons": [],
            "created_at": YEAR_START,
        }
        for uid in invited
    ]


async def _responses(
    session: Any,
    rng: random.Random,
    survey_id: int,
    questions: list[str],
    respondents: list[int],
    school_of: dict[int, int | None],
) -> None:
    responses, participations, answers = [], [], []
    for rid, uid in enumerate(respondents, start=1):
        done = YEAR_START + timedelta(days=rng.randint(0, 300))
        responses.append(
            {
                "id": rid,
                "survey_id": survey_id,
                "wave": 1,
                "user_id": uid,
                "position": len(questions),
                "completed_at": done,
                "school_id": school_of[uid],
                "subjects": "",
                "created_at": done,
            }
        )
        participations.append(
            {
                "survey_id": survey_id,
                "user_id": uid,
                "wave": 1,
                "completed_at": done,
                "created_at": done,
            }
        )
        for qid in questions:
            level = rng.choices(("none", "some", "serious"), (55, 30, 15))[0]
            answers.append({"response_id": rid, "question": qid, "value": level})
    await _bulk(session, SurveyResponse, responses)
    await _bulk(session, SurveyParticipation, participations)
    await _bulk(session, SurveyAnswer, answers)


async def _survey(
    session: Any,
    rng: random.Random,
    teachers: list[int],
    school_of: dict[int, int | None],
    args: argparse.Namespace,
) -> None:
    """The default survey, launched at the start of the year, sent to many and answered."""
    survey_id, definition = (
        await session.execute(
            select(Survey.id, Survey.definition).where(Survey.code == DEFAULT_SURVEY_CODE)
        )
    ).one()
    questions = [qid for qid, _ in topic_questions(definition)]
    await session.execute(
        update(Survey).where(Survey.id == survey_id).values(status="open", launched_at=YEAR_START)
    )
    respondents = rng.sample(teachers, min(args.responses, len(teachers)))
    invited = set(respondents) | set(rng.sample(teachers, min(len(teachers), 15_000)))
    await _bulk(session, OutboxMessage, _invite_rows(survey_id, invited))
    await _responses(session, rng, survey_id, questions, respondents, school_of)


async def build(database: Database, args: argparse.Namespace) -> int:
    """Fills the database; returns a school id for the coordinator's run."""
    rng = random.Random(7)
    async with database.session_factory() as session:
        await _bulk(session, School, _school_rows())
        teachers, school_of = await _people(session, rng, args.people)
        await _bulk(session, Event, _event_rows(rng, args.events))
        await _bulk(session, Registration, _registration_rows(rng, args))
        await _survey(session, rng, teachers, school_of, args)
        await session.commit()
    return 5  # a ШНРО school


async def timed(label: str, work: Callable[[], Awaitable[T]], goal: float | None) -> T:
    # CPU time of the whole process (SQLite runs in aiosqlite's thread) beside the wall time:
    # on a shared, loaded machine the wall time mostly measures the neighbours.
    started, cpu = time.perf_counter(), time.process_time()
    result = await work()
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    verdict = "" if goal is None else ("OK" if elapsed < goal else "OVER GOAL")
    limit = "" if goal is None else f"goal < {goal:.0f} s"
    print(f"{label:<44} {elapsed:7.3f} s wall {used:7.3f} s CPU  {limit} {verdict}")
    return result


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        database = Database.from_url(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(database.engine)
        started = time.perf_counter()
        school = await build(database, args)
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        print(
            f"database: {args.people} people, {args.events} events, "
            f"{args.registrations} registrations, {args.responses} survey responses "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        policy = Policy()
        t = default_translator().bind("ru")
        year = period_containing(PeriodKind.SCHOOL_YEAR, date(2025, 10, 1))
        month = ReportPeriod(PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31))
        staff = Actor(1, None, "ru", frozenset({Role.METHODIST}))
        coordinator = Actor(2, None, "ru", frozenset({Role.COORDINATOR}), school)

        async def export(actor: Actor) -> bytes:
            async with database.session_factory() as session:
                svc = Services(session, policy, lambda: NOW)
                data = await svc.reports.report_data(actor, year)
            return await asyncio.to_thread(build_workbook, data, t, policy.timezone)

        async def call(actor: Actor, period: ReportPeriod, what: str) -> Any:
            async with database.session_factory() as session:
                svc = Services(session, policy, lambda: NOW)
                if what == "dashboard":
                    return await svc.reports.dashboard(actor, period)
                return await svc.reports.indicators(actor, period)

        await timed(
            "/stats dashboard, school year", lambda: call(staff, year, "dashboard"), GOAL_STATS_S
        )
        await timed(
            "/stats dashboard, one month", lambda: call(staff, month, "dashboard"), GOAL_STATS_S
        )
        await timed(
            "indicators screen, school year", lambda: call(staff, year, "ind"), GOAL_STATS_S
        )
        await timed(
            "/stats dashboard, coordinator",
            lambda: call(coordinator, year, "dashboard"),
            GOAL_STATS_S,
        )
        workbook = await timed(
            "/export XLSX, school year (all sheets)", lambda: export(staff), GOAL_EXPORT_S
        )
        print(f"{'':<44} workbook size {len(workbook) / 1e6:.1f} MB")
        await timed(
            "/export XLSX, coordinator's school", lambda: export(coordinator), GOAL_EXPORT_S
        )

        tracemalloc.start()
        await export(staff)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mb = peak / 2**20
        verdict = "OK" if peak_mb < GOAL_MEMORY_MB else "OVER GOAL"
        label = "peak Python memory of an export"
        print(f"{label:<44} {peak_mb:7.1f} MB (goal < {GOAL_MEMORY_MB:.0f} MB) {verdict}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"{'peak resident size, building included':<44} {_mb(rss):7.1f} MB")
        await database.engine.dispose()
        # A fresh process that only exports: its peak resident size is the export's cost.
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.reports", "--export-only", str(path)
        )
        await child.wait()
        await database.engine.dispose()


def _mb(maxrss: int) -> float:
    return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024


def _peak_rss_mb() -> float:
    """This process's own high-water mark: VmHWM is per address space and starts afresh at
    exec, whereas getrusage's maxrss is inherited from the parent across fork and exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


async def export_only(path: Path) -> None:
    database = Database.from_url(f"sqlite+aiosqlite:///{path}")
    policy = Policy()
    year = period_containing(PeriodKind.SCHOOL_YEAR, date(2025, 10, 1))
    staff = Actor(1, None, "ru", frozenset({Role.METHODIST}))
    async with database.session_factory() as session:
        data = await Services(session, policy, lambda: NOW).reports.report_data(staff, year)
    await database.engine.dispose()
    t = default_translator().bind("ru")
    await asyncio.to_thread(build_workbook, data, t, policy.timezone)
    peak = _peak_rss_mb()
    verdict = "OK" if peak < GOAL_MEMORY_MB else "OVER GOAL"
    label = "peak resident size of a process exporting"
    print(f"{label:<44} {peak:7.1f} MB (goal < {GOAL_MEMORY_MB:.0f} MB) {verdict}")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=1_000)
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--export-only", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse()
    if arguments.export_only:
        asyncio.run(export_only(arguments.export_only))
    else:
        asyncio.run(main(arguments))
