"""Surveys for staff in chat: uploading a file (issues by line), the report and the XLSX,
the chat wizard, and a teacher refused the staff tools."""

from __future__ import annotations

from aiogram.types import Document
from sqlalchemy import func, select

from db.models import Survey
from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness, texts
from tests.surveys.survey_support import ANONYMOUS, TEACHER, default_survey_id


def document(name: str, file_id: str) -> Document:
    return Document(file_id=file_id, file_unique_id=file_id, file_name=name, file_size=500)


async def test_staff_upload_shows_lines_then_creates_and_reports(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/surveys")
    await harness.press(ADMIN_ID, "Загрузить файл")
    harness.api.files["bad"] = b"title: X\nquestions:\n  - id: q1\n    type: rating\n    text: T\n"
    replies = texts(await harness.send(ADMIN_ID, document=document("s.yaml", "bad")))
    assert "строка 4" in replies[-1] and "rating" in replies[-1]
    harness.api.files["good"] = ANONYMOUS.encode()
    replies = texts(await harness.send(ADMIN_ID, document=document("s.yaml", "good")))
    assert "сохранён как черновик" in replies[-1] and "Анонимный" in replies[-1]
    async with harness.database.session_factory() as session:
        assert (await session.execute(select(func.count(Survey.id)))).scalar_one() == 2

    # A teacher answers; the report is a chart and a summary, the export an XLSX file.
    await harness.onboard_teacher(TEACHER)
    await harness.press(ADMIN_ID, "Запустить")
    await harness.press(ADMIN_ID, "Да, разослать")
    await harness.send(TEACHER, "/survey")
    await harness.press(TEACHER, "Начать")
    await harness.press(TEACHER, "Серьёзно")
    await harness.send(TEACHER, "Коротко")
    await harness.send(ADMIN_ID, "/surveys")
    await harness.press(ADMIN_ID, "Анонимный опрос")
    requests = await harness.press(ADMIN_ID, "Итоги")
    photos = [r for r in requests if type(r).__name__ == "SendPhoto"]
    assert len(photos) == 1
    assert "Ответили 1 из 1" in texts(requests)[-1]
    requests = await harness.press(ADMIN_ID, "XLSX")
    sent = [r for r in requests if type(r).__name__ == "SendDocument"]
    assert len(sent) == 1


async def test_teacher_cannot_use_staff_tools(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    survey_id = await default_survey_id(harness.database)
    replies = texts(await harness.send(TEACHER, "/surveys"))
    assert "прав" in replies[-1].lower() or "доступ" in replies[-1].lower()
    from handlers.surveys.callbacks import Staff, StaffCD

    await harness.callback(TEACHER, StaffCD(act=Staff.LAUNCH_SURE, survey_id=survey_id).pack())
    async with harness.database.session_factory() as session:
        survey = await session.get(Survey, survey_id)
        assert survey is not None and survey.status == "draft"


async def test_chat_wizard_builds_a_simple_survey(harness: BotHarness) -> None:
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/surveys")
    await harness.press(ADMIN_ID, "Создать в чате")
    await harness.send(ADMIN_ID, "Итоги четверти")
    await harness.send(ADMIN_ID, "Что получилось лучше всего?")
    await harness.press(ADMIN_ID, "Один вариант")
    replies = texts(await harness.send(ADMIN_ID, "Только один"))
    assert "от 2 до 10" in replies[-1]
    await harness.press(ADMIN_ID, "Назад")
    await harness.press(ADMIN_ID, "Шкала")
    assert "Добавлен 1 вопрос" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Ещё вопрос")
    await harness.send(ADMIN_ID, "Что мешало?")
    await harness.press(ADMIN_ID, "Несколько вариантов")
    await harness.send(ADMIN_ID, "Время\nНагрузка\nТехника")
    await harness.press(ADMIN_ID, "Сохранить")
    assert "сохранён как черновик" in harness.last_text(ADMIN_ID)
    async with harness.database.session_factory() as session:
        survey = (
            await session.execute(select(Survey).where(Survey.title == "Итоги четверти"))
        ).scalar_one()
        types = [q["type"] for q in survey.definition["questions"]]
        assert types == ["scale", "multi"]
        assert [o["text"]["ru"] for o in survey.definition["questions"][1]["options"]] == [
            "Время",
            "Нагрузка",
            "Техника",
        ]


async def test_the_staff_list_pages_through_every_survey(harness: BotHarness) -> None:
    await harness.staff_ready(ADMIN_ID)
    async with harness.database.session_factory() as session:
        existing = int((await session.execute(select(func.count(Survey.id)))).scalar_one())
        definition = {"questions": [{"id": "q1", "type": "text", "text": {"ru": "?"}}]}
        session.add_all(
            Survey(title=f"Опрос номер {n:02d}", definition=definition) for n in range(1, 13)
        )
        await session.commit()
    total = existing + 12
    pages = -(-total // 8)
    await harness.send(ADMIN_ID, "/surveys")
    first = harness.last_text(ADMIN_ID)
    assert f"Страница 1 из {pages}" in first
    seen = {n for n in range(1, 13) if f"Опрос номер {n:02d}" in first}
    for page in range(2, pages + 1):
        await harness.press(ADMIN_ID, "Дальше")
        shown = harness.last_text(ADMIN_ID)
        assert f"Страница {page} из {pages}" in shown
        seen |= {n for n in range(1, 13) if f"Опрос номер {n:02d}" in shown}
    assert seen == set(range(1, 13))  # every survey is reachable
    await harness.press(ADMIN_ID, "Назад")
    assert f"Страница {pages - 1} из {pages}" in harness.last_text(ADMIN_ID)
