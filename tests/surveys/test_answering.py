"""Answering surveys as teachers meet them: in chat with Back, Pause and resume after a
restart, the limits of choices and texts, repeat rules and waves, and anonymity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy import select

from bot.config import Settings
from bot.factory import Database, create_dispatcher
from db.models import OutboxMessage, Survey, SurveyAnswer, SurveyParticipation, SurveyResponse
from services.container import Services
from services.enums import Topic
from services.errors import Conflict
from services.i18n import default_translator
from services.surveys.offers import difficulty_subscribers
from services.surveys.types import Finished, QuestionView
from tests.conftest import ADMIN_ID
from tests.support.fakes import TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock, texts
from tests.surveys.survey_support import (
    ADMIN,
    ANONYMOUS,
    TEACHER,
    TOPIC_IDS,
    add_event,
    answer_all,
    launch_default,
    make_teacher,
)


async def test_answering_with_back_and_resume_after_restart(
    harness: BotHarness, schools: list[int], settings: Settings, database: Database
) -> None:
    await harness.onboard_teacher(TEACHER)
    survey_id = await launch_default(harness)
    assert "отправлено 1 приглашение" in harness.last_text(ADMIN_ID)
    async with database.session_factory() as session:
        invite = (
            await session.execute(
                select(OutboxMessage).where(OutboxMessage.kind == "survey_invite")
            )
        ).scalar_one()
        assert invite.dedupe_key is not None and invite.ref_id == survey_id
        # Rendered at sending in the reader's language, the title included.
        english = default_translator().bind("en")(str(invite.template), **invite.args)
        assert "Diagnosis of teachers' professional difficulties" in english
        assert "Диагностика" not in english

    await harness.send(TEACHER, "📋 Опросы")
    assert "Диагностика профессиональных затруднений" in harness.last_text(TEACHER)
    replies = texts(await harness.press(TEACHER, "Начать"))
    assert "около 5 минут" in replies[-2]
    assert "Вопрос 1/14" in replies[-1] and "ГИА" in replies[-1]
    await harness.press(TEACHER, "Серьёзные")
    assert "Вопрос 2/14" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "Назад")
    assert "Вопрос 1/14" in harness.last_text(TEACHER)
    # The earlier answer is shown as chosen and can be changed.
    assert harness.find_button(TEACHER, "● Серьёзные")
    await harness.press(TEACHER, "Затруднений нет")
    await harness.press(TEACHER, "Есть некоторые")
    assert "Вопрос 3/14" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "Пауза")
    assert "Ответы сохранены" in harness.last_text(TEACHER)

    # A restart: a new Dispatcher with empty memory, the same database.
    api = RecordingSession()
    bot = Bot(TOKEN, session=api, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = create_dispatcher(
        settings,
        database.session_factory,
        policy=harness.policy,
        clock=harness.clock,
        storage=MemoryStorage(),
        events_isolation=SimpleEventIsolation(),
    )
    restarted = BotHarness(dp, bot, api, database, harness.policy, harness.clock)
    await restarted.send(TEACHER, "/survey")
    assert restarted.find_button(TEACHER, "Продолжить (2/14)")
    await restarted.press(TEACHER, "Продолжить")
    assert "Вопрос 3/14" in restarted.last_text(TEACHER)
    async with database.session_factory() as session:
        rows = (await session.execute(select(SurveyAnswer.question, SurveyAnswer.value))).all()
        stored = {row.question: row.value for row in rows}
    assert stored == {"exam_prep": "none", "low_achievers": "some"}
    await dp.storage.close()


async def test_multi_choice_limit_text_limit_and_offers_at_the_end(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER)
    survey_id = await launch_default(harness)
    async with harness.database.session_factory() as session:
        svc = Services(session, harness.policy, harness.clock)
        soon = harness.clock.now + timedelta(days=5)
        await add_event(svc, Topic.DIGITAL, soon, "Цифровые инструменты урока")
        await add_event(svc, Topic.GIFTED, soon, "Олимпиадная подготовка")
    await harness.send(TEACHER, "/survey")
    await harness.press(TEACHER, "Начать")
    for number in range(11):
        choice = "Серьёзные" if TOPIC_IDS[number] == "digital" else "Затруднений нет"
        await harness.press(TEACHER, choice)
    assert "Вопрос 12/14" in harness.last_text(TEACHER)
    for option in ("Методические", "Разбор", "Консультация эксперта"):
        await harness.press(TEACHER, option)
    replies = texts(await harness.press(TEACHER, "Обмен опытом"))
    assert "не больше 3" in replies[-1]
    await harness.press(TEACHER, "Готово")
    assert "Вопрос 13/14" in harness.last_text(TEACHER)
    replies = texts(await harness.press(TEACHER, "Готово"))
    assert "хотя бы один" in replies[-1]
    await harness.press(TEACHER, "Семинар")
    await harness.press(TEACHER, "Готово")
    assert "Вопрос 14/14" in harness.last_text(TEACHER)
    replies = texts(await harness.send(TEACHER, "ы" * 1001))
    assert "длиннее 1\xa0000 символов" in replies[-1] and "1\xa0001" in replies[-1]
    replies = texts(await harness.send(TEACHER, "Нужны примеры уроков"))
    assert "Спасибо" in replies[-1]
    assert "цифровые" in replies[-1].lower()
    assert harness.find_button(TEACHER, "Цифровые инструменты урока")
    with pytest.raises(AssertionError):
        harness.find_button(TEACHER, "Олимпиадная")

    async with harness.database.session_factory() as session:
        response = (await session.execute(select(SurveyResponse))).scalar_one()
        assert response.completed_at is not None and response.user_id is not None
        comment = (
            await session.execute(
                select(SurveyAnswer.value).where(SurveyAnswer.question == "comment")
            )
        ).scalar_one()
        assert comment == "Нужны примеры уроков"
        svc = Services(session, harness.policy, harness.clock)
        assert await difficulty_subscribers(session, Topic.DIGITAL) == [response.user_id]
        assert await difficulty_subscribers(session, Topic.GIFTED) == []
        card = await svc.surveys.card(ADMIN, survey_id)
        assert (card.respondents, card.audience) == (1, 1)

    # Answered once: the survey is gone from the list, and an old button is refused.
    replies = texts(await harness.send(TEACHER, "/survey"))
    assert "нет опросов" in replies[-1]
    assert "Цифровые инструменты урока" in str(harness.api.requests[-1])


async def test_repeat_rules_waves_and_one_answer_per_wave(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    teacher = await make_teacher(svc, 1, schools[0])
    survey_id = (await svc.session.execute(select(Survey.id))).scalar_one()
    await svc.surveys.launch(ADMIN, survey_id)
    await answer_all(svc, teacher, survey_id, {"exam_prep": "serious"})
    assert await svc.surveys.available(teacher) == []
    with pytest.raises(Conflict):
        await svc.surveys.start(teacher, survey_id)
    # A new wave of the repeatable diagnostics lets the person answer again.
    clock.now += timedelta(days=90)
    assert await svc.surveys.launch(ADMIN, survey_id) == 1
    assert [s.survey_id for s in await svc.surveys.available(teacher)] == [survey_id]
    await answer_all(svc, teacher, survey_id, {"exam_prep": "some"})
    report = await svc.surveys.report(ADMIN, survey_id)
    assert report.wave == 2
    change = {c.topic: (c.before, c.after) for c in report.changes}
    assert change["exam_prep"] == (1.0, 0.0)
    # The latest answer counts for the offers: no longer a serious difficulty.
    assert await difficulty_subscribers(svc.session, Topic.EXAM_PREP) == []

    # A survey without repeats: one answer ever, and no second launch.
    once = await svc.surveys.create_simple(
        ADMIN, "Разовый опрос", [{"id": "q1", "type": "scale", "text": {"ru": "Оценка"}}]
    )
    await svc.surveys.launch(ADMIN, once.survey_id)
    step = await svc.surveys.start(teacher, once.survey_id)
    assert isinstance(step, QuestionView)
    assert isinstance(await svc.surveys.choose(teacher, once.survey_id, 0, 4), Finished)
    with pytest.raises(Conflict):
        await svc.surveys.launch(ADMIN, once.survey_id)
    with pytest.raises(Conflict):
        await svc.surveys.start(teacher, once.survey_id)


async def test_anonymous_answers_keep_no_person_id(svc: Services, schools: list[int]) -> None:
    teacher = await make_teacher(svc, 1, schools[0])
    card = await svc.surveys.create_from_file(ADMIN, ANONYMOUS.encode())
    assert card.anonymous
    assert await svc.surveys.launch(ADMIN, card.survey_id) == 1
    reminder = (
        await svc.session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == "survey_reminder")
        )
    ).scalar_one()
    assert reminder.state == "pending" and reminder.user_id == teacher.user_id

    await svc.surveys.start(teacher, card.survey_id)
    await svc.surveys.choose(teacher, card.survey_id, 0, 2)
    # Resumable while unfinished (through a random token), then every link is gone.
    assert (await svc.surveys.current(teacher, card.survey_id)).index == 1
    done = await svc.surveys.answer_text(teacher, card.survey_id, "Тяжело с пробниками")
    assert isinstance(done, Finished) and done.serious_topics == (Topic.EXAM_PREP,)

    responses = (await svc.session.execute(select(SurveyResponse))).scalars().all()
    assert [(r.user_id, r.token) for r in responses] == [(None, None)]
    participation = (await svc.session.execute(select(SurveyParticipation))).scalar_one()
    assert participation.user_id == teacher.user_id and participation.token is None
    assert participation.completed_at is not None
    await svc.session.refresh(reminder)
    assert reminder.state == "cancelled"
    with pytest.raises(Conflict):
        await svc.surveys.start(teacher, card.survey_id)
    # Named subscribers cannot come from an anonymous survey.
    assert await difficulty_subscribers(svc.session, Topic.EXAM_PREP) == []
    raw = await svc.surveys.raw_answers(ADMIN, card.survey_id)
    assert [r.person for r in raw] == [None]


async def test_a_double_tap_on_pause_is_no_error(harness: BotHarness, schools: list[int]) -> None:
    # Like Telegram: the second tap asks to remove a keyboard already removed.
    harness.api.refuse_identical_edits = True
    await harness.onboard_teacher(TEACHER)
    await launch_default(harness)
    await harness.send(TEACHER, "/survey")
    await harness.press(TEACHER, "Начать")
    pause = harness.find_button(TEACHER, "Пауза")
    first = await harness.callback(TEACHER, pause)
    second = await harness.callback(TEACHER, pause)
    for taps in (first, second):
        assert [type(r).__name__ for r in taps].count("EditMessageReplyMarkup") == 1
        said = texts(taps)
        assert any("Ответы сохранены" in text for text in said), said
        assert not any("пошло не так" in text or "Не получилось" in text for text in said)
