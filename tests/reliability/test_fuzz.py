"""Thousands of generated updates through the real Dispatcher: odd texts, commands with and
without rights, random, tampered and stale buttons, files and stickers where text is expected,
strangers, groups, channels and edited messages, people in the middle of every conversation,
double taps (the same button twice in a row), ids past 2^63 in buttons and deep links, and
restarts that drop a conversation between two messages (mid-onboarding above all).

The bot must never fail (no ERROR from its loggers), must answer every private update, and the
database must keep its promises afterwards. FUZZ_UPDATES raises the count, FUZZ_SEED replays a
run; the seed is in every failure message."""

from __future__ import annotations

import logging
import os
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    Contact,
    Document,
    InlineKeyboardMarkup,
    Location,
    Message,
    MessageEntity,
    PhotoSize,
    Sticker,
    Update,
    User,
    Voice,
)

from handlers.menu import MENU_ITEMS
from services.i18n import default_translator
from tests.conftest import ADMIN_ID
from tests.reliability.test_rights_matrix import COMMANDS
from tests.support.fakes import BOT_ID
from tests.support.harness import BotHarness
from tests.support.reliability_support import (
    COORDINATOR,
    METHODIST,
    PARENT_A,
    PARENT_B,
    PSYCHOLOGIST,
    TEACHER_A,
    TEACHER_B,
    bot_errors,
    build_population,
    callback_catalogue,
    callback_classes,
    invariant_violations,
)

UPDATES = int(os.environ.get("FUZZ_UPDATES", "2000"))
# Ids no database integer holds: past 2^63 (and 2^64), which a crafted link or button may carry.
HUGE_IDS = ["9223372036854775808", "18446744073709551616", "99999999999999999999"]
SEED = int(os.environ.get("FUZZ_SEED", "20261130"))

PEOPLE = [ADMIN_ID, METHODIST, PSYCHOLOGIST, COORDINATOR, TEACHER_A, TEACHER_B, PARENT_A, PARENT_B]
NEWCOMERS = [620_001, 620_002, 620_003]  # onboard (or not) during the run

# Conversations the population is put into before the noise starts, and re-entered during it.
ENTRIES = [
    "/start",
    "/new_event",
    "/propose_event",
    "/consult",
    "/survey",
    "/surveys",
    "/broadcast",
    "/slots",
    "/profile",
    "/grant",
    "/schools",
    "/events",
    "/my",
    "/stats",
    "/participants",
]

TEXT_PIECES = [
    "Иванова Мария Петровна",
    "hello",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eевтсиродом\u202c",
    "a\u200bb\u200c\u200dc\ufeff",
    "е\u0301\u0308\u0327",
    "Z\u0337\u0322\u0349a\u0334\u0327l\u0336g\u0336o\u0337",
    "👨\u200d👩\u200d👧\u200d👦",
    "🏳️\u200d🌈",
    "🇷🇺",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
    "<b>жирный</b>",
    "</i>",
    "&amp; &lt; &#x27;",
    '<a href="tg://user?id=1">ссылка</a>',
    "<script>alert(1)</script>",
    "25.12 15:00",
    "завтра 10:00",
    "31.02 25:61",
    "01.12-20.12",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "+7 (900) 123-45-67",
    "8 900 000 00 00",
    "без ограничений",
    "https://meet.example.org/x",
    "javascript:alert(1)",
    "Пропустить",
    "Готово",
    "'; DROP TABLE users; --",
    "%s %d {0} {name} ${x}",
    "\t\n  \n",
    " ",
    "ёЁйЙ",
]


def random_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(["Я", "w", "😀", "<"]) * rng.choice([4096, 4097, 5000, 10_000])
    if roll < 0.15:
        alphabet = string.printable + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя😀\u200b\u0301"
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
    if roll < 0.2:
        # Any code point Telegram's UTF-8 can carry: astral planes, private use, controls.
        return "".join(
            chr(rng.choice([rng.randint(0x20, 0xD7FF), rng.randint(0xE000, 0x10FFFF)]))
            for _ in range(rng.randint(1, 40))
        )
    return " ".join(rng.choice(TEXT_PIECES) for _ in range(rng.randint(1, 4)))


