"""Inline mode in any chat, deep links back, /forget of an author, and the update types."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.models import Material
from services.context import Actor
from services.enums import Role
from services.library.types import MaterialStatus
from tests.conftest import make_settings
from tests.library.support import add, draft, inline, result_links, result_titles
from tests.support.events_support import add_people, create_event, staff_actor
from tests.support.events_support import draft as event_draft
from tests.support.fakes import BOT_USERNAME
from tests.support.harness import BotHarness

STRANGER = 940_001
TEACHER = 940_002


async def test_inline_lists_events_and_materials_with_deep_links(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    now = harness.clock.now
    event_id = await create_event(
        harness, staff, event_draft(now=now, title="Семинар: Функциональная грамотность")
    )
    await create_event(harness, staff, event_draft(now=now, title="Вебинар по ОГЭ"))
    material_id = await add(harness, staff, draft("Банк заданий по функциональной грамотности"))

    answer = await inline(harness, STRANGER, "ФУНКЦИОНАЛЬН")
    assert result_titles(answer) == [
        "Семинар: Функциональная грамотность",
        "Банк заданий по функциональной грамотности",
    ]
    assert result_links(answer) == [
        f"https://t.me/{BOT_USERNAME}?start=event_{event_id}",
        f"https://t.me/{BOT_USERNAME}?start=material_{material_id}",
    ]
    # The deep link opens the material for someone who never met the bot.
    await harness.send(STRANGER, f"/start material_{material_id}")
    assert "Банк заданий" in harness.last_text(STRANGER)


async def test_inline_empty_long_and_nothing_found(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await create_event(harness, staff, event_draft(now=harness.clock.now))
    await add(harness, staff, draft("Методичка"))

    empty = await inline(harness, STRANGER, "")
    assert len(empty.results) == 2  # an empty query lists what is newest
    long = await inline(harness, STRANGER, "методичка " + "очень длинный запрос " * 40)
    assert long.results == []
    assert (await inline(harness, STRANGER, "ничего такого нет")).results == []


async def test_inline_hides_past_events_and_unapproved_materials(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await create_event(harness, staff, event_draft(now=harness.clock.now, title="Семинар скоро"))
    ids = await add_people(harness, [TEACHER])
    teacher = Actor(TEACHER, ids[TEACHER], "ru", frozenset({Role.TEACHER}))
    await add(harness, teacher, draft("Черновик учителя"))
    harness.clock.now += timedelta(days=10)
    assert (await inline(harness, STRANGER, "")).results == []


async def test_forget_anonymises_authorship_and_keeps_approved_materials(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    async with harness.database.session_factory() as session:
        from db.models import User

        user_id = await session.scalar(select(User.id).where(User.telegram_id == TEACHER))
    teacher = Actor(TEACHER, user_id, "ru", frozenset({Role.TEACHER}))
    staff = await staff_actor(harness)
    approved = await add(harness, teacher, draft("Практика наставничества"))
    await add(harness, teacher, draft("Ещё на проверке"))
    svc = await harness.services()
    try:
        await svc.library.approve(staff, approved)
    finally:
        await svc.session.close()

    await harness.send(TEACHER, "/forget")
    await harness.press(TEACHER, "Да, удалить мои данные")

    async with harness.database.session_factory() as session:
        rows = list((await session.scalars(select(Material))).all())
    assert [(m.id, m.status, m.author_id, m.author_withdrew) for m in rows] == [
        (approved, MaterialStatus.APPROVED.value, None, True)
    ]
    await harness.send(STRANGER, f"/start material_{approved}")
    card = harness.last_text(STRANGER)
    assert "Автор отозвал своё имя" in card and "Иванова" not in card


def test_inline_queries_are_among_the_polled_update_types() -> None:
    from aiogram.fsm.storage.memory import MemoryStorage

    from bot.factory import create_dispatcher

    settings = make_settings("sqlite+aiosqlite:///:memory:")
    dp = create_dispatcher(settings, None, storage=MemoryStorage())  # type: ignore[arg-type]
    assert "inline_query" in dp.resolve_used_update_types()
