"""Outer middlewares: one session and one Services object per update, the actor, the language."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import is_outage
from services.container import Services
from services.context import Clock, Policy
from services.errors import Unavailable
from services.i18n import Translator

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def _locale_hint(user: User | None, default: str) -> str:
    code = (user.language_code or "") if user else ""
    return "en" if code.startswith("en") else default


class ServicesMiddleware(BaseMiddleware):
    """Opens the update's session, loads who is acting, binds their language."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        policy: Policy,
        translator: Translator,
        clock: Clock,
    ) -> None:
        self.session_factory = session_factory
        self.policy = policy
        self.translator = translator
        self.clock = clock

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await self._serve(handler, event, data)
        except Exception as error:
            if not is_outage(error):
                raise
            # The transaction was rolled back with the session; the person is asked to try
            # again, and the next update takes a fresh connection (pre-pinged on PostgreSQL).
            update_id = event.update_id if isinstance(event, Update) else None
            log.warning(
                "database unavailable update_id=%s error=%s", update_id, type(error).__name__
            )
            raise Unavailable() from error

    async def _serve(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        # Bound before the database is asked, so that a failure there is still explained in
        # the person's language as far as it is known.
        hint = _locale_hint(user, self.policy.default_locale)
        data["t"] = self.translator.bind(hint)
        async with self.session_factory() as session:
            services = Services(session, self.policy, self.clock)
            data["svc"] = services
            if user is not None and not user.is_bot:
                state: FSMContext | None = data.get("state")
                if state is not None:
                    hint = (await state.get_data()).get("locale", hint)
                    data["t"] = self.translator.bind(hint)
                actor = await services.users.actor_for(user.id, hint)
                await services.end_read()
                data["actor"] = actor
                data["t"] = self.translator.bind(actor.locale)
            else:
                data["t"] = self.translator.bind(self.policy.default_locale)
            return await handler(event, data)


class UpdateLogMiddleware(BaseMiddleware):
    """Logs the update id and the kind of update, never its text."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            data["update_id"] = event.update_id
        return await handler(event, data)
