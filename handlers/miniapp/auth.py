"""Who is calling: the Mini App's initData, checked as Telegram prescribes.

Telegram signs the launch data with the bot's token; a signature that does not match, data
signed for another bot, or data older than the allowed age is refused, and the call gets a
401 with nothing else. The user id in the data is the actor of the call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram.utils.web_app import safe_parse_webapp_init_data

SCHEME = "tma "
# A phone's clock may run a little ahead of the server's; more than this is not a clock.
CLOCK_SKEW = timedelta(minutes=5)


class Unauthorized(Exception):
    """Missing, tampered, foreign or expired launch data: the caller learns nothing more."""


@dataclass(frozen=True, slots=True)
class Caller:
    telegram_id: int
    language_code: str


def init_data_of(authorization: str | None) -> str:
    """The raw initData from an `Authorization: tma <initData>` header."""
    if not authorization or not authorization.startswith(SCHEME):
        raise Unauthorized()
    raw = authorization[len(SCHEME) :].strip()
    if not raw:
        raise Unauthorized()
    return raw


def check_init_data(token: str, raw: str, now: datetime, max_age: timedelta) -> Caller:
    try:
        data = safe_parse_webapp_init_data(token, raw)
    except ValueError as error:  # a bad signature, or signed data that does not parse
        raise Unauthorized() from error
    user = data.user
    if user is None or user.is_bot:
        raise Unauthorized()
    signed_at = data.auth_date
    if signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=UTC)
    if now - signed_at > max_age or signed_at - now > CLOCK_SKEW:
        raise Unauthorized()
    return Caller(user.id, user.language_code or "")
