"""VTIMEZONE components for calendar files, built and serialised once per zone."""

from __future__ import annotations

import functools

from icalendar import Timezone


@functools.lru_cache(maxsize=8)
def vtimezone(zone_key: str) -> bytes:
    # Building VTIMEZONE from the tz database takes tens of milliseconds and serialising it
    # most of a millisecond; it never changes while the process runs.
    return bytes(Timezone.from_tzid(zone_key).to_ical())
