"""The library's texts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from services.i18n import Raw, Text
from services.library.types import MaterialPage, MaterialStatus, MaterialView


def author_line(view: MaterialView, t: Text) -> str:
    if view.author_withdrew:
        return t("library-author-withdrew")
    if view.school_name:
        return t("library-author-school", name=view.author_name or "—", school=view.school_name)
    return t("library-author", name=view.author_name or "—")


def card_text(view: MaterialView, t: Text, zone: ZoneInfo) -> str:
    lines = [
        t("library-card-title", title=view.title),
        t(
            "library-card-meta",
            topic=t(f"topic-{view.topic.value}"),
            kind=t(f"library-kind-{view.kind.value}"),
        ),
        author_line(view, t),
        t("library-card-date", date=view.created_at.astimezone(zone).strftime("%d.%m.%Y")),
    ]
    if view.description:
        lines.append("")
        lines.append(t("library-card-description", text=view.description))
    if view.status != MaterialStatus.APPROVED:
        lines.append("")
        lines.append(t(f"library-status-{view.status.value}"))
        if view.review_note:
            lines.append(t("library-card-note", note=view.review_note))
    if view.file_broken:
        lines.append(t("library-card-file-broken"))
    return "\n".join(lines)


def list_text(page: MaterialPage, t: Text, heading: str) -> str:
    if not page.items:
        return t("library-list-empty", heading=Raw(heading))
    return t(
        "library-list",
        heading=Raw(heading),
        total=page.total,
        page=page.page + 1,
        pages=page.pages,
    )


def items_text(items: tuple[MaterialView, ...], t: Text, key: str) -> str:
    if not items:
        return t(f"{key}-empty")
    lines = [t(key)]
    for item in items:
        lines.append(
            t(
                "library-item-line",
                title=item.title,
                status=t(f"library-status-{item.status.value}"),
            )
        )
    return "\n".join(lines)
