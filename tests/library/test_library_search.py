"""Browsing and searching the library: Cyrillic case, several words, paging, strangers."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import User
from services.context import Actor
from services.enums import Role, Topic
from tests.library.support import add, draft
from tests.support.events_support import staff_actor
from tests.support.harness import BotHarness

STRANGER = 930_001


async def _search(harness: BotHarness, actor: Actor, query: str, page: int = 0):  # type: ignore[no-untyped-def]
    svc = await harness.services()
    try:
        return await svc.library.search(actor, query=query, page=page)
    finally:
        await svc.session.close()


async def test_search_folds_cyrillic_case_and_needs_every_word(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    await add(
        harness, staff, draft("ФУНКЦИОНАЛЬНАЯ грамотность: Ёлочка задач", "Математика, 5 класс")
    )
    await add(harness, staff, draft("Смысловое чтение", "функциональная грамотность на истории"))
    await add(harness, staff, draft("Подготовка к ОГЭ", "Разбор заданий", topic=Topic.EXAM_PREP))

    found = await _search(harness, staff, "функциональная")
    assert {m.title for m in found.items} == {
        "ФУНКЦИОНАЛЬНАЯ грамотность: Ёлочка задач",
        "Смысловое чтение",
    }
    found = await _search(harness, staff, "Функциональная  МАТЕМАТИКА")
    assert [m.title for m in found.items] == ["ФУНКЦИОНАЛЬНАЯ грамотность: Ёлочка задач"]
    found = await _search(harness, staff, "елочка")
    assert found.total == 1
    assert (await _search(harness, staff, "грамотность физика")).total == 0
    # LIKE's wildcards are words like any other.
    assert (await _search(harness, staff, "%")).total == 0


async def test_paging_through_topic_and_search(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    for number in range(12):
        await add(harness, staff, draft(f"План урока № {number + 1}", "дроби"))
    first = await _search(harness, staff, "дроби")
    assert (first.total, first.pages, len(first.items)) == (12, 3, 5)
    last = await _search(harness, staff, "дроби", page=2)
    assert [m.title for m in last.items] == ["План урока № 2", "План урока № 1"]
    beyond = await _search(harness, staff, "дроби", page=9)
    assert beyond.page == 2

    # Through the bot: search, then page forward with the arrow.
    await harness.send(STRANGER, "/library")
    await harness.press(STRANGER, "Поиск")
    await harness.send(STRANGER, "ДРОБИ")
    assert "Найдено: 12. Страница 1 из 3." in harness.last_text(STRANGER)
    await harness.press(STRANGER, "▶️")
    assert "Страница 2 из 3." in harness.last_text(STRANGER)


async def test_a_stranger_browses_and_reads_without_a_trace(harness: BotHarness) -> None:
    staff = await staff_actor(harness)
    material_id = await add(
        harness, staff, draft("Рабочая программа по физике", topic=Topic.WORK_PROGRAMMES)
    )
    async with harness.database.session_factory() as session:
        people_before = await session.scalar(select(func.count(User.id)))

    await harness.send(STRANGER, "/library")
    assert "Методическая копилка" in harness.last_text(STRANGER)
    await harness.press(STRANGER, "разработка рабочих программ")
    assert "Найдено: 1." in harness.last_text(STRANGER)
    await harness.press(STRANGER, "Рабочая программа по физике")
    assert "Автор: Методист 700001" in harness.last_text(STRANGER)
    await harness.press(STRANGER, "Получить файл")
    sent = [r for r in harness.chat_requests(STRANGER) if type(r).__name__ == "SendDocument"]
    assert [getattr(r, "document", None) for r in sent] == ["doc-1"]

    # Sharing asks to get acquainted first.
    await harness.send(STRANGER, "/library")
    await harness.press(STRANGER, "Поделиться материалом")
    assert "/start" in harness.last_text(STRANGER)

    async with harness.database.session_factory() as session:
        assert await session.scalar(select(func.count(User.id))) == people_before
    svc = await harness.services()
    try:
        view = await svc.library.get(Actor(1, None, "ru"), material_id)
    finally:
        await svc.session.close()
    assert (view.opened_count, view.sent_count) == (1, 1)


async def test_a_file_telegram_no_longer_has_is_reported(harness: BotHarness) -> None:
    from aiogram.exceptions import TelegramBadRequest
    from aiogram.methods import SendDocument

    staff = await staff_actor(harness)
    material_id = await add(harness, staff, draft("Презентация к семинару"))

    def refuse(method):  # type: ignore[no-untyped-def]
        if isinstance(method, SendDocument):
            return TelegramBadRequest(method=method, message="Bad Request: wrong file identifier")
        return None

    harness.api.responders.append(refuse)
    from tests.support.harness import texts

    answered = await harness.callback(STRANGER, f"lbc:file:{material_id}")
    assert any("Файл больше недоступен" in text for text in texts(answered))
    await harness.send(staff.telegram_id, f"/start material_{material_id}")
    assert "нужна замена" in harness.last_text(staff.telegram_id)
    assert Role.METHODIST in staff.roles


async def test_seed_demo_adds_materials_once(harness: BotHarness) -> None:
    from bot.demo import seed_demo_data
    from tests.support.events_support import run

    for _ in range(2):
        await run(harness, seed_demo_data)
    found = await _search(harness, Actor(1, None, "ru"), "")
    assert found.total == 4
    practice = next(m for m in found.items if m.title.startswith("Адаптация"))
    assert practice.author_name and practice.school_name
