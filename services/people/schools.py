"""The schools directory: search for onboarding, editing by admins, CSV import."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import School
from db.search import fold
from services.context import Actor
from services.errors import AccessDenied, Conflict, InvalidInput, NotFound

log = logging.getLogger(__name__)

PAGE_SIZE = 8
CSV_MAX_BYTES = 1_000_000
CSV_COLUMNS = (
    "name",
    "short_name",
    "municipality",
    "low_results",
    "unfavourable",
    "leading",
    "partner",
)
_TRUE = {"1", "да", "yes", "true", "y", "д", "+", "x", "х"}
_FALSE = {"", "0", "нет", "no", "false", "n", "н", "-"}
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


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str, dict[str, str | int]]] = field(default_factory=list)


def _view(school: School) -> SchoolView:
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


def _search_text(name: str, short_name: str) -> str:
    return fold(f"{name} {short_name}")[:420]


def _flag(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


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
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        rows = await self.session.execute(
            stmt.order_by(School.short_name, School.id).offset(page * PAGE_SIZE).limit(PAGE_SIZE)
        )
        return SchoolPage([_view(s) for s in rows.scalars()], page, pages, total)

    async def get(self, school_id: int) -> SchoolView:
        school = await self.session.get(School, school_id)
        if school is None:
            raise NotFound()
        return _view(school)

    async def add(
        self, actor: Actor, name: str, short_name: str | None = None, municipality: str = ""
    ) -> SchoolView:
        self._require_admin(actor)
        name = self._clean(name, 300)
        short = self._clean(short_name or name, 100)
        exists = await self.session.execute(select(School.id).where(School.name == name))
        if exists.first():
            raise Conflict("error-school-exists")
        school = School(
            name=name,
            short_name=short,
            municipality=municipality.strip()[:200],
            search_text=_search_text(name, short),
        )
        self.session.add(school)
        await self.session.commit()
        log.info("school added school_id=%s by=%s", school.id, actor.user_id)
        return _view(school)

    async def rename(self, actor: Actor, school_id: int, name: str, short_name: str) -> SchoolView:
        self._require_admin(actor)
        school = await self._get(school_id)
        school.name = self._clean(name, 300)
        school.short_name = self._clean(short_name, 100)
        school.search_text = _search_text(school.name, school.short_name)
        await self.session.commit()
        return _view(school)

    async def toggle_flag(self, actor: Actor, school_id: int, flag: str) -> SchoolView:
        self._require_admin(actor)
        if flag not in FLAGS:
            raise InvalidInput()
        school = await self._get(school_id)
        setattr(school, flag, not getattr(school, flag))
        await self.session.commit()
        return _view(school)

    async def import_csv(self, actor: Actor, data: bytes) -> ImportReport:
        """Adds or updates schools by exact name; a bad row is reported with its line number."""
        self._require_admin(actor)
        if len(data) > CSV_MAX_BYTES:
            raise InvalidInput("error-file-too-big", max_kb=CSV_MAX_BYTES // 1000)
        text = self._decode(data)
        report = ImportReport()
        sample = text[:2048]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            rows = list(reader)
        except csv.Error:
            # Stray carriage returns or NUL bytes: not a text table (a spreadsheet or an image).
            raise InvalidInput("error-csv-encoding") from None
        if not rows:
            raise InvalidInput("error-csv-empty")
        header = [h.strip().lower().lstrip("\ufeff") for h in rows[0]]
        if "name" not in header:
            raise InvalidInput("error-csv-header", columns=", ".join(CSV_COLUMNS))
        index = {column: header.index(column) for column in CSV_COLUMNS if column in header}
        seen: set[str] = set()
        existing = {s.name: s for s in (await self.session.execute(select(School))).scalars()}
        for line_no, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                # A short row means a lost delimiter; guessing which cell is which would
                # store wrong flags, so the line is reported instead.
                report.errors.append(
                    (line_no, "error-csv-row-columns", {"found": len(row), "needed": len(header)})
                )
                continue

            def cell(column: str, row: list[str] = row) -> str:
                position = index.get(column)
                return (
                    row[position].strip() if position is not None and position < len(row) else ""
                )

            name = " ".join(cell("name").split())
            if not name:
                report.errors.append((line_no, "error-csv-row-no-name", {}))
                continue
            if len(name) > 300:
                report.errors.append((line_no, "error-csv-row-too-long", {"column": "name"}))
                continue
            if name in seen:
                report.errors.append((line_no, "error-csv-row-duplicate", {}))
                continue
            flags: dict[str, bool] = {}
            bad_flag = None
            for column, attribute in (
                ("low_results", "low_results"),
                ("unfavourable", "unfavourable_conditions"),
                ("leading", "is_leading"),
                ("partner", "is_partner"),
            ):
                if column not in index:
                    continue
                value = _flag(cell(column))
                if value is None:
                    bad_flag = column
                    break
                flags[attribute] = value
            if bad_flag:
                report.errors.append(
                    (line_no, "error-csv-row-flag", {"column": bad_flag, "value": cell(bad_flag)})
                )
                continue
            seen.add(name)
            short = (cell("short_name") or name)[:100]
            municipality = cell("municipality")[:200]
            school = existing.get(name)
            if school is None:
                school = School(
                    name=name,
                    short_name=short,
                    municipality=municipality,
                    search_text=_search_text(name, short),
                    **flags,
                )
                self.session.add(school)
                existing[name] = school
                report.added += 1
            else:
                school.short_name = short
                school.search_text = _search_text(name, short)
                school.municipality = municipality or school.municipality
                for attribute, value in flags.items():
                    setattr(school, attribute, value)
                report.updated += 1
        await self.session.commit()
        log.info(
            "schools import added=%s updated=%s errors=%s by=%s",
            report.added,
            report.updated,
            len(report.errors),
            actor.user_id,
        )
        return report

    @staticmethod
    def _decode(data: bytes) -> str:
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise InvalidInput("error-csv-encoding")

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

    @staticmethod
    def _require_admin(actor: Actor) -> None:
        if not actor.is_admin:
            raise AccessDenied()
