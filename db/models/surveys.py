from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, TimestampMixin


class Survey(TimestampMixin, Base):
    """A survey as data: the questions live in `definition` (the parsed, validated file), so a
    new survey never needs a schema change. `wave` counts launches of a repeatable survey."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Set for surveys shipped with the bot, so installing them again finds the existing row.
    code: Mapped[str | None] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(default=False)
    allow_repeat: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    wave: Mapped[int] = mapped_column(default=1)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    launched_at: Mapped[datetime | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class SurveyParticipation(TimestampMixin, Base):
    """Who has taken part in which wave. For an anonymous survey this is the only row that
    names the person; `token` links it to the unfinished response and is cleared on
    completion, after which nothing connects the person to their answers."""

    __tablename__ = "survey_participations"
    __table_args__ = (UniqueConstraint("survey_id", "user_id", "wave"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    wave: Mapped[int]
    token: Mapped[str | None] = mapped_column(String(36))
    completed_at: Mapped[datetime | None]


class SurveyResponse(TimestampMixin, Base):
    """One filled-in questionnaire. `user_id` stays empty for anonymous surveys; the school,
    subjects and experience band are copied in so that breakdowns work without a person."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_survey_wave", "survey_id", "wave"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    wave: Mapped[int]
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    token: Mapped[str | None] = mapped_column(String(36), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    completed_at: Mapped[datetime | None]
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"))
    # Comma-separated Subject values, as on events.
    subjects: Mapped[str] = mapped_column(String(400), default="")
    experience: Mapped[str | None] = mapped_column(String(16))


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("response_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(64))
    # A choice key, a list of keys, an integer 1-5 or a text, depending on the question type.
    value: Mapped[Any] = mapped_column(JSON)
