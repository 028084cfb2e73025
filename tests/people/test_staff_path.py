"""Centre staff at /start: a path of their own (name, position, their Telegram ID for the
administrator), and never counted as teachers in a figure, a survey audience or an
announcement unless they also hold the teacher role."""

from __future__ import annotations

import pytest
from aiogram.methods import SetMyCommands
from sqlalchemy import select

from db.models import OutboxMessage, Survey, User, UserRole
from services.context import Actor
from services.enums import Role
from services.events.types import EventAudience
from services.surveys.install import DEFAULT_SURVEY_CODE
from tests.conftest import ADMIN_ID
from tests.support.events_support import create_event, draft
from tests.support.harness import BotHarness, texts

STAFF = 7_102_345
TEACHER = 130_001


async def _user(harness: BotHarness, telegram_id: int) -> User:
    async with harness.database.session_factory() as session:
        query = select(User).where(User.telegram_id == telegram_id)
        user = (await session.execute(query)).scalar_one()
        session.expunge(user)
        return user


async def _roles(harness: BotHarness, telegram_id: int) -> set[str]:
    user = await _user(harness, telegram_id)
    async with harness.database.session_factory() as session:
        rows = await session.execute(select(UserRole.role).where(UserRole.user_id == user.id))
        return set(rows.scalars())


async def _grant(harness: BotHarness, telegram_id: int, role: Role) -> Actor:
    user = await _user(harness, telegram_id)
    admin = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))
    svc = await harness.services()
    try:
        await svc.users.grant(admin, user.id, role)
    finally:
        await svc.session.close()
    return Actor(telegram_id, user.id, "ru", frozenset({role}))


async def test_staff_path_asks_name_and_position_then_gives_the_id_to_pass_on(
    harness: BotHarness,
) -> None:
    await harness.send(STAFF, "/start")
    await harness.press(STAFF, "Русский")
    assert harness.find_button(STAFF, "Я сотрудник центра")
    await harness.press(STAFF, "сотрудник центра")
    assert "152-ФЗ" in harness.last_text(STAFF)
    await harness.press(STAFF, "Согласен")
    await harness.send(STAFF, "Методистова Мила")
    assert "должность в центре" in harness.last_text(STAFF)
    # The centre's positions, not a school's.
    assert harness.find_button(STAFF, "методист")
    assert harness.find_button(STAFF, "руководитель центра")
    with pytest.raises(AssertionError, match="no button"):
        harness.find_button(STAFF, "учитель начальных")
    replies = texts(await harness.press(STAFF, "методист"))
    assert any("Профиль заполнен" in r for r in replies)
    # The id as code (one tap copies it), without digit grouping, and what to do with it.
    assert "<code>7102345</code>" in replies[-1] and "администратор" in replies[-1]

    user = await _user(harness, STAFF)
    assert user.full_name == "Методистова Мила" and user.position == "methodist"
    assert user.school_id is None and user.experience is None
    assert await _roles(harness, STAFF) == set()  # neither teacher nor parent

    profile = texts(await harness.send(STAFF, "/profile"))[0]
    assert "Должность: методист" in profile
    assert "Telegram ID: <code>7102345</code>" in profile
    assert "Школа" not in profile and "Стаж" not in profile
    # The menu has no teacher's entries (diagnostics, consultation, my registrations).
    menu = harness.reply_keyboard(STAFF)
    assert "👤 Профиль" in menu
    assert not any("Опрос" in b or "Консультац" in b for b in menu)
    command_lists = [r for r in harness.api.requests if isinstance(r, SetMyCommands)]
    commands = {c.command for c in command_lists[-1].commands}
    assert {"events", "profile", "forget"} <= commands
    assert not {"survey", "consult", "my", "new_event"} & commands


async def test_staff_profile_edits_the_position_among_the_centres_positions(
    harness: BotHarness,
) -> None:
    await harness.onboard_staff(STAFF)
    await harness.send(STAFF, "/profile")
    await harness.press(STAFF, "Должность")
    await harness.press(STAFF, "педагог-психолог")
    assert (await _user(harness, STAFF)).position == "psychologist"


async def test_a_methodist_from_the_staff_path_is_not_a_teacher_in_stats(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_parent(ADMIN_ID, name="Админова Ольга")
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_staff(STAFF)
    await _grant(harness, STAFF, Role.METHODIST)
    stats = "\n".join(texts(await harness.send(ADMIN_ID, "/stats")))
    assert "• педагог: 1" in stats
    assert "• методист: 1" in stats


async def test_staff_are_not_in_the_diagnostics_audience(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_staff(STAFF)
    methodist = await _grant(harness, STAFF, Role.METHODIST)
    staff_user = (await _user(harness, STAFF)).id
    teacher_user = (await _user(harness, TEACHER)).id
    svc = await harness.services()
    try:
        survey = (
            await svc.session.execute(select(Survey).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()
        assert await svc.surveys.audience_ids(survey) == [teacher_user]
        await svc.session.commit()
        await svc.surveys.launch(methodist, survey.id)
        invited = await svc.session.execute(
            select(OutboxMessage.user_id).where(OutboxMessage.user_id == staff_user)
        )
        assert list(invited.scalars()) == []
    finally:
        await svc.session.close()


async def test_staff_do_not_receive_the_announcement_of_an_event_for_teachers(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_staff(STAFF)
    methodist = await _grant(harness, STAFF, Role.METHODIST)
    for audience in (EventAudience.TEACHERS, EventAudience.EVERYONE):
        await create_event(
            harness, methodist, draft(now=harness.clock.now, audience=audience, title=audience)
        )
    async with harness.database.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.user_id).where(OutboxMessage.kind == "announcement")
        )
        announced = list(rows.scalars())
    assert announced.count((await _user(harness, TEACHER)).id) == 2
    assert (await _user(harness, STAFF)).id not in announced


async def test_a_staff_member_who_also_teaches_keeps_the_teachers_place(
    harness: BotHarness, schools: list[int]
) -> None:
    # The teacher path plus a granted role: a teacher in every figure, as before.
    await harness.onboard_parent(ADMIN_ID, name="Админова Ольга")
    await harness.onboard_teacher(TEACHER)
    await _grant(harness, TEACHER, Role.METHODIST)
    stats = "\n".join(texts(await harness.send(ADMIN_ID, "/stats")))
    assert "• педагог: 1" in stats and "• методист: 1" in stats
