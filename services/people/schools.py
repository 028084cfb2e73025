"""The schools directory: search for onboarding, editing by admins (the CSV import has its
own module, schools_import)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import School
from db.search import fold
from db.tx import write_tx
from services.context import Actor
from services.errors import Conflict, InvalidInput, NotFound
from services.paging import clamp_page
from services.people.actor import require_admin
from services.people.schools_import import ImportReport, import_schools, search_text

log = logging.getLogger(__name__)

PAGE_SIZE = 8
FLAGS = ("low_results", "unfavourable_conditions", "is_leading", "is_partner")


@dataclass(frozen=True, slots=True)
class SchoolView:
    id: int
    name: str
    short_name: str
    municipality: str
    low_results: bool
    unfavourable_conditions: bool
    is_leading: bool
    is_partner: bool


@dataclass(frozen=True, slots=True)
class SchoolPage:
    items: list[SchoolView]
    page: int
    pages: int
    total: int


def view_of(school: School) -> SchoolView:
    return SchoolView(
        school.id,
        school.name,
        school.short_name,
        school.municipality,
        school.low_results,
        school.unfavourable_conditions,
        school.is_leading,
        school.is_partner,
    )


class SchoolService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(self, query: str = "", page: int = 0) -> SchoolPage:
        stmt = select(School)
        count = select(func.count(School.id))
        needle = fold(query)
        if needle:
            condition = School.search_text.contains(needle, autoescape=True)
            stmt = stmt.where(condition)
            count = count.where(condition)
        total = (await self.session.execute(count)).scalar_one()
        page, pages = clamp_page(total, PAGE_SIZE, page)
        rows = await self.session.execute(
            stmt.order_by(School.short_name, School.id).offset(page * PAGE_SIZE).limit(PAGE_SIZE)
        )
        return SchoolPage([view_of(s) for s in rows.scalars()], page, pages, total)

    async def get(self, school_id: int) -> SchoolView:
        school = await self.session.get(School, school_id)
        if school is None:
            raise NotFound()
        return view_of(school)

    async def add(
        self, actor: Actor, name: str, short_name: str | None = None, municipality: str = ""
    ) -> SchoolView:
        require_admin(actor)
        name = self._clean(name, 300)
        short = self._clean(short_name or name, 100)
        async with write_tx(self.session):
            exists = await self.session.execute(select(School.id).where(School.name == name))
            if exists.first():
                raise Conflict("error-school-exists")
            school = School(
                name=name,
                short_name=short,
                municipality=municipality.strip()[:200],
                search_text=search_text(name, short),
            )
            self.session.add(school)
        log.info("school added school_id=%s by=%s", school.id, actor.user_id)
        return view_of(school)

    async def rename(self, actor: Actor, school_id: int, name: str, short_name: str) -> SchoolView:
        require_admin(actor)
        async with write_tx(self.session):
            school = await self._get(school_id)
            school.name = self._clean(name, 300)
            school.short_name = self._clean(short_name, 100)
            school.search_text = search_text(school.name, school.short_name)
        return view_of(school)

    async def toggle_flag(self, actor: Actor, school_id: int, flag: str) -> SchoolView:
        require_admin(actor)
        if flag not in FLAGS:
            raise InvalidInput()
        async with write_tx(self.session):
            school = await self._get(school_id)
            setattr(school, flag, not getattr(school, flag))
        return view_of(school)

    async def import_csv(self, actor: Actor, data: bytes) -> ImportReport:
        """Adds or updates schools by exact name; a bad row is reported with its line number."""
        require_admin(actor)
        return await import_schools(self.session, actor, data)

    async def _get(self, school_id: int) -> School:
        school = await self.session.get(School, school_id)
        if school is None:
            raise NotFound()
        return school

    @staticmethod
    def _clean(raw: str | None, limit: int) -> str:
        value = " ".join((raw or "").split())
        if not value:
            raise InvalidInput("error-name-empty")
        if len(value) > limit:
            raise InvalidInput("error-name-too-long", max=limit)
        return value
