from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.context import Actor
from tests.miniapp.support import MiniAppServer, config_for, serving
from tests.support.events_support import METHODIST, add_people, staff_actor
from tests.support.harness import BotHarness

TEACHER = 610_001
SECOND_TEACHER = 610_002
COORDINATOR_ID = 610_010
PARENT = 610_020
STRANGER = 610_099  # never wrote to the bot


@pytest.fixture
async def server(harness: BotHarness, database_url: str) -> AsyncIterator[MiniAppServer]:
    async with serving(config_for(harness, database_url)) as found:
        yield found


@pytest.fixture
async def people(harness: BotHarness, schools: list[int]) -> dict[int, int]:
    """Onboarded teachers of school 1, a coordinator of school 2, a parent: tg id -> user id."""
    from services.enums import Role

    found = await add_people(harness, [TEACHER, SECOND_TEACHER], school_id=schools[0])
    found |= await add_people(
        harness, [COORDINATOR_ID], Role.COORDINATOR, school_id=schools[1], name_prefix="Коорд"
    )
    found |= await add_people(harness, [PARENT], Role.PARENT, name_prefix="Родитель")
    return found


@pytest.fixture
async def methodist(harness: BotHarness, people: dict[int, int]) -> Actor:
    return await staff_actor(harness, METHODIST)
