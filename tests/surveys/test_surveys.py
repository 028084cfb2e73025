"""Surveys as teachers and staff meet them: answering in chat, resuming after a restart,
repeat rules, anonymity, the staff report figures, the chart and the XLSX, and the targeted
support offers."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.config import Settings
from bot.factory import Database, create_dispatcher
from db.models import (
    Event,
    OutboxMessage,
    Registration,
    School,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyResponse,
    User,
    UserRole,
    UserSubject,
)
from services.container import Services
from services.context import Actor
from services.enums import Role, Topic
from services.errors import Conflict
from services.i18n import Translator
from services.surveys.analytics import OTHER_GROUP, ResponseRow, breakdown
from services.surveys.charts import profile_chart, report_workbook
from services.surveys.install import DEFAULT_SURVEY_CODE
from services.surveys.offers import difficulty_subscribers
from services.surveys.types import Finished, QuestionType, QuestionView
from tests.conftest import ADMIN_ID
from tests.support.fakes import TOKEN, RecordingSession
from tests.support.harness import BotHarness, Clock, texts

TEACHER = 200_001
ADMIN = Actor(ADMIN_ID, None, "ru", frozenset({Role.ADMIN}))
TOPIC_IDS = [
    "exam_prep",
    "low_achievers",
    "individual_routes",
    "disabilities",
    "gifted",
    "activity_methods",
    "assessment",
    "parents",
    "digital",
    "motivation",
    "work_programmes",
]


async def default_survey_id(database: Database) -> int:
    async with database.session_factory() as session:
        return (
            await session.execute(select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE))
        ).scalar_one()


async def launch_default(harness: BotHarness) -> int:
    await harness.send(ADMIN_ID, "/surveys")
    await harness.press(ADMIN_ID, "Диагностика")
    await harness.press(ADMIN_ID, "Запустить")
    await harness.press(ADMIN_ID, "Да, разослать")
    return await default_survey_id(harness.database)


async def make_teacher(
    svc: Services,
    number: int,
    school_id: int,
    subjects: tuple[str, ...] = ("math",),
    experience: str = "3-10",
) -> Actor:
    user = User(
        telegram_id=300_000 + number,
        locale="ru",
        full_name=f"Учитель {number}",
        school_id=school_id,
        experience=experience,
    )
    svc.session.add(user)
    await svc.session.flush()
    svc.session.add(UserRole(user_id=user.id, role=Role.TEACHER.value))
    for subject in subjects:
        svc.session.add(UserSubject(user_id=user.id, subject=subject))
    await svc.session.commit()
    return Actor(user.telegram_id or 0, user.id, "ru", frozenset({Role.TEACHER}))


async def answer_all(
    svc: Services, actor: Actor, survey_id: int, levels: dict[str, str]
) -> Finished:
    """Completes the default diagnostics: `levels` per topic id ("none" when not given)."""
    step: Any = await svc.surveys.start(actor, survey_id)
    while isinstance(step, QuestionView):
        qid = TOPIC_IDS[step.index] if step.index < len(TOPIC_IDS) else None
        if qid is not None:
            option = ["none", "some", "serious"].index(levels.get(qid, "none"))
            step = await svc.surveys.choose(actor, survey_id, step.index, option)
        elif step.type == QuestionType.MULTI:
            await svc.surveys.toggle(actor, survey_id, step.index, 0)
            step = await svc.surveys.done(actor, survey_id, step.index)
        else:
            step = await svc.surveys.skip(actor, survey_id, step.index)
    assert isinstance(step, Finished)
    return step


async def add_event(svc: Services, topic: Topic, starts_at: datetime, title: str) -> int:
    event = Event(
        title=title,
        type="seminar",
        topic=topic.value,
        format="offline",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        audience="teachers",
        status="published",
    )
    svc.session.add(event)
    await svc.session.commit()
    return event.id


# --- answering in chat ----------------------------------------------------------------------


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


ANONYMOUS = """title: Анонимный опрос
anonymous: true
closes: 2026-12-20
questions:
  - id: exam_prep
    type: single
    topic: exam_prep
    text: ГИА
    options:
      - {id: none, text: Нет}
      - {id: some, text: Немного}
      - {id: serious, text: Серьёзно}
  - id: comment
    type: text
    text: Комментарий
