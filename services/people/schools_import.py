"""The schools CSV import: adds or updates schools by exact name, reporting each bad row with
its line number (the file comes from a spreadsheet an admin exported)."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import School
from db.search import fold
from db.tx import write_tx
from services.context import Actor
from services.errors import InvalidInput

log = logging.getLogger(__name__)

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
SCHOOL_NAME_MAX = 300
# CSV column -> School attribute, for the yes/no columns.
FLAG_COLUMNS = (
    ("low_results", "low_results"),
    ("unfavourable", "unfavourable_conditions"),
    ("leading", "is_leading"),
    ("partner", "is_partner"),
)
_TRUE = {"1", "да", "yes", "true", "y", "д", "+", "x", "х"}
_FALSE = {"", "0", "нет", "no", "false", "n", "н", "-"}

RowError = tuple[int, str, dict[str, str | int]]
Cell = Callable[[str], str]


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SchoolRow:
    name: str
    short_name: str
    municipality: str
    flags: dict[str, bool]


def search_text(name: str, short_name: str) -> str:
    return fold(f"{name} {short_name}")[:420]


def _flag(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("error-csv-encoding")


def read_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header (lower-cased) and the rows of the file; InvalidInput if it is no table."""
    if len(data) > CSV_MAX_BYTES:
        raise InvalidInput("error-file-too-big", max_kb=CSV_MAX_BYTES // 1000)
    text = _decode(data)
    sample = text[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        # Stray carriage returns or NUL bytes: not a text table (a spreadsheet or an image).
        raise InvalidInput("error-csv-encoding") from None
    if not rows:
        raise InvalidInput("error-csv-empty")
    header = [h.strip().lower().lstrip("\ufeff") for h in rows[0]]
    if "name" not in header:
        raise InvalidInput("error-csv-header", columns=", ".join(CSV_COLUMNS))
    return header, rows[1:]


def _cells(index: dict[str, int], row: list[str]) -> Cell:
    def cell(column: str) -> str:
        position = index.get(column)
        return row[position].strip() if position is not None and position < len(row) else ""

    return cell


def _flags(index: dict[str, int], cell: Cell) -> tuple[dict[str, bool], str | None]:
    """The row's yes/no columns, or the first column whose value is neither."""
    flags: dict[str, bool] = {}
    for column, attribute in FLAG_COLUMNS:
        if column not in index:
            continue
        value = _flag(cell(column))
        if value is None:
            return flags, column
        flags[attribute] = value
    return flags, None


def parse_row(
    line_no: int, row: list[str], header: list[str], index: dict[str, int], seen: set[str]
) -> SchoolRow | RowError | None:
    """One line as a school, or the error to report for it, or None for a blank line."""
    if not any(cell.strip() for cell in row):
        return None
    if len(row) < len(header):
        # A short row means a lost delimiter; guessing which cell is which would store wrong
        # flags, so the line is reported instead.
        return (line_no, "error-csv-row-columns", {"found": len(row), "needed": len(header)})
    cell = _cells(index, row)
    name = " ".join(cell("name").split())
    if not name:
        return (line_no, "error-csv-row-no-name", {})
    if len(name) > SCHOOL_NAME_MAX:
        return (line_no, "error-csv-row-too-long", {"column": "name"})
    if name in seen:
        return (line_no, "error-csv-row-duplicate", {})
    flags, bad_flag = _flags(index, cell)
    if bad_flag:
        return (line_no, "error-csv-row-flag", {"column": bad_flag, "value": cell(bad_flag)})
    short = (cell("short_name") or name)[:100]
    return SchoolRow(name, short, cell("municipality")[:200], flags)


def _store(session: AsyncSession, existing: dict[str, School], row: SchoolRow) -> bool:
    """Adds the school or updates the one of that name; True when it was added."""
    school = existing.get(row.name)
    if school is None:
        school = School(
            name=row.name,
            short_name=row.short_name,
            municipality=row.municipality,
            search_text=search_text(row.name, row.short_name),
            **row.flags,
        )
        session.add(school)
        existing[row.name] = school
        return True
    school.short_name = row.short_name
    school.search_text = search_text(row.name, row.short_name)
    school.municipality = row.municipality or school.municipality
    for attribute, value in row.flags.items():
        setattr(school, attribute, value)
    return False


async def import_schools(session: AsyncSession, actor: Actor, data: bytes) -> ImportReport:
    """Adds or updates schools by exact name; a bad row is reported with its line number."""
    header, rows = read_table(data)
    index = {column: header.index(column) for column in CSV_COLUMNS if column in header}
    report = ImportReport()
    seen: set[str] = set()
    async with write_tx(session):
        existing = {s.name: s for s in (await session.execute(select(School))).scalars()}
        for line_no, row in enumerate(rows, start=2):
            parsed = parse_row(line_no, row, header, index, seen)
            if parsed is None:
                continue
            if isinstance(parsed, tuple):
                report.errors.append(parsed)
                continue
            seen.add(parsed.name)
            if _store(session, existing, parsed):
                report.added += 1
            else:
                report.updated += 1
    log.info(
        "schools import added=%s updated=%s errors=%s by=%s",
        report.added,
        report.updated,
        len(report.errors),
        actor.user_id,
    )
    return report
