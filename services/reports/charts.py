"""Charts as PNG for the chat: about 1000 px wide, large type, readable on a phone.

Figures are drawn on the Agg canvas through the object API (no pyplot and no global state),
so drawing in a worker thread is safe; the bundled DejaVu Sans font renders Cyrillic.
"""

from __future__ import annotations

import asyncio
import io
import textwrap
from enum import StrEnum
from typing import TYPE_CHECKING

from services.charts import new_figure
from services.i18n import Text
from services.reports.data import ReportData
from services.reports.indicators import IndicatorCategory, IndicatorKind

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 6.5, 100
FONT = "DejaVu Sans"
COLOURS = ("#2E6FD8", "#F29D38", "#3BA55D", "#8E8E93")
MONTH_KEYS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


TOP_DIFFICULTIES = 8
LABEL_WIDTH = 30


class ChartKind(StrEnum):
    PARTICIPATION = "participation"
    ATTENDANCE = "attendance"
    DIFFICULTIES = "difficulties"


def _figure() -> Figure:
    return new_figure(WIDTH_IN, HEIGHT_IN, DPI)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def participation_chart(data: ReportData, t: Text) -> bytes:
    """Share of teachers who attended a network event, per school category."""
    indicator = next(i for i in data.indicators if i.kind == IndicatorKind.TEACHERS_PARTICIPATED)
    categories = [
        IndicatorCategory.LOW_RESULTS,
        IndicatorCategory.UNFAVOURABLE,
        IndicatorCategory.OTHER,
        IndicatorCategory.ALL,
    ]
    labels = [t(f"reports-chart-category-{c.value}") for c in categories]
    ratios = [indicator.get(c) for c in categories]
    values = [100 * (r.share or 0.0) for r in ratios]
    figure = _figure()
    axes = figure.add_subplot()
    bars = axes.bar(labels, values, color=COLOURS[: len(labels)])
    for bar, ratio in zip(bars, ratios, strict=True):
        text = (
            "—"
            if ratio.share is None
            else f"{100 * ratio.share:.0f}%\n{ratio.numerator}/{ratio.denominator}"
        )
        axes.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=16,
            family=FONT,
            xytext=(0, 4),
            textcoords="offset points",
        )
    axes.set_ylim(0, 115)
    axes.set_ylabel("%", fontsize=16, family=FONT)
    axes.set_title(t("reports-chart-participation-title"), fontsize=20, family=FONT, pad=14)
    axes.tick_params(labelsize=16)
    for label in axes.get_xticklabels():
        label.set_fontfamily(FONT)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return _png(figure)


def attendance_chart(data: ReportData, t: Text) -> bytes:
    """Confirmed registrations and attendance per month."""
    months = data.months
    labels = [
        f"{t('reports-month-' + MONTH_KEYS[m.month.month - 1])}\n{m.month.year % 100:02d}"
        for m in months
    ]
    positions = list(range(len(months)))
    width = 0.4
    figure = _figure()
    axes = figure.add_subplot()
    registered = axes.bar(
        [p - width / 2 for p in positions],
        [m.registered for m in months],
        width,
        label=t("reports-chart-registered"),
        color=COLOURS[0],
    )
    attended = axes.bar(
        [p + width / 2 for p in positions],
        [m.attended for m in months],
        width,
        label=t("reports-chart-attended"),
        color=COLOURS[2],
    )
    for group in (registered, attended):
        axes.bar_label(group, fontsize=13, padding=2)
    axes.set_xticks(positions, labels)
    axes.tick_params(labelsize=15)
    axes.set_title(t("reports-chart-attendance-title"), fontsize=20, family=FONT, pad=14)
    axes.legend(fontsize=15, frameon=False, loc="upper left")
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(y=0.15)
    figure.tight_layout()
    return _png(figure)


def difficulties_chart(data: ReportData, t: Text) -> bytes:
    """The most frequent difficulties of the diagnostics: "serious" and "some", stacked."""
    rows = [d for d in data.difficulties if d.answered][:TOP_DIFFICULTIES]
    rows.reverse()  # the largest at the top of a horizontal chart
    labels = [textwrap.fill(t(f"topic-{d.topic.value}"), LABEL_WIDTH) for d in rows]
    serious = [100 * (d.serious_share or 0.0) for d in rows]
    some = [100 * (d.some_share or 0.0) for d in rows]
    figure = new_figure(WIDTH_IN, max(HEIGHT_IN, 1.0 + 0.95 * len(rows)), DPI)
    axes = figure.add_subplot()
    axes.barh(labels, serious, color="#D64545", label=t("reports-chart-serious"))
    axes.barh(labels, some, left=serious, color="#F2C14E", label=t("reports-chart-some"))
    for index, (hard, light) in enumerate(zip(serious, some, strict=True)):
        axes.text(hard + light + 1, index, f"{hard:.0f}% / {light:.0f}%", va="center", fontsize=14)
    axes.set_xlim(0, 125)
    axes.set_xlabel("%", fontsize=15, family=FONT)
    axes.tick_params(labelsize=14)
    axes.set_title(t("reports-chart-difficulties-title"), fontsize=19, family=FONT, pad=14)
    axes.legend(fontsize=14, frameon=False, loc="lower right")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return _png(figure)


def available(data: ReportData) -> list[ChartKind]:
    """The charts worth sending: the difficulties only once somebody answered the diagnostics."""
    kinds = [ChartKind.PARTICIPATION, ChartKind.ATTENDANCE]
    if any(d.answered for d in data.difficulties):
        kinds.append(ChartKind.DIFFICULTIES)
    return kinds


def draw(kind: ChartKind, data: ReportData, t: Text) -> bytes:
    if kind == ChartKind.PARTICIPATION:
        return participation_chart(data, t)
    if kind == ChartKind.ATTENDANCE:
        return attendance_chart(data, t)
    return difficulties_chart(data, t)


async def render_chart(kind: ChartKind, data: ReportData, t: Text) -> bytes:
    """Draws in a worker thread: a figure takes a noticeable fraction of a second."""
    return await asyncio.to_thread(draw, kind, data, t)
