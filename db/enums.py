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
    # Centre staff (the staff path at /start), not school positions.
    METHODIST = "methodist"
    CENTRE_HEAD = "centre_head"
    CENTRE_SPECIALIST = "centre_specialist"


# What a teacher is asked at /start, and what centre staff are asked.
SCHOOL_POSITIONS = (
    Position.TEACHER,
    Position.PRIMARY_TEACHER,
    Position.DEPUTY_HEAD,
    Position.HEAD,
    Position.SPEECH_THERAPIST,
    Position.PSYCHOLOGIST,
    Position.SOCIAL_PEDAGOGUE,
    Position.TUTOR,
    Position.OTHER,
)
STAFF_POSITIONS = (
    Position.METHODIST,
    Position.PSYCHOLOGIST,
    Position.SPEECH_THERAPIST,
    Position.SOCIAL_PEDAGOGUE,
    Position.CENTRE_HEAD,
    Position.CENTRE_SPECIALIST,
    Position.OTHER,
)


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


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker; re-sent after a crash only if still here
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # nobody to send to: blocked the bot, forgotten, or expired
    CANCELLED = "cancelled"


class Priority:
    REMINDER = 0
    OFFER = 1
    NOTICE = 5
    BULK = 9


class Topic(StrEnum):
    """Directions of network events, and the professional-difficulty topics of the diagnostics.

    One vocabulary for both, so that an event tagged with a topic can be offered to the
    teachers who reported a serious difficulty on it ("адресная поддержка").
    """

    EXAM_PREP = "exam_prep"  # подготовка к ГИА (ОГЭ/ЕГЭ)
    LOW_ACHIEVERS = "low_achievers"  # обучающиеся с низкой учебной мотивацией и результатами
    INDIVIDUAL_ROUTES = "individual_routes"  # индивидуальные образовательные маршруты
    DISABILITIES = "disabilities"  # обучающиеся с ОВЗ, инклюзия
    GIFTED = "gifted"  # одарённые дети
    ACTIVITY_METHODS = "activity_methods"  # системно-деятельностный подход, технологии
    ASSESSMENT = "assessment"  # оценивание образовательных результатов
    PARENTS = "parents"  # работа с родителями
    DIGITAL = "digital"  # цифровые и дистанционные инструменты
    MOTIVATION = "motivation"  # мотивация и тревожность обучающихся
    WORK_PROGRAMMES = "work_programmes"  # рабочие программы
    FUNCTIONAL_LITERACY = "functional_literacy"  # функциональная грамотность
    MENTORING = "mentoring"  # наставничество
    MANAGEMENT = "management"  # управление школой, повышение качества образования
    UPBRINGING = "upbringing"  # воспитательная работа


# The topics the default diagnostics survey asks about (the rest are event directions only).
DIFFICULTY_TOPICS = (
    Topic.EXAM_PREP,
    Topic.LOW_ACHIEVERS,
    Topic.INDIVIDUAL_ROUTES,
    Topic.DISABILITIES,
    Topic.GIFTED,
    Topic.ACTIVITY_METHODS,
    Topic.ASSESSMENT,
    Topic.PARENTS,
    Topic.DIGITAL,
    Topic.MOTIVATION,
    Topic.WORK_PROGRAMMES,
)
