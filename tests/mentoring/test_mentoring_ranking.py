"""Suggested mentors are ranked on a hand-made data set: the same subject first, then 10+
years, then no serious difficulty on the mentee's topics, then a leading or partner school,
then the lighter load; a mentor whose places are all taken is not offered."""

from __future__ import annotations

import pytest

from bot.factory import Database
from db.enums import Role
from services.container import Services
from services.errors import AccessDenied
from tests.mentoring.support import add_person, add_school, diagnose


async def test_ranking_follows_what_matters(database: Database, svc: Services) -> None:
    weak = await add_school(database, "ШНРО", low=True)
    strong = await add_school(database, "Ведущая", leading=True)
    plain = await add_school(database, "Обычная")
    methodist = await add_person(database, 1, role=Role.METHODIST)
    mentee = await add_person(database, 10, school_id=weak, experience="lt3")
    await diagnose(database, mentee.user_id, {"exam_prep": "serious", "gifted": "some"})
    # A: same subject, 20+ years, clear, leading school: the best.
    a = await add_person(database, 20, school_id=strong, experience="20plus", name="А")
    # B: same subject, 20+ years, but a serious difficulty on exam_prep: below A.
    b = await add_person(database, 21, school_id=strong, experience="20plus", name="Б")
    await diagnose(database, b.user_id, {"exam_prep": "serious"})
    # C: same subject, 3-10 years, clear, ordinary school: below B (experience weighs more).
    c = await add_person(database, 22, school_id=plain, experience="3-10", name="В")
    # D: another subject, 20+ years, clear, leading school: below every same-subject one.
    d = await add_person(
        database, 23, school_id=strong, experience="20plus", subjects=("russian",), name="Г"
    )
    # E: like A but already full (3 mentees): left out.
    e = await add_person(database, 24, school_id=strong, experience="20plus", name="Д")
    for i in range(3):
        other = await add_person(database, 100 + i, school_id=plain, subjects=("physics",))
        await svc.mentoring.propose(methodist.actor(), other.user_id, e.user_id)
    # F: like A with one mentee already: just below A (load breaks the tie).
    f = await add_person(database, 25, school_id=strong, experience="20plus", name="Е")
    other = await add_person(database, 110, school_id=plain, subjects=("physics",))
    await svc.mentoring.propose(methodist.actor(), other.user_id, f.user_id)

    ranked = await svc.mentoring.suggest(methodist.actor(), mentee.user_id)
    order = [c.user_id for c in ranked]

    assert e.user_id not in order
    assert order.index(a.user_id) < order.index(f.user_id) < order.index(b.user_id)
    assert order.index(b.user_id) < order.index(c.user_id) < order.index(d.user_id)
    best = ranked[0]
    assert (best.user_id, best.same_subject, best.experienced, best.clear_on_topics) == (
        a.user_id,
        True,
        True,
        True,
    )
    assert next(x for x in ranked if x.user_id == b.user_id).clear_on_topics is False


async def test_a_coordinator_finds_a_mentor_in_a_leading_school_of_the_network(
    database: Database, svc: Services
) -> None:
    mine = await add_school(database, "СШ ШНРО", low=True)
    theirs = await add_school(database, "Лицей", leading=True)
    coordinator = await add_person(database, 2, role=Role.COORDINATOR, school_id=mine)
    own = await add_person(database, 10, school_id=mine, experience="lt3")
    other = await add_person(database, 11, school_id=theirs, experience="lt3")
    near = await add_person(database, 20, school_id=mine, experience="3-10")
    far = await add_person(
        database, 21, school_id=theirs, experience="20plus", subjects=("math", "physics")
    )
    # The point of network mentoring: the leading school's teacher is offered, first.
    found = await svc.mentoring.suggest(coordinator.actor(), own.user_id)
    assert found[0].user_id == far.user_id
    assert near.user_id in [c.user_id for c in found]
    best = found[0]
    # Only what the choice needs: name, school, subjects, experience band, load, reasons.
    assert set(best.__slots__) == {
        "user_id",
        "name",
        "school",
        "subjects",
        "experience",
        "same_subject",
        "experienced",
        "clear_on_topics",
        "strong_school",
        "load",
        "limit",
    }
    assert (best.school, best.subjects, best.experience) == (
        "Лицей",
        ("math", "physics"),
        "20plus",
    )
    pair = await svc.mentoring.propose(coordinator.actor(), own.user_id, far.user_id)
    view = await svc.mentoring.mentorship(coordinator.actor(), pair)
    assert view.mentor_name == "Педагог 21"
    # Another school's teachers are not hers to arrange for.
    with pytest.raises(AccessDenied):
        await svc.mentoring.suggest(coordinator.actor(), other.user_id)
    with pytest.raises(AccessDenied):
        await svc.mentoring.propose(coordinator.actor(), other.user_id, near.user_id)
