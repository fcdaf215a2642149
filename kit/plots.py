"""Plotting helpers shared by the notebooks, in the kit's house style.

Each returns the matplotlib ``Figure`` so a notebook can show it and pass it to
:class:`kit.Exporter`, or a :class:`NoChart` when there is nothing to draw: a
notebook shows it as a sentence saying why, and the exporter writes no figure file
for it (``index.html`` says why instead). Titles and axis labels are required
arguments: a chart for a paper says what it shows and in which unit.

The rules every chart follows:

- colours come from :func:`palette`, distinct for as many categories as the chart has;
- periods are written one way per period length (:func:`kit.periods.format_period`);
- long labels are shortened or wrapped between words, never inside one (:func:`shorten`);
- shares per group (:func:`shares`) show the interval and the number of articles
  behind each point, and mark groups too small to compare;
- many series over time are drawn as small multiples, one panel per series;
- every text is drawn literally: a ``$`` in an article title is a dollar sign, never
  the start of a matplotlib formula (``$80 ... $3`` would be drawn garbled, and
  ``$\\frac{x$`` would stop the notebook).
"""
from __future__ import annotations

import functools
import math
import textwrap
from dataclasses import dataclass
from typing import Iterable, Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_hex
from matplotlib.ticker import MaxNLocator

from kit.periods import format_period, normalize_freq, period_name

__all__ = ["NoChart", "bar", "diverging_bar", "dot_plot", "empty_chart", "facet_bars", "histogram", "line",
           "lines", "no_chart", "palette", "profile", "shade_bands", "shares", "shorten", "show", "small_multiples",
           "stacked_bar", "wrap"]

#: Lines on one axis before :func:`line` switches to small multiples.
MAX_LINES = 5
_SMALL = "#bbbbbb"  # groups below the minimum size


def _literal_text(draw):
    """Build the chart with formulas off, and make its tick labels now, so they stay literal.

    Tick labels are made when a chart is first drawn, with the settings of that
    moment; making them while formulas are off keeps them literal whatever the
    settings when the chart is shown or saved. A :class:`NoChart` passes through.
    """
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with plt.rc_context({"text.parse_math": False}):
            fig = draw(*args, **kwargs)
            for ax in getattr(fig, "axes", []):
                for axis in (ax.xaxis, ax.yaxis):
                    axis.get_major_ticks(len(axis.get_majorticklocs()))
                    axis.get_minor_ticks(len(axis.get_minorticklocs()))
        return fig
    return wrapper


# --- nothing to show ---------------------------------------------------------------------

@dataclass(frozen=True)
class NoChart:
    """A chart that was not drawn, and why. Shown in a notebook as a sentence;
    :meth:`kit.Exporter.figure` exports its table but no figure file."""

    title: str
    reason: str

    def __str__(self) -> str:
        return f"No chart: {self.title}. {self.reason[:1].upper()}{self.reason[1:]}."

    def _repr_markdown_(self) -> str:
        return f"**No chart: {self.title}.** {self.reason[:1].upper()}{self.reason[1:]}."

    def __repr__(self) -> str:
        return str(self)


def no_chart(title: str, reason: str) -> NoChart:
    """Say that a chart has nothing to show, and why (no figure is drawn or exported)."""
    return NoChart(str(title), str(reason).rstrip("."))


def show(fig) -> None:
    """Show a chart in the notebook: the figure, or for a :class:`NoChart` the sentence why."""
    if isinstance(fig, NoChart):
        try:
            from IPython.display import Markdown, display
        except ImportError:  # pragma: no cover - outside Jupyter
            print(fig)
        else:
            display(Markdown(fig._repr_markdown_()))
        return
    plt.show()


@_literal_text
def empty_chart(title: str, message: str):
    """A figure that says why there is nothing to plot (kept for old code; prefer :func:`no_chart`)."""
    fig, ax = plt.subplots(figsize=(8, 2.5))
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.4, message, ha="center", va="center", fontsize=12, color="#555555",
            transform=ax.transAxes)
    return fig


# --- labels and colours --------------------------------------------------------------------

def shorten(label: object, width: int = 40) -> str:
    """``label`` cut to at most ``width`` characters between words, with "…" when cut.

    A first word longer than ``width`` is kept whole: a label is never cut inside a word.
    """
    s = " ".join(str(label).split())
    if len(s) <= width:
        return s
    words, out = s.split(" "), ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if len(candidate) + 1 > width and out:
            break
        out = candidate
    out = out.rstrip(",;:-–—")
    return out + "…" if out != s else out


