"""The library's part of `python -m bot seed-demo`: a few approved materials (links), some
credited to demo teachers and their schools. Running it twice adds nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material, User
from db.search import fold
from services.context import Clock
from services.library.types import MaterialStatus


async def seed_demo_materials(
    session: AsyncSession, clock: Clock, entries: Sequence[dict[str, Any]], teachers: list[int]
) -> int:
    added = 0
    for entry in entries:
        exists = await session.scalar(select(Material.id).where(Material.title == entry["title"]))
        if exists is not None:
            continue
        author = None
        school = None
        if entry.get("teacher") and len(teachers) >= entry["teacher"]:
            author = teachers[entry["teacher"] - 1]
            school = await session.scalar(select(User.school_id).where(User.id == author))
        description = entry.get("description", "")
        session.add(
            Material(
                title=entry["title"],
                description=description,
                search_text=fold(f"{entry['title']} {description}"),
                topic=entry["topic"],
                kind=entry["kind"],
                link=entry.get("link"),
                author_id=author,
                school_id=school,
                status=MaterialStatus.APPROVED.value,
                author_withdrew=False,
                file_broken=False,
                opened_count=0,
                sent_count=0,
                created_at=clock(),
            )
        )
        added += 1
    return added
