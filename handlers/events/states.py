"""The events conversations' states. The class and state names are stored with a person's
conversation (FSM storage), so they stay as they are."""

from __future__ import annotations

from aiogram.filters import Command, Filter
from aiogram.fsm.state import State, StatesGroup

from handlers.menu import MenuButton


class EventForm(StatesGroup):
    title = State()
    type = State()
    topic = State()
    format = State()
    start = State()
    end = State()
    place = State()
    link = State()
    capacity = State()
    deadline = State()
    audience = State()
    subjects = State()
    schools = State()
    description = State()
    preview = State()
    decline_reason = State()
    edit_value = State()
    feedback_comment = State()


# The wizard's steps in order; a step that does not apply to the draft is skipped.
WIZARD_STEPS = [
    EventForm.title,
    EventForm.type,
    EventForm.topic,
    EventForm.format,
    EventForm.start,
    EventForm.end,
    EventForm.place,
    EventForm.link,
    EventForm.capacity,
    EventForm.deadline,
    EventForm.audience,
    EventForm.subjects,
    EventForm.schools,
    EventForm.description,
    EventForm.preview,
]
OPTIONAL_STEPS = {EventForm.deadline, EventForm.description, EventForm.subjects, EventForm.schools}


def not_a_wizard_start() -> tuple[Filter, ...]:
    """For the staff's free-text steps consulted before the wizard's router: the commands
    that start the wizard still start it from there, as they did when one router held all."""
    return (~Command("new_event", "propose_event"), ~MenuButton("menu-new-event"))
