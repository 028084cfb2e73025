"""The survey file format (YAML or JSON, see docs/surveys.md): parsing and validation.

Files are composed with PyYAML's node API rather than loaded, so every value keeps the line
it came from and every problem is reported as "line N: what is wrong". JSON is valid YAML
for this purpose, so one parser serves both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from db.enums import Role, Subject, Topic
from services.errors import DomainError

QUESTION_TYPES = ("single", "multi", "scale", "text")
CATEGORIES = ("low_results", "unfavourable", "other")
DIFFICULTY_LEVELS = ("none", "some", "serious")
MAX_FILE_BYTES = 200_000
MAX_QUESTIONS = 60
MAX_OPTIONS = 12
TITLE_MAX = 200
INTRO_MAX = 2000
QUESTION_MAX = 1000
OPTION_MAX = 100
TEXT_ANSWER_DEFAULT = 500
TEXT_ANSWER_MAX = 2000
SCALE_VALUES = (1, 2, 3, 4, 5)
_ID = re.compile(r"^[a-z0-9_]{1,32}$")
_LOCAL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2})?$")


@dataclass(frozen=True, slots=True)
class Issue:
    line: int  # 1-based; 0 when the problem is not tied to a line
    key: str
    args: dict[str, Any] = field(default_factory=dict)


class SurveyFormatError(DomainError):
    key = "error-survey-file"

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("error-survey-file", count=len(issues))
        self.issues = issues


@dataclass(frozen=True)
class ParsedSurvey:
    definition: dict[str, Any]
    anonymous: bool
    allow_repeat: bool
    opens_at: datetime | None
    closes_at: datetime | None
    # School short names of the audience with their lines, resolved against the directory
    # by the service (the parser does not see the database).
    school_names: list[tuple[str, int]]


class _Reader:
    def __init__(self, timezone: ZoneInfo) -> None:
        self.issues: list[Issue] = []
        self.timezone = timezone

    def fail(self, node: yaml.Node | None, key: str, **args: Any) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.issues.append(Issue(line, key, args))

    def mapping(self, node: yaml.Node, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "error-survey-not-mapping", field=where)
            return {}
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in result:
                self.fail(key_node, "error-survey-duplicate-key", field=name)
            result[name] = (key_node, value_node)
        return result

    def unknown(self, fields: dict[str, tuple[yaml.Node, yaml.Node]], allowed: set[str]) -> None:
        for name, (key_node, _) in fields.items():
            if name not in allowed:
                self.fail(key_node, "error-survey-unknown-field", field=name)

    def scalar(self, node: yaml.Node, where: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, "error-survey-not-text", field=where)
            return None
        return str(node.value).strip()

    def boolean(self, node: yaml.Node, where: str) -> bool:
        value = self.scalar(node, where)
        if value is None:
            return False
        lowered = value.lower()
        if lowered in ("true", "yes", "да"):
            return True
        if lowered in ("false", "no", "нет"):
            return False
        self.fail(node, "error-survey-not-boolean", field=where)
        return False

    def integer(self, node: yaml.Node, where: str, low: int, high: int) -> int | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        if not value.isdigit() or not low <= int(value) <= high:
            self.fail(node, "error-survey-number-range", field=where, low=low, high=high)
            return None
        return int(value)

    def text(self, node: yaml.Node, where: str, limit: int) -> dict[str, str]:
        """A text in Russian and optionally English: a plain string or {ru: ..., en: ...}."""
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value).strip()
            texts = {"ru": value}
        else:
            fields = self.mapping(node, where)
            self.unknown(fields, {"ru", "en"})
            texts = {}
            for lang in ("ru", "en"):
                if lang in fields:
                    value = self.scalar(fields[lang][1], f"{where}.{lang}") or ""
                    if value:
                        texts[lang] = value
        if not texts.get("ru"):
            self.fail(node, "error-survey-text-empty", field=where)
            return {"ru": ""}
        for lang, value in texts.items():
            if len(value) > limit:
                self.fail(node, "error-survey-text-too-long", field=where, max=limit)
                texts[lang] = value[:limit]
        return texts

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, "error-survey-not-list", field=where)
            return []
        return list(node.value)

    def moment(self, node: yaml.Node, where: str, end_of_day: bool) -> datetime | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        if not _LOCAL_DATETIME.match(value):
            self.fail(node, "error-survey-date", field=where)
            return None
        try:
            if " " in value:
                local = datetime.strptime(value, "%Y-%m-%d %H:%M")
            else:
                day = date.fromisoformat(value)
                local = datetime.combine(day, time(23, 59) if end_of_day else time(0, 0))
        except ValueError:
            self.fail(node, "error-survey-date", field=where)
            return None
        return local.replace(tzinfo=self.timezone)


def _compose(raw: bytes) -> yaml.Node:
    if len(raw) > MAX_FILE_BYTES:
        raise SurveyFormatError([Issue(0, "error-survey-too-big", {"max": MAX_FILE_BYTES})])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SurveyFormatError([Issue(0, "error-survey-encoding")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise SurveyFormatError(
            [Issue(line, "error-survey-syntax", {"problem": str(exc.problem or "")})]
        ) from None
    except yaml.YAMLError:
        raise SurveyFormatError([Issue(0, "error-survey-syntax", {"problem": ""})]) from None
    if node is None:
        raise SurveyFormatError([Issue(0, "error-survey-empty")])
    return node


def parse_survey(raw: bytes, timezone: ZoneInfo) -> ParsedSurvey:
    """Parses and validates a survey file; raises SurveyFormatError listing every problem."""
    if raw.lstrip()[:1] in (b"{", b"["):
        try:
            json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = exc.lineno if isinstance(exc, json.JSONDecodeError) else 0
            problem = exc.msg if isinstance(exc, json.JSONDecodeError) else ""
            raise SurveyFormatError(
                [Issue(line, "error-survey-syntax", {"problem": problem})]
            ) from None
    root = _compose(raw)
    reader = _Reader(timezone)
    fields = reader.mapping(root, "survey")
    reader.unknown(
        fields,
        {"title", "intro", "anonymous", "repeat", "audience", "opens", "closes", "questions"},
    )
    if "title" not in fields:
        reader.fail(root, "error-survey-missing", field="title")
    if "questions" not in fields:
        reader.fail(root, "error-survey-missing", field="questions")
    title = reader.text(fields["title"][1], "title", TITLE_MAX) if "title" in fields else {}
    intro = reader.text(fields["intro"][1], "intro", INTRO_MAX) if "intro" in fields else None
    anonymous = (
        reader.boolean(fields["anonymous"][1], "anonymous") if "anonymous" in fields else False
    )
    repeat = reader.boolean(fields["repeat"][1], "repeat") if "repeat" in fields else False
    opens_at = reader.moment(fields["opens"][1], "opens", False) if "opens" in fields else None
    closes_at = reader.moment(fields["closes"][1], "closes", True) if "closes" in fields else None
    if opens_at and closes_at and closes_at <= opens_at:
        reader.fail(fields["closes"][1], "error-survey-closes-before-opens")
    audience, school_names = _audience(reader, fields.get("audience"))
    questions = _questions(reader, fields["questions"][1]) if "questions" in fields else []
    if reader.issues:
        raise SurveyFormatError(sorted(reader.issues, key=lambda issue: issue.line))
    definition: dict[str, Any] = {"title": title, "audience": audience, "questions": questions}
    if intro:
        definition["intro"] = intro
    return ParsedSurvey(definition, anonymous, repeat, opens_at, closes_at, school_names)


def _enum_list(
    reader: _Reader, node: yaml.Node, where: str, allowed: tuple[str, ...]
) -> list[str]:
    values: list[str] = []
    for item in reader.sequence(node, where):
        value = reader.scalar(item, where)
        if value is None:
            continue
        if value not in allowed:
            reader.fail(item, "error-survey-bad-value", field=where, value=value)
        elif value not in values:
            values.append(value)
    return values


def _audience(
    reader: _Reader, pair: tuple[yaml.Node, yaml.Node] | None
) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    audience: dict[str, Any] = {"roles": [Role.TEACHER.value]}
    if pair is None:
        return audience, []
    fields = reader.mapping(pair[1], "audience")
    reader.unknown(fields, {"roles", "subjects", "schools", "categories"})
    if "roles" in fields:
        roles = _enum_list(reader, fields["roles"][1], "audience.roles", tuple(Role))
        if roles:
            audience["roles"] = roles
    if "subjects" in fields:
        audience["subjects"] = _enum_list(
            reader, fields["subjects"][1], "audience.subjects", tuple(Subject)
        )
    if "categories" in fields:
        audience["categories"] = _enum_list(
            reader, fields["categories"][1], "audience.categories", CATEGORIES
        )
    names: list[tuple[str, int]] = []
    if "schools" in fields:
        for item in reader.sequence(fields["schools"][1], "audience.schools"):
            value = reader.scalar(item, "audience.schools")
            if value:
                names.append((value, item.start_mark.line + 1))
    return audience, names


def _questions(reader: _Reader, node: yaml.Node) -> list[dict[str, Any]]:
    items = reader.sequence(node, "questions")
    if not items and isinstance(node, yaml.SequenceNode):
        reader.fail(node, "error-survey-no-questions")
    if len(items) > MAX_QUESTIONS:
        reader.fail(node, "error-survey-too-many", field="questions", max=MAX_QUESTIONS)
    seen: set[str] = set()
    questions = []
    for number, item in enumerate(items, start=1):
        question = _question(reader, item, number, seen)
        if question is not None:
            questions.append(question)
    return questions


Fields = dict[str, tuple[yaml.Node, yaml.Node]]


def _question_id(reader: _Reader, fields: Fields, where: str, seen: set[str]) -> str:
    qid = reader.scalar(fields["id"][1], f"{where}.id") or ""
    if not _ID.match(qid):
        reader.fail(fields["id"][1], "error-survey-bad-id", value=qid)
    elif qid in seen:
        reader.fail(fields["id"][1], "error-survey-duplicate-id", value=qid)
    seen.add(qid)
    return qid


def _question_type(reader: _Reader, fields: Fields, where: str) -> str:
    qtype = reader.scalar(fields["type"][1], f"{where}.type") or ""
    if qtype not in QUESTION_TYPES:
        reader.fail(
            fields["type"][1],
            "error-survey-bad-type",
            value=qtype,
            allowed=", ".join(QUESTION_TYPES),
        )
    return qtype


def _limit(
    reader: _Reader, fields: Fields, where: str, name: str, for_type: str, qtype: str, high: int
) -> int | None:
    """A field only one question type may have (max_choices, max_length), if given."""
    if qtype != for_type:
        reader.fail(fields[name][0], "error-survey-field-for-type", field=name, type=for_type)
        return None
    return reader.integer(fields[name][1], f"{where}.{name}", 1, high)


def _type_fields(
    reader: _Reader, node: yaml.Node, fields: Fields, where: str, qtype: str
) -> dict[str, Any]:
    """The fields that depend on the question's type: options and limits."""
    found: dict[str, Any] = {}
    if qtype in ("single", "multi"):
        if "options" not in fields:
            reader.fail(node, "error-survey-missing", field=f"{where}.options")
        else:
            found["options"] = _options(reader, fields["options"][1], f"{where}.options")
    elif "options" in fields:
        reader.fail(fields["options"][0], "error-survey-options-not-allowed", type=qtype)
    if "max_choices" in fields:
        limit = _limit(reader, fields, where, "max_choices", "multi", qtype, MAX_OPTIONS)
        if qtype == "multi":
            found["max_choices"] = limit
    if "max_length" in fields:
        limit = _limit(reader, fields, where, "max_length", "text", qtype, TEXT_ANSWER_MAX)
        if qtype == "text":
            found["max_length"] = limit
    elif qtype == "text":
        found["max_length"] = TEXT_ANSWER_DEFAULT
    return found