def wrap(label: object, width: int = 30, *, lines: int = 3) -> str:
    """``label`` wrapped between words onto at most ``lines`` lines of about ``width`` characters."""
    s = " ".join(str(label).split())
    parts = textwrap.wrap(s, width=width, break_long_words=False, break_on_hyphens=False) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [shorten(" ".join(parts[lines - 1:]), width)]
    return "\n".join(parts)


def palette(n: int) -> list[str]:
    """``n`` colours that stay distinct from one another.

    Up to 10: matplotlib's ``tab10``; up to 20: ``tab10`` then the light half of
    ``tab20``; beyond: evenly spaced hues in alternating lightness.

    Returns
    -------
    list of str
        Hex colours, ``n`` of them, no two alike.
    """
    if n <= 0:
        return []
    tab10 = [to_hex(c) for c in plt.get_cmap("tab10").colors]
    if n <= 10:
        return tab10[:n]
    if n <= 20:
        light = [to_hex(c) for c in plt.get_cmap("tab20").colors[1::2]]
        return (tab10 + light)[:n]
    from colorsys import hls_to_rgb

    return [to_hex(hls_to_rgb(i / n, 0.38 if i % 2 else 0.6, 0.75)) for i in range(n)]


def _colours(keys: list, colors: Mapping | Iterable[str] | None) -> list[str]:
    if colors is None:
        return palette(len(keys))
    if isinstance(colors, Mapping):
        fallback = iter(palette(len(keys)))
        return [colors.get(k) or next(fallback) for k in keys]
    return list(colors)[: len(keys)]


def _width(n_bars: int) -> float:
    """Bar width: 0.8 of the slot, narrower when there are only one or two bars."""
    return 0.8 if n_bars > 2 else 0.4


def _time_ticks(ax, periods: Iterable, freq: str | None, *, max_ticks: int = 10) -> None:
    """Ticks at period starts, written one way per period length."""
    values = pd.Series(pd.to_datetime(pd.Series(list(periods)).dropna().unique())).sort_values()
    if values.empty or not freq:
        return
    step = max(1, math.ceil(len(values) / max_ticks))
    ticks = values.iloc[::step]
    labels = format_period(ticks, freq).tolist()
    ax.set_xticks(ticks.to_list(), labels)
    if max(len(t) for t in labels) * len(labels) > 60:
        ax.tick_params(axis="x", labelrotation=45)
        for t in ax.get_xticklabels():
            t.set_ha("right")


def _legend(ax, n: int) -> None:
    if n > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))


# --- bars ---------------------------------------------------------------------------------

@_literal_text
def bar(frame: pd.DataFrame, x: str, y: str, *, title: str, xlabel: str, ylabel: str = "",
        horizontal: bool = True, color: str | None = None, max_label: int = 40, freq: str | None = None):
    """A bar chart of ``y`` against the categories in ``x`` (horizontal by default).

    With ``freq``, ``x`` holds period starts and is written as :func:`kit.periods.format_period`
    writes them. An empty ``frame`` gives a :class:`NoChart`.
    """
    if frame.empty:
        return no_chart(title, "no data to plot")
    height = max(2.5, 0.32 * len(frame) + 1.2) if horizontal else 4.5
    fig, ax = plt.subplots(figsize=(8, min(height, 14)))
    labels = (format_period(frame[x], freq).tolist() if freq else
              [shorten(v, max_label) for v in frame[x]])
    if pd.api.types.is_integer_dtype(frame[y]):  # whole numbers on the value axis for counts
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
    positions = np.arange(len(labels))
    if horizontal:
        ax.barh(positions, frame[y].to_numpy()[::-1], color=color, height=_width(len(labels)))
        ax.set_yticks(positions, labels[::-1])
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", visible=False)
    else:
        ax.bar(positions, frame[y].to_numpy(), color=color, width=_width(len(labels)))
        step = max(1, math.ceil(len(labels) / 16))
        ax.set_xticks(positions[::step], labels[::step])
        ax.set_ylabel(xlabel)
        ax.set_xlabel(ylabel)
        ax.grid(axis="x", visible=False)
        if len(positions[::step]) > 6:
            ax.tick_params(axis="x", labelrotation=45)
            for t in ax.get_xticklabels():
                t.set_ha("right")
    ax.set_title(title)
    return fig


