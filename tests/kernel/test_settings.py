"""Settings: a wrong value stops the bot with one clear line; the values mean what they say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiogram.client.session.aiohttp import AiohttpSession
from pydantic import ValidationError

from bot.config import DEFAULT_SQLITE_URL, Settings
from bot.factory import create_bot
from tests.support.fakes import TOKEN

ROOT = Path(__file__).resolve().parents[2]


def run_bot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment and an empty working directory: no developer .env leaks in.
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**base, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("Configuration error:")
    for word in words:
        assert word in lines[0]


def test_missing_token_stops_the_bot_with_one_line(tmp_path: Path) -> None:
    result = run_bot(tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    assert_one_clear_line(result, "BOT_TOKEN", ".env.example")


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("BOT_TOKEN", "changeme", ("BOT_TOKEN", "@BotFather")),
        ("ADMIN_IDS", "12,abc", ("ADMIN_IDS",)),
        ("TIMEZONE", "Mars/Olympus", ("TIMEZONE", "Europe/Moscow")),
        ("DATABASE_URL", "mysql://x@y/z", ("DATABASE_URL",)),
        ("DEFAULT_LOCALE", "de", ("DEFAULT_LOCALE",)),
        ("WEBHOOK_URL", "https://bot.example.org", ("WEBHOOK_SECRET",)),
        ("WEBHOOK_PORT", "eighty", ("WEBHOOK_PORT",)),
    ],
)
def test_malformed_setting_stops_the_bot_with_one_line(
    tmp_path: Path, name: str, value: str, words: tuple[str, ...]
) -> None:
    env = {"BOT_TOKEN": TOKEN, name: value}
    assert_one_clear_line(run_bot(tmp_path, **env), *words)


def test_settings_come_from_a_dot_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TIMEZONE=Nowhere/Land\n", encoding="utf-8")
    assert_one_clear_line(run_bot(tmp_path, "migrate"), "TIMEZONE")


def test_migrate_runs_without_a_token(tmp_path: Path) -> None:
    result = run_bot(tmp_path, "migrate", DATABASE_URL=f"sqlite:///{tmp_path / 'm.db'}")
    assert result.returncode == 0, result.stderr
    assert "Database is up to date." in result.stdout
    assert (tmp_path / "m.db").exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1, 2 ,3", [1, 2, 3]), ("42", [42]), ("5 6", [5, 6]), ("", [])],
)
def test_admin_ids_parsing(raw: str, expected: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", raw)
    assert Settings(_env_file=None).admin_ids == expected  # type: ignore[call-arg]


def test_admin_ids_must_be_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "@ivanova")
    with pytest.raises(ValidationError, match="ADMIN_IDS"):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql://u:p@db:5432/bot", "postgresql+asyncpg://u:p@db:5432/bot"),
        ("postgres://u@db/bot", "postgresql+asyncpg://u@db/bot"),
        ("postgresql+asyncpg://u@db/bot", "postgresql+asyncpg://u@db/bot"),
        ("sqlite:///data/x.db", "sqlite+aiosqlite:///data/x.db"),
        ("sqlite+aiosqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
    ],
)
def test_database_url_normalisation(raw: str, expected: str) -> None:
    assert Settings.model_validate({"database_url": raw}).database_url == expected


def test_defaults_are_sqlite_moscow_russian(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "TIMEZONE", "DEFAULT_LOCALE", "REDIS_URL", "WEBHOOK_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.database_url == DEFAULT_SQLITE_URL
    assert settings.timezone == "Europe/Moscow"
    assert settings.default_locale == "ru"
    assert settings.redis_url is None and settings.webhook_url is None


async def test_custom_bot_api_base_url_is_used_by_the_session() -> None:
    settings = Settings.model_validate(
        {"bot_token": TOKEN, "bot_api_base_url": "http://127.0.0.1:8081/"}
    )
    bot = create_bot(settings)
    try:
        assert isinstance(bot.session, AiohttpSession)
        url = bot.session.api.api_url(token=TOKEN, method="getMe")
        assert url == f"http://127.0.0.1:8081/bot{TOKEN}/getMe"
        file_url = bot.session.api.file_url(token=TOKEN, path="documents/a.csv")
        assert file_url == f"http://127.0.0.1:8081/file/bot{TOKEN}/documents/a.csv"
    finally:
        await bot.session.close()


async def test_without_a_base_url_the_bot_talks_to_telegram() -> None:
    bot = create_bot(Settings.model_validate({"bot_token": TOKEN}))
    try:
        assert bot.session.api.api_url(token=TOKEN, method="getMe").startswith(
            "https://api.telegram.org/"
        )
    finally:
        await bot.session.close()


def test_every_setting_is_documented_in_env_example() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = {
        line.lstrip("# ").split("=", 1)[0]
        for line in text.splitlines()
        if "=" in line and line.lstrip("# ").split("=", 1)[0].isupper()
    }
    missing = sorted(
        name.upper() for name in Settings.model_fields if name.upper() not in documented
    )
    assert missing == []


def test_env_example_values_are_valid_defaults(tmp_path: Path) -> None:
    # Uncommented as is (bar the empty secrets), the example must be a working configuration.
    lines = [
        line.lstrip("# ")
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip("# ").startswith(("POSTGRES_", "WEBHOOK_URL"))
    ]
    values = {k: v for k, v in (line.split("=", 1) for line in lines) if v and k.isupper()}
    settings = Settings.model_validate({k.lower(): v for k, v in values.items()})
    defaults = Settings.model_validate({})
    for name in ("timezone", "webhook_port", "reminder_offsets_hours", "quiet_hours_start"):
        assert getattr(settings, name) == getattr(defaults, name)


def test_every_setting_is_in_the_readme_table_and_env_example_shows_the_defaults() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(
        name.upper() for name in Settings.model_fields if f"`{name.upper()}" not in readme
    )
    assert missing == [], "README's configuration table lacks these settings"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    shown = dict(
        line.lstrip("# ").split("=", 1)
        for line in example.splitlines()
        if "=" in line and line.lstrip("# ").split("=", 1)[0].isupper()
    )
    for name, field in Settings.model_fields.items():
        value, default = shown.get(name.upper(), ""), field.default
        if not value or isinstance(default, bool) or default is None:
            continue
        if isinstance(default, int | float):
            assert float(value) == default, (
                f"{name.upper()}: .env.example {value}, default {default}"
            )
        elif isinstance(default, str):
            assert value == default, f"{name.upper()}: .env.example {value}, default {default}"