def _question_topic(
    reader: _Reader, fields: Fields, where: str, qtype: str, question: dict[str, Any]
) -> str:
    topic = reader.scalar(fields["topic"][1], f"{where}.topic") or ""
    if topic not in tuple(Topic):
        reader.fail(
            fields["topic"][1], "error-survey-bad-value", field=f"{where}.topic", value=topic
        )
    elif qtype != "single" or {o["id"] for o in question.get("options", [])} != set(
        DIFFICULTY_LEVELS
    ):
        # The difficulty profile counts "some" and "serious": a topic question must offer
        # exactly the three levels.
        reader.fail(
            fields["topic"][0],
            "error-survey-topic-levels",
            levels=", ".join(DIFFICULTY_LEVELS),
        )
    return topic


def _question(
    reader: _Reader, node: yaml.Node, number: int, seen: set[str]
) -> dict[str, Any] | None:
    where = f"questions[{number}]"
    fields = reader.mapping(node, where)
    if not fields:
        return None
    reader.unknown(
        fields, {"id", "type", "text", "options", "topic", "optional", "max_length", "max_choices"}
    )
    for required in ("id", "type", "text"):
        if required not in fields:
            reader.fail(node, "error-survey-missing", field=f"{where}.{required}")
    question: dict[str, Any] = {}
    if "id" in fields:
        question["id"] = _question_id(reader, fields, where, seen)
    qtype = ""
    if "type" in fields:
        qtype = question["type"] = _question_type(reader, fields, where)
    if "text" in fields:
        question["text"] = reader.text(fields["text"][1], f"{where}.text", QUESTION_MAX)
    question["optional"] = (
        reader.boolean(fields["optional"][1], f"{where}.optional")
        if "optional" in fields
        else False
    )
    question.update(_type_fields(reader, node, fields, where, qtype))
    if "topic" in fields:
        question["topic"] = _question_topic(reader, fields, where, qtype, question)
    return question


