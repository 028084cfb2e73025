"""Targeted support: events offered for a serious difficulty when an event on the topic is
published (once, never twice), and the whole path on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.factory import Database
from db.models import OutboxMessage, School
from services.container import Services
from services.enums import Topic
from services.errors import Conflict
from services.i18n import Translator
from services.surveys.offers import difficulty_subscribers
from tests.support.harness import Clock
from tests.surveys.survey_support import (
    ADMIN,
    add_event,
    answer_all,
    default_survey_id_in,
    make_teacher,
)


async def test_publishing_an_event_offers_it_to_teachers_with_that_difficulty(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    from services.hooks import PublishedEvent

    survey_id = await default_survey_id_in(svc)
    await svc.surveys.launch(ADMIN, survey_id)
    struggling = await make_teacher(svc, 1, schools[0])
    fine = await make_teacher(svc, 2, schools[0])
    await answer_all(svc, struggling, survey_id, {"motivation": "serious"})
    await answer_all(svc, fine, survey_id, {"motivation": "some"})
    starts_at = clock.now + timedelta(days=4)
    event_id = await add_event(svc, Topic.MOTIVATION, starts_at, "Тревожность")
    published = PublishedEvent(event_id, "Тревожность", Topic.MOTIVATION.value, starts_at)
    assert await svc.surveys.offer_published_event(published) == 1
    await svc.session.commit()
    assert await svc.surveys.offer_published_event(published) == 0  # never twice
    offers = (
        (
            await svc.session.execute(
                select(OutboxMessage).where(OutboxMessage.kind == "survey_offer")
            )
        )
        .scalars()
        .all()
    )
    assert [(m.user_id, m.template) for m in offers] == [
        (struggling.user_id, "survey-support-offer")
    ]
    text = Translator().get("ru", "survey-support-offer", **offers[0].args)
    assert "Тревожность" in text and "серьёзные затруднения" in text


async def test_on_postgresql_answers_report_and_offers(
    pg_database: Database, policy: Any, clock: Clock
) -> None:
    async with pg_database.session_factory() as session:
        svc = Services(session, policy, clock)
        school = School(name="МБОУ СШ № 9", short_name="СШ № 9", low_results=True)
        session.add(school)
        await session.commit()
        survey_id = await default_survey_id_in(svc)
        await svc.surveys.launch(ADMIN, survey_id)
        first = await make_teacher(svc, 1, school.id)
        second = await make_teacher(svc, 2, school.id)
        await add_event(svc, Topic.PARENTS, clock.now + timedelta(days=2), "Родительское собрание")
        done = await answer_all(svc, first, survey_id, {"parents": "serious"})
        assert [o.title for o in done.offers] == ["Родительское собрание"]
        await answer_all(svc, second, survey_id, {"parents": "some"})
        assert await difficulty_subscribers(session, Topic.PARENTS) == [first.user_id]
        report = await svc.surveys.report(ADMIN, survey_id)
        parents = next(s for s in report.profile if s.topic == "parents")
        assert (parents.serious, parents.some, parents.answered) == (1, 1, 2)
        assert next(f for f in report.support if f.topic == "parents").serious == 1
        with pytest.raises(Conflict):
            await svc.surveys.start(first, survey_id)


async def test_publishing_through_events_reaches_the_teacher_with_that_difficulty(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    """The wiring, end to end: a methodist publishes; the container hands the publication to
    surveys, which tells the struggling teacher and nobody else."""
    from db.models import User, UserRole
    from services.context import Actor
    from services.enums import Role
    from services.events.types import EventDraft, EventFormat, EventType

    survey_id = await default_survey_id_in(svc)
    await svc.surveys.launch(ADMIN, survey_id)
    struggling = await make_teacher(svc, 1, schools[0])
    fine = await make_teacher(svc, 2, schools[0])
    await answer_all(svc, struggling, survey_id, {"motivation": "serious"})
    await answer_all(svc, fine, survey_id, {"motivation": "some"})
    methodist_user = User(telegram_id=7_700_001, locale="ru", full_name="Методист Анна")
    methodist_user.roles = [UserRole(role=Role.METHODIST.value, granted_at=clock.now)]
    svc.session.add(methodist_user)
    await svc.session.commit()
    methodist = Actor(7_700_001, methodist_user.id, "ru", frozenset({Role.METHODIST}))
    starts_at = clock.now + timedelta(days=5)
    draft = EventDraft(
        title="Тревожность на уроке",
        type=EventType.SEMINAR,
        topic=Topic.MOTIVATION,
        format=EventFormat.ONLINE,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        link="https://example.org/room",
    )
    await svc.events.create(methodist, draft, publish=True)
    offers = (
        (
            await svc.session.execute(
                select(OutboxMessage).where(OutboxMessage.kind == "survey_offer")
            )
        )
        .scalars()
        .all()
    )
    assert [m.user_id for m in offers] == [struggling.user_id]
