"""Who is acting, and the clock and policy every service reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from db.enums import Role

STAFF_ROLES = frozenset({Role.METHODIST, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """The person's school and subjects, read with the actor at the start of the update, so
    that the audience checks of the same update need no query of their own."""

    school_id: int | None
    subjects: frozenset[str]


@dataclass(frozen=True, slots=True)
class Actor:
    telegram_id: int
    user_id: int | None
    locale: str
    roles: frozenset[Role] = frozenset()
    coordinator_school_id: int | None = None
    # None when the actor was built without reading the person (tests, the CLI): services
    # then read the profile themselves.
    profile: ActorProfile | None = None

    @property
    def is_registered(self) -> bool:
        return self.user_id is not None

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ConsultPolicy:
    cancel_notice_hours: float = 3.0
    min_notice_hours: float = 2.0
    horizon_days: int = 30
    max_active: int = 2
    comment_retention_days: int = 90


@dataclass(frozen=True)
class Policy:
    """Settings the services obey, built from the bot's settings by the composition root."""

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Moscow"))
    admin_telegram_ids: frozenset[int] = frozenset()
    default_locale: str = "ru"
    consent_version: str = "2026-11-30"
    centre_name: str = ""
    bot_username: str = ""
    reminder_offsets_hours: tuple[float, ...] = (24.0, 1.0)
    quiet_hours_start: time = time(21, 0)
    quiet_hours_end: time = time(8, 0)
    channel_id: int | None = None
    offer_ttl_hours: float = 12.0
    checkin_opens_minutes_before: int = 60
    checkin_closes_minutes_after: int = 60
    attendance_correction_days: int = 7
    consult: ConsultPolicy = field(default_factory=ConsultPolicy)
    # How many mentees one mentor may have at once (proposed or active).
    mentor_max_mentees: int = 3
    # The Mini App's public address ("" when it is not served): screens add a button to it.
    webapp_url: str = ""


Clock = Callable[[], datetime]
