"""The mentoring texts: the home screen, one mentorship with its plan, suggestions."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from services.i18n import Text
from services.mentoring.types import (
    Candidate,
    GroupView,
    MeetingView,
    MentorshipView,
    RequestView,
    Side,
    Status,
    StepView,
)


def day(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%d.%m.%Y}"


def side_of(view: MentorshipView, user_id: int | None) -> Side | None:
    if user_id is not None and view.mentor_id == user_id:
        return Side.MENTOR
    if user_id is not None and view.mentee_id == user_id:
        return Side.MENTEE
    return None


def step_text(step: StepView, t: Text) -> str:
    if step.title:
        return step.title
    name = t(f"mentoring-step-{step.kind.value}")
    return (
        t("mentoring-step-on-topic", step=name, topic=t(f"topic-{step.topic}"))
        if step.topic
        else name
    )


def step_mark(step: StepView) -> str:
    if step.confirmed_at:
        return "✅"
    return "☑️" if step.done_at else "▫️"


def pair_line(view: MentorshipView, user_id: int | None, t: Text) -> str:
    side = side_of(view, user_id)
    other = view.mentee_name if side == Side.MENTOR else view.mentor_name
    if side is None:
        other = t("mentoring-pair-names", mentor=view.mentor_name, mentee=view.mentee_name)
    return t(
        "mentoring-pair-line",
        role=t(f"mentoring-side-{side.value}") if side else "",
        name=other,
        status=t(f"mentoring-status-{view.status.value}"),
        done=view.confirmed,
        total=len(view.steps),
    )


def _meeting(key: str, meeting: MeetingView, t: Text, zone: ZoneInfo) -> str:
    return t(
        key,
        date=day(meeting.held_at, zone),
        format=t(f"mentoring-format-{meeting.format.value}"),
    )


def home_text(
    views: list[MentorshipView], user_id: int | None, t: Text, *, staff: bool = False
) -> str:
    if not views:
        return t("mentoring-home-staff") if staff else t("mentoring-home-empty")
    lines = [t("mentoring-home-title")]
    lines += [pair_line(view, user_id, t) for view in views]
    return "\n".join(lines)


def _head(view: MentorshipView, t: Text) -> list[str]:
    lines = [
        t("mentoring-card-title", form=t(f"mentoring-form-{view.form.value}")),
        t("mentoring-card-mentor", name=view.mentor_name),
        t("mentoring-card-mentee", name=view.mentee_name),
        t("mentoring-card-status", status=t(f"mentoring-status-{view.status.value}")),
    ]
    if view.topics:
        topics = ", ".join(t(f"topic-{topic}") for topic in view.topics)
        lines.append(t("mentoring-card-goals", topics=topics))
    if view.replaces_id is not None and view.status == Status.PROPOSED:
        lines.append(t("mentoring-card-hand-over"))
    if view.decline_reason:
        lines.append(t("mentoring-card-declined", reason=view.decline_reason))
    if view.end_reason:
        lines.append(t("mentoring-card-ended-early", reason=view.end_reason))
    return lines


def _progress(view: MentorshipView, t: Text, zone: ZoneInfo, now: datetime) -> list[str]:
    lines = []
    if view.steps:
        lines.append(t("mentoring-card-progress", done=view.confirmed, total=len(view.steps)))
    # What comes next only while the pairing goes on.
    step = view.next_step if view.status == Status.ACTIVE else None
    if step is not None:
        lines.append(
            t("mentoring-card-next-step", step=step_text(step, t), due=day(step.due_at, zone))
        )
    last = view.last_meeting(now)
    planned = view.next_meeting(now) if view.status == Status.ACTIVE else None
    if last is not None:
        lines.append(_meeting("mentoring-card-last-meeting", last, t, zone))
    if planned is not None:
        lines.append(_meeting("mentoring-card-next-meeting", planned, t, zone))
    return lines


def card_text(view: MentorshipView, t: Text, zone: ZoneInfo, now: datetime) -> str:
    lines = _head(view, t) + _progress(view, t, zone, now)
    if view.conclusion:
        lines.append(t("mentoring-card-conclusion", text=view.conclusion))
    return "\n".join(lines)


def plan_text(view: MentorshipView, t: Text, zone: ZoneInfo, now: datetime) -> str:
    lines = [t("mentoring-plan-title", done=view.confirmed, total=len(view.steps))]
    for step in view.steps:
        lines.append(
            t(
                "mentoring-plan-step",
                mark=step_mark(step),
                position=step.position,
                step=step_text(step, t),
                due=day(step.due_at, zone),
            )
        )
    if view.meetings:
        lines += ["", t("mentoring-meetings-title", count=len(view.meetings))]
        for meeting in view.meetings:
            lines.append(meeting_line(meeting, view.notes_visible, t, zone, now))
    lines += ["", t("mentoring-plan-legend")]
    return "\n".join(lines)


def meeting_line(meeting: MeetingView, notes: bool, t: Text, zone: ZoneInfo, now: datetime) -> str:
    marks = []
    if meeting.shared:
        marks.append(t("mentoring-meeting-group"))
    if meeting.held_at > now:
        marks.append(t("mentoring-meeting-planned"))
    if notes and meeting.note:
        marks.append(meeting.note)
    return t(
        "mentoring-meeting-line",
        date=day(meeting.held_at, zone),
        format=t(f"mentoring-format-{meeting.format.value}"),
        extra=" ".join(marks),
    )


def group_text(view: GroupView, t: Text, zone: ZoneInfo, now: datetime) -> str:
    lines = [
        t("mentoring-group-title", number=view.id),
        t("mentoring-card-mentor", name=view.mentor_name),
        t("mentoring-group-members", count=view.active),
    ]
    for member in view.members:
        lines.append(
            t(
                "mentoring-group-member",
                name=member.mentee_name,
                status=t(f"mentoring-status-{member.status.value}"),
                done=member.done,
                total=member.total,
            )
        )
        if member.status == Status.ACTIVE and member.next_step is not None:
            step = member.next_step
            lines.append(
                t(
                    "mentoring-group-next-step",
                    step=step_text(step, t),
                    due=day(step.due_at, zone),
                )
            )
    lines += ["", t("mentoring-group-meetings", count=len(view.meetings))]
    for meeting in view.meetings:
        lines.append(meeting_line(meeting, view.notes_visible, t, zone, now))
    return "\n".join(lines)


def candidates_text(found: list[RequestView], t: Text) -> str:
    if not found:
        return t("mentoring-find-empty")
    lines = [t("mentoring-find-title")]
    for item in found:
        reason = t(f"mentoring-reason-{item.reason.value}") if item.reason else ""
        key = "mentoring-find-request" if item.mentorship_id else "mentoring-find-line"
        lines.append(t(key, name=item.name, school=item.school, reason=reason))
    return "\n".join(lines)


def suggestions_text(found: list[Candidate], t: Text) -> str:
    if not found:
        return t("mentoring-suggest-empty")
    lines = [t("mentoring-suggest-title")]
    for number, c in enumerate(found, 1):
        marks = [
            t("mentoring-why-subject") if c.same_subject else "",
            t("mentoring-why-experience") if c.experienced else "",
            t("mentoring-why-clear") if c.clear_on_topics else "",
            t("mentoring-why-school") if c.strong_school else "",
        ]
        subjects = ", ".join(t(f"subject-{code}") for code in c.subjects) or "—"
        lines.append(
            t(
                "mentoring-suggest-line",
                number=number,
                name=c.name,
                school=c.school,
                subjects=subjects,
                experience=t(f"experience-{c.experience}") if c.experience else "—",
                why=", ".join(m for m in marks if m) or "—",
                load=c.load,
                limit=c.limit,
            )
        )
    return "\n".join(lines)


MY_SHOWN = 5  # pairings listed in /my; a mentor of a bigger group finds the rest in /mentoring


def _my_pairing(
    view: MentorshipView, user_id: int | None, t: Text, zone: ZoneInfo, now: datetime
) -> list[str]:
    status = t(f"mentoring-status-{view.status.value}")
    if view.mentor_id is not None and view.mentor_id == user_id:
        lines = [t("mentoring-my-as-mentor", name=view.mentee_name, status=status)]
    elif view.status == Status.REQUESTED:
        lines = [t("mentoring-my-requested")]
    else:
        lines = [t("mentoring-my-as-mentee", name=view.mentor_name, status=status)]
    if view.status != Status.ACTIVE:
        return lines
    lines.append(t("mentoring-my-progress", done=view.confirmed, total=len(view.steps)))
    step = view.next_step
    if step is not None:
        lines.append(
            t("mentoring-my-next-step", step=step_text(step, t), due=day(step.due_at, zone))
        )
    planned, last = view.next_meeting(now), view.last_meeting(now)
    if planned is not None:
        lines.append(_meeting("mentoring-my-next-meeting", planned, t, zone))
    elif last is not None:
        lines.append(t("mentoring-my-no-meeting-last", date=day(last.held_at, zone)))
    else:
        lines.append(t("mentoring-my-no-meeting"))
    return lines


def my_text(
    views: list[MentorshipView], user_id: int | None, t: Text, zone: ZoneInfo, now: datetime
) -> str:
    """The person's open pairings in /my: the plan's progress, the next step, the next
    meeting (or when the last one was)."""
    lines = [t("mentoring-my-title")]
    for view in views[:MY_SHOWN]:
        lines += _my_pairing(view, user_id, t, zone, now)
    if len(views) > MY_SHOWN:
        lines.append(t("mentoring-my-more", count=len(views) - MY_SHOWN))
    lines.append(t("mentoring-my-open"))
    return "\n".join(lines)
