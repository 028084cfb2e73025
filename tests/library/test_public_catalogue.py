"""The public catalogue: a stranger browses events, opens a shared event, and after /start and
onboarding comes back to it; nothing of them is stored before consent."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import User
from tests.support.events_support import create_event, registrations, staff_actor
from tests.support.events_support import draft as event_draft
from tests.support.harness import BotHarness

STRANGER = 950_001


async def _people(harness: BotHarness) -> int:
    async with harness.database.session_factory() as session:
        return int(await session.scalar(select(func.count(User.id))) or 0)


async def test_a_stranger_browses_events_and_comes_back_after_onboarding(
    harness: BotHarness, schools: list[int]
) -> None:
    staff = await staff_actor(harness)
    event_id = await create_event(
        harness, staff, event_draft(now=harness.clock.now, title="Открытый семинар")
    )
    people = await _people(harness)

    await harness.send(STRANGER, "/events")
    assert "Открытый семинар" in harness.last_text(STRANGER)
    await harness.send(STRANGER, f"/start event_{event_id}")
    texts = [str(getattr(r, "text", "")) for r in harness.chat_requests(STRANGER)[-2:]]
    assert "Открытый семинар" in texts[0]
    assert "познакомьтесь с ботом" in texts[1]
    await harness.press(STRANGER, "Записаться")
    assert "/start" in harness.last_text(STRANGER)
    assert await _people(harness) == people

    # Onboarding, then the event it was about.
    await harness.onboard_teacher(STRANGER)
    assert "Открытый семинар" in harness.last_text(STRANGER)
    await harness.press(STRANGER, "Записаться")
    assert [r.status for r in await registrations(harness, event_id)] == ["registered"]
