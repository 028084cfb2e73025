"""Survey figures computed from plain rows, so every number can be checked by hand in tests.

k-anonymity: a breakdown group with fewer than K_MIN respondents is never shown on its own.
Small groups are pooled into one "other" group, which is itself shown only when it reaches
K_MIN; otherwise its respondents appear in the overall figures only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.surveys.format import DIFFICULTY_LEVELS

K_MIN = 5
OTHER_GROUP = "__other__"
DIMENSIONS = ("school", "category", "subject", "experience")
CATEGORY_LOW = "low_results"
CATEGORY_UNFAVOURABLE = "unfavourable"
CATEGORY_OTHER = "other"
TOP_LIMIT = 3


@dataclass(frozen=True, slots=True)
class ResponseRow:
    response_id: int
    school: str | None  # the school's short name
    categories: tuple[str, ...]
    subjects: tuple[str, ...]
    experience: str | None
    answers: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class OptionCount:
    option: str  # an option id, or a scale value as text
    count: int


@dataclass(frozen=True, slots=True)
class QuestionStats:
    question: str
    type: str
    answered: int
    counts: tuple[OptionCount, ...]
    mean: float | None = None


@dataclass(frozen=True, slots=True)
class TopicShare:
    topic: str
    answered: int
    some: int
    serious: int

    @property
    def some_share(self) -> float:
        return self.some / self.answered if self.answered else 0.0

    @property
    def serious_share(self) -> float:
        return self.serious / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class GroupProfile:
    group: str  # a school short name, a category, a Subject or Experience value, or OTHER
    respondents: int
    topics: tuple[TopicShare, ...]


@dataclass(frozen=True, slots=True)
class WaveChange:
    topic: str
    before: float  # share of "serious" in the previous wave
    after: float


@dataclass(frozen=True, slots=True)
class SupportFigure:
    topic: str
    serious: int  # teachers (named responses) who reported a serious difficulty
    registered: int  # of them, registered for a matching event since
    attended: int


@dataclass
class SurveyReport:
    survey_id: int
    wave: int
    audience: int
    respondents: int
    questions: list[QuestionStats] = field(default_factory=list)
    profile: list[TopicShare] = field(default_factory=list)
    breakdowns: dict[str, list[GroupProfile]] = field(default_factory=dict)
    hidden: dict[str, int] = field(default_factory=dict)  # respondents left out per dimension
    top: list[TopicShare] = field(default_factory=list)
    changes: list[WaveChange] = field(default_factory=list)
    support: list[SupportFigure] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.respondents / self.audience if self.audience else 0.0


def topic_questions(definition: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(question id, topic) for every difficulty question, in the order of the survey."""
    return [(q["id"], q["topic"]) for q in definition["questions"] if q.get("topic")]


def question_stats(
    definition: Mapping[str, Any], rows: Sequence[ResponseRow]
) -> list[QuestionStats]:
    stats = []
    for question in definition["questions"]:
        qid, qtype = question["id"], question["type"]
        values = [row.answers[qid] for row in rows if row.answers.get(qid) not in (None, [], "")]
        counter: Counter[str] = Counter()
        mean = None
        if qtype == "single":
            counter.update(str(v) for v in values)
            order = [o["id"] for o in question["options"]]
        elif qtype == "multi":
            for chosen in values:
                counter.update(str(v) for v in chosen)
            order = [o["id"] for o in question["options"]]
        elif qtype == "scale":
            counter.update(str(v) for v in values)
            order = [str(v) for v in range(1, 6)]
            mean = sum(int(v) for v in values) / len(values) if values else None
        else:
            order = []
        counts = tuple(OptionCount(option, counter.get(option, 0)) for option in order)
        stats.append(QuestionStats(qid, qtype, len(values), counts, mean))
    return stats


def topic_profile(
    pairs: Sequence[tuple[str, str]], rows: Iterable[ResponseRow]
) -> list[TopicShare]:
    rows = list(rows)
    profile = []
    for qid, topic in pairs:
        levels = Counter(
            str(row.answers[qid]) for row in rows if row.answers.get(qid) in DIFFICULTY_LEVELS
        )
        profile.append(
            TopicShare(
                topic, sum(levels.values()), levels.get("some", 0), levels.get("serious", 0)
            )
        )
    return profile


def groups_of(row: ResponseRow, dimension: str) -> tuple[str, ...]:
    if dimension == "school":
        return (row.school,) if row.school else ()
    if dimension == "category":
        return row.categories
    if dimension == "subject":
        return row.subjects
    return (row.experience,) if row.experience else ()


def breakdown(
    pairs: Sequence[tuple[str, str]], rows: Sequence[ResponseRow], dimension: str
) -> tuple[list[GroupProfile], int]:
    """Profiles per group of one dimension, and how many respondents could not be shown."""
    members: dict[str, list[ResponseRow]] = {}
    for row in rows:
        for group in groups_of(row, dimension):
            members.setdefault(group, []).append(row)
    shown: list[GroupProfile] = []
    pooled: dict[int, ResponseRow] = {}
    for group in sorted(members):
        group_rows = members[group]
        if len(group_rows) >= K_MIN:
            shown.append(
                GroupProfile(group, len(group_rows), tuple(topic_profile(pairs, group_rows)))
            )
        else:
            pooled.update((row.response_id, row) for row in group_rows)
    # A person in a small group and a large one (two subjects) is already visible in the large
    # one; pooling them again would not identify them, but counting them twice would mislead.
    hidden = 0
    if pooled:
        if len(pooled) >= K_MIN:
            pooled_rows = list(pooled.values())
            shown.append(
                GroupProfile(
                    OTHER_GROUP, len(pooled_rows), tuple(topic_profile(pairs, pooled_rows))
                )
            )
        else:
            hidden = len(pooled)
    return shown, hidden


def top_difficulties(profile: Sequence[TopicShare], limit: int = TOP_LIMIT) -> list[TopicShare]:
    ranked = [share for share in profile if share.serious or share.some]
    ranked.sort(key=lambda s: (-s.serious_share, -s.some_share, s.topic))
    return ranked[:limit]


def wave_changes(before: Sequence[TopicShare], after: Sequence[TopicShare]) -> list[WaveChange]:
    previous = {share.topic: share for share in before if share.answered}
    return [
        WaveChange(share.topic, previous[share.topic].serious_share, share.serious_share)
        for share in after
        if share.answered and share.topic in previous
    ]


def build_report(
    survey_id: int,
    wave: int,
    definition: Mapping[str, Any],
    audience: int,
    rows: Sequence[ResponseRow],
    previous_rows: Sequence[ResponseRow] = (),
) -> SurveyReport:
    pairs = topic_questions(definition)
    report = SurveyReport(survey_id, wave, audience, len(rows))
    report.questions = question_stats(definition, rows)
    if not pairs:
        return report
    report.profile = topic_profile(pairs, rows)
    report.top = top_difficulties(report.profile)
    for dimension in DIMENSIONS:
        groups, hidden = breakdown(pairs, rows, dimension)
        report.breakdowns[dimension] = groups
        report.hidden[dimension] = hidden
    if previous_rows:
        report.changes = wave_changes(topic_profile(pairs, previous_rows), report.profile)
    return report
