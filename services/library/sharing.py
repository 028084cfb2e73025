"""Sharing into any chat: what inline mode lists as a person types, and the deep links back."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Material
from db.search import fold
from services.context import Actor
from services.library.materials import MAX_QUERY_WORDS
from services.library.scope import LibraryScope
from services.library.types import MaterialStatus, SharedItem

INLINE_LIMIT = 10
# Telegram caps an inline query at 256 characters; longer text is cut, never refused.
QUERY_MAX = 256
DESCRIPTION_CHARS = 120


def deep_link(scope: LibraryScope, kind: str, item_id: int) -> str:
    return f"https://t.me/{scope.policy.bot_username}?start={kind}_{item_id}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1] + "…"


async def inline_items(scope: LibraryScope, actor: Actor, query: str) -> tuple[SharedItem, ...]:
    """Upcoming public events first, then approved materials; an empty query lists the
    newest. Strangers see the same as anyone: everything listed is public already."""
    words = tuple(fold(query[:QUERY_MAX]).split()[:MAX_QUERY_WORDS])
    events = await scope.events_search(words, INLINE_LIMIT)
    items = [
        SharedItem("event", e.event_id, e.title, "", deep_link(scope, "event", e.event_id))
        for e in events
    ]
    conditions = [Material.status == MaterialStatus.APPROVED.value]
    conditions += [Material.search_text.contains(w, autoescape=True) for w in words]
    rows = (
        await scope.session.execute(
            select(Material.id, Material.title, Material.description)
            .where(*conditions)
            .order_by(Material.created_at.desc(), Material.id.desc())
            .limit(INLINE_LIMIT)
        )
    ).all()
    items += [
        SharedItem(
            "material", r.id, r.title, _short(r.description), deep_link(scope, "material", r.id)
        )
        for r in rows
    ]
    return tuple(items[: INLINE_LIMIT * 2])
