"""A methodist's review of a teacher's submission: approve, decline with a reason, or ask for
a change; the author hears of each. The author may revise a submission sent back to them."""

from __future__ import annotations

from sqlalchemy import select, update

from db.enums import Priority
from db.models import Material
from db.search import fold
from db.tx import write_tx
from services.context import Actor
from services.delivery.outbox import Button
from services.errors import Conflict, InvalidInput, NotFound
from services.i18n import L
from services.library import rules
from services.library.materials import _view, _view_query, get
from services.library.scope import LibraryScope, require_reviewer, require_user
from services.library.types import MaterialStatus, MaterialView

REVIEWABLE = (MaterialStatus.PENDING.value,)
NOTE_MAX = 500
OPEN_ACTION = "library_open"


async def queue(scope: LibraryScope, actor: Actor) -> tuple[MaterialView, ...]:
    require_reviewer(actor)
    rows = (
        await scope.session.execute(
            _view_query()
            .where(Material.status.in_(REVIEWABLE))
            .order_by(Material.created_at, Material.id)
            .limit(20)
        )
    ).all()
    return tuple(_view(r, actor) for r in rows)


async def _decide(
    scope: LibraryScope,
    actor: Actor,
    material_id: int,
    status: MaterialStatus,
    note: str | None,
) -> MaterialView:
    reviewer = require_reviewer(actor)
    async with write_tx(scope.session):
        # The conditional UPDATE is the guard: of two methodists tapping at once, or a
        # double tap, only the first decision is taken.
        result = await scope.session.execute(
            update(Material)
            .where(Material.id == material_id, Material.status.in_(REVIEWABLE))
            .values(
                status=status.value,
                review_note=note,
                reviewed_by=reviewer,
                reviewed_at=scope.clock(),
            )
            .returning(Material.author_id, Material.title)
        )
        row = result.first()
        if row is None:
            exists = await scope.session.scalar(
                select(Material.id).where(Material.id == material_id)
            )
            raise (
                NotFound("library-error-not-found")
                if exists is None
                else Conflict("library-error-already-reviewed")
            )
        if row.author_id is not None:
            scope.outbox.enqueue(
                user_id=row.author_id,
                kind="library_review",
                template=L(f"library-notice-{status.value}"),
                args={"title": row.title, "note": note or ""},
                priority=Priority.NOTICE,
                buttons=[[Button("library-open-button", OPEN_ACTION, {"id": material_id})]],
            )
    return await get(scope, actor, material_id)


def _note(text: str | None) -> str:
    note = " ".join((text or "").split())
    if not note:
        raise InvalidInput("library-error-note")
    return note[:NOTE_MAX]


async def approve(scope: LibraryScope, actor: Actor, material_id: int) -> MaterialView:
    return await _decide(scope, actor, material_id, MaterialStatus.APPROVED, None)


async def decline(
    scope: LibraryScope, actor: Actor, material_id: int, reason: str | None
) -> MaterialView:
    return await _decide(scope, actor, material_id, MaterialStatus.DECLINED, _note(reason))


async def ask_change(
    scope: LibraryScope, actor: Actor, material_id: int, note: str | None
) -> MaterialView:
    return await _decide(scope, actor, material_id, MaterialStatus.CHANGES, _note(note))


async def revise(
    scope: LibraryScope, actor: Actor, material_id: int, title: str, description: str
) -> MaterialView:
    """The author's new title and description go back to the reviewers. Only the author, and
    only while a methodist waits for the change."""
    user_id = require_user(actor)
    title = rules.check_title(title)
    description = rules.check_description(description)
    async with write_tx(scope.session):
        result = await scope.session.execute(
            update(Material)
            .where(
                Material.id == material_id,
                Material.author_id == user_id,
                Material.status == MaterialStatus.CHANGES.value,
            )
            .values(
                title=title,
                description=description,
                search_text=fold(f"{title} {description}"),
                status=MaterialStatus.PENDING.value,
            )
            .returning(Material.id)
        )
        if result.first() is None:
            raise NotFound("library-error-not-found")
    return await get(scope, actor, material_id)
