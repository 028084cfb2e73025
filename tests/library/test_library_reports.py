"""The library's figures in /stats and in the export: materials added, practices by school and
school category, the most requested materials."""

from __future__ import annotations

from services.context import Actor
from services.enums import Role
from services.i18n import default_translator
from services.library.types import MaterialKind
from services.reports.export import Section, render_csv
from tests.conftest import ADMIN_ID
from tests.library.support import add, draft
from tests.support.events_support import add_people, staff_actor
from tests.support.harness import BotHarness, texts

TEACHER = 960_001


async def test_stats_and_export_count_the_library(harness: BotHarness, schools: list[int]) -> None:
    staff = await staff_actor(harness)
    # schools: [Любавичская СШ (ШНРО, ШФНСУ), СШ № 1, СШ № 2 (ШНРО)] by name
    ids = await add_people(harness, [TEACHER], school_id=schools[0])
    teacher = Actor(TEACHER, ids[TEACHER], "ru", frozenset({Role.TEACHER}))
    practice = await add(
        harness, teacher, draft("Опыт наставничества", kind=MaterialKind.BEST_PRACTICE)
    )
    await add(harness, teacher, draft("Ещё не проверен", kind=MaterialKind.BEST_PRACTICE))
    await add(harness, staff, draft("Методичка центра"))
    svc = await harness.services()
    try:
        await svc.library.approve(staff, practice)
        for _ in range(2):
            await svc.library.open(teacher, practice)
        await svc.library.file_sent(practice)
    finally:
        await svc.session.close()

    await harness.staff_ready(ADMIN_ID)
    reply = texts(await harness.send(ADMIN_ID, "/stats"))[0]
    assert "Добавлено материалов: 2" in reply
    assert "Лучшие практики по школам: Любавичская СШ — 1" in reply
    assert "По категориям школ: ШФНСУ — 1" in reply
    assert "«Опыт наставничества» — открыли 2, получили файл 1" in reply

    svc = await harness.services()
    try:
        admin = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))
        data = await svc.reports.report_data(admin, svc.reports.default_period())
    finally:
        await svc.session.close()
    t = default_translator().bind("ru")
    csv = (await render_csv(data, Section.LIBRARY, t, harness.policy.timezone)).decode("utf-8-sig")
    assert "Лучшие практики школы;Любавичская СШ;1;" in csv
    assert "Востребованный материал;Опыт наставничества;2;1" in csv