def _options(reader: _Reader, node: yaml.Node, where: str) -> list[dict[str, Any]]:
    items = reader.sequence(node, where)
    if isinstance(node, yaml.SequenceNode) and not 2 <= len(items) <= MAX_OPTIONS:
        reader.fail(node, "error-survey-option-count", low=2, high=MAX_OPTIONS)
    options: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        fields = reader.mapping(item, f"{where}[{number}]")
        if not fields:
            continue
        reader.unknown(fields, {"id", "text"})
        if "id" not in fields or "text" not in fields:
            reader.fail(item, "error-survey-missing", field=f"{where}[{number}].id/text")
            continue
        oid = reader.scalar(fields["id"][1], f"{where}.id") or ""
        if not _ID.match(oid):
            reader.fail(fields["id"][1], "error-survey-bad-id", value=oid)
        elif oid in seen:
            reader.fail(fields["id"][1], "error-survey-duplicate-id", value=oid)
        seen.add(oid)
        options.append(
            {
                "id": oid,
                "text": reader.text(fields["text"][1], f"{where}[{number}].text", OPTION_MAX),
            }
        )
    return options


def simple_definition(title: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """The definition a chat wizard produces: texts as typed, teachers as the audience."""
    return {
        "title": {"ru": title},
        "audience": {"roles": [Role.TEACHER.value]},
        "questions": questions,
    }


def localized(texts: dict[str, str], locale: str) -> str:
    return texts.get(locale) or texts.get("ru") or ""
