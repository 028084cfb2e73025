"""The feature routers in the order they must be consulted; tests assert this order.

Each feature module exposes `create_router()`, so every Dispatcher (one per process, one per
test) gets routers of its own. A feature whose outgoing messages (sent later by the delivery
engine) carry buttons also exposes `BUTTON_ACTIONS`: action name -> a function that turns the
stored parameters into that feature's typed callback data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import Router
from aiogram.filters.callback_data import CallbackData

from handlers import (
    admin,
    broadcast,
    common,
    consultations,
    errors,
    events,
    events_staff,
    fallback,
    menu,
    onboarding,
    profile,
    reports,
    slots,
    surveys,
    surveys_staff,
)

ButtonAction = Callable[[Mapping[str, Any]], CallbackData]

FEATURES = (
    errors,  # error handlers only; they see errors from every router below
    common,  # /cancel and /help work in any state, so they are consulted first
    onboarding,
    profile,
    menu,
    admin,
    events,
    events_staff,
    reports,
    surveys,
    surveys_staff,
    broadcast,
    consultations,
    slots,
    fallback,  # the catch-all: always last
)


def build_root_router() -> Router:
    root = Router(name="root")
    for feature in FEATURES:
        root.include_router(feature.create_router())
    return root


def button_actions() -> dict[str, ButtonAction]:
    actions: dict[str, ButtonAction] = {}
    for feature in FEATURES:
        for name, factory in getattr(feature, "BUTTON_ACTIONS", {}).items():
            if name in actions:
                raise ValueError(f"button action {name!r} defined twice")
            actions[name] = factory
    return actions
