"""Onboarding as a teacher and a parent would go through it."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Consent, User
from tests.support.harness import BotHarness, texts

TEACHER = 100_001
PARENT = 100_002


async def test_teacher_onboarding_stores_profile_after_consent(
    harness: BotHarness, schools: list[int]
) -> None:
    replies = texts(await harness.send(TEACHER, "/start"))
    assert "Выберите язык" in replies[0]
    await harness.press(TEACHER, "Русский")
    assert "Кто вы?" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "педагог")
    assert "152-ФЗ" in harness.last_text(TEACHER)
    async with harness.database.session_factory() as session:
        assert (await session.execute(select(func.count(User.id)))).scalar_one() == 0
    await harness.press(TEACHER, "Согласен")
    assert "фамилию, имя" in harness.last_text(TEACHER)
    await harness.send(TEACHER, "  Иванова   Мария Александровна ")
    assert "школе" in harness.last_text(TEACHER)
    replies = texts(await harness.send(TEACHER, "любавич"))
    assert "Нашлась 1 школа" in replies[0]
    await harness.press(TEACHER, "Любавичская")
    await harness.press(TEACHER, "математика")
    await harness.press(TEACHER, "физика")
    await harness.press(TEACHER, "физика")  # untick
    await harness.press(TEACHER, "Готово")
    await harness.press(TEACHER, "10–20")
    await harness.press(TEACHER, "учитель начальных")
    assert "Профиль заполнен" in harness.last_text(TEACHER)
    assert "👤 Профиль" in harness.reply_keyboard(TEACHER)

    async with harness.database.session_factory() as session:
        user = (await session.execute(select(User))).scalar_one()
        assert user.full_name == "Иванова Мария Александровна"
        assert [s.subject for s in user.subjects] == ["math"]
        assert user.experience == "10-20"
        consent = (await session.execute(select(Consent))).scalar_one()
        assert consent.version == harness.policy.consent_version
        assert consent.user_id == user.id

    profile = texts(await harness.send(TEACHER, "/profile"))[0]
    assert "Любавичская СШ" in profile and "математика" in profile


async def test_declining_consent_stores_nothing_and_says_how_to_return(
    harness: BotHarness,
) -> None:
    await harness.send(TEACHER, "/start")
    await harness.press(TEACHER, "Русский")
    await harness.press(TEACHER, "родитель")
    await harness.press(TEACHER, "Не согласен")
    assert "/start" in harness.last_text(TEACHER)
    async with harness.database.session_factory() as session:
        assert (await session.execute(select(func.count(User.id)))).scalar_one() == 0


async def test_parent_onboarding_and_english(harness: BotHarness) -> None:
    await harness.send(PARENT, "/start")
    await harness.press(PARENT, "English")
    await harness.press(PARENT, "parent")
    await harness.press(PARENT, "I agree")
    assert "What is your name" in harness.last_text(PARENT)
    await harness.send(PARENT, "Anna Petrova")
    assert "grade" in harness.last_text(PARENT)
    await harness.press(PARENT, "7")
    assert "profile is complete" in harness.last_text(PARENT)
    profile = texts(await harness.send(PARENT, "/profile"))[0]
    assert "Child's grade: 7" in profile


async def test_interrupted_onboarding_resumes_at_the_missing_step(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.send(TEACHER, "/start")
    await harness.press(TEACHER, "Русский")
    await harness.press(TEACHER, "педагог")
    await harness.press(TEACHER, "Согласен")
    await harness.send(TEACHER, "Иванова Мария")
    await harness.send(TEACHER, "/cancel")
    replies = texts(await harness.send(TEACHER, "/start"))
    assert any("школе" in r for r in replies)
