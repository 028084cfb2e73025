"""A main-menu button tapped while a mentoring step waits for typed text (a decline reason, a
step's text, a meeting note, a conclusion, an early end's reason, a replacement's reason)
arrives as a message with the button's text. It is never taken as the answer: the step is
left and the menu item opens, as it would outside the step; a command does the same."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select

from db.enums import Role
from db.models import MentoringMeeting, MentoringStep, Mentorship
from handlers.mentoring.callbacks import MAct, MentorCD
from services.i18n import default_translator
from tests.mentoring.support import Person, add_person, add_school
from tests.support.fakes import BOT_ID
from tests.support.harness import BotHarness

METHODIST, MENTEE, MENTOR, OTHER = 7201, 7202, 7203, 7204
t = default_translator().bind("ru")


async def _people(harness: BotHarness) -> dict[int, Person]:
    db = harness.database
    school = await add_school(db, "СШ № 5")
    return {
        METHODIST: await add_person(db, METHODIST, role=Role.METHODIST),
        MENTEE: await add_person(db, MENTEE, school_id=school, experience="lt3"),
        MENTOR: await add_person(db, MENTOR, school_id=school, experience="20plus"),
        OTHER: await add_person(db, OTHER, school_id=school, experience="20plus"),
    }


async def _pair(harness: BotHarness, people: dict[int, Person], *, agreed: bool) -> int:
    svc = await harness.services()
    try:
        pair = await svc.mentoring.propose(
            people[METHODIST].actor(), people[MENTEE].user_id, people[MENTOR].user_id
        )
        if agreed:
            await svc.mentoring.accept(people[MENTOR].actor(), pair)
            await svc.mentoring.accept(people[MENTEE].actor(), pair)
    finally:
        await svc.session.close()
    return pair


async def _press(harness: BotHarness, who: int, act: MAct, pair: int, **extra: int) -> None:
    await harness.callback(who, MentorCD(act=act, pair=pair, **extra).pack())


async def _decline_reason(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, MENTOR, MAct.DECLINE, pair)
    return MENTOR


async def _step_text(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, MENTOR, MAct.ADD_STEP, pair)
    return MENTOR


async def _meeting_note(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, MENTOR, MAct.MEET, pair)
    await harness.send(MENTOR, "вчера")
    await harness.press(MENTOR, "онлайн")
    return MENTOR


async def _end_reason(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, METHODIST, MAct.END_EARLY, pair)
    return METHODIST


async def _replace_reason(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, METHODIST, MAct.REPLACE, pair, mentor=people[OTHER].user_id)
    return METHODIST


async def _conclusion(harness: BotHarness, pair: int, people: dict[int, Person]) -> int:
    await _press(harness, METHODIST, MAct.FINISH, pair)
    await _press(harness, MENTOR, MAct.CONCLUDE, pair)
    return MENTOR


Enter = Callable[[BotHarness, int, dict[int, Person]], Awaitable[int]]
STEPS: list[tuple[Enter, bool, str]] = [
    (_decline_reason, False, "menu-library"),
    (_step_text, True, "menu-my"),
    (_meeting_note, True, "menu-events"),
    (_end_reason, True, "menu-library"),
    (_replace_reason, True, "menu-events"),
    (_conclusion, True, "menu-my"),
]


async def _snapshot(harness: BotHarness) -> tuple[object, ...]:
    """Everything a step could have written."""
    async with harness.database.session_factory() as session:
        pairs = (
            await session.execute(
                select(
                    Mentorship.status,
                    Mentorship.decline_reason,
                    Mentorship.end_reason,
                    Mentorship.conclusion,
                ).order_by(Mentorship.id)
            )
        ).all()
        steps = await session.scalar(select(func.count()).select_from(MentoringStep))
        meetings = await session.scalar(select(func.count()).select_from(MentoringMeeting))
    return (tuple(pairs), steps, meetings)


@pytest.mark.parametrize(("enter", "agreed", "menu"), STEPS, ids=[s[0].__name__ for s in STEPS])
async def test_a_menu_tap_leaves_the_step_and_opens_the_menu_item(
    harness: BotHarness, enter: Enter, agreed: bool, menu: str
) -> None:
    people = await _people(harness)
    pair = await _pair(harness, people, agreed=agreed)
    who = await enter(harness, pair, people)
    assert await harness.dp.storage.get_state(_key(who)) is not None
    before = await _snapshot(harness)
    await harness.send(who, t(menu))
    in_step = harness.last_text(who)
    assert await harness.dp.storage.get_state(_key(who)) is None
    # The step is left: what is typed next is not its answer either.
    await harness.send(who, "Нет времени в этом году")
    assert await _snapshot(harness) == before
    # What opened is the menu item itself, as it shows outside any step.
    await harness.send(who, t(menu))
    assert harness.last_text(who) == in_step


async def test_a_command_leaves_the_step_but_cancel_still_names_it(harness: BotHarness) -> None:
    people = await _people(harness)
    pair = await _pair(harness, people, agreed=True)
    await _press(harness, MENTOR, MAct.ADD_STEP, pair)
    await harness.send(MENTOR, "/events")
    assert await harness.dp.storage.get_state(_key(MENTOR)) is None
    await _press(harness, MENTOR, MAct.ADD_STEP, pair)
    await harness.send(MENTOR, "/cancel")
    assert harness.last_text(MENTOR).startswith(t("cancel-done"))


def _key(telegram_id: int) -> StorageKey:
    return StorageKey(bot_id=BOT_ID, chat_id=telegram_id, user_id=telegram_id)
