"""The /broadcast wizard driven through the real Dispatcher, and the engine that sends it."""

from __future__ import annotations

from datetime import timedelta

from aiogram.methods import EditMessageText, SendMessage

from services.broadcasts.types import BroadcastSchoolCategory, BroadcastState
from services.i18n import LOCALES, default_translator
from tests.conftest import ADMIN_ID
from tests.delivery.test_delivery_support import make_engine
from tests.support.harness import BotHarness, texts

TEACHER = 910_001
PARENT = 910_002
TEACHER_2 = 910_003


async def _people(harness: BotHarness) -> None:
    await harness.onboard_teacher(ADMIN_ID, name="Смирнова Ольга")
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_teacher(TEACHER_2, name="Кузнецов Пётр", school="СШ № 2")
    await harness.onboard_parent(PARENT)


async def _tick(harness: BotHarness) -> None:
    engine = make_engine(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    )
    await engine.tick()


def _got(harness: BotHarness, user_id: int, text: str) -> int:
    return sum(
        1 for r in harness.chat_requests(user_id) if isinstance(r, SendMessage) and r.text == text
    )


async def test_methodist_sends_a_broadcast_to_parents_and_sees_live_progress(
    harness: BotHarness, schools: list[int]
) -> None:
    await _people(harness)
    await harness.send(ADMIN_ID, "/broadcast")
    assert "текст рассылки" in harness.last_text(ADMIN_ID)

    await harness.send(ADMIN_ID, "Родительское собрание в четверг в 18:00")
    screen = harness.last_text(ADMIN_ID)
    assert "Выбрано: все пользователи" in screen
    assert "Получателей: 4" in screen

    await harness.press(ADMIN_ID, "родитель")
    assert "Получателей: 1" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "Предпросмотр")
    sent = texts(harness.chat_requests(ADMIN_ID))
    assert "Родительское собрание в четверг в 18:00" in sent
    assert "Получателей: 1. Отправить?" in harness.last_text(ADMIN_ID)

    await harness.press(ADMIN_ID, "Отправить сейчас")
    assert "Рассылка № 1 идёт" in harness.last_text(ADMIN_ID)
    assert _got(harness, PARENT, "Родительское собрание в четверг в 18:00") == 0

    await _tick(harness)

    assert _got(harness, PARENT, "Родительское собрание в четверг в 18:00") == 1
    assert _got(harness, TEACHER, "Родительское собрание в четверг в 18:00") == 0
    edits = [r for r in harness.chat_requests(ADMIN_ID) if isinstance(r, EditMessageText)]
    assert "Рассылка № 1 завершена" in str(edits[-1].text)
    assert "Отправлено: 1 из 1" in str(edits[-1].text)

    await _tick(harness)  # a second round finds nothing: the message never goes twice
    assert _got(harness, PARENT, "Родительское собрание в четверг в 18:00") == 1

    await harness.send(ADMIN_ID, "/broadcasts")
    listing = harness.last_text(ADMIN_ID)
    assert "№ 1 · завершена" in listing
    assert "отправлено 1 из 1" in listing


