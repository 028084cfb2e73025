"""Ids past what a database row can hold, in crafted links and buttons, are ordinary input:
the person is told the thing is not there or the button is outdated, and nothing is logged
as an error."""

from __future__ import annotations

import logging

import pytest
from aiogram.methods import AnswerCallbackQuery

from tests.support.harness import BotHarness, texts

PERSON = 140_001
HUGE = "99999999999999999999"


async def test_a_crafted_deep_link_with_a_huge_id_is_not_found(
    harness: BotHarness, schools: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    await harness.onboard_teacher(PERSON)
    with caplog.at_level(logging.WARNING):
        replies = texts(await harness.send(PERSON, f"/start event_{HUGE}"))
    assert replies[0] == "Не нашёл этого — возможно, запись уже удалена."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "data", [f"ev:o:{HUGE}", f"evr:t:{HUGE}:0", f"cns:p:-{HUGE}", f"evm:1:{HUGE}:1"]
)
async def test_a_button_with_a_huge_id_is_outdated(
    harness: BotHarness, schools: list[int], caplog: pytest.LogCaptureFixture, data: str
) -> None:
    await harness.onboard_teacher(PERSON)
    with caplog.at_level(logging.WARNING):
        requests = await harness.callback(PERSON, data)
    answers = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    assert [a.text for a in answers] == ["Эта кнопка устарела. Откройте раздел заново через меню."]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_ordinary_id_still_reaches_its_handler(
    harness: BotHarness, schools: list[int]
) -> None:
    await harness.onboard_teacher(PERSON)
    requests = await harness.callback(PERSON, "ev:o:9223372036854775807")
    answers = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    # The largest possible id is a valid question with an honest answer: no such event.
    assert answers and "устарела" not in (answers[0].text or "")
