"""The texts of broadcasts: the audience summary, the progress message and the list."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from services.broadcasts.types import BroadcastAudience, BroadcastState, Progress
from services.i18n import Raw, Text


def mark(on: bool) -> str:
    return "✅ " if on else "▫️ "


def audience_summary(audience: BroadcastAudience, t: Text, school_names: dict[int, str]) -> str:
    if audience.is_everyone:
        return t("broadcast-audience-everyone")
    parts: list[str] = []
    if audience.roles:
        parts.append(", ".join(t(f"role-{r.value}") for r in sorted(audience.roles)))
    if audience.categories:
        parts.append(
            ", ".join(t(f"broadcast-category-{c.value}") for c in sorted(audience.categories))
        )
    if audience.school_ids:
        parts.append(", ".join(school_names.get(s, str(s)) for s in sorted(audience.school_ids)))
    if audience.subjects:
        parts.append(", ".join(t(f"subject-{s.value}") for s in sorted(audience.subjects)))
    if audience.sources:
        parts.append(t("broadcast-audience-sources", count=len(audience.sources)))
    return " · ".join(parts)


def _progress_head(progress: Progress, t: Text) -> str:
    if progress.state == BroadcastState.CANCELLED:
        return t("broadcast-progress-stopped", id=progress.broadcast_id)
    if progress.state == BroadcastState.SCHEDULED:
        return t("broadcast-progress-scheduled", id=progress.broadcast_id)
    if progress.finished:
        return t("broadcast-progress-done", id=progress.broadcast_id)
    return t("broadcast-progress-running", id=progress.broadcast_id)


def render_progress(progress: Progress, t: Text) -> str:
    """The live progress message (the delivery engine edits it as messages go)."""
    lines = [
        _progress_head(progress, t),
        t(
            "broadcast-progress-figures",
            sent=progress.sent,
            failed=progress.failed,
            blocked=progress.blocked,
            left=progress.left,
            total=progress.total,
        ),
    ]
    if not progress.finished and progress.state == BroadcastState.SENDING:
        if progress.rate > 0:
            lines.append(t("broadcast-progress-rate", rate=f"{progress.rate:.1f}"))
        if progress.eta_seconds is not None:
            minutes, seconds = divmod(progress.eta_seconds, 60)
            lines.append(t("broadcast-progress-eta", minutes=minutes, seconds=seconds))
    return "\n".join(lines)


def list_text(items: list[Progress], zone: ZoneInfo, t: Text) -> str:
    lines = [t("broadcast-list-title")]
    for item in items:
        when = (
            item.scheduled_at.astimezone(zone).strftime("%d.%m %H:%M") if item.scheduled_at else ""
        )
        lines.append(
            t(
                "broadcast-list-line",
                id=item.broadcast_id,
                state=Raw(t(f"broadcast-state-{item.state.value}")),
                when=when,
                sent=item.sent,
                failed=item.failed,
                blocked=item.blocked,
                left=item.left,
                total=item.total,
            )
        )
    return "\n".join(lines)
