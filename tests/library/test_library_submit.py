"""Sharing a material through the real Dispatcher: upload checks, the review flow, privacy."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Material, OutboxMessage
from tests.conftest import ADMIN_ID
from tests.library.support import document
from tests.support.harness import BotHarness, texts

TEACHER = 920_001
OTHER = 920_002


async def _start_submission(harness: BotHarness, user_id: int) -> None:
    await harness.send(user_id, "/library")
    await harness.press(user_id, "Поделиться материалом")
    await harness.press(user_id, "функциональная грамотность")
    await harness.press(user_id, "лучшая практика")
    await harness.send(user_id, "Читательская грамотность на уроках математики")
    await harness.send(user_id, "Приёмы смыслового чтения для 5–6 классов")


async def _material(harness: BotHarness) -> Material | None:
    async with harness.database.session_factory() as session:
        return await session.scalar(select(Material))


async def test_upload_is_checked_for_size_type_and_file(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    await _start_submission(harness, TEACHER)
    assert "Пришлите файл" in harness.last_text(TEACHER)

    await harness.send(TEACHER, document=document(size=25 * 1024 * 1024))
    assert "больше 20 МБ" in harness.last_text(TEACHER)
    await harness.send(
        TEACHER, document=document(mime="application/x-msdownload", name="virus.exe")
    )
    assert "тип файла не принимается" in harness.last_text(TEACHER)
    await harness.send(TEACHER, document=document(file_id=" "))
    assert "Нужен файл" in harness.last_text(TEACHER)
    await harness.send(TEACHER, "просто текст")
    assert "Пришлите файл" in harness.last_text(TEACHER)
    assert await _material(harness) is None

    # Still on the same step: a good file goes through.
    await harness.send(TEACHER, document=document())
    assert "отправлен методистам на проверку" in harness.last_text(TEACHER)
    material = await _material(harness)
    assert material is not None
    assert (material.status, material.file_id, material.file_size) == ("pending", "doc-1", 1000)


async def test_a_link_instead_of_a_file_and_a_bad_link(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    await _start_submission(harness, TEACHER)
    await harness.press(TEACHER, "Вместо файла")
    await harness.send(TEACHER, "не ссылка")
    assert "не похоже на ссылку" in harness.last_text(TEACHER)
    await harness.send(TEACHER, "https://disk.example.org/practice")
    material = await _material(harness)
    assert material is not None and material.link == "https://disk.example.org/practice"


async def test_cancel_keeps_nothing(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    await _start_submission(harness, TEACHER)
    await harness.press(TEACHER, "Отмена")
    assert "ничего не сохранено" in harness.last_text(TEACHER)
    await harness.send(TEACHER, document=document())
    assert await _material(harness) is None


async def _submitted(harness: BotHarness) -> int:
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_teacher(OTHER, name="Кузнецов Пётр", school="СШ № 2")
    await harness.staff_ready(ADMIN_ID)
    await _start_submission(harness, TEACHER)
    await harness.send(TEACHER, document=document())
    material = await _material(harness)
    assert material is not None
    return material.id


async def _notices(harness: BotHarness) -> list[str]:
    async with harness.database.session_factory() as session:
        return list((await session.scalars(select(OutboxMessage.template))).all())


async def test_methodist_approves_and_the_practice_is_credited(
    harness: BotHarness, schools: list[int]
) -> None:
    material_id = await _submitted(harness)
    await harness.send(ADMIN_ID, "/review")
    assert "Читательская грамотность" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Читательская грамотность")
    await harness.press(ADMIN_ID, "Одобрить")
    assert "library-notice-approved" in await _notices(harness)

    # Now public: another teacher finds it, credited to the author and the school.
    await harness.send(OTHER, f"/start material_{material_id}")
    card = harness.last_text(OTHER)
    assert "Автор: Иванова Мария, СШ № 1" in card
    assert "функциональная грамотность" in card

    # A double tap on Approve is told, not an error.
    again = await harness.callback(ADMIN_ID, f"lbc:approve:{material_id}")
    assert "По этому материалу уже принято решение." in texts(again)


async def test_declined_submission_is_seen_only_by_its_author_and_staff(
    harness: BotHarness, schools: list[int]
) -> None:
    material_id = await _submitted(harness)
    await harness.callback(ADMIN_ID, f"lbc:decline:{material_id}")
    assert "причину отказа" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "Нет авторского описания методики")
    assert "отклонён" in harness.last_text(ADMIN_ID)
    assert "library-notice-declined" in await _notices(harness)

    await harness.send(TEACHER, f"/start material_{material_id}")
    assert "Нет авторского описания методики" in harness.last_text(TEACHER)
    await harness.send(ADMIN_ID, f"/start material_{material_id}")
    assert "Отклонён" in harness.last_text(ADMIN_ID)
    await harness.send(OTHER, f"/start material_{material_id}")
    assert "Материал не найден" in harness.last_text(OTHER)
    tapped = await harness.callback(OTHER, f"lbc:file:{material_id}")
    assert "Материал не найден." in texts(tapped)


async def test_teacher_cannot_review_and_edits_only_their_own(
    harness: BotHarness, schools: list[int]
) -> None:
    material_id = await _submitted(harness)
    refused = await harness.callback(OTHER, f"lbc:approve:{material_id}")
    assert any("прав" in text for text in texts(refused)), texts(refused)
    assert (await _material(harness)).status == "pending"  # type: ignore[union-attr]

    await harness.callback(ADMIN_ID, f"lbc:change:{material_id}")
    await harness.send(ADMIN_ID, "Добавьте примеры заданий")
    assert "library-notice-changes" in await _notices(harness)

    # Someone else's revision is refused; the author's goes back to the reviewers.
    await harness.callback(OTHER, f"lbc:revise:{material_id}")
    await harness.send(OTHER, "Чужое название")
    await harness.send(OTHER, "-")
    assert "Материал не найден" in harness.last_text(OTHER)
    await harness.send(TEACHER, f"/start material_{material_id}")
    await harness.press(TEACHER, "Доработать")
    await harness.send(TEACHER, "Смысловое чтение на математике: примеры заданий")
    await harness.send(TEACHER, "-")
    assert "отправлен методистам" in harness.last_text(TEACHER)
    material = await _material(harness)
    assert material is not None
    assert (material.status, material.title) == (
        "pending",
        "Смысловое чтение на математике: примеры заданий",
    )
