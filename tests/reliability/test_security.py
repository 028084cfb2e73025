"""What people type is shown as text, never as markup; uploads are size-checked and parsed
safely; the logs carry ids, not names, phone numbers or answers.

The webhook's secret token is tested in tests/kernel/test_e2e.py
(test_webhook_checks_the_secret_token and the `python -m bot` webhook test)."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from aiogram.types import Document, InlineKeyboardMarkup, MessageEntity
from sqlalchemy import select, update

from db.models import ConsultBooking, ConsultSlot, Event, School, SurveyAnswer, User
from handlers.consultations.callbacks import CAct, ConsultCD, DayAct, DayCD
from handlers.event_card import EventCardAct, EventCardCD
from handlers.people.callbacks import PersonCD, SchoolAdminCD
from handlers.surveys.callbacks import Staff, StaffCD
from tests.conftest import ADMIN_ID
from tests.delivery.test_delivery_support import make_engine
from tests.support.harness import BotHarness
from tests.support.locale_keys import ROOT
from tests.support.reliability_support import (
    COORDINATOR,
    METHODIST,
    PARENT_A,
    PSYCHOLOGIST,
    TEACHER_A,
    TEACHER_B,
    Population,
    bot_errors,
    build_population,
)

EVIL = "<x-evil> & Co"
ESCAPED = "&lt;x-evil&gt; &amp; Co"

_TAGS = "b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|span|blockquote|tg-emoji"
_TAG = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_problems(text: str) -> list[str]:
    """What Telegram's HTML parser would reject or read as markup: a '<' that opens no
    supported tag, an '&' that starts no entity."""
    problems = []
    for match in re.finditer("<", text):
        if not _TAG.match(text, match.start()):
            problems.append(text[match.start() : match.start() + 20])
    for match in re.finditer("&", text):
        if not _ENTITY.match(text, match.start()):
            problems.append(text[match.start() : match.start() + 20])
    return problems


def html_texts(requests: list[TelegramMethod[Any]]) -> list[str]:
    found = []
    for request in requests:
        if isinstance(request, AnswerCallbackQuery):
            continue  # alerts are plain text
        if getattr(request, "parse_mode", "HTML") is None:
            continue
        for attribute in ("text", "caption"):
            value = getattr(request, attribute, None)
            if isinstance(value, str):
                found.append(value)
    return found


async def _poison(harness: BotHarness, pop: Population) -> None:
    """HTML-looking text in every field a person or staff member types."""
    async with harness.database.session_factory() as session:
        for telegram_id in (TEACHER_A, TEACHER_B, PARENT_A, COORDINATOR, PSYCHOLOGIST):
            await session.execute(
                update(User)
                .where(User.telegram_id == telegram_id)
                .values(full_name=User.full_name + " " + EVIL)
            )
        await session.execute(
            update(School)
            .where(School.id == pop.schools[0])
            .values(name="Школа " + EVIL, short_name="Ш " + EVIL)
        )
        await session.execute(
            update(Event)
            .where(Event.id.in_([pop.small_event, pop.big_event]))
            .values(title=Event.title + " " + EVIL, description=EVIL)
        )
        await session.execute(
            update(ConsultSlot).where(ConsultSlot.id.in_(pop.slots)).values(place="Каб. " + EVIL)
        )
        await session.execute(
            update(ConsultBooking)
            .where(ConsultBooking.id == pop.booking_a)
            .values(comment="Комментарий " + EVIL)
        )
        await session.commit()


# The screens that show something a person typed (a name, a place, a comment).
ECHOING_SCREENS = (
    "profile",
    "card",
    "participants",
    "coordinator participants",
    "coordinator report",
    "schedule",
    "roles",
    "school card",
    "person",
)


async def test_typed_html_is_shown_as_text_everywhere_it_is_echoed(
    harness: BotHarness, schools: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    pop = await build_population(harness, schools)
    await _poison(harness, pop)
    day = pop.slot_days[0].toordinal()
    screens: dict[str, list[TelegramMethod[Any]]] = {}

    async def show(name: str, user: int, what: str) -> None:
        if what.startswith("/"):
            screens[name] = await harness.send(user, what)
        else:
            screens[name] = await harness.callback(user, what)

    with caplog.at_level(logging.WARNING):
        await show("profile", TEACHER_A, "/profile")
        await show("my", TEACHER_A, "/my")
        await show("events", TEACHER_A, "/events")
        await show(
            "card", TEACHER_A, EventCardCD(act=EventCardAct.OPEN, event_id=pop.small_event).pack()
        )
        await show(
            "participants",
            METHODIST,
            EventCardCD(act=EventCardAct.PARTICIPANTS, event_id=pop.big_event).pack(),
        )
        await show(
            "attendance",
            METHODIST,
            EventCardCD(act=EventCardAct.ATTENDANCE, event_id=pop.big_event).pack(),
        )
        await show(
            "coordinator participants",
            COORDINATOR,
            EventCardCD(act=EventCardAct.PARTICIPANTS, event_id=pop.big_event).pack(),
        )
        await show("coordinator report", COORDINATOR, "/stats")
        await show("methodist report", METHODIST, "/stats")
        await show("schedule", PSYCHOLOGIST, DayCD(act=DayAct.SHOW, day=day).pack())
        await show("slots", PSYCHOLOGIST, "/slots")
        await show("bookings (parent)", PARENT_A, ConsultCD(act=CAct.MINE).pack())
        await show("roles", ADMIN_ID, "/roles")
        await show("schools", ADMIN_ID, "/schools")
        await show(
            "school card",
            ADMIN_ID,
            SchoolAdminCD(action="open", school_id=pop.schools[0]).pack(),
        )
        await show("person", ADMIN_ID, PersonCD(user_id=pop.people[TEACHER_A]).pack())
        await show(
            "survey report", METHODIST, StaffCD(act=Staff.REPORT, survey_id=pop.survey_id).pack()
        )
        # What the delivery engine sends later (notices, reminders) is rendered the same way.
        before = len(harness.api.requests)
        harness.clock.now += timedelta(days=2)
        await make_engine(
            harness.bot, harness.database.session_factory, harness.policy, harness.clock
        ).tick()
        screens["delivered"] = harness.api.requests[before:]

    # Where a person's typed text is shown, it is there, and as text.
    for name in ECHOING_SCREENS:
        assert any(ESCAPED in text for text in html_texts(screens[name])), name
    problems = {
        name: found
        for name, requests in screens.items()
        for text in html_texts(requests)
        if (found := html_problems(text))
    }
    assert problems == {}
    assert bot_errors(caplog.records) == []


async def test_a_booking_card_shows_a_typed_place_as_text(
    harness: BotHarness, schools: list[int]
) -> None:
    pop = await build_population(harness, schools)
    await _poison(harness, pop)
    for user in (PARENT_A, PSYCHOLOGIST):
        sent = await harness.callback(
            user, ConsultCD(act=CAct.BOOKING, booking=pop.booking_a).pack()
        )
        assert [html_problems(text) for text in html_texts(sent)] == [[]], user


async def test_a_broadcast_keeps_staff_formatting_and_escapes_typed_markup(
    harness: BotHarness, schools: list[int]
) -> None:
    await build_population(harness, schools)
    await harness.send(METHODIST, "/broadcast")
    # Bold comes from Telegram's entities; the angle brackets were typed.
    body = "Важно: <b>не жирный</b> & <script>"
    entity = MessageEntity(type="bold", offset=0, length=6)
    from tests.support.fakes import message_update, tg_user

    message = message_update(tg_user(METHODIST), body)
    message = message.model_copy(
        update={"message": message.message.model_copy(update={"entities": [entity]})}  # type: ignore[union-attr]
    )
    await harness.dp.feed_update(harness.bot, message)
    await harness.press(METHODIST, "родитель")
    start = len(harness.api.requests)
    await harness.press(METHODIST, "Предпросмотр")
    await harness.press(METHODIST, "Отправить сейчас")
    await make_engine(
        harness.bot, harness.database.session_factory, harness.policy, harness.clock
    ).tick()
    preview = [t for t in html_texts(harness.api.requests[start:]) if "Важно" in t]
    expected = "<b>Важно:</b> &lt;b&gt;не жирный&lt;/b&gt; &amp; &lt;script&gt;"
    # The preview to the author, and the copies to both parents.
    assert preview == [expected] * 3


# --- uploads -------------------------------------------------------------------------------

UPLOAD_FILES = {
    "huge by its size": (b"name\n", 50 * 1024 * 1024, "a.csv"),
    "huge without a size": (b"name;short_name\n" + b"x" * 2_000_000, None, "a.csv"),
    "binary": (bytes(range(256)) * 40, 10_240, "a.csv"),
    "an image": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, 108, "a.csv"),
    "no header": ("СШ № 5;Рудня\n".encode(), 20, "a.csv"),
    "empty": (b"", 0, "a.csv"),
    "windows-1251": ("name;short_name\nШкола № 9;Ш9\n".encode("cp1251"), 30, "a.csv"),
}


def _document(
    harness: BotHarness, name: str, data: bytes, size: int | None, file_name: str
) -> Document:
    file_id = "up-" + re.sub(r"\W", "-", name)
    harness.api.files[file_id] = data
    return Document(file_id=file_id, file_unique_id=file_id, file_name=file_name, file_size=size)


def _known_texts() -> list[str]:
    """The fixed opening of every Russian message, to recognise a localized answer."""
    openings = []
    for path in sorted((ROOT / "locales" / "ru").glob("*.ftl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^[a-z][\w-]* = ([^{]{5,})", line)
            if match:
                openings.append(match.group(1)[:25])
    return openings


async def _upload_answered_once(
    harness: BotHarness,
    caplog: pytest.LogCaptureFixture,
    command: str,
    case: str,
    upload: tuple[bytes, int | None, str],
) -> None:
    """The admin opens `command`'s upload step and sends the file: one localized answer, no
    error logged."""
    data, size, file_name = upload
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, command)
    await harness.press(ADMIN_ID, "Загрузить")
    with caplog.at_level(logging.WARNING):
        replies = await harness.send(
            ADMIN_ID, document=_document(harness, case, data, size, file_name)
        )
    answers = [r.text for r in replies if isinstance(r, SendMessage)]
    assert len(answers) == 1, case
    assert any(answers[0].startswith(known) for known in _known_texts() if known), answers[0]
    assert bot_errors(caplog.records) == []


@pytest.mark.parametrize("case", list(UPLOAD_FILES))
async def test_a_schools_file_gets_a_localized_answer(
    harness: BotHarness, schools: list[int], case: str, caplog: pytest.LogCaptureFixture
) -> None:
    await _upload_answered_once(harness, caplog, "/schools", case, UPLOAD_FILES[case])
    async with harness.database.session_factory() as session:
        names = list((await session.execute(select(School.name))).scalars())
    if case == "windows-1251":
        assert "Школа № 9" in names
    else:
        assert len(names) == len(schools)


SURVEY_FILES = {
    "huge by its size": (b"title: x\n", 10 * 1024 * 1024, "s.yaml"),
    "huge without a size": (b"title: x\n" + b"#" * 300_000, None, "s.yaml"),
    "binary": (bytes(range(256)) * 4, 1024, "s.yaml"),
    "not yaml": (b"questions: [\n  - {", 20, "s.yaml"),
    "yaml bomb": (
        b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
        400,
        "s.yaml",
    ),
    "python object": (b"title: !!python/object/apply:os.system ['true']\n", 60, "s.yaml"),
    "wrong extension": (b"title: x\n", 10, "s.exe"),
    "json array": (b"[1, 2, 3]", 9, "s.json"),
}


@pytest.mark.parametrize("case", list(SURVEY_FILES))
async def test_a_survey_file_gets_a_localized_answer(
    harness: BotHarness, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    await _upload_answered_once(harness, caplog, "/surveys", case, SURVEY_FILES[case])


def _last_buttons(harness: BotHarness, user: int) -> list[str]:
    for request in reversed(harness.chat_requests(user)):
        markup = getattr(request, "reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup):
            return [button.text for row in markup.inline_keyboard for button in row]
    return []


# --- logs ----------------------------------------------------------------------------------

NAME = "Засекреченная Людмила"
PARENT_NAME = "Потайная Варвара"
PHONE = "+79005556677"
COMMENT = "Ребёнок боится темноты"
ANSWER = "Мой тайный ответ"


async def test_logs_carry_ids_not_personal_data(
    harness: BotHarness, schools: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    teacher, parent = 640_001, 640_002
    with caplog.at_level(logging.DEBUG):
        pop = await build_population(harness, schools)
        await harness.onboard_teacher(teacher, name=NAME)
        await harness.onboard_parent(parent, name=PARENT_NAME)
        # A booking through the form, with a phone and a comment.
        await harness.send(parent, "/consult")
        await harness.callback(parent, ConsultCD(act=CAct.SLOT, slot=pop.slots[1]).pack())
        await harness.press(parent, "Трудности в учёбе")
        await harness.press(parent, "5")
        await harness.press(parent, "Звонок")
        await harness.send(parent, PHONE)
        await harness.send(parent, COMMENT)
        await harness.press(parent, "Записаться")
        # The survey, answered by buttons, with a free-text answer at the end.
        await harness.send(teacher, "/survey")
        await harness.press(teacher, "Диагностика")
        for _ in range(30):
            if "Что ещё вы хотели бы сказать" in harness.last_text(teacher):
                await harness.send(teacher, ANSWER)
                break
            labels = _last_buttons(harness, teacher)
            if "Серьёзные затруднения" in labels:
                await harness.press(teacher, "Серьёзные")
            else:  # a multiple choice: one option, then "Done"
                await harness.press(teacher, next(label for label in labels if "⬜" in label))
                await harness.press(teacher, "Готово")
        # And the engine sends the notices and reminders that name them.
        harness.clock.now += timedelta(days=1)
        await make_engine(
            harness.bot, harness.database.session_factory, harness.policy, harness.clock
        ).tick()
    async with harness.database.session_factory() as session:
        booking = (
            await session.execute(select(ConsultBooking).where(ConsultBooking.phone == PHONE))
        ).scalar_one()
        assert booking.comment == COMMENT  # the run really stored what the logs must not show
        answers = list((await session.execute(select(SurveyAnswer.value))).scalars())
        assert ANSWER in answers
    # Ours at every level; libraries at the level the bot runs them (LOG_LEVEL, INFO by
    # default): aiosqlite's DEBUG lines carry SQL parameters by design.
    records = [
        r
        for r in caplog.records
        if r.levelno >= logging.INFO
        or r.name.split(".")[0] in ("bot", "handlers", "services", "db")
    ]
    assert records, "nothing was logged at all: the check would prove nothing"
    secrets = (NAME, PARENT_NAME, PHONE, "9005556677", COMMENT, ANSWER)
    leaked = [
        (record.name, secret)
        for record in records
        for secret in secrets
        if secret in record.getMessage() or secret in (record.exc_text or "")
    ]
    assert leaked == []