@_literal_text
def stacked_bar(wide: pd.DataFrame, *, title: str, xlabel: str, ylabel: str = "",
                horizontal: bool = True, max_label: int = 40,
                colors: Mapping[str, str] | Iterable[str] | None = None):
    """A stacked bar chart: one bar per row of ``wide``, one segment per column.

    ``colors`` (a mapping from column to colour, or a list) fixes the segments'
    colours; by default they come from :func:`palette`, distinct for every column.
    """
    if wide.empty or not np.nansum(wide.to_numpy(dtype=float)):
        return no_chart(title, "no data to plot" if wide.empty else "every value is zero")
    height = max(2.5, 0.35 * len(wide) + 1.5) if horizontal else 4.5
    fig, ax = plt.subplots(figsize=(8, min(height, 14)))
    data = wide.iloc[::-1] if horizontal else wide
    data = data.set_axis([shorten(v, max_label) for v in data.index], axis=0)
    data.plot(kind="barh" if horizontal else "bar", stacked=True, ax=ax, width=_width(len(data)),
              color=_colours(list(wide.columns), colors))
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
def diverging_bar(frame: pd.DataFrame, label: str, value: str, *, title: str, xlabel: str,
                  threshold: float | None = 1.96, colors: tuple[str, str] = ("#1f77b4", "#d62728"),
                  max_label: int = 40):
    """Horizontal bars to the right (positive) and left (negative) of zero, lines at ±``threshold``."""
    if frame.empty:
        return no_chart(title, "no data to plot")
    shown = frame.sort_values(value, kind="stable")
    fig, ax = plt.subplots(figsize=(8, min(14, max(3, 0.32 * len(shown) + 1.2))))
    ax.barh([shorten(t, max_label) for t in shown[label]], shown[value],
            color=[colors[0] if v > 0 else colors[1] for v in shown[value]])
    if threshold:
        for x in (-threshold, threshold):
            ax.axvline(x, color="grey", linestyle=":", linewidth=1)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return fig


@_literal_text
def facet_bars(frame: pd.DataFrame, facet: str, label: str, value: str, *, title: str, xlabel: str,
               facet_title: str = "{}", ncols: int = 3):
    """One small horizontal bar chart per value of ``facet`` (e.g. the top words of each topic)."""
    if frame.empty:
        return no_chart(title, "no data to plot")
    groups = list(frame.groupby(facet, sort=True))
    ncols = min(ncols, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    rows_per = max(len(g) for _, g in groups)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.25 * rows_per * nrows + 1.2 * nrows),
                             squeeze=False)
    colours = palette(len(groups))
    for ax, (key, part), colour in zip(axes.flat, groups, colours):
        ax.barh([shorten(t, 28) for t in part[label].iloc[::-1]], part[value].iloc[::-1], color=colour)
        ax.set_title(wrap(facet_title.format(key), 40, lines=2), fontsize=10)
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
    for ax in axes.flat[len(groups):]:
        ax.set_axis_off()
    fig.suptitle(title)
    fig.tight_layout()
    return fig


# --- lines over time ------------------------------------------------------------------------

@_literal_text
def line(frame: pd.DataFrame, x: str, y: str, *, title: str, ylabel: str, xlabel: str = "",
         hue: str | None = None, marker: str = "o", freq: str | None = None, max_lines: int = MAX_LINES):
    """A line chart of ``y`` over ``x``, one line per value of ``hue``.

    With ``freq``, ``x`` holds period starts, written one way per period length. More
    than ``max_lines`` values of ``hue`` are drawn as small multiples (one panel each)
    rather than as a tangle of lines.
    """
    if frame.empty:
        return no_chart(title, "no data to plot" if not freq else "no dated article")
    if freq and frame[x].nunique() < 2:
        return no_chart(title, _one_period(frame[x], freq))
    if hue is not None and frame[hue].nunique() > max_lines:
        return small_multiples(frame, x, y, hue, title=title, ylabel=ylabel, xlabel=xlabel, freq=freq)
    fig, ax = plt.subplots()
    if hue is None:
        ax.plot(frame[x], frame[y], marker=marker)
    else:
        keys = sorted(frame[hue].unique(), key=str)
        for key, colour in zip(keys, palette(len(keys))):
            part = frame[frame[hue] == key]
            ax.plot(part[x], part[y], marker=marker, label=str(key), color=colour)
        _legend(ax, len(keys))
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel or (f"Start of {period_name(freq)}" if freq else ""))
    if freq:
        _time_ticks(ax, frame[x], freq)
    else:
        fig.autofmt_xdate()
    return fig


