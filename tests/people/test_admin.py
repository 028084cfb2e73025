"""Admin tools through the chat: roles, the schools directory, CSV import, and who may use them."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import Document
from sqlalchemy import select

from db.models import School, User, UserRole
from handlers.people.callbacks import GrantCD, SchoolAdminCD
from services.enums import Role
from services.i18n import default_translator
from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness, texts

# The refusal, which says whom to ask for the right.
DENIED = default_translator().get("ru", "error-access-denied")

TEACHER = 110_001
OTHER = 110_002
_file_ids = itertools.count(1)
ROOT = Path(__file__).resolve().parents[2]


async def _admin_ready(harness: BotHarness) -> None:
    await harness.onboard_parent(ADMIN_ID, name="Админова Ольга")


async def _roles_of(harness: BotHarness, telegram_id: int) -> dict[str, int | None]:
    async with harness.database.session_factory() as session:
        user = (
            await session.execute(select(User).where(User.telegram_id == telegram_id))
        ).scalar_one()
        rows = (
            await session.execute(select(UserRole).where(UserRole.user_id == user.id))
        ).scalars()
        return {Role(r.role).value: r.school_id for r in rows}


async def _school_id(harness: BotHarness, short_name: str) -> int:
    async with harness.database.session_factory() as session:
        query = select(School.id).where(School.short_name == short_name)
        return int((await session.execute(query)).scalar_one())


async def _upload(harness: BotHarness, user_id: int, name: str, content: bytes) -> list[str]:
    file_id = f"csv{next(_file_ids)}"
    harness.api.files[file_id] = content
    document = Document(
        file_id=file_id, file_unique_id=file_id, file_name=name, file_size=len(content)
    )
    return texts(await harness.send(user_id, document=document))


async def test_admin_grants_and_revokes_a_role_in_chat(
    harness: BotHarness, schools: list[int]
) -> None:
    await _admin_ready(harness)
    await harness.onboard_teacher(TEACHER, name="Иванова Мария")
    await harness.send(ADMIN_ID, "/grant")
    assert "Telegram ID" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "иванова")
    card = harness.last_text(ADMIN_ID)
    assert "Иванова Мария" in card and "педагог" in card

    answers = texts(await harness.press(ADMIN_ID, "методист"))
    assert "Роли сохранены." in answers
    assert harness.find_button(ADMIN_ID, "✅ методист")
    assert await _roles_of(harness, TEACHER) == {"teacher": None, "methodist": None}

    await harness.send(ADMIN_ID, "/roles")
    assert "Иванова Мария: методист" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "✅ методист")
    assert await _roles_of(harness, TEACHER) == {"teacher": None}


async def test_grant_by_telegram_id_and_nobody_found(harness: BotHarness) -> None:
    await _admin_ready(harness)
    await harness.onboard_parent(OTHER, name="Петрова Анна")
    await harness.send(ADMIN_ID, f"/grant {OTHER}")
    assert "Петрова Анна" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "/grant")
    await harness.send(ADMIN_ID, "Никтоневедомов")
    assert "Никого не нашёл" in harness.last_text(ADMIN_ID)
    # Still waiting for a name: the second try works without starting over.
    await harness.send(ADMIN_ID, "петров")
    assert "Петрова Анна" in harness.last_text(ADMIN_ID)


async def test_a_coordinator_is_tied_to_a_school(harness: BotHarness, schools: list[int]) -> None:
    await _admin_ready(harness)
    await harness.onboard_teacher(TEACHER)
    await harness.send(ADMIN_ID, f"/grant {TEACHER}")
    await harness.press(ADMIN_ID, "координатор")
    assert "Координатор какой школы?" in harness.last_text(ADMIN_ID)
    # Nothing is granted until the school is chosen.
    assert await _roles_of(harness, TEACHER) == {"teacher": None}
    await harness.press(ADMIN_ID, "СШ № 2")
    assert await _roles_of(harness, TEACHER) == {
        "teacher": None,
        "coordinator": await _school_id(harness, "СШ № 2"),
    }
    assert "координатор ОО" in harness.last_text(ADMIN_ID)


@pytest.mark.parametrize("command", ["/grant", "/grant 123", "/schools", "/roles"])
async def test_a_teacher_cannot_use_admin_commands(
    harness: BotHarness, schools: list[int], command: str
) -> None:
    await harness.onboard_teacher(TEACHER)
    replies = texts(await harness.send(TEACHER, command))
    assert replies == [DENIED]


async def test_a_tampered_admin_button_is_refused(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    async with harness.database.session_factory() as session:
        user_id = (await session.execute(select(User.id))).scalar_one()
    forged = GrantCD(user_id=user_id, role=Role.ADMIN).pack()
    requests = await harness.callback(TEACHER, forged)
    alerts = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    assert alerts and alerts[0].text == DENIED
    assert alerts[0].show_alert
    assert await _roles_of(harness, TEACHER) == {"teacher": None}

    plain = await _school_id(harness, "СШ № 1")
    flag = SchoolAdminCD(action="flag", school_id=plain, flag="low_results").pack()
    alerts = [
        r for r in await harness.callback(TEACHER, flag) if isinstance(r, AnswerCallbackQuery)
    ]
    assert alerts[0].text == DENIED
    async with harness.database.session_factory() as session:
        school = await session.get(School, plain)
        assert school is not None and not school.low_results


async def test_schools_directory_add_rename_toggle(
    harness: BotHarness, schools: list[int]
) -> None:
    await _admin_ready(harness)
    await harness.send(ADMIN_ID, "/schools")
    assert "Справочник школ</b>: 3" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "Добавить")
    await harness.send(ADMIN_ID, "МБОУ «Средняя школа № 3» | СШ № 3")
    assert "Школа добавлена." in harness.last_text(ADMIN_ID)
    assert "Краткое название: СШ № 3" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "ШНРО")
    assert "ШНРО (низкие результаты): да" in harness.last_text(ADMIN_ID)
    partner_before = "Школа-партнёр: да" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Партнёр")
    partner_after = "Школа-партнёр: да" in harness.last_text(ADMIN_ID)
    assert partner_after is not partner_before
    await harness.press(ADMIN_ID, "ШНРО")
    assert "ШНРО (низкие результаты): нет" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "Переименовать")
    await harness.send(ADMIN_ID, "МБОУ «Гимназия № 3» | Гимназия № 3")
    assert "Гимназия № 3" in harness.last_text(ADMIN_ID)
    async with harness.database.session_factory() as session:
        school = (
            await session.execute(select(School).where(School.short_name == "Гимназия № 3"))
        ).scalar_one()
        assert school.name == "МБОУ «Гимназия № 3»"
        assert school.is_partner is partner_after and not school.low_results

    # The teacher's school search finds the new name right away.
    await harness.send(TEACHER, "/start")
    await harness.press(TEACHER, "Русский")
    await harness.press(TEACHER, "педагог")
    await harness.press(TEACHER, "Согласен")
    await harness.send(TEACHER, "Иванова Мария")
    await harness.send(TEACHER, "гимназ")
    assert "Нашлась 1 школа" in harness.last_text(TEACHER) or harness.find_button(
        TEACHER, "Гимназия № 3"
    )


async def test_adding_a_school_with_an_empty_name_asks_again(harness: BotHarness) -> None:
    await _admin_ready(harness)
    await harness.send(ADMIN_ID, "/schools")
    await harness.press(ADMIN_ID, "Добавить")
    replies = texts(await harness.send(ADMIN_ID, "   |  "))
    assert replies == ["Пустой текст. Напишите, пожалуйста, словами."]
    await harness.send(ADMIN_ID, "МБОУ «Школа № 7»")
    assert "Школа добавлена." in harness.last_text(ADMIN_ID)


CSV = (
    "name;short_name;municipality;low_results;unfavourable;leading;partner\n"
    "МБОУ «Средняя школа № 5»;СШ № 5;Рудня;да;нет;нет;да\n"
    ";без названия;Рудня;да;нет;нет;да\n"
    "МБОУ «Средняя школа № 6»;СШ № 6;Рудня;может быть;нет;нет;да\n"
    "МБОУ «Средняя школа № 5»;СШ № 5;Рудня;да;нет;нет;да\n"
    "МБОУ «Средняя школа № 8»\n"
    "МБОУ «Средняя школа № 1»;СШ № 1;Рудня;нет;да;да;да\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
async def test_csv_import_as_a_document_reports_bad_lines(
    harness: BotHarness, schools: list[int], encoding: str
) -> None:
    await _admin_ready(harness)
    await harness.send(ADMIN_ID, "/schools")
    await harness.press(ADMIN_ID, "Загрузить CSV")
    assert "CSV" in harness.last_text(ADMIN_ID)
    replies = await _upload(harness, ADMIN_ID, "schools.csv", CSV.encode(encoding))
    report = replies[-1]
    assert "добавлено 1, обновлено 1, строк с ошибками: 4" in report
    assert "Строка 3: нет названия школы." in report
    assert "Строка 4: в столбце low_results значение «может быть»" in report
    assert "Строка 5: эта школа уже встречалась выше в файле." in report
    assert "Строка 6: в строке 1 столбец, а в заголовке 7." in report
    async with harness.database.session_factory() as session:
        names = set((await session.execute(select(School.short_name))).scalars())
        assert "СШ № 5" in names and "СШ № 6" not in names
        first = await session.get(School, await _school_id(harness, "СШ № 1"))
        assert first is not None and first.unfavourable_conditions


async def test_csv_import_rejects_an_unreadable_file_and_waits_for_another(
    harness: BotHarness,
) -> None:
    await _admin_ready(harness)
    await harness.send(ADMIN_ID, "/schools")
    await harness.press(ADMIN_ID, "Загрузить CSV")
    replies = await _upload(harness, ADMIN_ID, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\xff")
    assert "В первой строке нет столбца name" in replies[-1] or "прочитать" in replies[-1]
    replies = await _upload(harness, ADMIN_ID, "ok.csv", CSV.encode())
    assert "Загрузка завершена" in replies[-1]


async def test_csv_template_is_sent_as_a_document(harness: BotHarness) -> None:
    await _admin_ready(harness)
    requests = await harness.send(ADMIN_ID, "/schools_template")
    assert any(type(r).__name__ == "SendDocument" for r in requests)


def test_import_schools_from_the_command_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}",
        LOG_LEVEL="WARNING",
    )

    def run(name: str, content: bytes) -> subprocess.CompletedProcess[str]:
        (tmp_path / name).write_bytes(content)
        return subprocess.run(
            [sys.executable, "-m", "bot", "import-schools", name],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    result = run("schools.csv", CSV.encode("cp1251"))
    assert result.returncode == 1  # some lines were bad
    assert "добавлено 2, обновлено 0, строк с ошибками: 4" in result.stdout
    assert "Строка 6: в строке 1 столбец, а в заголовке 7." in result.stdout

    result = run("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR\x00")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Не удалось прочитать файл" in result.stderr
