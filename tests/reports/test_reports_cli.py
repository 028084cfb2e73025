"""`python -m bot report --from DATE --to DATE --out FILE.xlsx`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from bot.factory import Database
from services.container import Services
from services.context import Policy
from tests.reports.test_reports import build_network
from tests.support.harness import Clock


async def test_report_command_writes_the_workbook(
    database: Database, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with database.session_factory() as session:
        await build_network(Services(session, Policy(), Clock()))
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "отчёт.xlsx"
    # main() runs its own event loop, so it runs in a worker thread here.
    await asyncio.to_thread(
        main, ["report", "--from", "01.11.2026", "--to", "2026-11-30", "--out", str(out)]
    )
    wb = load_workbook(out)
    titles = [r[1] for r in wb["Мероприятия"].iter_rows(min_row=2, values_only=True)]
    assert titles == ["МО учителей математики", "Семинар по ГИА", "Вебинар"]


def test_report_command_refuses_impossible_dates(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "report",
                "--from",
                "31.11.2026",
                "--to",
                "30.12.2026",
                "--out",
                str(tmp_path / "x.xlsx"),
            ]
        )
    assert exit_info.value.code == 2
    assert "Такой даты нет" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
