"""Typed settings read from the environment and `.env`; built once in `__main__`."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SQLITE_URL = "sqlite+aiosqlite:///data/bot.sqlite3"
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
_PLACEHOLDERS = {"", "changeme", "your-token-here", "123456:ABC", "<token>"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="__",
        extra="ignore",
    )

    # Optional here so that `migrate`, `import-schools` and `seed-demo` run without one.
    bot_token: SecretStr | None = None
    bot_api_base_url: str | None = Field(
        default=None,
        description="Base URL of a self-hosted Bot API server, e.g. http://127.0.0.1:8081",
    )
    bot_api_local_mode: bool = False
    # Seconds one Bot API request may take; a hung request otherwise holds a sending slot.
    bot_api_timeout: float = Field(default=60.0, gt=0, le=600)
    database_url: str = DEFAULT_SQLITE_URL
    # How long a SQLite write waits for another process's write lock before the person is
    # told to try again in a minute.
    sqlite_busy_timeout: float = Field(default=15.0, gt=0, le=600)
    redis_url: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    timezone: str = "Europe/Moscow"
    default_locale: str = "ru"
    centre_name: str = "Центр сетевого взаимодействия"
    channel_id: int | None = None

    webhook_url: str | None = None
    webhook_path: str = "/telegram/webhook"
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080

    # The Mini App (calendar and staff dashboard): the public HTTPS address a reverse proxy
    # serves it at; without it there is no Mini App and no button for it.
    webapp_url: str | None = None
    # Polling mode only: where the Mini App's own small server listens (webhook mode serves
    # it from the webhook's server).
    webapp_host: str = "0.0.0.0"
    webapp_port: int = Field(default=8081, ge=1, le=65535)
    # How old a Mini App's signed launch data may be before its calls are refused.
    webapp_auth_max_age_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    # Telegram's web-app script the page loads; tests point it at a local copy (no internet).
    webapp_script_url: str = "https://telegram.org/js/telegram-web-app.js"

    migrate_on_start: bool = True
    consent_version: str = "2026-11-30"
    log_level: str = "INFO"

    broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(8, 0)
    reminder_offsets_hours: Annotated[list[float], NoDecode] = Field(
        default_factory=lambda: [24.0, 1.0]
    )
    delivery_tick_seconds: float = Field(default=1.0, gt=0)
    # Rows claimed per round; each round's rows are sent concurrently under the rate limit.
    delivery_batch: int = Field(default=50, ge=1, le=5000)
    delivery_concurrency: int = Field(default=32, ge=1, le=500)
    # A delivery instance whose heartbeat is older than this is dead: its claimed rows are
    # taken back by a live one. Each instance beats a few times within it.
    delivery_stale_seconds: float = Field(default=5.0, ge=1, le=600)
    # Local time (TIMEZONE) of the daily staff digest.
    digest_time: time = time(8, 30)
    # How long a freed seat is held for the first person on the waiting list.
    offer_ttl_hours: float = Field(default=12.0, gt=0, le=168)
    # The check-in window: codes and staff taps count from this long before an event's start
    # to this long after its end.
    checkin_opens_minutes_before: int = Field(default=60, ge=0, le=24 * 60)
    checkin_closes_minutes_after: int = Field(default=60, ge=0, le=24 * 60)
    # Days after an event's end when staff may still correct its attendance.
    attendance_correction_days: int = Field(default=7, ge=0, le=365)
    # Psychologist consultations: cancel / book notice, how far ahead, active bookings per person,
    # and how long free-text comments are kept after the consultation.
    consult_cancel_notice_hours: float = Field(default=3.0, ge=0, le=168)
    consult_min_notice_hours: float = Field(default=2.0, ge=0, le=168)
    consult_horizon_days: int = Field(default=30, ge=1, le=366)
    consult_max_active: int = Field(default=2, ge=1, le=50)
    consult_comment_retention_days: int = Field(default=90, ge=1, le=3650)
    # Mentoring: how many mentees one mentor may have at once (proposed or active).
    mentor_max_mentees: int = Field(default=3, ge=1, le=30)

    @field_validator("bot_token")
    @classmethod
    def _token_is_real(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        raw = value.get_secret_value().strip()
        if raw in _PLACEHOLDERS or not _TOKEN_SHAPE.match(raw):
            raise ValueError("BOT_TOKEN must look like 123456789:AA... (ask @BotFather)")
        return SecretStr(raw)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            try:
                return [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError(
                    "ADMIN_IDS must be Telegram user ids separated by commas"
                ) from exc
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("reminder_offsets_hours", mode="before")
    @classmethod
    def _split_offsets(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return [float(p) for p in re.split(r"[,\s]+", value.strip()) if p]
            except ValueError as exc:
                raise ValueError("REMINDER_OFFSETS_HOURS must be numbers, e.g. 24,1") from exc
        return value

    @field_validator("timezone")
    @classmethod
    def _zone_exists(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}, e.g. Europe/Moscow") from exc
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("ru", "en"):
            raise ValueError("DEFAULT_LOCALE must be ru or en")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if value.startswith("sqlite:///"):
            return "sqlite+aiosqlite:///" + value.split(":///", 1)[1]
        if not (
            value.startswith("sqlite+aiosqlite://") or value.startswith("postgresql+asyncpg://")
        ):
            raise ValueError("DATABASE_URL must be sqlite+aiosqlite:///... or postgresql://...")
        return value

    @field_validator("webapp_url")
    @classmethod
    def _webapp_https(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        # Telegram opens Mini Apps only over HTTPS.
        if not value.startswith("https://") or " " in value:
            raise ValueError("WEBAPP_URL must be the public https:// address of the Mini App")
        return value if value.endswith("/") else value + "/"

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def ensure_sqlite_dir(self) -> None:
        if self.database_url.startswith("sqlite+aiosqlite:///"):
            path = self.database_url.split(":///", 1)[1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
