"""Closed vocabularies stored as short strings; services re-export them to the edge."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    TEACHER = "teacher"
    PARENT = "parent"
    PSYCHOLOGIST = "psychologist"
    METHODIST = "methodist"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


SELF_CHOSEN_ROLES = frozenset({Role.TEACHER, Role.PARENT})
GRANTED_ROLES = frozenset({Role.PSYCHOLOGIST, Role.METHODIST, Role.COORDINATOR, Role.ADMIN})


class Experience(StrEnum):
    UNDER_3 = "lt3"
    FROM_3_TO_10 = "3-10"
    FROM_10_TO_20 = "10-20"
    OVER_20 = "20plus"


class Position(StrEnum):
    TEACHER = "teacher"
    PRIMARY_TEACHER = "primary_teacher"
    DEPUTY_HEAD = "deputy_head"
    HEAD = "head"
    SPEECH_THERAPIST = "speech_therapist"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_PEDAGOGUE = "social_pedagogue"
    TUTOR = "tutor"
    OTHER = "other"


class Subject(StrEnum):
    PRIMARY = "primary"
    RUSSIAN = "russian"
    LITERATURE = "literature"
    MATH = "math"
    INFORMATICS = "informatics"
    PHYSICS = "physics"
    CHEMISTRY = "chemistry"
    BIOLOGY = "biology"
    GEOGRAPHY = "geography"
    HISTORY = "history"
    SOCIAL = "social"
    ENGLISH = "english"
    FOREIGN_OTHER = "foreign_other"
    ART = "art"
    MUSIC = "music"
    TECHNOLOGY = "technology"
    PE = "pe"
    SAFETY = "safety"
    SPECIAL_NEEDS = "special_needs"
    OTHER = "other"
