"""The seat count of an event, and the only code that writes it.

The invariant: `events.seats_taken` counts the registered and offered seats of the event and
changes only through the conditional UPDATEs below, run inside `write_tx`, so two taps can never
both take the last seat (SQLite: the write lock; PostgreSQL: the row lock of the UPDATE
re-checks the condition). The UNIQUE (event_id, user_id) pair stops a second row for one
person. The database's checks (0 <= seats_taken <= capacity) back this up.
"""

from __future__ import annotations

from sqlalchemy import update

from db.models import Event
from services.events import queries
from services.events.shared import EventContext


async def take_seat(ctx: EventContext, event: Event, *, fifo: bool) -> bool:
    """The guard: one conditional UPDATE that succeeds only while a seat is free."""
    if fifo and event.capacity is not None:
        # Someone already waiting goes first: a newcomer never overtakes the queue.
        waiting = await ctx.session.execute(queries.waiting_stmt(), {"event_id": event.id})
        if int(waiting.scalar_one()) > 0:
            return False
    stmt = update(Event).where(Event.id == event.id)
    if event.capacity is not None:
        stmt = stmt.where(Event.seats_taken < Event.capacity)
    result = await ctx.session.execute(
        stmt.values(seats_taken=Event.seats_taken + 1).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1


async def free_seat(ctx: EventContext, event: Event) -> None:
    await ctx.session.execute(
        update(Event)
        .where(Event.id == event.id, Event.seats_taken > 0)
        .values(seats_taken=Event.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )


def free_all_seats(event: Event) -> None:
    """A cancelled event holds no seats: every registration of it was cancelled with it."""
    event.seats_taken = 0
