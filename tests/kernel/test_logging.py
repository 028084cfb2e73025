"""What the bot's log holds: the bot's own lines, not a library's chatter."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.logs import QUIET_LIBRARIES, configure_logging
from db.enums import Topic
from services.events.files import certificate_pdf
from services.events.types import (
    EventAudience,
    EventFormat,
    EventStatus,
    EventType,
    EventView,
)
from services.i18n import default_translator


@pytest.fixture
def bot_logging() -> Iterator[None]:
    """The logging of `python -m bot` at LOG_LEVEL=INFO, undone after the test."""
    names = (*QUIET_LIBRARIES, "apscheduler.executors")
    levels = {name: logging.getLogger(name).level for name in names}
    configure_logging("INFO")
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _event() -> EventView:
    starts = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)
    return EventView(
        id=1,
        title="Практикум «Проверка связи»",
        type=EventType.WORKSHOP,
        topic=next(iter(Topic)),
        format=EventFormat.IN_PERSON,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="СШ № 1",
        link=None,
        capacity=None,
        seats_left=None,
        registration_deadline=None,
        audience=EventAudience.TEACHERS,
        description="",
        status=EventStatus.PUBLISHED,
        registration_open=False,
    )


@pytest.mark.usefixtures("bot_logging")
def test_a_certificate_writes_no_font_library_lines_at_info(
    caplog: pytest.LogCaptureFixture,
) -> None:
    t = default_translator().bind("ru")
    with caplog.at_level(logging.INFO):
        pdf = certificate_pdf(_event(), "Иванова Мария", "Центр", t, ZoneInfo("Europe/Moscow"))
    assert pdf.startswith(b"%PDF")
    chatter = [r for r in caplog.records if r.name.startswith("fontTools")]
    assert chatter == [], f"{len(chatter)} lines from fontTools, e.g. {chatter[0].getMessage()}"


@pytest.mark.usefixtures("bot_logging")
def test_the_font_library_still_reports_its_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        logging.getLogger("fontTools.subset").warning("a glyph is missing")
    assert [r.getMessage() for r in caplog.records] == ["a glyph is missing"]
