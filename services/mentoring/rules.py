"""Who may do what in mentoring. Every service call checks here first."""

from __future__ import annotations

from db.enums import Experience, Role
from db.models import Mentorship, User
from services.context import Actor
from services.errors import AccessDenied, NeedsOnboarding
from services.mentoring.types import Level, Reason, Side

ARRANGERS = (Role.METHODIST, Role.ADMIN)
MENTORING_ROLES = (Role.TEACHER, Role.METHODIST, Role.ADMIN, Role.COORDINATOR)


def me(actor: Actor) -> int:
    if actor.user_id is None:
        raise NeedsOnboarding()
    return actor.user_id


def is_arranger(actor: Actor) -> bool:
    return actor.has(*ARRANGERS)


def may_arrange_for(actor: Actor, mentee: User) -> bool:
    """Methodists (any school) and admins; a coordinator for their own school's teachers."""
    if is_arranger(actor):
        return True
    return (
        actor.has(Role.COORDINATOR)
        and actor.coordinator_school_id is not None
        and mentee.school_id == actor.coordinator_school_id
    )


def require_arranger_for(actor: Actor, mentee: User) -> None:
    if not may_arrange_for(actor, mentee):
        raise AccessDenied()


def require_staff(actor: Actor) -> None:
    if not (is_arranger(actor) or actor.has(Role.COORDINATOR)):
        raise AccessDenied()


def require_arranger(actor: Actor) -> None:
    if not is_arranger(actor):
        raise AccessDenied()


def side_of(actor: Actor, pair: Mentorship) -> Side | None:
    if actor.user_id is None:
        return None
    if pair.mentor_id == actor.user_id:
        return Side.MENTOR
    if pair.mentee_id == actor.user_id:
        return Side.MENTEE
    return None


def require_side(actor: Actor, pair: Mentorship, side: Side | None = None) -> Side:
    """The actor is the pair's mentor or mentee (the given one, when given). Anyone else is
    refused as if the mentorship did not concern them."""
    found = side_of(actor, pair)
    if found is None or (side is not None and found != side):
        raise AccessDenied()
    return found


def require_user(actor: Actor) -> int:
    """Mentoring is for teachers (mentors and mentees), methodists, coordinators and admins."""
    user_id = me(actor)
    if not actor.has(*MENTORING_ROLES):
        raise AccessDenied()
    return user_id


def may_see(actor: Actor, pair: Mentorship, mentee_school_id: int | None) -> bool:
    """The pair, methodists and admins, and the coordinator of the mentee's school."""
    if side_of(actor, pair) is not None or is_arranger(actor):
        return True
    return actor.has(Role.COORDINATOR) and (
        actor.coordinator_school_id is not None and actor.coordinator_school_id == mentee_school_id
    )


def may_read_notes(actor: Actor, pair: Mentorship) -> bool:
    """Meeting notes: the pair, the responsible methodist and admins, nobody else."""
    if side_of(actor, pair) is not None or actor.is_admin:
        return True
    return actor.user_id is not None and actor.user_id == pair.methodist_id


def reason_to_ask(user: User, levels: dict[str, str]) -> Reason | None:
    """A young specialist (under 3 years) or a teacher with a serious difficulty may ask."""
    if user.experience == Experience.UNDER_3.value:
        return Reason.YOUNG
    if Level.SERIOUS.value in levels.values():
        return Reason.DIFFICULTY
    return None
