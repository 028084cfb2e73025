"""Targeted support: the end of the diagnostics offers library materials on a serious
difficulty beside the events; a methodist hands a material to the broadcast as a document."""

from __future__ import annotations

from services.enums import Topic
from services.library.types import MaterialKind
from tests.library.support import add, draft
from tests.support.events_support import staff_actor
from tests.support.harness import BotHarness
from tests.surveys.survey_support import TEACHER, TOPIC_IDS, launch_default


async def test_diagnostics_end_offers_materials_on_the_difficult_topic(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    survey_id = await launch_default(harness)
    assert survey_id
    staff = await staff_actor(harness)
    await add(harness, staff, draft("Цифровые тренажёры на уроке", topic=Topic.DIGITAL))
    await add(
        harness,
        staff,
        draft("Олимпиадные задачи", topic=Topic.GIFTED, kind=MaterialKind.ARTICLE),
    )
    await harness.send(TEACHER, "/survey")
    await harness.press(TEACHER, "Начать")
    for number in range(11):
        choice = "Серьёзные" if TOPIC_IDS[number] == "digital" else "Затруднений нет"
        await harness.press(TEACHER, choice)
    await harness.press(TEACHER, "Методические")
    await harness.press(TEACHER, "Готово")
    await harness.press(TEACHER, "Семинар")
    await harness.press(TEACHER, "Готово")
    await harness.send(TEACHER, "-")
    assert "методической копилке" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "Цифровые тренажёры на уроке")
    assert "Цифровые тренажёры на уроке" in harness.last_text(TEACHER)
    try:
        harness.find_button(TEACHER, "Олимпиадные задачи")
    except AssertionError:
        pass
    else:
        raise AssertionError("a material on a topic that is not difficult was offered")


async def test_a_methodist_sends_a_material_as_a_broadcast_document(
    harness: BotHarness, schools: list[int]
) -> None:
    from aiogram.methods import SendDocument

    from tests.broadcasts.test_broadcast import _tick
    from tests.conftest import ADMIN_ID

    await harness.onboard_teacher(TEACHER)
    await harness.staff_ready(ADMIN_ID)
    staff = await staff_actor(harness)
    material_id = await add(harness, staff, draft("Памятка по ОГЭ", "Для 9 классов"))

    await harness.send(ADMIN_ID, f"/start material_{material_id}")
    await harness.press(ADMIN_ID, "Разослать через рассылку")
    assert "Кому отправить?" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "педагог")
    await harness.press(ADMIN_ID, "Предпросмотр")
    await harness.press(ADMIN_ID, "Отправить сейчас")
    await _tick(harness)
    documents = [r for r in harness.chat_requests(TEACHER) if isinstance(r, SendDocument)]
    assert [d.document for d in documents] == ["doc-1"]
    assert "Памятка по ОГЭ" in str(documents[0].caption)
    assert f"material_{material_id}" in str(documents[0].caption)

    # A teacher cannot start one.
    from tests.support.harness import texts

    refused = await harness.callback(TEACHER, f"lbc:broadcast:{material_id}")
    assert any("прав" in text for text in texts(refused))
