"""The default development plan, shipped as data (data/plan.yaml), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from services.mentoring.types import StepKind

PLAN_FILE = Path(__file__).parent / "data" / "plan.yaml"


@dataclass(frozen=True, slots=True)
class TemplateStep:
    kind: StepKind
    days: int
    per_topic: bool


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    steps: tuple[TemplateStep, ...]
    max_topics: int
    remind_days_before: tuple[float, ...]


@cache
def plan_template() -> PlanTemplate:
    raw = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    return PlanTemplate(
        steps=tuple(
            TemplateStep(StepKind(item["code"]), int(item["days"]), bool(item.get("per_topic")))
            for item in raw["steps"]
        ),
        max_topics=int(raw["max_topics"]),
        remind_days_before=tuple(float(d) for d in raw["remind_days_before"]),
    )
