"""The statements of the commonest screens and taps, built on first use and kept: building a
statement and its cache key costs 50-300 µs, often longer than SQLite takes to run it."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, select

from db.models import Event, Registration
from services.events.types import EventStatus, RegStatus


@functools.cache
def mine_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id == bindparam("event_id"),
        Registration.user_id == bindparam("user_id"),
    )


@functools.cache
def mine_for_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id.in_(bindparam("event_ids", expanding=True)),
        Registration.user_id == bindparam("user_id"),
    )


@functools.cache
def upcoming_reach_stmt() -> Select[int, str, str, str]:
    return (
        select(Event.id, Event.audience, Event.school_ids, Event.subjects)
        .where(Event.status == EventStatus.PUBLISHED.value, Event.starts_at > bindparam("now"))
        .order_by(Event.starts_at, Event.id)
    )


@functools.cache
def events_by_id_stmt() -> Select[Any]:
    return (
        select(Event)
        .where(Event.id.in_(bindparam("event_ids", expanding=True)))
        .order_by(Event.starts_at, Event.id)
    )


@functools.cache
def waiting_ahead_stmt() -> Select[Any]:
    return select(func.count(Registration.id)).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.WAITLISTED.value,
        (Registration.queued_at < bindparam("queued_at"))
        | and_(
            Registration.queued_at == bindparam("queued_at"), Registration.id < bindparam("reg_id")
        ),
    )


@functools.cache
def waiting_stmt() -> Select[Any]:
    return select(func.count(Registration.id)).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.WAITLISTED.value,
    )


@functools.cache
def first_waiting_stmt() -> Select[Any]:
    return (
        select(Registration)
        .where(
            Registration.event_id == bindparam("event_id"),
            Registration.status == RegStatus.WAITLISTED.value,
        )
        .order_by(Registration.queued_at, Registration.id)
        .limit(1)
    )


@functools.cache
def expired_offers_stmt() -> Select[Any]:
    return select(Registration).where(
        Registration.event_id == bindparam("event_id"),
        Registration.status == RegStatus.OFFERED.value,
        Registration.offered_until <= bindparam("now"),
    )
