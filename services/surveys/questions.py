"""One question as the person sees it: its text, options and what they already answered."""

from __future__ import annotations

from typing import Any

from services.surveys.format import localized
from services.surveys.types import QuestionType, QuestionView


def _chosen(qtype: QuestionType, question: dict[str, Any], value: Any) -> tuple[int, ...]:
    """Option indexes (or the scale value) already given."""
    if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
        ids = [o["id"] for o in question["options"]]
        picked = value if isinstance(value, list) else ([value] if value else [])
        return tuple(ids.index(v) for v in picked if v in ids)
    if qtype == QuestionType.SCALE and isinstance(value, int):
        return (value,)
    return ()


def question_view(
    survey_id: int, definition: dict[str, Any], index: int, value: Any, locale: str
) -> QuestionView:
    questions = definition["questions"]
    question = questions[index]
    qtype = QuestionType(question["type"])
    options: tuple[str, ...] = ()
    if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
        options = tuple(localized(o["text"], locale) for o in question["options"])
    intro = definition.get("intro")
    return QuestionView(
        survey_id=survey_id,
        title=localized(definition["title"], locale),
        intro=localized(intro, locale) if intro else None,
        index=index,
        total=len(questions),
        type=qtype,
        text=localized(question["text"], locale),
        options=options,
        chosen=_chosen(qtype, question, value),
        given_text=value if qtype == QuestionType.TEXT and isinstance(value, str) else None,
        optional=bool(question.get("optional")),
        max_length=int(question.get("max_length") or 0),
        max_choices=question.get("max_choices"),
    )
