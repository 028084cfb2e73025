"""Anything unexpected gets a clear localized answer and a way back; the bot never goes silent."""

from __future__ import annotations

import logging

import pytest
from aiogram import F, Router
from aiogram.filters import Command
from aiogram.methods import AnswerCallbackQuery
from aiogram.types import CallbackQuery, Chat, Document, Message
from sqlalchemy import func, select

from db.models import User
from handlers.people.callbacks import ForgetCD, GrantCD, SchoolPickCD
from services.enums import Role
from services.i18n import default_translator
from tests.support.harness import BotHarness, texts

# The refusal, which says whom to ask for the right.
DENIED = default_translator().get("ru", "error-access-denied")

PERSON = 130_001


async def _to_name_step(harness: BotHarness) -> None:
    await harness.send(PERSON, "/start")
    await harness.press(PERSON, "Русский")
    await harness.press(PERSON, "педагог")
    await harness.press(PERSON, "Согласен")
    assert "фамилию, имя" in harness.last_text(PERSON)


def _answers(requests: list[object]) -> list[AnswerCallbackQuery]:
    return [r for r in requests if isinstance(r, AnswerCallbackQuery)]


async def test_a_sticker_where_a_name_is_expected(harness: BotHarness) -> None:
    await _to_name_step(harness)
    replies = texts(await harness.send(PERSON, sticker=True))
    assert len(replies) == 1
    assert "имя текстом" in replies[0]
    # The step is still waiting: a proper name now goes through.
    await harness.send(PERSON, "Кузнецова Ирина")
    assert "школе" in harness.last_text(PERSON)


async def test_a_document_where_text_is_expected(harness: BotHarness) -> None:
    await _to_name_step(harness)
    document = Document(file_id="f1", file_unique_id="f1", file_name="cv.pdf")
    replies = texts(await harness.send(PERSON, document=document))
    assert len(replies) == 1 and "имя текстом" in replies[0]


async def test_a_5000_character_name_is_refused_and_nothing_is_stored(
    harness: BotHarness,
) -> None:
    await _to_name_step(harness)
    replies = texts(await harness.send(PERSON, "Я" * 5000))
    assert len(replies) == 1
    assert "Слишком длинно" in replies[0]
    async with harness.database.session_factory() as session:
        names = (await session.execute(select(User.full_name))).scalars().all()
        assert all(name is None or len(name) < 300 for name in names)
    await harness.send(PERSON, "Кузнецова Ирина")
    assert "школе" in harness.last_text(PERSON)


async def test_a_name_without_letters_is_refused(harness: BotHarness) -> None:
    await _to_name_step(harness)
    replies = texts(await harness.send(PERSON, "12345 !!!"))
    assert replies == ["В имени должны быть буквы."]


async def test_cancel_works_from_any_step(harness: BotHarness) -> None:
    await _to_name_step(harness)
    replies = texts(await harness.send(PERSON, "/cancel"))
    assert "Действие отменено" in replies[0]
    assert (await harness.send(PERSON, "Кузнецова Ирина")) and "школе" not in harness.last_text(
        PERSON
    )


