"""Checks while composing: the text, the time of a scheduled broadcast, and quiet hours."""

from __future__ import annotations

from datetime import datetime

from services.broadcasts.scope import BroadcastScope, require_staff
from services.broadcasts.types import BODY_MAX
from services.context import Actor
from services.dates import parse_when
from services.delivery.engine import in_quiet_hours, quiet_hours_end_after
from services.errors import InvalidInput


def check_body(actor: Actor, body: str | None) -> str:
    require_staff(actor)
    text = (body or "").strip()
    if not text:
        raise InvalidInput("error-broadcast-empty")
    if len(text) > BODY_MAX:
        raise InvalidInput("error-broadcast-too-long", max=BODY_MAX)
    return text


def parse_time(scope: BroadcastScope, actor: Actor, text: str | None) -> datetime:
    require_staff(actor)
    try:
        return parse_when(
            text, now=scope.clock(), zone=scope.policy.timezone, locale=actor.locale
        ).start
    except InvalidInput as exc:
        # The reader's precise answers (no time given, two readings) stay; the broadcast's
        # own wording covers a time in the past and text that is no time at all.
        own = {"error-date-past": "error-broadcast-time-past"}
        own["error-date-unparseable"] = "error-broadcast-time"
        raise InvalidInput(own.get(exc.key, exc.key), **exc.args_for_text) from exc


def quiet_until(scope: BroadcastScope, moment: datetime) -> datetime | None:
    """When a bulk message due at `moment` will actually go, if quiet hours hold it."""
    if in_quiet_hours(moment, scope.policy):
        return quiet_hours_end_after(moment, scope.policy)
    return None
