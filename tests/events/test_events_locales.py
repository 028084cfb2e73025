"""Every events text exists in Russian and English, including the keys built from enums."""

from __future__ import annotations

from services.enums import Topic
from services.events.types import (
    EditField,
    EventAudience,
    EventFormat,
    EventStatus,
    EventType,
    Period,
    RegStatus,
)
from services.i18n import default_translator
from tests.support.locale_keys import used_keys

EVENTS_FILES = ("handlers/events", "services/events", "services/dates")


def _enum_keys() -> set[str]:
    from handlers.events.states import WIZARD_STEPS

    keys: set[str] = set()
    families = {
        "events-type": EventType,
        "events-format": EventFormat,
        "events-audience": EventAudience,
        "events-status": EventStatus,
        "events-reg": RegStatus,
        "events-mark": RegStatus,
        "events-period": Period,
        "events-edit": EditField,
        "events-edit-ask": EditField,
        "topic": Topic,
    }
    for prefix, enum in families.items():
        keys.update(f"{prefix}-{member.value}" for member in enum)
    keys.update(f"events-wiz-{str(state.state).split(':')[-1]}" for state in WIZARD_STEPS)
    keys.update(f"events-score-{score}" for score in range(1, 6))
    return keys


def test_every_events_key_is_in_both_locales() -> None:
    translator = default_translator()
    wanted = _enum_keys()
    for key, places in used_keys().items():
        if any(place.startswith(EVENTS_FILES) for place in places):
            wanted.add(key)
    for locale in ("ru", "en"):
        missing = sorted(k for k in wanted if not translator.has(k, locale))
        assert not missing, f"{locale}: {missing}"


def test_russian_plurals_read_naturally() -> None:
    t = default_translator().bind("ru")
    assert t("events-seats-left", left=1, capacity=30) == "Осталось 1 место из 30"
    assert t("events-seats-left", left=3, capacity=30) == "Осталось 3 места из 30"
    assert t("events-seats-left", left=25, capacity=30) == "Осталось 25 мест из 30"
    assert t("events-seats-left", left=0, capacity=30) == "Свободных мест нет (всего 30)"
    assert t("events-my-title", count=2) == "У вас 2 предстоящие записи:"
    assert t("events-my-title", count=5) == "У вас 5 предстоящих записей:"
