"""Every key the reports build from an enum exists in both languages; Russian plurals agree."""

from __future__ import annotations

import pytest

from handlers.reports.keyboards import PICKER_KINDS
from services.consultations.types import ConsultTopic
from services.events.types import EventFormat, EventType
from services.i18n import LOCALES, Translator
from services.reports.charts import MONTH_KEYS, ChartKind
from services.reports.export import Section
from services.reports.indicators import IndicatorCategory, IndicatorKind


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_enum_derived_report_keys_exist(translator: Translator) -> None:
    keys = (
        {f"reports-type-{v.value}" for v in EventType}
        | {f"reports-format-{v.value}" for v in EventFormat}
        | {f"reports-category-{v.value}" for v in IndicatorCategory}
        | {f"reports-chart-category-{v.value}" for v in IndicatorCategory}
        | {f"reports-indicator-{v.value}" for v in IndicatorKind}
        | {f"reports-btn-csv-{v.value}" for v in Section}
        | {f"reports-btn-{v.value}" for v in PICKER_KINDS}
        | {f"reports-chart-caption-{v.value}" for v in ChartKind}
        | {f"reports-month-{m}" for m in MONTH_KEYS}
        | {f"reports-consult-topic-{v.value}" for v in ConsultTopic}
    )
    missing = {
        locale: sorted(k for k in keys if not translator.has(k, locale)) for locale in LOCALES
    }
    assert missing == {locale: [] for locale in LOCALES}


@pytest.mark.parametrize(
    ("teachers", "word"), [(1, "педагог"), (3, "педагога"), (5, "педагогов"), (21, "педагог")]
)
def test_school_line_plurals(translator: Translator, teachers: int, word: str) -> None:
    text = translator.get("ru", "reports-school-line", school="СШ", teachers=teachers, parents=2)
    assert f"{teachers} {word}," in text
    assert "2 родителя" in text


def test_percentages_use_a_decimal_comma_in_russian(translator: Translator) -> None:
    assert translator.get("ru", "reports-percent", value=87.5) == "87,5 %"
    assert translator.get("en", "reports-percent", value=87.5) == "87.5%"
