"""The consultation keys built from enums exist in every language; Russian counts agree."""

from __future__ import annotations

import pytest

from services.consultations.types import (
    BookingStatus,
    ConsultTopic,
    Contact,
    SlotFormat,
    SlotStatus,
    VisitOutcome,
)
from services.i18n import LOCALES, Translator


def test_enum_derived_consultation_keys_exist() -> None:
    translator = Translator()
    keys = (
        {f"consult-topic-{v.value}" for v in ConsultTopic}
        | {f"consult-format-{v.value}" for v in SlotFormat}
        | {f"consult-contact-{v.value}" for v in Contact}
        | {f"slots-status-{v.value}" for v in SlotStatus}
        | {f"today-status-{v.value}" for v in BookingStatus}
        | {f"today-marked-{v.value}" for v in VisitOutcome}
        | {f"consult-wd-{day}" for day in range(7)}
    )
    missing = {
        locale: sorted(k for k in keys if not translator.has(k, locale)) for locale in LOCALES
    }
    assert missing == {locale: [] for locale in LOCALES}


@pytest.mark.parametrize(
    ("count", "word"), [(1, "окно"), (3, "окна"), (5, "окон"), (21, "окно"), (12, "окон")]
)
def test_russian_slot_counts(count: int, word: str) -> None:
    text = Translator().get("ru", "slots-pattern-created", count=count)
    assert f"{count} {word}" in text
