"""The corpus of real phrasings (date_phrasings.yaml), each read at a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from services.dates import read_clock_range, read_day, read_day_range, read_when
from services.errors import InvalidInput

CORPUS = yaml.safe_load((Path(__file__).parent / "date_phrasings.yaml").read_text("utf-8"))
ZONE = ZoneInfo(CORPUS["zone"])
NOW = datetime.strptime(CORPUS["now"], "%Y-%m-%d %H:%M").replace(tzinfo=ZONE).astimezone(UTC)


def local(moment: datetime | None) -> str | None:
    return None if moment is None else f"{moment.astimezone(ZONE):%Y-%m-%d %H:%M}"


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS["read"]) + len(CORPUS["days"]) >= 80


@pytest.mark.parametrize("case", CORPUS["read"], ids=lambda case: case["typed"] or "<empty>")
def test_phrasing_is_read_as_expected(case: dict[str, Any]) -> None:
    locale = case.get("locale", "ru")
    if "error" in case:
        with pytest.raises(InvalidInput) as refused:
            read_when(case["typed"], now=NOW, zone=ZONE, locale=locale)
        assert refused.value.key == case["error"]
        return
    reading = read_when(case["typed"], now=NOW, zone=ZONE, locale=locale)
    if "choices" in case:
        assert [local(choice.start) for choice in reading.choices] == case["choices"]
        return
    assert not reading.ambiguous
    assert local(reading.when.start) == case["start"]
    assert local(reading.when.end) == case.get("end")


@pytest.mark.parametrize("case", CORPUS["days"], ids=lambda case: case["typed"])
def test_report_day_is_read_as_expected(case: dict[str, Any]) -> None:
    today = NOW.astimezone(ZONE).date()
    if "error" in case:
        with pytest.raises(InvalidInput) as refused:
            read_day(case["typed"], today=today)
        assert refused.value.key == case["error"]
        return
    assert f"{read_day(case['typed'], today=today):%Y-%m-%d}" == case["day"]


@pytest.mark.parametrize("case", CORPUS["day_ranges"], ids=lambda case: case["typed"])
def test_day_range_is_read_as_expected(case: dict[str, Any]) -> None:
    today = NOW.astimezone(ZONE).date()
    future = bool(case.get("future"))
    if "error" in case:
        with pytest.raises(InvalidInput) as refused:
            read_day_range(case["typed"], today=today, prefer_future=future)
        assert refused.value.key == case["error"]
        return
    first, last = read_day_range(case["typed"], today=today, prefer_future=future)
    assert (f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}") == (case["first"], case["last"])


@pytest.mark.parametrize("case", CORPUS["clock_ranges"], ids=lambda case: case["typed"])
def test_hours_of_a_day_are_read_as_expected(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(InvalidInput) as refused:
            read_clock_range(case["typed"])
        assert refused.value.key == case["error"]
        return
    first, last = read_clock_range(case["typed"])
    assert (f"{first:%H:%M}", f"{last:%H:%M}") == (case["first"], case["last"])
