"""The workbook, the CSV files and the charts, opened the way their readers open them."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime

from aiogram.methods import DeleteMessage, EditMessageText, SendDocument, SendMessage, SendPhoto
from aiogram.types import BufferedInputFile
from openpyxl import load_workbook
from PIL import Image

from services.container import Services
from services.i18n import default_translator
from services.reports.charts import ChartKind, draw
from services.reports.export import Section, build_csv, build_workbook
from services.reports.indicators import IndicatorKind
from tests.conftest import ADMIN_ID
from tests.reports.test_reports import NOVEMBER, Network, build_network, methodist, network
from tests.support.harness import BotHarness

__all__ = ["network"]  # the fixture, imported for pytest


async def test_workbook_has_a_sheet_per_subject_with_the_figures(
    svc: Services, network: Network
) -> None:
    data = await svc.reports.report_data(methodist(network), NOVEMBER)
    t = default_translator().bind("ru")
    wb = load_workbook(io.BytesIO(build_workbook(data, t, svc.policy.timezone)))
    assert wb.sheetnames == [
        "Сводка",
        "Мероприятия",
        "Участники и посещаемость",
        "Показатели",
        "Опросы",
        "Затруднения педагогов",
        "Консультации",
        "Копилка",
        "Встречи наставников",
    ]

    events = wb["Мероприятия"]
    assert events.freeze_panes == "A2"
    assert events["A1"].value == "Дата и время" and events["A1"].font.b
    assert events.page_setup.orientation == "landscape"
    assert events.sheet_properties.pageSetUpPr.fitToPage
    assert events.column_dimensions["B"].width == 45
    rows = list(events.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["МО учителей математики", "Семинар по ГИА", "Вебинар"]
    # E2 starts at 00:30 on 1 November in Moscow (21:30 on 31 October in UTC).
    assert rows[0][0] == datetime(2026, 11, 1, 0, 30)
    assert rows[0][2] == "методические объединения"
    seminar = rows[1]
    assert seminar[6:12] == (6, 1, 5, 1, 4.5, 2)

    people = wb["Участники и посещаемость"]
    names = {r[0]: r for r in people.iter_rows(min_row=2, values_only=True)}
    assert len(names) == 9
    assert names["Человек T6"][1:3] == ("Любавичская СШ", "ШНРО, ШФНСУ")
    assert names["Человек T1"][3:] == (2, 2, 0, 1)
    assert names["(данные удалены по просьбе)"][1] == "СШ № 1"
    assert names["Человек T8"][1] == "школа не указана"

    indicators = list(wb["Показатели"].iter_rows(min_row=2, values_only=True))
    partner = [r for r in indicators if r[0].startswith("Доля школ-партнёров")]
    assert [r[1:4] for r in partner] == [
        ("вся сеть", 2, 3),
        ("ШНРО", 1, 2),
        ("ШФНСУ", 1, 1),
        ("остальные", 1, 1),
    ]
    assert partner[0][4] == 2 / 3
    assert wb["Показатели"]["E2"].number_format == "0.0%"

    summary = [r for r in wb["Сводка"].iter_rows(values_only=True) if r and r[0]]
    assert ("Период", "01.11.2026 – 30.11.2026") in [r[:2] for r in summary]
    assert ("Проведено мероприятий", 3) in [r[:2] for r in summary]


async def test_csv_round_trips_for_russian_excel(svc: Services, network: Network) -> None:
    data = await svc.reports.report_data(methodist(network), NOVEMBER)
    t = default_translator().bind("ru")
    raw = build_csv(data, Section.INDICATORS, t, svc.policy.timezone)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Показатель", "Категория школы", "Числитель", "Знаменатель", "Доля, %"]
    assert rows[1][1:] == ["вся сеть", "2", "3", "66,7"]
    assert len(rows) == 1 + len(IndicatorKind) * 4  # every indicator, mentoring too

    events = build_csv(data, Section.EVENTS, t, svc.policy.timezone).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(events), delimiter=";"))
    assert rows[1][0] == "01.11.2026 00:30"
    assert rows[2][1] == "Семинар по ГИА"
    assert rows[2][10] == "4,5"

    # A title with the delimiter and quotes survives the round trip.
    data.events[0] = replace(data.events[0], title='МО; «итоги» "года"')
    again = build_csv(data, Section.EVENTS, t, svc.policy.timezone).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(again), delimiter=";"))[1][1] == 'МО; «итоги» "года"'


async def test_charts_are_phone_sized_pngs(svc: Services, network: Network) -> None:
    data = await svc.reports.chart_data(methodist(network), NOVEMBER)
    t = default_translator().bind("ru")
    for kind in ChartKind:
        png = draw(kind, data, t)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert image.width == 1000


def _documents(requests: list[object]) -> list[SendDocument]:
    return [r for r in requests if isinstance(r, SendDocument)]


async def test_export_in_the_chat_shows_progress_then_the_file(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/export")
    assert "Выгрузка за 01.11.2026 – 30.11.2026" in harness.last_text(ADMIN_ID)
    requests = await harness.press(ADMIN_ID, "Excel")
    statuses = [r for r in requests if isinstance(r, SendMessage)]
    assert "Собираю данные" in statuses[0].text
    edits = [str(r.text) for r in requests if isinstance(r, EditMessageText)]
    assert any("3 мероприятия, 9 участников" in text for text in edits)
    (document,) = _documents(requests)
    assert isinstance(document.document, BufferedInputFile)
    assert document.document.filename == "report_20261101-20261130.xlsx"
    assert "Отчёт за 01.11.2026 – 30.11.2026 (вся сеть)" in (document.caption or "")
    wb = load_workbook(io.BytesIO(document.document.data))
    assert "Показатели" in wb.sheetnames
    # The status message gives way to the document.
    assert any(isinstance(r, DeleteMessage) for r in requests)

    await harness.send(ADMIN_ID, "/export")
    requests = await harness.press(ADMIN_ID, "CSV: участники")
    (document,) = _documents(requests)
    assert isinstance(document.document, BufferedInputFile)
    assert str(document.document.filename).endswith("_participants.csv")
    text = document.document.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ФИО;Школа;")


async def test_a_coordinator_export_holds_only_their_school(harness: BotHarness) -> None:
    from tests.reports.test_reports import COORDINATOR_TG

    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    await harness.send(COORDINATOR_TG, "/export")
    requests = await harness.press(COORDINATOR_TG, "Excel")
    (document,) = _documents(requests)
    assert isinstance(document.document, BufferedInputFile)
    wb = load_workbook(io.BytesIO(document.document.data))
    people = [r[1] for r in wb["Участники и посещаемость"].iter_rows(min_row=2, values_only=True)]
    assert people == ["СШ № 2"]
    cells = " ".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert "СШ № 1" not in cells and "Любавичская" not in cells


async def test_charts_in_the_chat(harness: BotHarness) -> None:
    async with harness.database.session_factory() as session:
        await build_network(Services(session, harness.policy, harness.clock))
    await harness.staff_ready(ADMIN_ID)
    await harness.send(ADMIN_ID, "/stats")
    requests = await harness.press(ADMIN_ID, "Графики")
    photos = [r for r in requests if isinstance(r, SendPhoto)]
    # No diagnostics answers yet: participation and attendance only.
    assert len(photos) == 2
    assert "по категориям школ" in (photos[0].caption or "")


async def test_a_title_that_looks_like_a_formula_stays_text(
    svc: Services, network: Network
) -> None:
    data = await svc.reports.report_data(methodist(network), NOVEMBER)
    data.events[0] = replace(data.events[0], title='=HYPERLINK("http://x","y")')
    t = default_translator().bind("ru")
    wb = load_workbook(io.BytesIO(build_workbook(data, t, svc.policy.timezone)))
    cell = wb["Мероприятия"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","y")'
    raw = build_csv(data, Section.EVENTS, t, svc.policy.timezone).decode("utf-8-sig")
    assert (
        list(csv.reader(io.StringIO(raw), delimiter=";"))[1][1] == '\'=HYPERLINK("http://x","y")'
    )
