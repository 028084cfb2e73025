"""The mentoring keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.markup import Keyboard
from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.render import side_of, step_text
from services.i18n import Text
from services.mentoring.types import (
    Candidate,
    GroupView,
    Level,
    MeetingFormat,
    MentorshipView,
    RequestView,
    Side,
    Status,
)

NAME_WIDTH = 40


def button(text: str, act: MAct, **fields: int | str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MentorCD(act=act, **fields).pack())  # type: ignore[arg-type]


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    keyboard = Keyboard()
    for row in rows:
        keyboard.row(*row)
    return keyboard.as_markup()


def home_keyboard(
    views: list[MentorshipView],
    user_id: int | None,
    t: Text,
    *,
    may_ask: bool,
    staff: bool,
) -> InlineKeyboardMarkup:
    rows = [
        [button(t("mentoring-btn-pair", number=view.id), MAct.OPEN, pair=view.id)]
        for view in views
    ]
    # A mentor's groups, once each: the screen of all their mentees together.
    groups = dict.fromkeys(
        view.group_id
        for view in views
        if view.group_id is not None
        and view.status in (Status.PROPOSED, Status.ACTIVE)
        and side_of(view, user_id) == Side.MENTOR
    )
    rows += [
        [button(t("mentoring-btn-group", number=group_id), MAct.GROUP, pair=group_id)]
        for group_id in groups
        if group_id is not None
    ]
    if may_ask:
        rows.append([button(t("mentoring-btn-ask"), MAct.ASK)])
    if staff:
        rows.append(
            [
                button(t("mentoring-btn-find"), MAct.FIND),
                button(t("mentoring-btn-pairs"), MAct.PAIRS),
            ]
        )
    return _markup(rows)


def back_home(t: Text) -> list[InlineKeyboardButton]:
    return [button(t("mentoring-btn-home"), MAct.HOME)]


def ask_keyboard(t: Text) -> InlineKeyboardMarkup:
    return _markup([[button(t("mentoring-btn-ask-yes"), MAct.ASK_YES)], back_home(t)])


def _party_rows(
    view: MentorshipView, side: Side | None, t: Text
) -> list[list[InlineKeyboardButton]]:
    rows = []
    agreed = view.mentor_agreed if side == Side.MENTOR else view.mentee_agreed
    if view.status == Status.PROPOSED and side is not None and not agreed:
        rows.append(
            [
                button(t("mentoring-btn-accept"), MAct.ACCEPT, pair=view.id),
                button(t("mentoring-btn-decline"), MAct.DECLINE, pair=view.id),
            ]
        )
    if view.status == Status.ACTIVE and side is not None:
        rows.append(
            [
                button(t("mentoring-btn-plan"), MAct.PLAN, pair=view.id),
                button(t("mentoring-btn-meet"), MAct.MEET, pair=view.id),
            ]
        )
        rows.append([button(t("mentoring-btn-meet-ahead"), MAct.MEET_AHEAD, pair=view.id)])
    ended = view.status in (Status.FINISHED, Status.ENDED_EARLY)
    if ended and side == Side.MENTEE:
        rows += [
            [button(t("mentoring-btn-assess"), MAct.ASSESS, pair=view.id)],
        ]
    if ended and side == Side.MENTOR:
        rows.append([button(t("mentoring-btn-conclude"), MAct.CONCLUDE, pair=view.id)])
    if view.status == Status.FINISHED and side is not None:
        key = "mentoring-btn-thanks" if side == Side.MENTOR else "mentoring-btn-certificate"
        rows.append([button(t(key), MAct.PAPER, pair=view.id)])
    return rows


def card_keyboard(
    view: MentorshipView, user_id: int | None, t: Text, *, arranger: bool, staff: bool
) -> InlineKeyboardMarkup:
    """`arranger`: a methodist or an admin; `staff`: they or the coordinator of the mentee's
    school (who sees the card only then)."""
    side = side_of(view, user_id)
    rows = _party_rows(view, side, t)
    if side is None and view.status == Status.ACTIVE:
        rows.append([button(t("mentoring-btn-plan"), MAct.PLAN, pair=view.id)])
    if view.group_id is not None and (side == Side.MENTOR or arranger):
        rows.append(
            [
                button(
                    t("mentoring-btn-group", number=view.group_id), MAct.GROUP, pair=view.group_id
                )
            ]
        )
    if arranger and view.status == Status.ACTIVE:
        rows.append(
            [
                button(t("mentoring-btn-finish"), MAct.FINISH, pair=view.id),
                button(t("mentoring-btn-end-early"), MAct.END_EARLY, pair=view.id),
            ]
        )
    if staff and view.status == Status.ACTIVE:
        rows.append([button(t("mentoring-btn-reassign"), MAct.REASSIGN, pair=view.id)])
    rows.append(back_home(t))
    return _markup(rows)


def group_keyboard(
    view: GroupView, user_id: int | None, t: Text, *, arranger: bool
) -> InlineKeyboardMarkup:
    rows = [
        [button(f"{m.mentee_name}"[:NAME_WIDTH], MAct.OPEN, pair=m.pair_id)]
        for m in view.members
        if m.status in (Status.PROPOSED, Status.ACTIVE)
    ]
    if user_id is not None and view.mentor_id == user_id and view.active:
        rows.append([button(t("mentoring-btn-group-meet"), MAct.GROUP_MEET, pair=view.id)])
    if arranger and any(m.status in (Status.PROPOSED, Status.ACTIVE) for m in view.members):
        rows.append([button(t("mentoring-btn-group-add"), MAct.GROUP_ADD, pair=view.id)])
    rows.append(back_home(t))
    return _markup(rows)


def group_candidates_keyboard(
    group_id: int, found: list[RequestView], t: Text
) -> InlineKeyboardMarkup:
    rows = [
        [button(item.name[:NAME_WIDTH], MAct.GROUP_PICK, pair=group_id, user=item.user_id)]
        for item in found
    ]
    rows.append([button(t("mentoring-btn-back"), MAct.GROUP, pair=group_id)])
    return _markup(rows)


def reassign_keyboard(pair_id: int, found: list[Candidate], t: Text) -> InlineKeyboardMarkup:
    rows = []
    for number, c in enumerate(found, 1):
        rows.append(
            [
                button(
                    t("mentoring-btn-hand-over", number=number, name=c.name[:NAME_WIDTH]),
                    MAct.HAND_OVER,
                    pair=pair_id,
                    mentor=c.user_id,
                ),
                button(
                    t("mentoring-btn-replace", number=number),
                    MAct.REPLACE,
                    pair=pair_id,
                    mentor=c.user_id,
                ),
            ]
        )
    rows.append([button(t("mentoring-btn-back"), MAct.OPEN, pair=pair_id)])
    return _markup(rows)


def plan_keyboard(view: MentorshipView, user_id: int | None, t: Text) -> InlineKeyboardMarkup:
    side = side_of(view, user_id)
    rows = []
    for step in view.steps:
        label = f"{step.position}. {step_text(step, t)}"[:NAME_WIDTH]
        if side == Side.MENTEE and step.done_at is None:
            rows.append([button(t("mentoring-btn-done", step=label), MAct.DONE, step=step.id)])
        if side == Side.MENTOR and step.confirmed_at is None:
            rows.append(
                [
                    button(t("mentoring-btn-confirm", step=label), MAct.CONFIRM, step=step.id),
                    button(t("mentoring-btn-move"), MAct.MOVE_STEP, step=step.id),
                    button(t("mentoring-btn-remove"), MAct.DEL_STEP, step=step.id),
                ]
            )
    if side == Side.MENTOR:
        rows.append([button(t("mentoring-btn-add-step"), MAct.ADD_STEP, pair=view.id)])
    rows.append([button(t("mentoring-btn-back"), MAct.OPEN, pair=view.id)])
    return _markup(rows)


def candidates_keyboard(found: list[RequestView], t: Text) -> InlineKeyboardMarkup:
    rows = [[button(item.name[:NAME_WIDTH], MAct.MENTEE, user=item.user_id)] for item in found]
    rows.append(back_home(t))
    return _markup(rows)


def pairs_keyboard(views: list[MentorshipView], t: Text) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                t("mentoring-pair-names", mentor=view.mentor_name, mentee=view.mentee_name)[
                    :NAME_WIDTH
                ],
                MAct.OPEN,
                pair=view.id,
            )
        ]
        for view in views
    ]
    rows.append(back_home(t))
    return _markup(rows)


def suggestions_keyboard(mentee_id: int, found: list[Candidate], t: Text) -> InlineKeyboardMarkup:
    rows = []
    for number, c in enumerate(found, 1):
        rows.append(
            [
                button(
                    t("mentoring-btn-propose", number=number, name=c.name[:NAME_WIDTH]),
                    MAct.PROPOSE,
                    user=mentee_id,
                    mentor=c.user_id,
                    form="individual",
                ),
                button(
                    t("mentoring-btn-propose-group", number=number),
                    MAct.PROPOSE,
                    user=mentee_id,
                    mentor=c.user_id,
                    form="group",
                ),
            ]
        )
    rows.append([button(t("mentoring-btn-back"), MAct.FIND)])
    return _markup(rows)


def formats_keyboard(pair_id: int, t: Text) -> InlineKeyboardMarkup:
    rows = [
        [button(t(f"mentoring-format-{f.value}"), MAct.MEET_FORMAT, pair=pair_id, form=f.value)]
        for f in MeetingFormat
    ]
    return _markup(rows)


def no_note_keyboard(pair_id: int, t: Text) -> InlineKeyboardMarkup:
    return _markup([[button(t("mentoring-btn-no-note"), MAct.MEET_NO_NOTE, pair=pair_id)]])


def assess_keyboard(view: MentorshipView, t: Text) -> InlineKeyboardMarkup:
    answered = view.self_assessment or {}
    rows = []
    for topic in view.topics:
        for level in Level:
            mark = "• " if answered.get(topic) == level.value else ""
            rows.append(
                [
                    button(
                        f"{mark}{t(f'mentoring-level-{level.value}')}: {t(f'topic-{topic}')}"[:60],
                        MAct.ASSESS,
                        pair=view.id,
                        topic=topic,
                        level=level.value,
                    )
                ]
            )
    rows.append([button(t("mentoring-btn-back"), MAct.OPEN, pair=view.id)])
    return _markup(rows)


def open_keyboard(pair_id: int, t: Text) -> InlineKeyboardMarkup:
    return _markup([[button(t("mentoring-btn-open"), MAct.OPEN, pair=pair_id)]])


def group_open_keyboard(group_id: int, t: Text) -> InlineKeyboardMarkup:
    return _markup(
        [[button(t("mentoring-btn-group", number=group_id), MAct.GROUP, pair=group_id)]]
    )
