"""/profile, /language, /privacy and /forget as a teacher and a parent use them."""

from __future__ import annotations

from aiogram.methods import EditMessageText
from sqlalchemy import func, select

from db.models import Consent, User
from tests.support.harness import BotHarness, texts

TEACHER = 120_001
PARENT = 120_002


async def _user(harness: BotHarness, telegram_id: int) -> User:
    async with harness.database.session_factory() as session:
        query = select(User).where(User.telegram_id == telegram_id)
        return (await session.execute(query)).scalar_one()


async def test_profile_shows_what_was_given(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER, name="Иванова Мария")
    profile = texts(await harness.send(TEACHER, "/profile"))[0]
    for line in (
        "Имя: Иванова Мария",
        "Роли: педагог",
        "Школа: МБОУ «Средняя школа № 1»",
        "Предметы: математика",
        "Стаж: 3–10",
        "Язык: русский",
    ):
        assert line in profile
    # The menu button opens the same card.
    assert texts(await harness.send(TEACHER, "👤 Профиль"))[0] == profile


async def test_teacher_edits_every_field(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    await harness.send(TEACHER, "/profile")

    await harness.press(TEACHER, "Имя")
    await harness.send(TEACHER, "Смирнова Ольга Ивановна")
    assert "Смирнова Ольга Ивановна" in harness.last_text(TEACHER)

    await harness.send(TEACHER, "/profile")
    await harness.press(TEACHER, "Школа")
    await harness.send(TEACHER, "любавич")
    await harness.press(TEACHER, "Любавичская")

    await harness.send(TEACHER, "/profile")
    await harness.press(TEACHER, "Предметы")
    await harness.press(TEACHER, "физика")
    await harness.press(TEACHER, "Готово")

    await harness.send(TEACHER, "/profile")
    await harness.press(TEACHER, "Стаж")
    await harness.press(TEACHER, "20")

    await harness.send(TEACHER, "/profile")
    await harness.press(TEACHER, "Должность")
    await harness.press(TEACHER, "учитель начальных")

    user = await _user(harness, TEACHER)
    assert user.full_name == "Смирнова Ольга Ивановна"
    profile = texts(await harness.send(TEACHER, "/profile"))[0]
    assert "Любавичская СШ" in profile
    assert "математика" in profile and "физика" in profile
    assert "20" in profile.split("Стаж:")[1].splitlines()[0]
    assert "начальных" in profile


async def test_parent_edits_the_childs_grade(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    await harness.send(PARENT, "/profile")
    await harness.press(PARENT, "Класс ребёнка")
    await harness.press(PARENT, "9")
    assert (await _user(harness, PARENT)).child_grade == 9
    assert "Класс ребёнка: 9" in texts(await harness.send(PARENT, "/profile"))[0]


async def test_an_edit_can_be_cancelled_and_nothing_changes(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT, name="Петрова Анна")
    await harness.send(PARENT, "/profile")
    await harness.press(PARENT, "Имя")
    replies = texts(await harness.send(PARENT, "/cancel"))
    assert "Действие отменено" in replies[0]
    assert (await _user(harness, PARENT)).full_name == "Петрова Анна"


async def test_language_switch_changes_the_menu_and_buttons_keep_working(
    harness: BotHarness,
) -> None:
    await harness.onboard_parent(PARENT)
    assert "👤 Профиль" in harness.reply_keyboard(PARENT)
    await harness.send(PARENT, "/language")
    replies = texts(await harness.press(PARENT, "English"))
    assert "Done, I speak English now." in replies
    keyboard = harness.reply_keyboard(PARENT)
    assert "👤 Profile" in keyboard and "👤 Профиль" not in keyboard
    assert (await _user(harness, PARENT)).locale == "en"

    profile = texts(await harness.send(PARENT, "👤 Profile"))[0]
    assert "Name: Петрова Анна" in profile
    helped = texts(await harness.send(PARENT, "❓ Help"))[0]
    assert "/profile" in helped
    # A keyboard still showing the old language (another device) keeps working too.
    assert "Name:" in texts(await harness.send(PARENT, "👤 Профиль"))[0]

    await harness.send(PARENT, "/language")
    await harness.press(PARENT, "Русский")
    assert "👤 Профиль" in harness.reply_keyboard(PARENT)


async def test_language_from_the_profile_card(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    await harness.send(PARENT, "/profile")
    await harness.press(PARENT, "Язык")
    await harness.press(PARENT, "English")
    assert "Language: English" in texts(await harness.send(PARENT, "/profile"))[0]


async def test_privacy_says_what_is_kept_and_when_consent_was_given(
    harness: BotHarness,
) -> None:
    guest = texts(await harness.send(PARENT, "/privacy"))[0]
    assert "Какие данные я храню" in guest and "/forget" in guest
    assert "Согласие" not in guest
    await harness.onboard_parent(PARENT)
    text = texts(await harness.send(PARENT, "/privacy"))[0]
    assert "Ресурсный центр" in text
    assert f"Согласие (версия {harness.policy.consent_version}) дано 23.11.2026 12:00" in text


async def test_forget_needs_confirmation(harness: BotHarness, schools: list[int]) -> None:
    await harness.onboard_teacher(TEACHER)
    await harness.send(TEACHER, "/forget")
    assert "Удалить ваши данные?" in harness.last_text(TEACHER)
    await harness.press(TEACHER, "Нет, оставить")
    assert "ничего не удалено" in harness.last_text(TEACHER)
    assert (await _user(harness, TEACHER)).full_name == "Иванова Мария"


async def test_forget_anonymises_and_start_onboards_again(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(TEACHER, name="Иванова Мария")
    user_id = (await _user(harness, TEACHER)).id
    await harness.send(TEACHER, "/forget")
    await harness.press(TEACHER, "Да, удалить")
    assert "/start" in harness.last_text(TEACHER)

    async with harness.database.session_factory() as session:
        user = await session.get(User, user_id)
        assert user is not None  # the row stays, so the counts stay true
        assert user.telegram_id is None and user.full_name is None
        assert user.forgotten_at is not None
        assert not user.subjects
        consent = (await session.execute(select(Consent))).scalar_one()
        assert consent.withdrawn_at is not None
        names = (await session.execute(select(User.full_name))).scalars().all()
        assert "Иванова Мария" not in names

    assert "Сначала давайте познакомимся" in texts(await harness.send(TEACHER, "/profile"))[0]
    assert "У меня нет ваших данных" in texts(await harness.send(TEACHER, "/forget"))[0]

    await harness.onboard_teacher(TEACHER, name="Иванова Мария")
    assert "Профиль заполнен" in harness.last_text(TEACHER)
    async with harness.database.session_factory() as session:
        assert (await session.execute(select(func.count(User.id)))).scalar_one() == 2
        assert (await session.execute(select(func.count(Consent.id)))).scalar_one() == 2


async def test_a_double_tap_on_a_language_is_no_error(harness: BotHarness) -> None:
    await harness.onboard_parent(PARENT)
    harness.api.refuse_identical_edits = True
    await harness.send(PARENT, "/language")
    english = harness.find_button(PARENT, "English")
    first = await harness.callback(PARENT, english)
    assert "Done, I speak English now." in texts(first)
    # The second tap asks for the very text already shown: Telegram refuses that edit
    # ("message is not modified"), which means the person already sees it.
    second = await harness.callback(PARENT, english)
    edits = [r for r in second if isinstance(r, EditMessageText)]
    assert [e.text for e in edits] == ["Done, I speak English now."]
    replies = texts(second)
    assert not any("went wrong" in reply or "did not work" in reply for reply in replies)
    assert "menu" in replies[-1].lower() or "меню" in replies[-1].lower()
    assert (await _user(harness, PARENT)).locale == "en"


async def test_forget_erases_every_personal_field(harness: BotHarness, schools: list[int]) -> None:
    """The confirmation promises name, school, subjects and contacts; experience, position and
    the child's grade single a person out as well."""
    await harness.onboard_teacher(TEACHER)
    await harness.onboard_parent(PARENT)
    await harness.send(PARENT, "/profile")
    await harness.press(PARENT, "Класс ребёнка")
    await harness.press(PARENT, "9")
    ids = [(await _user(harness, TEACHER)).id, (await _user(harness, PARENT)).id]
    for person in (TEACHER, PARENT):
        await harness.send(person, "/forget")
        await harness.press(person, "Да, удалить")
    async with harness.database.session_factory() as session:
        for user_id in ids:
            user = await session.get(User, user_id)
            assert user is not None and user.forgotten_at is not None
            personal = {
                "telegram_id": user.telegram_id,
                "full_name": user.full_name,
                "name_search": user.name_search,
                "school_id": user.school_id,
                "experience": user.experience,
                "position": user.position,
                "child_grade": user.child_grade,
                "subjects": [s.subject for s in user.subjects],
            }
            assert personal == dict.fromkeys(personal) | {"subjects": []}
        # What stays is anonymous: a row per person, counted by their self-chosen role.
        assert (await session.execute(select(func.count(User.id)))).scalar_one() == 2
