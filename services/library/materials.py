"""Adding, reading, searching and paging materials; who may see which."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import aliased

from db.enums import Topic
from db.models import Material, School, User
from db.search import fold
from db.tx import write_tx
from services.context import Actor
from services.errors import InvalidInput, NotFound
from services.library import rules
from services.library.scope import LibraryScope, can_review, require_reviewer, require_user
from services.library.types import (
    FileType,
    MaterialDraft,
    MaterialKind,
    MaterialPage,
    MaterialStatus,
    MaterialView,
)

PAGE_SIZE = 5
MAX_QUERY_WORDS = 8

Author = aliased(User)


def checked(draft: MaterialDraft) -> MaterialDraft:
    """The draft with its title, text and file (or link) checked; one of the two is needed."""
    if draft.upload is None and not draft.link:
        raise InvalidInput("library-error-no-file")
    return MaterialDraft(
        title=rules.check_title(draft.title),
        description=rules.check_description(draft.description),
        topic=draft.topic,
        kind=draft.kind,
        upload=rules.check_upload(draft.upload) if draft.upload is not None else None,
        link=rules.check_link(draft.link) if draft.link else None,
        event_id=draft.event_id,
    )


async def add(scope: LibraryScope, actor: Actor, draft: MaterialDraft) -> MaterialView:
    """Staff add straight to the library; anyone else's material waits for a review."""
    user_id = require_user(actor)
    draft = checked(draft)
    if draft.event_id is not None:
        require_reviewer(actor)
    status = MaterialStatus.APPROVED if can_review(actor) else MaterialStatus.PENDING
    async with write_tx(scope.session):
        school_id = await scope.session.scalar(select(User.school_id).where(User.id == user_id))
        upload = draft.upload
        material = Material(
            title=draft.title,
            description=draft.description,
            search_text=fold(f"{draft.title} {draft.description}"),
            topic=draft.topic.value,
            kind=draft.kind.value,
            file_id=upload.file_id if upload else None,
            file_type=upload.file_type.value if upload else None,
            file_size=upload.file_size if upload else None,
            link=draft.link,
            event_id=draft.event_id,
            author_id=user_id,
            school_id=school_id,
            status=status.value,
            author_withdrew=False,
            file_broken=False,
            opened_count=0,
            sent_count=0,
            created_at=scope.clock(),
        )
        scope.session.add(material)
        await scope.session.flush()
        material_id = material.id
    return await get(scope, actor, material_id)


def _view_query() -> Select[Material, str | None, str]:
    return (
        select(Material, Author.full_name, School.short_name)
        .outerjoin(Author, Author.id == Material.author_id)
        .outerjoin(School, School.id == Material.school_id)
    )


def _view(row: Any, actor: Actor) -> MaterialView:
    material: Material = row[0]
    withdrew = material.author_withdrew
    return MaterialView(
        id=material.id,
        title=material.title,
        description=material.description,
        topic=Topic(material.topic),
        kind=MaterialKind(material.kind),
        status=MaterialStatus(material.status),
        author_name=None if withdrew else row[1],
        school_name=None if withdrew else row[2],
        author_withdrew=withdrew,
        created_at=material.created_at,
        file_id=material.file_id,
        file_type=FileType(material.file_type) if material.file_type else None,
        link=material.link,
        event_id=material.event_id,
        review_note=material.review_note,
        file_broken=material.file_broken,
        opened_count=material.opened_count,
        sent_count=material.sent_count,
        is_own=actor.user_id is not None and material.author_id == actor.user_id,
    )


def visible_to(actor: Actor) -> ColumnElement[bool]:
    """Approved materials are public; the rest only to their author and to reviewers."""
    if can_review(actor):
        return Material.id.is_not(None)
    if actor.user_id is None:
        return Material.status == MaterialStatus.APPROVED.value
    return or_(
        Material.status == MaterialStatus.APPROVED.value, Material.author_id == actor.user_id
    )


async def get(scope: LibraryScope, actor: Actor, material_id: int) -> MaterialView:
    row = (
        await scope.session.execute(
            _view_query().where(Material.id == material_id, visible_to(actor))
        )
    ).first()
    if row is None:
        # Someone else's declined submission is "not found", not "forbidden": its very
        # existence is the author's business.
        raise NotFound("library-error-not-found")
    return _view(row, actor)


def words_of(query: str | None) -> tuple[str, ...]:
    return tuple(fold(query).split()[:MAX_QUERY_WORDS])


async def search(
    scope: LibraryScope,
    actor: Actor,
    query: str | None = None,
    topic: Topic | None = None,
    page: int = 0,
    event_id: int | None = None,
) -> MaterialPage:
    """Approved materials holding every word of `query` (folded), newest first, a page."""
    conditions: list[ColumnElement[bool]] = [Material.status == MaterialStatus.APPROVED.value]
    for word in words_of(query):
        conditions.append(Material.search_text.contains(word, autoescape=True))
    if topic is not None:
        conditions.append(Material.topic == topic.value)
    if event_id is not None:
        conditions.append(Material.event_id == event_id)
    total = int(
        await scope.session.scalar(select(func.count(Material.id)).where(*conditions)) or 0
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = (
        await scope.session.execute(
            _view_query()
            .where(*conditions)
            .order_by(Material.created_at.desc(), Material.id.desc())
            .offset(page * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    ).all()
    return MaterialPage(tuple(_view(r, actor) for r in rows), page, pages, total)


async def mine(scope: LibraryScope, actor: Actor) -> tuple[MaterialView, ...]:
    user_id = require_user(actor)
    rows = (
        await scope.session.execute(
            _view_query()
            .where(Material.author_id == user_id)
            .order_by(Material.created_at.desc(), Material.id.desc())
            .limit(20)
        )
    ).all()
    return tuple(_view(r, actor) for r in rows)


async def on_topics(
    scope: LibraryScope, topics: tuple[Topic, ...], limit: int = 3
) -> tuple[tuple[int, str], ...]:
    """Approved materials on the topics, most requested first (for the diagnostics' offer)."""
    if not topics:
        return ()
    rows = (
        await scope.session.execute(
            select(Material.id, Material.title)
            .where(
                Material.status == MaterialStatus.APPROVED.value,
                Material.topic.in_([t.value for t in topics]),
            )
            .order_by((Material.opened_count + Material.sent_count).desc(), Material.id.desc())
            .limit(limit)
        )
    ).all()
    return tuple((r.id, r.title) for r in rows)


async def mark_broken(scope: LibraryScope, material_id: int) -> None:
    """Telegram refused the stored file id: keep the row, flag it for staff."""
    async with write_tx(scope.session):
        await scope.session.execute(
            update(Material).where(Material.id == material_id).values(file_broken=True)
        )
