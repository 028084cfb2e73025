"""The feature routers in the order they must be consulted; tests assert this order.

Each feature module exposes `create_router()`, so every Dispatcher (one per process, one per
test) gets routers of its own.
"""

from __future__ import annotations

from aiogram import Router

from handlers import admin, common, errors, fallback, menu, onboarding, profile

FEATURES = (
    errors,  # error handlers only; they see errors from every router below
    common,  # /cancel and /help work in any state, so they are consulted first
    onboarding,
    profile,
    menu,
    admin,
    fallback,  # the catch-all: always last
)


def build_root_router() -> Router:
    root = Router(name="root")
    for feature in FEATURES:
        root.include_router(feature.create_router())
    return root