async def test_a_stale_button_is_answered(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(PERSON)
    # A school button from a finished onboarding, pressed again later.
    stale = SchoolPickCD(school_id=schools[0]).pack()
    answers = _answers(await harness.callback(PERSON, stale))
    assert len(answers) == 1
    assert answers[0].text == "Эта кнопка устарела. Откройте раздел заново через меню."
    assert answers[0].show_alert


@pytest.mark.parametrize("data", ["garbage", "grant:abc:admin", "forget:maybe", "sadm", ""])
async def test_a_tampered_callback_is_answered(harness: BotHarness, data: str) -> None:
    await harness.onboard_parent(PERSON)
    answers = _answers(await harness.callback(PERSON, data))
    assert len(answers) == 1
    assert answers[0].text == "Эта кнопка устарела. Откройте раздел заново через меню."


async def test_a_forged_button_without_rights_is_refused(harness: BotHarness) -> None:
    await harness.onboard_parent(PERSON)
    forged = GrantCD(user_id=1, role=Role.ADMIN).pack()
    answers = _answers(await harness.callback(PERSON, forged))
    assert [a.text for a in answers] == [DENIED]


async def test_a_command_without_rights(harness: BotHarness) -> None:
    await harness.onboard_parent(PERSON)
    assert texts(await harness.send(PERSON, "/schools")) == [DENIED]


async def test_an_unknown_command_and_an_unknown_message(harness: BotHarness) -> None:
    replies = texts(await harness.send(PERSON, "/frobnicate"))
    assert replies == ["Такой команды нет. Отправьте /help — там список того, что я умею."]
    assert "Сначала давайте познакомимся" in texts(await harness.send(PERSON, "привет"))[0]
    await harness.onboard_parent(PERSON)
    replies = texts(await harness.send(PERSON, "как дела?"))
    assert "Я не понял сообщение" in replies[0]
    assert "👤 Профиль" in harness.reply_keyboard(PERSON)


async def test_english_speakers_get_english_answers(harness: BotHarness) -> None:
    await harness.send(PERSON, "/start")
    await harness.press(PERSON, "English")
    await harness.press(PERSON, "parent")
    await harness.press(PERSON, "I agree")
    replies = texts(await harness.send(PERSON, sticker=True))
    assert replies and "Такой" not in replies[0] and "имя" not in replies[0]


async def test_a_message_in_a_group_chat_does_not_start_a_private_flow(
    harness: BotHarness,
) -> None:
    group = Chat(id=-100_500, type="supergroup", title="Методисты")
    before = len(harness.api.requests)
    await harness.send(PERSON, "всем привет", chat=group)
    await harness.send(PERSON, "/start", chat=group)
    # Chatter is left alone; the command gets a pointer to the private chat, nothing else.
    assert texts(harness.api.requests[before:]) == [
        "Я работаю в личных сообщениях, чтобы ничего личного не звучало в группе. "
        "Напишите мне: @coordinator_test_bot"
    ]
    async with harness.database.session_factory() as session:
        assert (await session.execute(select(func.count(User.id)))).scalar_one() == 0


async def test_forget_buttons_pressed_by_a_stranger_do_nothing(harness: BotHarness) -> None:
    await harness.onboard_parent(PERSON)
    stranger = PERSON + 1
    answers = _answers(await harness.callback(stranger, ForgetCD(confirm=True).pack()))
    assert len(answers) == 1 and answers[0].text
    async with harness.database.session_factory() as session:
        user = (await session.execute(select(User))).scalar_one()
        assert user.telegram_id == PERSON and user.full_name


async def test_every_private_update_gets_an_answer(
    harness: BotHarness, schools: list[int]
) -> None:
    inputs: list[dict[str, object]] = [
        {"text": "/start"},
        {"text": "hello"},
        {"sticker": True},
        {"text": "/help"},
        {"text": "/menu"},
        {"text": "/profile"},
        {"text": "/privacy"},
        {"text": "/language"},
        {"text": "/cancel"},
        {"text": "/roles"},
        {"text": "/unknown"},
        {"document": Document(file_id="x", file_unique_id="x", file_name="a.txt")},
    ]
    for registered in (False, True):
        if registered:
            await harness.onboard_teacher(PERSON)
        for values in inputs:
            requests = await harness.send(PERSON, **values)  # type: ignore[arg-type]
            assert texts(requests), (registered, values)


async def test_an_exception_in_a_handler_is_logged_and_the_person_told(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(message: Message) -> None:
        raise RuntimeError("Иванова Мария +79990000000")

    router = Router(name="broken")
    router.message.register(broken, Command("broken"))
    _inject(harness, router)
    with caplog.at_level(logging.ERROR):
        replies = texts(await harness.send(PERSON, "/broken"))
    assert replies == [
        "Что-то пошло не так на нашей стороне. Мы уже знаем об ошибке. "
        "Попробуйте ещё раз чуть позже или отправьте /menu."
    ]
    records = [r for r in caplog.records if r.name == "handlers.errors"]
    assert records and "update_id=" in records[0].getMessage()
    assert "RuntimeError" in records[0].getMessage()
    # The log line itself carries ids, not what the person typed.
    assert "Иванова" not in records[0].getMessage()


async def test_a_failing_tap_gets_one_answer_with_the_reason(harness: BotHarness) -> None:
    await harness.onboard_parent(PERSON)
    answers = _answers(await harness.callback(PERSON, GrantCD(user_id=1, role=Role.ADMIN).pack()))
    # Telegram takes a single answer per tap: an empty one first would hide the reason.
    assert len(answers) == 1 and answers[0].show_alert


def _inject(harness: BotHarness, router: Router) -> None:
    # Consulted right after /cancel and /help, as any feature router would be.
    root = harness.dp.sub_routers[0]
    root.sub_routers.insert(1, router)
    router._parent_router = root


async def test_a_handler_that_answers_its_tap_is_not_answered_again(
    harness: BotHarness,
) -> None:
    async def answers_itself(query: CallbackQuery) -> None:
        await query.answer("Сохранено")

    async def answers_then_fails(query: CallbackQuery) -> None:
        await query.answer("Сохранено")
        raise RuntimeError("after the answer")

    router = Router(name="answering")
    router.callback_query.register(answers_itself, F.data == "self-answer")
    router.callback_query.register(answers_then_fails, F.data == "answer-then-fail")
    _inject(harness, router)

    answers = _answers(await harness.callback(PERSON, "self-answer"))
    assert [a.text for a in answers] == ["Сохранено"]

    requests = await harness.callback(PERSON, "answer-then-fail")
    assert [a.text for a in _answers(requests)] == ["Сохранено"]
    # The tap is spent, so the apology arrives as a message in the chat.
    assert any("Что-то пошло не так" in t for t in texts(requests))
