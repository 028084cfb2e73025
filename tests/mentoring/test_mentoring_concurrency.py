"""Two methodists give the same mentor's last free place at the same moment: one wins, the
other is told the mentor is full, on SQLite and on PostgreSQL. With the guard (the partial
unique index on the mentor's places) dropped, the same race on PostgreSQL gives the mentor
one mentee too many, which shows the test can see the failure it guards against."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from sqlalchemy import func, select, text

import services.mentoring.places as places
from bot.factory import Database
from db.enums import Role
from db.models import Mentorship
from services.container import Services
from services.context import Policy
from services.errors import Conflict
from services.mentoring.common import MentoringContext
from services.mentoring.types import PLACE_STATUSES
from tests.mentoring.support import NOW, Person, add_person

LIMIT = 2


@pytest.fixture
def interleaved(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both methodists read the free places before either writes: the worst interleaving."""
    original = places.take_place
    arrived = 0
    both_read = asyncio.Event()

    async def take_place(ctx: MentoringContext, mentor_id: int) -> int:
        nonlocal arrived
        place = await original(ctx, mentor_id)
        arrived += 1
        if arrived >= 2:
            both_read.set()
        with contextlib.suppress(TimeoutError):  # SQLite lets one in at a time
            await asyncio.wait_for(both_read.wait(), 0.5)
        return place

    monkeypatch.setattr(places, "take_place", take_place)


async def _race(database: Database) -> tuple[list[str], int]:
    policy = Policy(mentor_max_mentees=LIMIT)
    methodists = [await add_person(database, 1 + i, role=Role.METHODIST) for i in range(2)]
    mentor = await add_person(database, 20, experience="20plus")
    mentees = [await add_person(database, 30 + i, experience="lt3") for i in range(LIMIT + 1)]
    async with database.session_factory() as session:
        # The mentor's other places are taken (inserted directly: the race is what is timed).
        for place in range(1, LIMIT):
            session.add(
                Mentorship(
                    mentee_id=mentees[place - 1].user_id,
                    mentor_id=mentor.user_id,
                    status="active",
                    place=place,
                    category="other",
                    baseline={},
                )
            )
        await session.commit()

    async def attempt(methodist: Person, mentee: Person) -> str:
        async with database.session_factory() as session:
            svc = Services(session, policy, lambda: NOW)
            try:
                await svc.mentoring.propose(methodist.actor(), mentee.user_id, mentor.user_id)
            except Conflict as exc:
                return exc.key
            return "won"

    results = await asyncio.gather(
        attempt(methodists[0], mentees[LIMIT - 1]), attempt(methodists[1], mentees[LIMIT])
    )
    async with database.session_factory() as session:
        held = await session.scalar(
            select(func.count()).where(
                Mentorship.mentor_id == mentor.user_id,
                Mentorship.status.in_([s.value for s in PLACE_STATUSES]),
            )
        )
    return sorted(results), int(held or 0)


async def test_one_wins_the_last_place_on_sqlite(database: Database, interleaved: Any) -> None:
    assert await _race(database) == (["mentoring-error-full", "won"], LIMIT)


async def test_one_wins_the_last_place_on_postgres(
    pg_database: Database, interleaved: Any
) -> None:
    assert await _race(pg_database) == (["mentoring-error-full", "won"], LIMIT)


async def test_without_the_guard_postgres_overfills_the_mentor(
    pg_database: Database, interleaved: Any
) -> None:
    async with pg_database.engine.begin() as conn:
        await conn.execute(text("DROP INDEX uq_mentorships_mentor_place"))
    assert await _race(pg_database) == (["won", "won"], LIMIT + 1)