def menu_texts() -> list[str]:
    translator = default_translator()
    return [translator.get(locale, item.key) for item in MENU_ITEMS for locale in ("ru", "en")]


@dataclass
class Fuzzer:
    harness: BotHarness
    rng: random.Random
    catalogue: list[str]
    prefixes: list[str]
    menu: list[str]
    counter: int = 0
    last_user: int = ADMIN_ID
    unanswered: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    # How often each of the rarer moves happened, so the run shows it covered them.
    moves: dict[str, int] = field(default_factory=dict)

    def _count(self, move: str) -> None:
        self.moves[move] = self.moves.get(move, 0) + 1

    def _ids(self) -> tuple[int, int]:
        self.counter += 1
        return 10_000_000 + self.counter, 5_000_000 + self.counter

    def _user(self, user_id: int) -> User:
        code = self.rng.choice(["ru", "ru", "en", None, "uk"])
        return User(id=user_id, is_bot=False, first_name="<b>Тест</b>", language_code=code)

    def _message(self, user: User, chat: Chat, **content: Any) -> Message:
        _, message_id = self._ids()
        text = content.get("text")
        if isinstance(text, str) and text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [
                MessageEntity(
                    type="bot_command", offset=0, length=len(command.encode("utf-16-le")) // 2
                )
            ]
        return Message(
            message_id=message_id,
            date=datetime.now(UTC),
            chat=chat,
            from_user=user,
            **content,
        )

    def _content(self, user_id: int) -> dict[str, Any]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return {"text": random_text(rng)}
        if roll < 0.55:
            command = "/" + rng.choice(list(COMMANDS))
            tail = rng.choice(["", "", " " + random_text(rng), " event_1", " event_x", " 123456"])
            if rng.random() < 0.15:
                # A crafted deep link: an event id no database integer holds.
                command, tail = "/start", " event_" + rng.choice(HUGE_IDS)
                self._count("huge deep link")
            return {"text": command + tail}
        if roll < 0.65:
            return {"text": rng.choice(self.menu + self._reply_buttons(user_id) or self.menu)}
        if roll < 0.72:
            name = rng.choice(["a.csv", "s.yaml", "x.json", "cv.pdf", "", "..\\..\\etc\\passwd"])
            size = rng.choice([None, 0, 10, 10**6, 10**9])
            file_id = f"fz{self.counter}"
            self.harness.api.files[file_id] = rng.choice(
                [
                    b"",
                    b"\x00\xff\xfe" * 100,
                    "name;short_name\n<b>Школа</b>;Ш\n".encode(),
                    b"questions: [",
                    bytes(rng.randrange(256) for _ in range(512)),
                ]
            )
            return {
                "document": Document(
                    file_id=file_id,
                    file_unique_id=file_id,
                    file_name=name or None,
                    file_size=size,
                )
            }
        if roll < 0.76:
            return {"photo": [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]}
        if roll < 0.8:
            return {
                "sticker": Sticker(
                    file_id="s",
                    file_unique_id="s",
                    type="regular",
                    width=1,
                    height=1,
                    is_animated=False,
                    is_video=False,
                )
            }
        if roll < 0.85:
            return {"contact": Contact(phone_number="+79001234567", first_name="Мама")}
        if roll < 0.9:
            return {"location": Location(latitude=54.78, longitude=31.1)}
        if roll < 0.93:
            return {"voice": Voice(file_id="v", file_unique_id="v", duration=1)}
        return {"text": rng.choice(ENTRIES)}

    def _reply_buttons(self, user_id: int) -> list[str]:
        return self.harness.reply_keyboard(user_id)

    def _own_buttons(self, user_id: int) -> list[str]:
        for request in reversed(self.harness.chat_requests(user_id)[-20:]):
            markup = getattr(request, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                return [
                    b.callback_data
                    for row in markup.inline_keyboard
                    for b in row
                    if b.callback_data
                ]
        return []

    def _seen_buttons(self) -> list[str]:
        found: list[str] = []
        for request in self.harness.api.requests[-400:]:
            markup = getattr(request, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                found.extend(
                    b.callback_data
                    for row in markup.inline_keyboard
                    for b in row
                    if b.callback_data
                )
        return found

    def _tamper(self, data: str) -> str:
        rng = self.rng
        parts = data.split(":")
        how = rng.randrange(5)
        if how == 0 and len(parts) > 1:
            index = rng.randrange(1, len(parts))
            parts[index] = rng.choice(
                ["0", "-1", "999999", "2147483648", "", "x", "1.5", "None", "😀", *HUGE_IDS]
            )
        elif how == 1:
            parts[0] = rng.choice(self.prefixes)
        elif how == 2:
            return data[: rng.randrange(len(data) + 1)]
        elif how == 3:
            parts.append(rng.choice(["1", "x", ""]))
        else:
            return data.replace(str(rng.randrange(10)), str(rng.randrange(10)))
        return ":".join(parts)[:64]

    def _callback_data(self, user_id: int) -> str:
        rng = self.rng
        roll = rng.random()
        own = self._own_buttons(user_id)
        if roll < 0.4 and own:
            return rng.choice(own)
        if roll < 0.55:
            seen = self._seen_buttons()  # other people's, and this person's stale ones
            return rng.choice(seen) if seen else rng.choice(self.catalogue)
        if roll < 0.7:
            return rng.choice(self.catalogue)
        if roll < 0.9:
            return self._tamper(rng.choice(own or self.catalogue))
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 64)))

    async def _restart(self, user_id: int) -> None:
        """A restart with the in-memory storage: the person's conversation (the onboarding
        step, a wizard's answers) is gone before their next message."""
        dp = self.harness.dp
        key = StorageKey(bot_id=self.harness.bot.id, chat_id=user_id, user_id=user_id)
        await dp.storage.set_state(key, None)
        await dp.storage.set_data(key, {})
        self._count("restart")

    def _huge_id_data(self, data: str) -> str:
        """A real button of the person with every number in it pushed past 2^63."""
        parts = data.split(":")
        huge = [self.rng.choice(HUGE_IDS) if p.isdigit() else p for p in parts]
        return ":".join(huge)[:64]

    async def _feed(self, update: Update, user_id: int, expect_answer: bool | None) -> None:
        start = len(self.harness.api.requests)
        await self.harness.dp.feed_update(self.harness.bot, update)
        if expect_answer:
            sent: list[TelegramMethod[Any]] = self.harness.api.requests[start:]
            answered = any(
                isinstance(r, AnswerCallbackQuery) or getattr(r, "chat_id", None) == user_id
                for r in sent
            )
            if not answered:
                self.unanswered.append(self.log[-1])

    async def _tap(self, user: User, update_id: int) -> None:
        """A button press, now and then one carrying huge ids, now and then a double tap."""
        rng = self.rng
        user_id = user.id
        private = Chat(id=user_id, type="private")
        data = self._callback_data(user_id)
        if rng.random() < 0.05:
            data = self._huge_id_data(data)
            self._count("huge button id")
        taps = 2 if rng.random() < 0.15 else 1
        # A double tap presses the same button of the same message: the second edit would
        # change nothing, and Telegram refuses it ("message is not modified").
        under = self._message(User(id=BOT_ID, is_bot=True, first_name="Bot"), private, text="…")
        for tap in range(taps):
            if tap:
                update_id, _ = self._ids()
            query = CallbackQuery(
                id=f"q{update_id}", from_user=user, chat_instance="ci", message=under, data=data
            )
            update = Update(update_id=update_id, callback_query=query)
            self.log.append(f"{user_id} callback {data!r}" + (" (again)" if tap else ""))
            await self._feed(update, user_id, True)
        if taps == 2:
            self._count("double tap")

    async def step(self) -> None:
        rng = self.rng
        roll = rng.random()
        # Half the time the same person goes on, so conversations get deep.
        if rng.random() < 0.5:
            user_id = self.last_user
        else:
            user_id = rng.choice(
                PEOPLE * 3 + NEWCOMERS + [rng.randrange(700_000, 800_000)]  # someone never seen
            )
        self.last_user = user_id
        if user_id in NEWCOMERS and rng.random() < 0.1:
            await self._restart(user_id)
        user = self._user(user_id)
        update_id, _ = self._ids()
        private = Chat(id=user_id, type="private")
        expect_answer: bool | None = True
        if roll < 0.45:
            await self._tap(user, update_id)
            return
        if roll < 0.92:
            content = self._content(user_id)
            update = Update(update_id=update_id, message=self._message(user, private, **content))
            what = f"message {next(iter(content))}={str(next(iter(content.values())))[:60]!r}"
        else:
            expect_answer = False
            kind = rng.randrange(3)
            text = rng.choice(["/start", "/events", "привет", "/stats@coordinator_test_bot"])
            if kind == 0:
                group = Chat(
                    id=-100_000 - rng.randrange(5), type=rng.choice(["group", "supergroup"])
                )
                update = Update(update_id=update_id, message=self._message(user, group, text=text))
                expect_answer = None  # a command gets a pointer, chatter is left alone
            elif kind == 1:
                channel = Chat(id=-200_000, type="channel", title="Канал")
                post = Message(
                    message_id=update_id, date=datetime.now(UTC), chat=channel, text=text
                )
                update = Update(update_id=update_id, channel_post=post)
            else:
                edited = self._message(user, private, text=random_text(rng))
                update = Update(update_id=update_id, edited_message=edited)
            what = f"other {kind} {text!r}"
        self.log.append(f"{user_id} {what}")
        await self._feed(update, user_id, expect_answer)


