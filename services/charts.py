"""Figures for the report charts, drawn on matplotlib's Agg canvas through the object API.

matplotlib is imported on the first chart, not when the bot starts: it costs about 0.4 s and
tens of megabytes that a bot which never draws a chart should not pay. The object API keeps
no global state (unlike pyplot), so charts can be drawn in worker threads side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def new_figure(width_inches: float, height_inches: float, dpi: int = 100) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_inches, height_inches), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure
