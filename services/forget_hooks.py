"""What each capability erases when a person withdraws consent (/forget).

Each capability that keeps personal fields adds its eraser to `_HOOKS` explicitly, so the
full list of what /forget touches is readable in one place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

ForgetHook = Callable[[AsyncSession, int], Awaitable[None]]


def _hooks() -> list[ForgetHook]:
    # Imported here: the capabilities import services.users, which imports this module.
    from services.broadcasts import forget_broadcasts
    from services.consultations import forget_consultations
    from services.events import forget_event_feedback
    from services.surveys import forget_survey_answers

    return [forget_survey_answers, forget_consultations, forget_broadcasts, forget_event_feedback]


async def run_forget_hooks(session: AsyncSession, user_id: int) -> None:
    for hook in _hooks():
        await hook(session, user_id)
