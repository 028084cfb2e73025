"""/forget: what mentoring keeps of a person who withdrew consent (anonymous counts only).

Their open mentorships end (nobody would come; a hand-over waiting for them too), the notes
of their meetings (a group meeting's note in every member's copy), their conclusions and
typed steps go, and the rows lose the link to them (the levels of a self-assessment stay,
unlinked, for the difficulty-change figure)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.enums import OutboxState
from db.models import MentoringMeeting, MentoringStep, Mentorship, OutboxMessage
from services.context import Clock, system_clock
from services.mentoring import notices, reminders
from services.mentoring.types import OPEN_STATUSES, Status, step_ref


async def _cancel_messages_to(session: AsyncSession, user_id: int) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.user_id == user_id,
            OutboxMessage.kind.in_([notices.KIND, reminders.REMINDER_KIND]),
            OutboxMessage.state == OutboxState.PENDING.value,
        )
        .values(state=OutboxState.CANCELLED.value, dedupe_key=None)
        .execution_options(synchronize_session=False)
    )


async def _end_open(
    session: AsyncSession, mine: ColumnElement[bool], pair_ids: list[int], now: datetime
) -> None:
    """The person's open pairings end early; what waited on them goes."""
    await session.execute(
        update(Mentorship)
        .where(mine, Mentorship.status.in_([s.value for s in OPEN_STATUSES]))
        .values(status=Status.ENDED_EARLY.value, place=None, end_reason=None, ended_at=now)
        .execution_options(synchronize_session=False)
    )
    # Meetings planned ahead for the pairings that have just ended will not be held.
    await session.execute(
        delete(MentoringMeeting)
        .where(MentoringMeeting.mentorship_id.in_(pair_ids), MentoringMeeting.held_at > now)
        .execution_options(synchronize_session=False)
    )
    # A hand-over of a mentorship that has just ended has nothing left to take over.
    await session.execute(
        update(Mentorship)
        .where(Mentorship.replaces_id.in_(pair_ids), Mentorship.status == Status.PROPOSED.value)
        .values(status=Status.DECLINED.value, place=None)
        .execution_options(synchronize_session=False)
    )


async def _erase_notes(session: AsyncSession, pair_ids: list[int]) -> None:
    # A group meeting's note is erased in every member's copy: it was written about the
    # whole group, the person included.
    shared = select(MentoringMeeting.shared_id).where(
        MentoringMeeting.mentorship_id.in_(pair_ids), MentoringMeeting.shared_id.is_not(None)
    )
    await session.execute(
        update(MentoringMeeting)
        .where(
            or_(
                MentoringMeeting.mentorship_id.in_(pair_ids),
                MentoringMeeting.shared_id.in_(shared),
            )
        )
        .values(note=None)
        .execution_options(synchronize_session=False)
    )


async def _erase_steps(session: AsyncSession, pair_ids: list[int]) -> None:
    step_ids = list(
        await session.scalars(
            select(MentoringStep.id).where(MentoringStep.mentorship_id.in_(pair_ids))
        )
    )
    if not step_ids:
        return
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.ref_type == step_ref(0)[0],
            OutboxMessage.ref_id.in_(step_ids),
            OutboxMessage.state == OutboxState.PENDING.value,
        )
        .values(state=OutboxState.CANCELLED.value, dedupe_key=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(MentoringStep)
        .where(MentoringStep.id.in_(step_ids), MentoringStep.kind == "custom")
        .values(title=None)
        .execution_options(synchronize_session=False)
    )


async def forget_mentoring(
    session: AsyncSession, user_id: int, clock: Clock = system_clock
) -> None:
    await _cancel_messages_to(session, user_id)
    mine = or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id)
    pair_ids = list(await session.scalars(select(Mentorship.id).where(mine)))
    if not pair_ids:
        return
    await _end_open(session, mine, pair_ids, clock())
    await _erase_notes(session, pair_ids)
    await _erase_steps(session, pair_ids)
    await session.execute(
        update(Mentorship)
        .where(Mentorship.mentee_id == user_id)
        .values(mentee_id=None, decline_reason=None, end_reason=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Mentorship)
        .where(Mentorship.mentor_id == user_id)
        .values(mentor_id=None, conclusion=None, decline_reason=None, end_reason=None)
        .execution_options(synchronize_session=False)
    )
