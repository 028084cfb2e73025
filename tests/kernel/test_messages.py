"""Showing a screen: an edit that would change nothing is success, never "something went
wrong" (a double tap asks for the screen the person already sees)."""

from __future__ import annotations

import logging

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import CallbackQuery, Message

from handlers import errors
from handlers.messages import show
from tests.support.fakes import TOKEN, RecordingSession, callback_update, tg_user


class ScreenCD(CallbackData, prefix="test_screen"):
    page: int


def _dispatcher(*, through_helper: bool) -> Dispatcher:
    screens = Router(name="screens")

    @screens.callback_query(ScreenCD.filter())
    async def open_page(query: CallbackQuery, callback_data: ScreenCD) -> None:
        text = f"page {callback_data.page}"
        if through_helper:
            await show(query, text)
        else:
            assert isinstance(query.message, Message)
            await query.message.edit_text(text)

    dispatcher = Dispatcher()
    dispatcher.include_router(errors.create_router())
    dispatcher.include_router(screens)
    return dispatcher


@pytest.mark.parametrize("through_helper", [True, False], ids=["helper", "direct-edit"])
async def test_a_double_tap_is_not_an_error(
    caplog: pytest.LogCaptureFixture, through_helper: bool
) -> None:
    session = RecordingSession()
    session.refuse_identical_edits = True
    bot = Bot(TOKEN, session=session)
    dispatcher = _dispatcher(through_helper=through_helper)
    person = tg_user(150_001)
    tap = ScreenCD(page=2).pack()
    with caplog.at_level(logging.INFO):
        await dispatcher.feed_update(bot, callback_update(person, tap, message_id=7))
        await dispatcher.feed_update(bot, callback_update(person, tap, message_id=7))
    edits = [r for r in session.requests if isinstance(r, EditMessageText)]
    assert [e.text for e in edits] == ["page 2", "page 2"]
    # Nobody is told that something went wrong, and nothing is logged as an error.
    assert not [r for r in session.requests if isinstance(r, SendMessage)]
    alerts = [r for r in session.requests if isinstance(r, AnswerCallbackQuery) and r.text]
    assert alerts == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
