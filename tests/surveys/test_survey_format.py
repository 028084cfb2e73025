"""The survey file format: good files load, bad files name the line and the problem."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from services.enums import DIFFICULTY_TOPICS
from services.i18n import Translator
from services.surveys.analytics import DIMENSIONS
from services.surveys.format import SurveyFormatError, parse_survey
from services.surveys.install import DEFAULT_SURVEY_FILE
from services.surveys.types import QuestionType, SurveyStatus

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Europe/Moscow")


def issues_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(SurveyFormatError) as caught:
        parse_survey(text.encode(), ZONE)
    return [(issue.line, issue.key) for issue in caught.value.issues]


def test_default_diagnostics_asks_every_difficulty_topic_then_help_format_comment() -> None:
    parsed = parse_survey(DEFAULT_SURVEY_FILE.read_bytes(), ZONE)
    questions = parsed.definition["questions"]
    assert [q["topic"] for q in questions if q.get("topic")] == [
        t.value for t in DIFFICULTY_TOPICS
    ]
    assert [q["id"] for q in questions[-3:]] == ["help_kind", "format", "comment"]
    assert len(questions) == 14
    formats = [o["text"]["ru"] for o in questions[-2]["options"]]
    assert formats == [
        "Семинар",
        "Мастер-класс",
        "Наставничество",
        "Индивидуальная консультация",
        "Взаимопосещение уроков",
    ]
    assert questions[-1]["optional"] is True
    assert parsed.allow_repeat is True
    # Every text has both languages.
    assert all(set(q["text"]) == {"ru", "en"} for q in questions)


def test_documented_example_loads_with_dates_in_the_local_zone() -> None:
    parsed = parse_survey((ROOT / "docs/examples/survey_example.yaml").read_bytes(), ZONE)
    assert parsed.anonymous is True and parsed.allow_repeat is False
    assert (
        parsed.opens_at is not None and parsed.opens_at.isoformat() == "2026-12-01T00:00:00+03:00"
    )
    assert parsed.closes_at is not None and parsed.closes_at.hour == 18
    assert parsed.definition["audience"]["categories"] == ["low_results", "unfavourable"]
    types = [q["type"] for q in parsed.definition["questions"]]
    assert types == ["scale", "single", "multi", "single", "text"]


def test_json_file_loads_like_yaml() -> None:
    text = """{
  "title": {"ru": "Короткий опрос", "en": "Short survey"},
  "questions": [
    {"id": "mood", "type": "scale", "text": "Как настроение?"},
    {"id": "note", "type": "text", "text": "Комментарий", "max_length": 100}
  ]
}"""
    parsed = parse_survey(text.encode(), ZONE)
    assert parsed.definition["title"] == {"ru": "Короткий опрос", "en": "Short survey"}
    assert parsed.definition["questions"][1]["max_length"] == 100
    assert parsed.definition["audience"] == {"roles": ["teacher"]}


def test_every_problem_is_reported_with_its_line() -> None:
    text = """title: Опрос
colour: red
questions:
  - id: q1
    type: single
    text: Вопрос один
    options:
      - id: a
        text: Да
  - id: q1
    type: rating
    text: Вопрос два
  - id: Q-3
    type: text
  - id: q4
    type: single
    topic: exam_prep
    text: Тема
    options:
      - id: yes
        text: Да
      - id: no
        text: Нет
  - id: q5
    type: scale
    text: Шкала
    options:
      - id: x
        text: X
"""
    assert issues_of(text) == [
        (2, "error-survey-unknown-field"),
        (8, "error-survey-option-count"),
        (10, "error-survey-duplicate-id"),
        (11, "error-survey-bad-type"),
        (13, "error-survey-missing"),
        (13, "error-survey-bad-id"),
        (17, "error-survey-topic-levels"),
        (27, "error-survey-options-not-allowed"),
    ]


def test_dates_booleans_and_limits_are_checked() -> None:
    text = """title: Опрос
anonymous: может быть
opens: 2026-12-20
closes: 01.12.2026
questions:
  - id: q1
    type: multi
    max_choices: 40
    text: Выбор
    options:
      - id: a
        text: А
      - id: b
        text: Б
"""
    assert issues_of(text) == [
        (2, "error-survey-not-boolean"),
        (4, "error-survey-date"),
        (8, "error-survey-number-range"),
    ]
    closes_first = (
        "title: T\nopens: 2026-12-20\ncloses: 2026-12-01\n"
        "questions:\n  - {id: a, type: text, text: T}\n"
    )
    assert issues_of(closes_first) == [(3, "error-survey-closes-before-opens")]


def test_syntax_errors_name_the_line() -> None:
    assert issues_of("title: Опрос\nquestions:\n  - id: q1\n   type: text\n") == [
        (4, "error-survey-syntax")
    ]
    assert issues_of('{"title": "T",\n "questions": [\n  {"id": "a",}\n]}') == [
        (3, "error-survey-syntax")
    ]
    assert issues_of("") == [(0, "error-survey-empty")]
    assert issues_of("title: T\n") == [(1, "error-survey-missing")]


def test_enum_built_survey_keys_exist_in_both_languages() -> None:
    translator = Translator()
    keys = (
        {f"survey-status-{s.value}" for s in SurveyStatus}
        | {f"survey-type-{q.value}" for q in QuestionType}
        | {f"survey-dimension-{d}" for d in ("overall", *DIMENSIONS)}
        | {f"survey-category-{c}" for c in ("low_results", "unfavourable", "other")}
        | {"survey-level-some", "survey-level-serious"}
    )
    for locale in ("ru", "en"):
        assert sorted(k for k in keys if not translator.has(k, locale)) == [], locale