@_literal_text
def small_multiples(frame: pd.DataFrame, x: str, y: str, facet: str, *, title: str, ylabel: str,
                    xlabel: str = "", freq: str | None = None, low: str | None = None, high: str | None = None,
                    ncols: int = 3, marker: str = "o"):
    """One small panel per value of ``facet``, on shared axes (``low``/``high``: a band)."""
    if frame.empty:
        return no_chart(title, "no data to plot")
    keys = list(dict.fromkeys(frame[facet]))
    ncols = min(ncols, len(keys))
    nrows = math.ceil(len(keys) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.6 * ncols, 2.4 * nrows + 1.0), sharex=True, sharey=True,
                             squeeze=False)
    for ax, key, colour in zip(axes.flat, keys, palette(len(keys))):
        part = frame[frame[facet] == key]
        if low and high:
            ax.fill_between(part[x], part[low], part[high], color=colour, alpha=0.2, linewidth=0)
        ax.plot(part[x], part[y], color=colour, marker=marker, markersize=3)
        ax.set_title(wrap(key, 36, lines=2), fontsize=9)
    for ax in axes.flat[len(keys):]:
        ax.set_axis_off()
    for ax in axes[:, 0]:
        ax.set_ylabel(ylabel if nrows == 1 else "")
    if freq:
        for ax in axes[-1]:
            _time_ticks(ax, frame[x], freq, max_ticks=4)
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    fig.suptitle(title)
    if nrows > 1:
        fig.supylabel(ylabel)
    fig.supxlabel(xlabel or (f"Start of {period_name(freq)}" if freq else ""))
    fig.tight_layout()
    return fig


@_literal_text
def lines(frame: pd.DataFrame, x: str, columns: Mapping[str, str], *, title: str, xlabel: str, ylabel: str,
          highlight: str | None = None, highlight_label: str = "chosen", emphasis: str | None = None):
    """Several columns of ``frame`` over ``x`` (``columns``: column to legend name).

    ``emphasis`` names the column drawn thicker; ``highlight`` a boolean column whose
    true rows are circled on the emphasised line.
    """
    if frame.empty:
        return no_chart(title, "no data to plot")
    fig, ax = plt.subplots()
    for (column, name), colour in zip(columns.items(), palette(len(columns))):
        ax.plot(frame[x], frame[column], marker="o", label=name, color=colour,
                linewidth=2.5 if column == emphasis else 1.2)
    if highlight and emphasis:
        best = frame[frame[highlight].astype(bool)]
        ax.plot(best[x], best[emphasis], marker="o", markersize=14, linestyle="none", fillstyle="none",
                color="black", label=highlight_label)
    ax.set_xticks(frame[x])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


# --- shares with their intervals ----------------------------------------------------------------

