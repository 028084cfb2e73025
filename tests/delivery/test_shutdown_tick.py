"""A delivery round cut short by the process ending is a stop, not a failed job: no ERROR in
the log (an operator reads ERROR as something to fix), and no new round once stopping."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot import scheduler
from bot.scheduler import Runtime, delivery_tick


class _CutShort:
    async def tick(self) -> int:
        raise asyncio.CancelledError()


async def test_a_round_cancelled_by_the_shutdown_logs_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine: Any = _CutShort()
    runtime = Runtime(engine=engine, session_factory=None, policy=None, clock=None)  # type: ignore[arg-type]
    scheduler._RUNTIMES["cut-short"] = runtime
    try:
        with caplog.at_level(logging.INFO):
            await delivery_tick("cut-short")
    finally:
        scheduler._RUNTIMES.pop("cut-short", None)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("cut short by the shutdown" in r.getMessage() for r in caplog.records)
