"""/my gathers what is a person's own across features: each feature registers a section that
shows its part (bookings, mentoring) and says whether it had anything. The events feature owns
the command and shows its registrations after these sections, so one screen answers "what have
I signed up for" without the events package knowing the others."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram.types import Message

from services.container import Services
from services.context import Actor
from services.i18n import Text

Section = Callable[[Message, Services, Actor, Text], Awaitable[bool]]

_SECTIONS: dict[str, Section] = {}


def register(name: str, section: Section) -> None:
    """Keyed by feature, so building the routers twice (tests do) keeps one section each."""
    _SECTIONS[name] = section


async def show_sections(message: Message, svc: Services, actor: Actor, t: Text) -> bool:
    shown = False
    for section in _SECTIONS.values():
        shown = await section(message, svc, actor, t) or shown
    return shown