"""


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


# --- analytics ------------------------------------------------------------------------------


def row(
    number: int, school: str, answer: str, subjects: tuple[str, ...] = ("math",)
) -> ResponseRow:
    return ResponseRow(number, school, ("other",), subjects, "3-10", {"exam_prep": answer})


def test_small_groups_are_pooled_and_hidden_below_five() -> None:
    pairs = [("exam_prep", "exam_prep")]
    rows = [row(i, "A", "serious" if i < 3 else "none") for i in range(6)]
    rows += [row(10 + i, "B", "some") for i in range(3)]
    rows += [row(20 + i, "C", "serious") for i in range(2)]
    groups, hidden = breakdown(pairs, rows, "school")
    assert [(g.group, g.respondents) for g in groups] == [("A", 6), (OTHER_GROUP, 5)]
    a, other = groups
    assert a.topics[0].serious_share == pytest.approx(3 / 6)
    assert other.topics[0].some_share == pytest.approx(3 / 5)
    assert other.topics[0].serious_share == pytest.approx(2 / 5)
    assert hidden == 0
    # Four people in small groups cannot be shown even together.
    groups, hidden = breakdown(pairs, rows[:6] + rows[6:8] + rows[9:11], "school")
    assert [(g.group, g.respondents) for g in groups] == [("A", 6)]
    assert hidden == 4
    # A teacher of two subjects counts once in the pooled group.
    two = [row(i, "A", "none", ("math", "physics")) for i in range(3)]
    groups, hidden = breakdown(pairs, two + [row(9, "A", "none", ("math",))] * 1, "subject")
    assert groups == [] and hidden == 4


async def test_report_breakdowns_match_hand_computed_figures(
    svc: Services, schools: list[int]
) -> None:
    # schools[0]: СШ № 1 (other); schools[1]: СШ № 2 (ШНРО); schools[2]: Любавичская (ШНРО+ШФНСУ).
    low = {s.id: s for s in (await svc.session.execute(select(School))).scalars()}
    other_school = next(i for i in schools if not low[i].low_results)
    both = next(i for i in schools if low[i].unfavourable_conditions)
    survey_id = (await svc.session.execute(select(Survey.id))).scalar_one()
    await svc.surveys.launch(ADMIN, survey_id)
    teachers = [await make_teacher(svc, n, other_school, experience="lt3") for n in range(5)]
    teachers += [await make_teacher(svc, 10 + n, both, ("russian",), "20plus") for n in range(5)]
    await make_teacher(svc, 99, both)  # in the audience, does not answer
    for number, teacher in enumerate(teachers[:5]):
        await answer_all(
            svc, teacher, survey_id, {"exam_prep": "serious" if number < 2 else "some"}
        )
    for number, teacher in enumerate(teachers[5:]):
        levels = {"exam_prep": "none", "disabilities": "serious" if number < 4 else "some"}
        await answer_all(svc, teacher, survey_id, levels)

    report = await svc.surveys.report(ADMIN, survey_id)
    assert (report.respondents, report.audience) == (10, 11)
    assert report.rate == pytest.approx(10 / 11)
    overall = {s.topic: s for s in report.profile}
    assert overall["exam_prep"].serious_share == pytest.approx(2 / 10)
    assert overall["exam_prep"].some_share == pytest.approx(3 / 10)
    assert overall["disabilities"].serious_share == pytest.approx(4 / 10)
    assert [s.topic for s in report.top][:2] == ["disabilities", "exam_prep"]

    def shares(dimension: str) -> dict[str, tuple[int, float]]:
        return {
            g.group: (
                g.respondents,
                next(s for s in g.topics if s.topic == "exam_prep").serious_share,
            )
            for g in report.breakdowns[dimension]
        }

    assert shares("category") == {
        "low_results": (5, 0.0),
        "other": (5, 0.4),
        "unfavourable": (5, 0.0),
    }
    assert shares("subject") == {"math": (5, 0.4), "russian": (5, 0.0)}
    assert shares("experience") == {"20plus": (5, 0.0), "lt3": (5, 0.4)}
    assert set(shares("school")) == {low[other_school].short_name, low[both].short_name}
    help_kind = next(q for q in report.questions if q.question == "help_kind")
    assert help_kind.answered == 10 and help_kind.counts[0].count == 10

    png = profile_chart(report.profile, {}, "Профиль затруднений", "некоторые", "серьёзные")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    t = Translator().bind("ru")
    definition = await svc.surveys.definition(ADMIN, survey_id)
    raw = await svc.surveys.raw_answers(ADMIN, survey_id)
    data = report_workbook(report, definition, raw, False, "ru", svc.policy.timezone, t)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Ответы", "Распределение"]
    assert {"По школам", "По категориям школ", "По предметам", "По стажу"} <= set(book.sheetnames)
    answers = book["Ответы"]
    assert answers.cell(1, 2).value == "ФИО" and answers.max_row == 11
    assert answers.cell(2, 2).value == "Учитель 0"
    category = book["По категориям школ"]
    assert [c.value for c in category[1]][:2] == ["Группа", "Ответили"]
    anonymous = load_workbook(
        io.BytesIO(report_workbook(report, definition, raw, True, "ru", svc.policy.timezone, t))
    )
    assert "ФИО" not in [c.value for c in anonymous["Ответы"][1]]


async def test_staff_report_counts_support_after_the_answer(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    survey_id = (await svc.session.execute(select(Survey.id))).scalar_one()
    await svc.surveys.launch(ADMIN, survey_id)
    first = await make_teacher(svc, 1, schools[0])
    second = await make_teacher(svc, 2, schools[0])
    event_id = await add_event(svc, Topic.EXAM_PREP, clock.now + timedelta(days=3), "ОГЭ: разбор")
    early = Registration(
        event_id=event_id,
        user_id=second.user_id or 0,
        status="registered",
        created_at=clock.now - timedelta(days=1),
    )
    svc.session.add(early)  # before the survey: not a result of the targeted support
    await svc.session.commit()
    finished = await answer_all(svc, first, survey_id, {"exam_prep": "serious"})
    assert [o.title for o in finished.offers] == ["ОГЭ: разбор"]
    await answer_all(svc, second, survey_id, {"exam_prep": "serious"})
    clock.now += timedelta(hours=1)
    svc.session.add(
        Registration(
            event_id=event_id,
            user_id=first.user_id or 0,
            status="registered",
            created_at=clock.now,
            attended_at=clock.now + timedelta(days=3),
        )
    )
    await svc.session.commit()
    report = await svc.surveys.report(ADMIN, survey_id)
    support = {f.topic: f for f in report.support}
    assert (support["exam_prep"].serious, support["exam_prep"].registered) == (2, 1)
    assert support["exam_prep"].attended == 1
    assert await svc.surveys.my_offers(first) == finished.offers


# --- staff in chat --------------------------------------------------------------------------


def document(name: str, file_id: str) -> Document:
    return Document(file_id=file_id, file_unique_id=file_id, file_name=name, file_size=500)


async def test_staff_upload_shows_lines_then_creates_and_reports(
    harness: BotHarness, schools: list[int]
) -> None:
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
    from handlers.surveys.staff import Staff, StaffCD

    await harness.callback(TEACHER, StaffCD(act=Staff.LAUNCH_SURE, survey_id=survey_id).pack())
    async with harness.database.session_factory() as session:
        survey = await session.get(Survey, survey_id)
        assert survey is not None and survey.status == "draft"


async def test_chat_wizard_builds_a_simple_survey(harness: BotHarness) -> None:
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


async def test_forget_unlinks_answers_and_erases_texts(svc: Services, schools: list[int]) -> None:
    from services.container import run_forget_hooks

    teacher = await make_teacher(svc, 1, schools[0])
    survey_id = await default_survey_id_in(svc)
    await svc.surveys.launch(ADMIN, survey_id)
    step: Any = await svc.surveys.start(teacher, survey_id)
    while isinstance(step, QuestionView) and step.type != QuestionType.TEXT:
        if step.type == QuestionType.MULTI:
            await svc.surveys.toggle(teacher, survey_id, step.index, 0)
            step = await svc.surveys.done(teacher, survey_id, step.index)
        else:
            step = await svc.surveys.choose(teacher, survey_id, step.index, 2)
    await svc.surveys.answer_text(teacher, survey_id, "Мой завуч Петрова не помогает")
    anonymous = await svc.surveys.create_from_file(ADMIN, ANONYMOUS.encode())
    await svc.surveys.launch(ADMIN, anonymous.survey_id)
    await svc.surveys.start(teacher, anonymous.survey_id)
    await svc.surveys.choose(teacher, anonymous.survey_id, 0, 1)

    assert teacher.user_id is not None
    await run_forget_hooks(svc.session, teacher.user_id)
    await svc.session.commit()
    responses = (await svc.session.execute(select(SurveyResponse))).scalars().all()
    assert [(r.survey_id, r.user_id) for r in responses] == [(survey_id, None)]
    questions = set((await svc.session.execute(select(SurveyAnswer.question))).scalars())
    assert "comment" not in questions and "exam_prep" in questions
    report = await svc.surveys.report(ADMIN, survey_id)
    assert report.respondents == 1  # the figures keep the answer, without the person


async def default_survey_id_in(svc: Services) -> int:
    query = select(Survey.id).where(Survey.code == DEFAULT_SURVEY_CODE)
    return (await svc.session.execute(query)).scalar_one()


async def test_demo_seed_fills_the_report_once(svc: Services) -> None:
    from bot.demo import seed_demo_data

    await seed_demo_data(svc)
    await seed_demo_data(svc)
    survey_id = await default_survey_id_in(svc)
    report = await svc.surveys.report(ADMIN, survey_id)
    assert report.respondents == report.audience == 5
    assert sum(share.answered for share in report.profile) == 5 * 11


async def test_broadcast_audience_of_survey_non_respondents(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    from services.container import audience_sources

    source = next(s for s in audience_sources() if s.name == "survey_non_respondents")
    answered = await make_teacher(svc, 1, schools[0])
    silent = await make_teacher(svc, 2, schools[0])
    survey_id = await default_survey_id_in(svc)
    assert await source.options(svc.session, clock.now) == []  # nothing launched yet
    await svc.surveys.launch(ADMIN, survey_id)
    assert [sid for sid, _ in await source.options(svc.session, clock.now)] == [survey_id]
    await answer_all(svc, answered, survey_id, {})
    assert await source.resolve(svc.session, survey_id) == {silent.user_id}


async def test_on_postgresql_answers_report_and_offers(
    pg_database: Database, policy: Any, clock: Clock
) -> None:
    async with pg_database.session_factory() as session:
        svc = Services(session, policy, clock)
        school = School(name="МБОУ СШ № 9", short_name="СШ № 9", low_results=True)
        session.add(school)
        await session.commit()
        survey_id = await default_survey_id_in(svc)
        await svc.surveys.launch(ADMIN, survey_id)
        first = await make_teacher(svc, 1, school.id)
        second = await make_teacher(svc, 2, school.id)
        await add_event(svc, Topic.PARENTS, clock.now + timedelta(days=2), "Родительское собрание")
        done = await answer_all(svc, first, survey_id, {"parents": "serious"})
        assert [o.title for o in done.offers] == ["Родительское собрание"]
        await answer_all(svc, second, survey_id, {"parents": "some"})
        assert await difficulty_subscribers(session, Topic.PARENTS) == [first.user_id]
        report = await svc.surveys.report(ADMIN, survey_id)
        parents = next(s for s in report.profile if s.topic == "parents")
        assert (parents.serious, parents.some, parents.answered) == (1, 1, 2)
        assert next(f for f in report.support if f.topic == "parents").serious == 1
        with pytest.raises(Conflict):
            await svc.surveys.start(first, survey_id)


async def test_publishing_an_event_offers_it_to_teachers_with_that_difficulty(
    svc: Services, schools: list[int], clock: Clock
) -> None:
    from services.hooks import PublishedEvent

    survey_id = await default_survey_id_in(svc)
    await svc.surveys.launch(ADMIN, survey_id)
    struggling = await make_teacher(svc, 1, schools[0])
    fine = await make_teacher(svc, 2, schools[0])
    await answer_all(svc, struggling, survey_id, {"motivation": "serious"})
    await answer_all(svc, fine, survey_id, {"motivation": "some"})
    starts_at = clock.now + timedelta(days=4)
    event_id = await add_event(svc, Topic.MOTIVATION, starts_at, "Тревожность")
    published = PublishedEvent(event_id, "Тревожность", Topic.MOTIVATION.value, starts_at)
    assert await svc.surveys.offer_published_event(published) == 1
    await svc.session.commit()
    assert await svc.surveys.offer_published_event(published) == 0  # never twice
    offers = (
        (
            await svc.session.execute(
                select(OutboxMessage).where(OutboxMessage.kind == "survey_offer")
            )
        )
        .scalars()
        .all()
    )
    assert [(m.user_id, m.template) for m in offers] == [
        (struggling.user_id, "survey-support-offer")
    ]
    text = Translator().get("ru", "survey-support-offer", **offers[0].args)
    assert "Тревожность" in text and "серьёзные затруднения" in text
