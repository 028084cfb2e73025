"""Helpers of the library's tests: people, materials and inline queries."""

from __future__ import annotations

import itertools
from typing import Any

from aiogram.methods import AnswerInlineQuery
from aiogram.types import Document, InlineQuery, Update
from sqlalchemy import select

from db.models import User
from services.context import Actor
from services.enums import Role, Topic
from services.library.types import FileType, MaterialDraft, MaterialKind, Upload
from tests.conftest import ADMIN_ID
from tests.support.fakes import tg_user
from tests.support.harness import BotHarness

_ids = itertools.count(5_000_000)

PDF = "application/pdf"


def document(
    file_id: str = "doc-1", size: int = 1000, mime: str = PDF, name: str = "plan.pdf"
) -> Document:
    return Document(
        file_id=file_id, file_unique_id=file_id, file_size=size, mime_type=mime, file_name=name
    )


async def actor_of(harness: BotHarness, telegram_id: int) -> Actor:
    async with harness.database.session_factory() as session:
        user_id = await session.scalar(select(User.id).where(User.telegram_id == telegram_id))
    roles = frozenset({Role.ADMIN}) if telegram_id == ADMIN_ID else frozenset({Role.TEACHER})
    return Actor(telegram_id, user_id, "ru", roles)


def draft(
    title: str,
    description: str = "",
    topic: Topic = Topic.FUNCTIONAL_LITERACY,
    kind: MaterialKind = MaterialKind.LESSON_PLAN,
    file_id: str = "doc-1",
) -> MaterialDraft:
    return MaterialDraft(
        title=title,
        description=description,
        topic=topic,
        kind=kind,
        upload=Upload(file_id, FileType.DOCUMENT, 1000, PDF, "a.pdf"),
    )


async def add(harness: BotHarness, actor: Actor, material: MaterialDraft) -> int:
    svc = await harness.services()
    try:
        view = await svc.library.add(actor, material)
    finally:
        await svc.session.close()
    return view.id


async def inline(harness: BotHarness, user_id: int, query: str) -> AnswerInlineQuery:
    start = len(harness.api.requests)
    update = Update(
        update_id=next(_ids),
        inline_query=InlineQuery(
            id=str(next(_ids)), from_user=tg_user(user_id), query=query, offset=""
        ),
    )
    await harness.dp.feed_update(harness.bot, update)
    answers = [r for r in harness.api.requests[start:] if isinstance(r, AnswerInlineQuery)]
    assert len(answers) == 1, harness.api.requests[start:]
    return answers[0]


def result_titles(answer: AnswerInlineQuery) -> list[str]:
    return [str(getattr(r, "title", "")) for r in answer.results]


def result_links(answer: AnswerInlineQuery) -> list[str]:
    links: list[str] = []
    for result in answer.results:
        markup: Any = getattr(result, "reply_markup", None)
        links.extend(str(b.url) for row in markup.inline_keyboard for b in row)
    return links
