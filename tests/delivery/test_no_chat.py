"""People without a Telegram chat (the demo data set's people: a made-up negative id, or no id
at all) are left out when announcements, invitations, offers and digests are queued, so the
engine never claims rows for them and logs nothing about them one by one."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.demo import DEMO_TELEGRAM_ID_BASE, seed_demo_data
from db.models import OutboxMessage, User
from services.container import Services
from services.delivery.digest import enqueue_digest
from services.events.types import EventAudience
from tests.delivery.test_delivery_support import make_bot, make_engine
from tests.support.events_support import add_people, create_event, draft, run, staff_actor
from tests.support.harness import BotHarness
from tests.surveys.survey_support import ADMIN, ANONYMOUS

REAL_TEACHERS = [930_001, 930_002]
NO_ID_TEACHER = 930_009


async def _population(harness: BotHarness) -> tuple[set[int], set[int]]:
    """(user ids with a chat, user ids without one): the demo set plus two real teachers and
    one teacher whose Telegram id is empty."""
    await run(harness, seed_demo_data)
    real = await add_people(harness, REAL_TEACHERS)
    no_id = await add_people(harness, [NO_ID_TEACHER])
    async with harness.database.session_factory() as session:
        await session.execute(
            update(User).where(User.id == no_id[NO_ID_TEACHER]).values(telegram_id=None)
        )
        await session.commit()
        demo = set(
            await session.scalars(select(User.id).where(User.telegram_id < DEMO_TELEGRAM_ID_BASE))
        )
    assert demo, "the demo data set has people"
    return set(real.values()), demo | set(no_id.values())


async def _recipients(harness: BotHarness, kind: str) -> set[int]:
    async with harness.database.session_factory() as session:
        rows = await session.scalars(
            select(OutboxMessage.user_id).where(
                OutboxMessage.kind == kind, OutboxMessage.user_id.is_not(None)
            )
        )
        return {user_id for user_id in rows if user_id is not None}


async def test_an_announcement_and_its_offers_skip_people_without_a_chat(
    harness: BotHarness,
) -> None:
    real, without_chat = await _population(harness)
    staff = await staff_actor(harness)
    event_draft = draft(now=harness.clock.now, audience=EventAudience.TEACHERS)
    await create_event(harness, staff, event_draft)

    announced = await _recipients(harness, "announcement")
    assert real <= announced
    assert not announced & without_chat
    # Demo teachers answered the diagnostics with serious difficulties: they are not offered
    # the event either.
    assert not await _recipients(harness, "survey_offer") & without_chat


async def test_survey_invitations_skip_people_without_a_chat(harness: BotHarness) -> None:
    real, without_chat = await _population(harness)

    # The demo set has launched the diagnostics already; a new survey is launched here.
    async def launch(svc: Services) -> int:
        card = await svc.surveys.create_from_file(ADMIN, ANONYMOUS.encode())
        return await svc.surveys.launch(ADMIN, card.survey_id)

    assert await run(harness, launch) >= len(real)
    invited = await _recipients(harness, "survey_invite")
    assert real <= invited
    assert not invited & without_chat


async def test_the_digest_skips_demo_staff_and_the_engine_logs_no_skipped_rows(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    _real, without_chat = await _population(harness)
    staff = await staff_actor(harness)
    await create_event(harness, staff, draft(now=harness.clock.now))
    await enqueue_digest(harness.database.session_factory, harness.policy, harness.clock)
    digests = await _recipients(harness, "digest")
    assert staff.user_id in digests
    assert not digests & without_chat

    bot, _api = make_bot()
    engine = make_engine(bot, harness.database.session_factory, harness.policy, harness.clock)
    harness.clock.now += timedelta(hours=1)
    with caplog.at_level(logging.INFO, logger="services.delivery.engine"):
        await engine.tick()
    skipped = [r for r in caplog.records if "nobody to send to" in r.getMessage()]
    assert skipped == []
