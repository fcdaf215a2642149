"""Small plotting helpers shared by the notebooks, in the kit's house style.

Each returns the matplotlib ``Figure`` so a notebook can show it and pass it to
:class:`kit.Exporter`. Titles and axis labels are required arguments: a chart for a
paper says what it shows and in which unit.

Every text on these charts is drawn literally: a ``$`` in an article title is a
dollar sign, never the start of a matplotlib formula (``$80 ... $3`` would be drawn
garbled, and ``$\\frac{x$`` would stop the notebook). The kit's style sheet turns
formulas off too (``text.parse_math: False``) for the charts a notebook draws itself.
"""
from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

__all__ = ["bar", "line", "stacked_bar", "empty_chart"]


def _literal_text(draw):
    """Build the chart with formulas off, and make its tick labels now, so they stay literal.

    Tick labels are made when a chart is first drawn, with the settings of that
    moment; making them while formulas are off keeps them literal whatever the
    settings when the chart is shown or saved.
    """
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with plt.rc_context({"text.parse_math": False}):
            fig = draw(*args, **kwargs)
            for ax in fig.axes:
                for axis in (ax.xaxis, ax.yaxis):
                    axis.get_major_ticks(len(axis.get_majorticklocs()))
                    axis.get_minor_ticks(len(axis.get_minorticklocs()))
        return fig
    return wrapper


def _shorten(label: object, width: int = 40) -> str:
    s = str(label)
    return s if len(s) <= width else s[: width - 1] + "…"


def _width(n_bars: int) -> float:
    """Bar width: 0.8 of the slot, narrower when there are only one or two bars."""
    return 0.8 if n_bars > 2 else 0.4


@_literal_text
def empty_chart(title: str, message: str):
    """A chart that says why there is nothing to plot (rather than a blank image)."""
    fig, ax = plt.subplots(figsize=(8, 2.5))
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.4, message, ha="center", va="center", fontsize=12, color="#555555",
            transform=ax.transAxes)
    return fig


@_literal_text
def bar(frame: pd.DataFrame, x: str, y: str, *, title: str, xlabel: str, ylabel: str = "",
        horizontal: bool = True, color: str | None = None, max_label: int = 40):
    """A bar chart of ``y`` against the categories in ``x`` (horizontal by default)."""
    if frame.empty:
        return empty_chart(title, "no data to plot")
    height = max(2.5, 0.32 * len(frame) + 1.2) if horizontal else 4.5
    fig, ax = plt.subplots(figsize=(8, min(height, 14)))
    labels = [_shorten(v, max_label) for v in frame[x]]
    counts = pd.api.types.is_integer_dtype(frame[y])
    if counts:  # whole numbers on the value axis for counts
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if horizontal:
        ax.barh(labels[::-1], frame[y].to_numpy()[::-1], color=color, height=_width(len(labels)))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", visible=False)
    else:
        ax.bar(labels, frame[y].to_numpy(), color=color, width=_width(len(labels)))
        ax.set_ylabel(xlabel)
        ax.set_xlabel(ylabel)
        ax.grid(axis="x", visible=False)
        if len(labels) > 6:
            ax.tick_params(axis="x", labelrotation=45)
            for t in ax.get_xticklabels():
                t.set_ha("right")
    ax.set_title(title)
    return fig


@_literal_text
def stacked_bar(wide: pd.DataFrame, *, title: str, xlabel: str, ylabel: str = "",
                horizontal: bool = True, max_label: int = 40):
    """A stacked bar chart: one bar per row of ``wide``, one segment per column."""
    if wide.empty:
        return empty_chart(title, "no data to plot")
    height = max(2.5, 0.35 * len(wide) + 1.5) if horizontal else 4.5
    fig, ax = plt.subplots(figsize=(8, min(height, 14)))
    data = wide.iloc[::-1] if horizontal else wide
    data = data.set_axis([_shorten(v, max_label) for v in data.index], axis=0)
    data.plot(kind="barh" if horizontal else "bar", stacked=True, ax=ax, width=_width(len(data)))
    if all(pd.api.types.is_integer_dtype(t) for t in wide.dtypes):  # counts: whole-number ticks
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    if horizontal:
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", visible=False)
    else:
        ax.set_ylabel(xlabel)
        ax.set_xlabel(ylabel)
        ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title)
    return fig


@_literal_text
def line(frame: pd.DataFrame, x: str, y: str, *, title: str, ylabel: str, xlabel: str = "",
         hue: str | None = None, marker: str = "o"):
    """A line chart of ``y`` over ``x``, one line per value of ``hue``."""
    if frame.empty:
        return empty_chart(title, "no data to plot")
    fig, ax = plt.subplots()
    if hue is None:
        ax.plot(frame[x], frame[y], marker=marker)
    else:
        n_colours = len(plt.rcParams["axes.prop_cycle"].by_key().get("color", [None]))
        for i, (key, part) in enumerate(frame.groupby(hue, sort=True)):
            # past the palette's colours, lines repeat a colour with another dash pattern
            style = ["-", "--", ":", "-."][(i // n_colours) % 4]
            ax.plot(part[x], part[y], marker=marker, label=str(key), linestyle=style)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    fig.autofmt_xdate()
    return fig