async def test_thousands_of_odd_updates(
    harness: BotHarness, schools: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    population = await build_population(harness, schools)
    harness.api.refuse_identical_edits = True  # as Telegram does: double taps meet it
    rng = random.Random(SEED)
    fuzzer = Fuzzer(
        harness,
        rng,
        callback_catalogue(population),
        sorted(callback_classes()),
        menu_texts(),
    )
    # Everyone starts in the middle of something.
    for person in PEOPLE + NEWCOMERS:
        await harness.send(person, rng.choice(ENTRIES))
    replay = f"FUZZ_SEED={SEED} FUZZ_UPDATES={UPDATES}"
    with caplog.at_level(logging.WARNING):
        for number in range(UPDATES):
            try:
                await fuzzer.step()
            except Exception as error:  # the error handler let it through: a crash
                raise AssertionError(
                    f"{replay}: update {number} raised: {fuzzer.log[-1]}"
                ) from error
            if number % 100 == 99:
                # Drop the recorded requests now and then; the keyboards of the last ones
                # are enough to press through.
                del harness.api.requests[:-400]
    errors = bot_errors(caplog.records)
    assert not errors, f"{replay}: " + "\n".join(r.getMessage() for r in errors[:5])
    assert not fuzzer.unanswered, f"{replay}: unanswered: {fuzzer.unanswered[:10]}"
    assert await invariant_violations(harness) == [], replay
    if UPDATES >= 2000:
        # The run covered the rarer moves, not only the common ones.
        for move in ("double tap", "huge button id", "huge deep link", "restart"):
            assert fuzzer.moves.get(move, 0) >= 10, f"{replay}: {move}: {fuzzer.moves}"


async def test_an_old_survey_pause_button_does_not_end_another_conversation(
    harness: BotHarness, schools: list[int]
) -> None:
    from handlers.surveys.callbacks import Do, SurveyCD

    population = await build_population(harness, schools)
    await harness.send(METHODIST, "/new_event")
    await harness.callback(
        METHODIST, SurveyCD(act=Do.PAUSE, survey_id=population.survey_id).pack()
    )
    await harness.send(METHODIST, "Семинар по функциональной грамотности")
    assert harness.last_text(METHODIST) == "Выберите тип мероприятия:"


async def test_a_command_typed_at_the_name_step_is_not_taken_as_a_name(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER_A + 100, name="Иванова Мария")
    await harness.send(TEACHER_A + 100, "/profile")
    await harness.press(TEACHER_A + 100, "Имя")
    await harness.send(TEACHER_A + 100, "/privacy")
    assert "Какие данные я храню" in harness.last_text(TEACHER_A + 100)
    await harness.send(TEACHER_A + 100, "/profile")
    assert "Имя: Иванова Мария" in harness.last_text(TEACHER_A + 100)