async def test_filters_combine_school_and_subject_and_a_typed_time_schedules_it(
    harness: BotHarness, schools: list[int]
) -> None:
    await _people(harness)
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Методическое объединение учителей математики")
    await harness.press(ADMIN_ID, "Школы")
    await harness.press(ADMIN_ID, "СШ № 2")
    await harness.press(ADMIN_ID, "Назад")
    assert "Получателей: 1" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "ШНРО")  # СШ № 2 is ШНРО: still one
    assert "Получателей: 1" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Предметы")
    await harness.press(ADMIN_ID, "русский")  # nobody teaches Russian there
    await harness.press(ADMIN_ID, "Назад")
    assert "Получателей: 0" in harness.last_text(ADMIN_ID)
    await harness.press(ADMIN_ID, "Предпросмотр")
    assert "никто не подходит" in texts(harness.api.requests[-2:])[-1]
    await harness.press(ADMIN_ID, "Предметы")
    await harness.press(ADMIN_ID, "русский")
    await harness.press(ADMIN_ID, "Назад")

    await harness.press(ADMIN_ID, "Предпросмотр")
    await harness.press(ADMIN_ID, "Запланировать")
    assert "Когда отправить?" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "вчера в обед")
    assert "Не удалось понять дату" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "23.11.2026 10:00")  # 10:00 Moscow has passed at 12:00
    assert "уже прошло" in harness.last_text(ADMIN_ID)
    await harness.send(ADMIN_ID, "24.11 10:00")
    assert "запланирована на 24.11.2026 10:00" in harness.last_text(ADMIN_ID)

    await _tick(harness)
    text = "Методическое объединение учителей математики"
    assert _got(harness, TEACHER_2, text) == 0
    harness.clock.now += timedelta(days=1)
    await _tick(harness)
    assert _got(harness, TEACHER_2, text) == 1
    assert _got(harness, TEACHER, text) == 0


async def test_a_scheduled_broadcast_can_be_stopped_and_then_nothing_goes(
    harness: BotHarness, schools: list[int]
) -> None:
    await _people(harness)
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Отменённая новость")
    await harness.press(ADMIN_ID, "Предпросмотр")
    await harness.press(ADMIN_ID, "Запланировать")
    await harness.send(ADMIN_ID, "завтра 10:00")
    answered = await harness.press(ADMIN_ID, "Остановить")
    assert "Рассылка остановлена" in texts(answered)[0]
    harness.clock.now += timedelta(days=2)
    await _tick(harness)
    for person in (TEACHER, TEACHER_2, PARENT):
        assert _got(harness, person, "Отменённая новость") == 0
    await harness.send(ADMIN_ID, "/broadcasts")
    assert "остановлена" in harness.last_text(ADMIN_ID)


async def test_a_teacher_cannot_broadcast_even_by_pressing_an_old_button(
    harness: BotHarness, schools: list[int]
) -> None:
    await _people(harness)
    await harness.send(TEACHER, "/broadcast")
    assert "нет прав" in harness.last_text(TEACHER)
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Текст")
    data = harness.find_button(ADMIN_ID, "Предпросмотр")
    answered = await harness.callback(TEACHER, data)
    assert any("нет прав" in t or "устарела" in t for t in texts(answered))
    await harness.send(TEACHER, "/broadcasts")
    assert "нет прав" in harness.last_text(TEACHER)


async def test_cancel_leaves_the_wizard_and_nothing_is_sent(
    harness: BotHarness, schools: list[int]
) -> None:
    await _people(harness)
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Черновик")
    await harness.send(ADMIN_ID, "/cancel")
    assert "отменено" in harness.last_text(ADMIN_ID)
    await _tick(harness)
    assert _got(harness, PARENT, "Черновик") == 0


def test_enum_derived_broadcast_keys_exist() -> None:
    translator = default_translator()
    keys = {f"broadcast-category-{c.value}" for c in BroadcastSchoolCategory} | {
        f"broadcast-state-{s.value}" for s in BroadcastState
    }
    for locale in LOCALES:
        assert {k for k in keys if not translator.has(k, locale)} == set()


async def test_forget_removes_the_authors_telegram_id_from_their_broadcasts(
    harness: BotHarness, schools: list[int]
) -> None:
    from sqlalchemy import select

    from db.models import Broadcast

    await _people(harness)
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Новость")
    await harness.press(ADMIN_ID, "Предпросмотр")
    await harness.press(ADMIN_ID, "Отправить сейчас")
    svc = await harness.services()
    actor = await svc.users.actor_for(ADMIN_ID, "ru")
    await svc.users.forget(actor)
    await svc.session.close()
    async with harness.database.session_factory() as session:
        broadcast = (await session.execute(select(Broadcast))).scalar_one()
        assert broadcast.author_chat_id is None