@_literal_text
def shares(table: pd.DataFrame, *, title: str, ylabel: str, by: str | None = None, xlabel: str = "",
           percent: bool = True, colors: Mapping[str, str] | None = None, ncols: int = 3,
           total_label: str = "in all", scale: float | None = None):
    """Shares per group from :func:`kit.periods.shares_by`: each with its interval and its size.

    Over periods (``by="period"``): one panel per series (small multiples), each point
    with its interval as a band, above a strip with the number of articles per
    period. Per group (an outlet): a dot and whisker per group and series, each group
    labelled with its number of articles (and its ``total``, called ``total_label``:
    "sources"). Groups marked ``small`` are drawn hollow and
    grey, and the note under the chart says below how many articles that is.
    ``scale`` multiplies the shares (default 100, percent; 1000 for "per 1,000 words").
    """
    if table.empty or table["share"].notna().sum() == 0:
        return no_chart(title, "no group has anything to share out" if len(table) else "no data to plot")
    if "period" in table.columns and by in (None, "period") and table.loc[table["articles"] > 0, "period"].nunique() < 2:
        return no_chart(title, _one_period(table.loc[table["articles"] > 0, "period"], table.attrs.get("freq") or "D"))
    by = by or next(c for c in table.columns if c not in ("series", "articles", "count", "total", "share",
                                                           "low", "high", "small"))
    scale = scale if scale is not None else (100 if percent else 1)
    keys = list(dict.fromkeys(table["series"]))
    colours = dict(zip(keys, _colours(keys, colors)))
    minimum = table.attrs.get("min_articles")
    level = table.attrs.get("level", 0.95)
    over_time = by == "period" or (by is None and "period" in table.columns)
    note = f"{'bands' if over_time else 'whiskers'}: {100 * level:.0f} % bootstrap interval over articles"
    if minimum and table["small"].any():
        note += f"; grey, hollow: fewer than {minimum} articles"
    if by == "period":
        freq = table.attrs.get("freq") or None
        ncols = min(ncols, len(keys))
        nrows = math.ceil(len(keys) / ncols)
        fig = plt.figure(figsize=(max(6.5, 3.6 * ncols), 2.6 * nrows + 2.2))
        grid = fig.add_gridspec(nrows + 1, ncols, height_ratios=[3] * nrows + [1.2])
        strip = fig.add_subplot(grid[nrows, :])
        axes = []
        for i, key in enumerate(keys):
            ax = fig.add_subplot(grid[i // ncols, i % ncols], sharex=strip,
                                 sharey=axes[0] if axes else None)
            axes.append(ax)
            part = table[table["series"] == key]
            ok = part["share"].notna()
            ax.fill_between(part["period"], scale * part["low"], scale * part["high"], color=colours[key],
                            alpha=0.2, linewidth=0)
            ax.plot(part["period"], scale * part["share"], color=colours[key], linewidth=1)  # gaps stay gaps
            big = ok & ~part["small"]
            ax.plot(part.loc[big, "period"], scale * part.loc[big, "share"], "o", color=colours[key], markersize=4)
            small = ok & part["small"]
            ax.plot(part.loc[small, "period"], scale * part.loc[small, "share"], "o", markerfacecolor="white",
                    markeredgecolor=_SMALL, markersize=4)
            if len(keys) > 1:
                ax.set_title(wrap(key, 36, lines=2), fontsize=9)
            ax.tick_params(axis="x", labelbottom=False)
            if i % ncols == 0:
                ax.set_ylabel(ylabel if len(keys) == 1 else wrap(ylabel, 24))
        axes[0].set_ylim(0, _upper(table, scale))
        counts = table.drop_duplicates("period")
        strip.bar(counts["period"], counts["articles"], width=_period_width(counts["period"]),
                  color=[_SMALL if s else "#555555" for s in counts["small"]])
        strip.set_ylabel("Articles", fontsize=8)
        strip.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
        strip.set_xlabel(xlabel or f"Start of {period_name(freq)}")
        if freq:
            _time_ticks(strip, counts["period"], freq)
        fig.suptitle(title)
        fig.tight_layout()
        _note(fig, note)
        return fig
    if table[by].nunique() == 1 and table["series"].nunique() > 1:  # one group: a row per series
        n = int(table["articles"].iloc[0])
        rows = table.assign(**{by: [f"{shorten(k, 30)} ({int(c):,} of {int(t):,} {total_label})" if pd.notna(t)
                                    else shorten(k, 30) for k, c, t in zip(table["series"], table["count"],
                                                                          table["total"])]},
                            series=f"{n} article{'s' if n != 1 else ''}")
        rows.attrs.update(table.attrs)
        return _group_rows(rows, by, title=title, ylabel=ylabel, scale=scale, note=note, colors=None,
                           total_label=None)
    return _group_rows(table, by, title=title, ylabel=ylabel, scale=scale, note=note, colors=colours,
                       total_label=total_label)


def _group_rows(table: pd.DataFrame, by: str, *, title: str, ylabel: str, scale: float, note: str,
                colors: Mapping[str, str] | None, total_label: str | None):
    keys = list(dict.fromkeys(table["series"]))
    colours = colors or dict(zip(keys, palette(len(keys))))
    groups = list(dict.fromkeys(table[by]))
    sizes = table.drop_duplicates(by).set_index(by)
    labels = []
    for g in groups:
        row = sizes.loc[g]
        if total_label is None:  # the label already says it
            labels.append(str(g))
            continue
        extra = f", {int(row['total'])} {total_label}" if pd.notna(row["total"]) else ""
        n = int(row["articles"])
        labels.append(f"{shorten(g, 30)} ({n} article{'s' if n != 1 else ''}{extra})")
    fig, ax = plt.subplots(figsize=(8, min(14, max(2.8, 0.4 * len(groups) * max(1, len(keys) / 2) + 1.6))))
    offsets = np.linspace(0.25, -0.25, len(keys)) if len(keys) > 1 else [0.0]  # the first series on top
    ypos = {g: len(groups) - 1 - i for i, g in enumerate(groups)}
    for key, off in zip(keys, offsets):
        part = table[table["series"] == key]
        y = np.array([ypos[g] for g in part[by]]) + off
        share, low, high = (scale * part[c].to_numpy(dtype=float) for c in ("share", "low", "high"))
        small = part["small"].to_numpy()
        err = np.vstack([np.clip(share - low, 0, None), np.clip(high - share, 0, None)])
        ax.errorbar(share[~small], y[~small], xerr=err[:, ~small], fmt="o", color=colours[key], label=key,
                    capsize=3, markersize=5)
        if small.any():
            ax.errorbar(share[small], y[small], xerr=err[:, small], fmt="o", color=_SMALL, mfc="white",
                        capsize=3, markersize=5)
    ax.set_xlim(0, _upper(table, scale))
    ax.set_yticks([ypos[g] for g in groups], labels)
    ax.set_ylim(-0.7, len(groups) - 0.3)
    ax.set_xlabel(ylabel)
    ax.grid(axis="y", visible=False)
    ax.set_title(title if total_label is not None else f"{title} ({keys[0]})")
    _legend(ax, len(keys))
    _note(fig, note)
    return fig


def _note(fig, note: str) -> None:
    """A small line under the chart saying how to read it (kept in exports: bbox is tight)."""
    fig.text(0.5, 0.0, note, ha="center", va="top", fontsize=8, color="#555555")


def _upper(table: pd.DataFrame, scale: float) -> float:
    """The top of a share axis: from 0, a little above the highest interval, at most 100 %."""
    top = np.nanmax(table[["share", "high"]].to_numpy(dtype=float)) * scale
    return float(min(scale, top * 1.08)) if top > 0 else float(scale) / 10


def _one_period(periods: pd.Series, freq: str) -> str:
    """Why a chart over time has nothing to show: one period only (or none)."""
    values = pd.Series(pd.to_datetime(pd.Series(periods).dropna().unique()))
    if values.empty:
        return "no dated article"
    return (f"all the dated articles fall in one {period_name(freq)} ({format_period(values, freq).iloc[0]}): "
            "no change over time to show")


def _period_width(periods: pd.Series) -> float:
    values = pd.to_datetime(periods).sort_values()
    if len(values) < 2:
        return 20.0
    return float(values.diff().dropna().min() / pd.Timedelta(days=1)) * 0.8


# --- distributions and profiles ------------------------------------------------------------------

@_literal_text
def histogram(values: pd.Series, *, title: str, xlabel: str, ylabel: str, cap_quantile: float | None = None,
              unit: str = "", show_mean: bool = True, bins: int | None = None, integer: bool = False):
    """A histogram of ``values`` with its mean and median marked.

    With ``cap_quantile`` (e.g. 0.995), values above that quantile are not drawn and
    the chart says how many were left out and the largest, so that a few outliers do
    not squeeze the rest.
    """
    values = pd.Series(values).dropna()
    if values.empty:
        return no_chart(title, "no values to draw")
    fig, ax = plt.subplots()
    shown = values
    if cap_quantile is not None:
        cap = max(10, int(values.quantile(cap_quantile)))
        shown = values[values <= cap]
        beyond = int((values > cap).sum())
        if beyond:
            ax.text(0.99, 0.6, f"{beyond} value{'s' if beyond != 1 else ''} above {cap}{unit} not drawn\n"
                    f"(largest: {values.max():g}{unit})", transform=ax.transAxes, ha="right", va="top",
                    fontsize=8, color="#555555")
    if integer:
        top = int(shown.max())
        step = max(1, top // 40 + 1)
        edges = list(range(0, top + 2 * step, step))
    else:
        edges = bins or 30
    ax.hist(shown, bins=edges, color=palette(1)[0])
    if show_mean:
        ax.axvline(values.mean(), color="C3", linestyle="--", label=f"mean: {values.mean():.1f}{unit}")
        ax.axvline(values.median(), color="C2", linestyle=":", label=f"median: {values.median():.0f}{unit}")
        ax.legend()
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def shade_bands(ax, bands: pd.DataFrame, low: float, high: float, *, axis: str = "x",
                shades: tuple[str, str] = ("#ffffff", "#e2e2e2")) -> None:
    """Shade and label bands (e.g. :func:`kit.grade_bands`: ``band``, ``grades``, ``low``, ``high``)
    between ``low`` and ``high`` on the ``axis`` of ``ax``."""
    for i, band in enumerate(bands.itertuples(index=False)):
        lo, hi = max(band.low, low), min(band.high, high)
        if lo >= hi:
            continue
        label = f"{str(band.band).split()[0]}\n{band.grades}"
        if axis == "x":
            ax.axvspan(lo, hi, color=shades[i % 2], zorder=0, linewidth=0)
            ax.text((lo + hi) / 2, 1.01, label, transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                    fontsize=7, color="#555555")
        else:
            ax.axhspan(lo, hi, color=shades[i % 2], zorder=0, linewidth=0)
            ax.text(1.01, (lo + hi) / 2, label, transform=ax.get_yaxis_transform(), ha="left", va="center",
                    fontsize=7, color="#555555")


def _span(frame: pd.DataFrame, columns: Iterable[str], floor: float, ceiling: float) -> tuple[float, float]:
    values = frame[list(columns)].to_numpy(dtype=float)
    return min(floor, float(np.nanmin(values)) - 1), max(ceiling, float(np.nanmax(values)) + 1)


@_literal_text
def dot_plot(frame: pd.DataFrame, label: str, columns: Mapping[str, str], *, title: str, xlabel: str,
             bands: pd.DataFrame | None = None, split: int | None = None, span: tuple[float, float] = (0, 13),
             max_label: int = 38):
    """One row per item (``label``), a dot per column (``columns``: column to legend name).

    ``bands`` shades ranges behind the dots (:func:`shade_bands`); ``split`` draws a
    dotted line after that many rows (e.g. between the easiest and the hardest half).
    """
    data = frame.dropna(subset=list(columns))
    if data.empty:
        return no_chart(title, "no row has values to draw")
    fig, ax = plt.subplots(figsize=(9, min(14, max(3.2, 0.34 * len(data) + 2.2))))
    low, high = _span(data, columns, *span)
    if bands is not None:
        shade_bands(ax, bands, low, high, axis="x")
    y = list(range(len(data)))
    for (column, name), marker, colour in zip(columns.items(), ["o", "^", "s", "D", "v", "P"],
                                              palette(len(columns))):
        ax.scatter(data[column], y, marker=marker, label=name, zorder=3, color=colour)
    if split:
        ax.axhline(split - 0.5, color="#777777", linestyle=(0, (1, 3)), linewidth=1)
    ax.set_yticks(y, [shorten(t, max_label) for t in data[label]])
    ax.set_xlim(low, high)
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    ax.set_title(title, pad=28 if bands is not None else None)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.9 / fig.get_figheight()), ncol=len(columns))
    return fig


@_literal_text
def profile(frame: pd.DataFrame, x: str, columns: Mapping[str, str], *, title: str, xlabel: str, ylabel: str,
            bands: pd.DataFrame | None = None, reference: tuple[float, str] | None = None,
            span: tuple[float, float] = (0, 13), max_markers: int = 60):
    """Values along a sequence (e.g. grade level paragraph by paragraph), with a reference line."""
    if frame.empty or frame[list(columns)].notna().sum().sum() == 0:
        return no_chart(title, "nothing to draw along the sequence")
    fig, ax = plt.subplots(figsize=(9, 4.5))
    low, high = _span(frame, columns, *span)
    if bands is not None:
        shade_bands(ax, bands, low, high, axis="y")
    dots = len(frame) <= max_markers  # markers only while they can be told apart
    for (column, name), marker, colour in zip(columns.items(), ["o", "^", "s"], palette(len(columns))):
        ax.plot(frame[x], frame[column], marker=marker if dots else None, label=name, color=colour)
    if reference is not None:
        ax.axhline(reference[0], color="C3", linestyle="--", label=reference[1])
    ax.set_ylim(low, high)
    ax.set_xlim(frame[x].min() - 0.5, frame[x].max() + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.18), ncol=3, fontsize=8)
    return fig
