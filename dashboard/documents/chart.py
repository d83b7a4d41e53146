"""The report's trend chart as a PNG: tests per week (bars) and the share of staff
meeting the weekly target (line), drawn with matplotlib's Agg backend in the
documents' typeface, black and grey so that it prints on any office printer."""

from __future__ import annotations

import io

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dashboard import i18n
from dashboard.documents import fonts

_CM = 1 / 2.54  # inches


def trend_png(
    weeks: pd.DataFrame,
    tests_label: str,
    share_label: str,
    week_label: str,
    *,
    width_cm: float = 16.0,
    height_cm: float = 7.5,
    dpi: int = 200,
) -> bytes:
    """The chart of ``weeks`` (rows of :func:`overview.weekly_participation`: iso_week,
    tests, compliance) as PNG bytes, its words given by the caller."""
    regular = FontProperties(fname=fonts.path(fonts.REGULAR), size=9)
    small = FontProperties(fname=fonts.path(fonts.REGULAR), size=8)
    # A Figure of its own, not pyplot: pyplot's global state is shared by the app's threads.
    figure = Figure(figsize=(width_cm * _CM, height_cm * _CM), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    bars = figure.add_subplot()
    positions = list(range(len(weeks)))
    bars.bar(positions, weeks["tests"], color="#b8b8b8", edgecolor="#6e6e6e", linewidth=0.5, label=tests_label)
    bars.set_xticks(positions, [str(int(key.split("-W")[1])) for key in weeks["iso_week"]])
    bars.set_xlabel(week_label, fontproperties=regular)
    bars.set_ylabel(tests_label, fontproperties=regular)
    bars.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    bars.yaxis.set_major_formatter(FuncFormatter(lambda value, _: i18n.number(value)))
    bars.set_ylim(0, max(float(weeks["tests"].max() or 0), 1) * 1.15)
    share = bars.twinx()
    shares = weeks["compliance"] * 100
    share.plot(positions, shares, color="black", marker="o", markersize=3.5, linewidth=1.4, label=share_label)
    for x, value in zip(positions, shares, strict=True):
        if value == value:  # a week with no roster has no share to write
            share.annotate(
                i18n.number(value, decimals=1),
                (x, value),
                textcoords="offset points",
                xytext=(0, 5),
                ha="center",
                fontproperties=small,
            )
    share.set_ylim(0, 100)
    share.set_ylabel(share_label, fontproperties=regular)
    share.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{i18n.number(value)}%"))
    for axis in (bars, share):
        axis.spines["top"].set_visible(False)
        for label in axis.get_xticklabels() + axis.get_yticklabels():
            label.set_fontproperties(small)
    handles = [*bars.get_legend_handles_labels()[0], *share.get_legend_handles_labels()[0]]
    bars.legend(
        handles,
        [tests_label, share_label],
        prop=small,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncol=2,
        frameon=False,
    )
    output = io.BytesIO()
    figure.savefig(output, format="png", dpi=dpi, metadata={"Software": None})
    return output.getvalue()
