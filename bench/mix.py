"""The world and the traffic of bench/updates: a seeded database (teachers, parents,
psychologists with slots, published events, the diagnostics survey), a reproducible stream
of the realistic update mix, and the timing helpers (throughput with N in flight, latency
at an offered rate, one at a time). bench/updates, bench/updates_broadcast and bench/floors
share them."""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from sqlalchemy import make_url, select

from bot.config import Settings
from bot.factory import Database, policy_from
from db.enums import Role, Subject, Topic
from db.models import Survey, User, UserRole, UserSubject
from handlers.consultations.callbacks import CAct, ConsultCD, FormAct, FormCD
from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import ListCD
from handlers.surveys.callbacks import Do, SurveyCD
from services.consultations.types import ConsultTopic, Contact, SlotFormat
from services.container import Services
from services.context import Actor
from services.events.types import EventAudience, EventDraft, EventFormat, EventType
from services.surveys.install import DEFAULT_SURVEY_CODE
from tests.support.fakes import RecordingSession, callback_update, message_update, tg_user

TEACHERS = range(1_000, 1_300)
PARENTS = range(5_000, 5_200)
PSYCHOLOGISTS = range(8_000, 8_004)
SLOTS_PER_PSYCHOLOGIST = 75
PARENTS_IN_FORM = 8
STAFF_TG = 9_000_000
EVENTS = 40
TOPIC_QUESTIONS = 11  # the diagnostics' single-choice questions come first
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATENCY_GOAL_MS = 50.0
RATIO_GOAL = 25.0
# The share of each kind of update, in percent; the events part keeps the proportions of
# the events issue's mix (30/15/5/25/15/10) scaled to 80 %.
MIX = (
    ("events", 24),
    ("page", 12),
    ("my", 4),
    ("open", 20),
    ("register", 12),
    ("cancel", 8),
    ("survey", 12),
    ("booking", 8),
)


class FixedClock:
    def __call__(self) -> datetime:
        return NOW


class CountingSession(RecordingSession):
    """Answers like the recording session but keeps no requests, so a long run holds no
    growing list of them."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[Any],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> Any:
        self.calls += 1
        return self._default_result(method)


@dataclass
class World:
    event_ids: list[int]
    survey_id: int
    slot_ids: list[int]


@dataclass
class Traffic:
    """An endless, reproducible stream of updates. Each person's survey answers and booking
    form go forward step by step, as a person taps, so the answers are accepted."""

    world: World
    seed: int
    rng: random.Random = field(init=False)
    survey_at: dict[int, int] = field(default_factory=dict)
    form_at: dict[int, int] = field(default_factory=dict)
    in_form: list[int] = field(default_factory=list)
    next_parent: int = 0
    next_slot: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self._kinds = [kind for kind, share in MIX for _ in range(share)]

    def take(self, count: int) -> list[Update]:
        return [self.next() for _ in range(count)]

    def __iter__(self) -> Iterator[Update]:
        while True:
            yield self.next()

    def next(self) -> Update:
        rng = self.rng
        kind = rng.choice(self._kinds)
        if kind == "booking":
            return self._booking()
        teacher = rng.choice(TEACHERS)
        user = tg_user(teacher)
        event_id = rng.choice(self.world.event_ids)
        if kind == "events":
            return message_update(user, "/events")
        if kind == "page":
            return callback_update(user, ListCD(page=rng.randrange(4), ty=rng.randrange(3)).pack())
        if kind == "my":
            return message_update(user, "/my")
        if kind == "open":
            return callback_update(
                user, EventCardCD(act=EventCardAct.OPEN, event_id=event_id).pack()
            )
        if kind == "register":
            return callback_update(
                user, EventCardCD(act=EventCardAct.REGISTER, event_id=event_id).pack()
            )
        if kind == "cancel":
            return callback_update(
                user, EventCardCD(act=EventCardAct.CANCEL, event_id=event_id).pack()
            )
        return self._survey(teacher)

    def _survey(self, teacher: int) -> Update:
        survey = self.world.survey_id
        at = self.survey_at.get(teacher)
        if at is None:
            data = SurveyCD(act=Do.OPEN, survey_id=survey).pack()
            self.survey_at[teacher] = 0
        elif at < TOPIC_QUESTIONS:
            option = self.rng.randrange(3)
            data = SurveyCD(act=Do.CHOOSE, survey_id=survey, index=at, option=option).pack()
            self.survey_at[teacher] = at + 1
        else:
            # Past the topic questions the person goes back and changes the last answer,
            # so the survey stays in progress however long the run.
            data = SurveyCD(act=Do.BACK, survey_id=survey, index=at).pack()
            self.survey_at[teacher] = at - 1
        return callback_update(tg_user(teacher), data)

    def _booking(self) -> Update:
        # A few parents fill the form at a time, each step after their previous one; one
        # who confirms makes room for the next parent in turn.
        if len(self.in_form) < PARENTS_IN_FORM:
            self.in_form.append(PARENTS[self.next_parent % len(PARENTS)])
            self.next_parent += 1
        parent = self.rng.choice(self.in_form)
        step = self.form_at.get(parent, 0)
        self.form_at[parent] = (step + 1) % 6
        if step == 5:
            self.in_form.remove(parent)
        user = tg_user(parent)
        if step == 0:
            slots = self.world.slot_ids
            slot = slots[self.next_slot % len(slots)]
            self.next_slot += 1
            return callback_update(user, ConsultCD(act=CAct.SLOT, slot=slot).pack())
        form = (
            FormCD(act=FormAct.TOPIC, topic=self.rng.choice(list(ConsultTopic))),
            FormCD(act=FormAct.GRADE, grade=self.rng.randrange(1, 12)),
            FormCD(act=FormAct.CONTACT, contact=Contact.CHAT),
            FormCD(act=FormAct.SKIP),
            FormCD(act=FormAct.CONFIRM),
        )[step - 1]
        return callback_update(user, form.pack())


async def seed(database: Database, settings: Settings) -> World:
    async with database.session_factory() as session:
        people: list[tuple[int, Role]] = [(STAFF_TG, Role.METHODIST)]
        people += [(tg, Role.TEACHER) for tg in TEACHERS]
        people += [(tg, Role.PARENT) for tg in PARENTS]
        people += [(tg, Role.PSYCHOLOGIST) for tg in PSYCHOLOGISTS]
        for tg, role in people:
            session.add(
                User(
                    telegram_id=tg,
                    locale="ru",
                    full_name=f"Участник {tg}",
                    roles=[UserRole(role=role.value, granted_at=NOW)],
                    subjects=[UserSubject(subject=Subject.MATH.value)]
                    if role == Role.TEACHER
                    else [],
                    experience="3-10" if role == Role.TEACHER else None,
                    position="teacher" if role == Role.TEACHER else None,
                    child_grade=5 if role == Role.PARENT else None,
                )
            )
        await session.commit()
        ids: dict[int | None, int] = {}
        for telegram_id, user_id in await session.execute(select(User.telegram_id, User.id)):
            ids[telegram_id] = user_id
        survey_id = (
            await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()
    staff = Actor(STAFF_TG, ids[STAFF_TG], "ru", frozenset({Role.METHODIST}))
    policy = policy_from(settings, "bench_bot")
    event_ids: list[int] = []
    slot_ids: list[int] = []
    rng = random.Random(7)
    async with database.session_factory() as session:
        svc = Services(session, policy, FixedClock())
        for index in range(EVENTS):
            start = NOW + timedelta(days=1 + index % 30, hours=index % 5)
            draft = EventDraft(
                title=f"Семинар № {index + 1}: {rng.choice(['ОГЭ', 'ЕГЭ', 'ОВЗ', 'ФГ'])}",
                type=rng.choice(list(EventType)),
                topic=rng.choice(list(Topic)),
                format=EventFormat.IN_PERSON,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="Ресурсный центр, ауд. 1",
                capacity=rng.choice([None, 10, 25, 50]),
                audience=EventAudience.EVERYONE,
            )
            event_ids.append(await svc.events.create(staff, draft, publish=True))
        await svc.surveys.launch(staff, survey_id)
        for tg in PSYCHOLOGISTS:
            psychologist = Actor(tg, ids[tg], "ru", frozenset({Role.PSYCHOLOGIST}))
            for number in range(SLOTS_PER_PSYCHOLOGIST):
                day, hour = divmod(number, 5)
                start = NOW + timedelta(days=1 + day, hours=hour)
                view = await svc.consultations.add_slot(
                    psychologist, start, 45, SlotFormat.IN_PERSON, "Кабинет 12"
                )
                slot_ids.append(view.id)
    # Interleaved, so that consecutive bookings go to different psychologists and days.
    slot_ids.sort(key=lambda slot: (slot % SLOTS_PER_PSYCHOLOGIST, slot))
    return World(event_ids, survey_id, slot_ids)


async def throughput(dp: Dispatcher, bot: Bot, updates: list[Update], parallel: int) -> float:
    gate = asyncio.Semaphore(parallel)

    async def one(update: Update) -> None:
        async with gate:
            await dp.feed_update(bot, update)

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in updates))
    return len(updates) / (time.perf_counter() - started)


@dataclass
class Latency:
    offered: float
    achieved: float
    p50: float
    p99: float


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    latencies.sort()
    return statistics.median(latencies), latencies[
        min(len(latencies) - 1, int(len(latencies) * 0.99))
    ]


async def latency_at(
    dp: Dispatcher, bot: Bot, traffic: Traffic, count: int, rate: float
) -> Latency:
    """Starts updates at a fixed rate whatever the previous ones are doing, as Telegram
    delivers them, and times each from its start to the end of its handling. Each update is
    made just before it is due, as it would arrive, so the run holds no list of thousands of
    waiting updates for the garbage collector to walk."""
    latencies: list[float] = []

    async def one(update: Update) -> None:
        started = time.perf_counter()
        await dp.feed_update(bot, update)
        latencies.append((time.perf_counter() - started) * 1000)

    tasks: set[asyncio.Task[None]] = set()
    begin = time.perf_counter()
    for index in range(count):
        update = traffic.next()
        delay = begin + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(update))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    achieved = count / (time.perf_counter() - begin)
    p50, p99 = _percentiles(latencies)
    return Latency(rate, achieved, p50, p99)


async def sequential(dp: Dispatcher, bot: Bot, updates: list[Update]) -> tuple[float, float]:
    """Latency of one update at a time: the handlers' own cost, without any queueing."""
    latencies = []
    for update in updates:
        started = time.perf_counter()
        await dp.feed_update(bot, update)
        latencies.append((time.perf_counter() - started) * 1000)
    return _percentiles(latencies)


def memory_kb(field_name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


@asynccontextmanager
async def throwaway_database(url: str | None) -> AsyncIterator[str]:
    """A fresh SQLite file, or the named PostgreSQL database created for the run."""
    if url is None:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    import asyncpg

    parsed = make_url(url)
    name = parsed.database
    if not name:
        raise SystemExit("--database needs a database name")
    admin_dsn = parsed.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    admin = await asyncpg.connect(admin_dsn)
    try:
        if await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            raise SystemExit(f"database {name!r} exists; name one the bench may create and drop")
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield url
    finally:
        admin = await asyncpg.connect(admin_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
