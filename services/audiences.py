"""An audience one feature offers another's broadcasts, without either importing the other.

A feature (surveys: "those who have not answered") describes its audience as an
`AudienceSource`; the container hands the sources to the broadcasts service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

# (session, now) -> [(object id, title)]: the objects a staff member picks from.
SourceOptions = Callable[[AsyncSession, datetime], Awaitable[list[tuple[int, str]]]]
# (session, object id) -> the user ids of that object's audience.
SourceResolve = Callable[[AsyncSession, int], Awaitable[set[int]]]


@dataclass(frozen=True)
class AudienceSource:
    name: str
    label_key: str  # the filter button, in both locales
    options: SourceOptions
    resolve: SourceResolve
