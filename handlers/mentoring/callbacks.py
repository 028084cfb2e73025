"""The typed callback data of the mentoring screens. The prefix is stored in buttons already
sent to chats: it never changes."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MAct(StrEnum):
    HOME = "home"
    OPEN = "open"
    ASK = "ask"
    ASK_YES = "ask_yes"
    FIND = "find"
    PAIRS = "pairs"
    MENTEE = "mentee"  # suggestions for one mentee
    PROPOSE = "propose"
    ACCEPT = "accept"
    DECLINE = "decline"
    PLAN = "plan"
    DONE = "done"
    CONFIRM = "confirm"
    ADD_STEP = "add_step"
    MOVE_STEP = "move_step"
    DEL_STEP = "del_step"
    MEET = "meet"
    MEET_FORMAT = "meet_fmt"
    MEET_NO_NOTE = "meet_nonote"
    FINISH = "finish"
    END_EARLY = "end_early"
    ASSESS = "assess"
    CONCLUDE = "conclude"
    PAPER = "paper"
    MEET_AHEAD = "meet_ahead"  # plan a meeting for a day still to come
    GROUP = "group"  # `pair` holds the group's id
    GROUP_MEET = "group_meet"
    GROUP_ADD = "group_add"
    GROUP_PICK = "group_pick"
    REASSIGN = "reassign"  # other mentors for an active pair
    HAND_OVER = "hand_over"  # the pair goes on with `mentor`, its plan kept
    REPLACE = "replace"  # the pair ends early, a new one is proposed with `mentor`


class MentorCD(CallbackData, prefix="mnt"):
    act: MAct
    pair: int = 0
    step: int = 0
    user: int = 0  # a mentee (suggestions, a proposal)
    mentor: int = 0  # the mentor of a proposal
    form: str = ""  # individual / group, a meeting format
    topic: str = ""
    level: str = ""
