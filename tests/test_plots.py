"""Chart helpers (kit/plots.py): labels, colours, nothing-to-show, shares with intervals."""
from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import kit  # noqa: E402
from kit import plots  # noqa: E402
from kit.periods import shares_by  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("label, width, expected", [
    ("short", 40, "short"),
    ("Russia denies troops are fighting in Ukraine", 20, "Russia denies…"),
    ("Russia denies troops", 20, "Russia denies troops"),
    ("Russia denies troops!", 20, "Russia denies…"),
    ("Supercalifragilisticexpialidocious words", 10, "Supercalifragilisticexpialidocious…"),
    ("one,  two   three", 40, "one, two three"),
    ("Paragraph one, where the war begins", 16, "Paragraph one…"),
])
def test_shorten_cuts_between_words(label, width, expected):
    assert plots.shorten(label, width) == expected


@pytest.mark.parametrize("label, width, lines, expected", [
    ("a b c", 10, 3, "a b c"),
    ("the defense ministry said", 12, 3, "the defense\nministry\nsaid"),
    ("the defense ministry said today", 12, 2, "the defense\nministry…"),
])
def test_wrap_between_words(label, width, lines, expected):
    assert plots.wrap(label, width, lines=lines) == expected


@pytest.mark.parametrize("n", [0, 1, 3, 10, 11, 12, 20, 21, 30, 40])
def test_palette_colours_are_all_distinct(n):
    colours = plots.palette(n)
    assert len(colours) == n and len(set(colours)) == n


def test_topics_1_and_11_no_longer_share_a_colour():
    colours = plots.palette(11)
    assert colours[0] != colours[10]


def test_nothing_to_show_is_not_a_figure_and_exports_no_figure_file(tmp_path):
    chart = plots.bar(pd.DataFrame({"x": [], "y": []}), "x", "y", title="Articles per outlet", xlabel="Articles")
    assert isinstance(chart, plots.NoChart)
    assert str(chart) == "No chart: Articles per outlet. No data to plot."
    exp = kit.Exporter(tmp_path, notebook="nb")
    written = exp.figure(chart, "per_outlet", data=pd.DataFrame({"outlet": [], "articles": []}))
    assert [p.name for p in written] == ["per_outlet.csv"]
    assert sorted(p.name for p in (tmp_path / "nb").iterdir()) == ["manifest.json", "per_outlet.csv"]
    entry = json.loads((tmp_path / "nb" / "manifest.json").read_text())["exports"][0]
    assert (entry["files"], entry["reason"], entry["title"]) == ([], "no data to plot", "Articles per outlet")


def test_stacked_bar_takes_colours_by_column():
    wide = pd.DataFrame({"named": [1, 2], "anonymous": [0, 1]}, index=["a", "b"])
    fig = plots.stacked_bar(wide, title="T", xlabel="Sources", colors={"named": "#4c72b0", "anonymous": "#dd8452"})
    got = [to_hex(c.patches[0].get_facecolor()) for c in fig.axes[0].containers]
    assert got == ["#4c72b0", "#dd8452"]


def test_stacked_bar_of_zeros_has_nothing_to_show():
    assert isinstance(plots.stacked_bar(pd.DataFrame({"a": [0]}), title="T", xlabel="x"), plots.NoChart)


def trend(n_series, periods=4):
    dates = pd.date_range("2022-01-01", periods=periods, freq="MS")
    return pd.DataFrame([(d, f"topic {i}", i + j) for i in range(n_series) for j, d in enumerate(dates)],
                        columns=["period", "topic", "value"])


def test_few_lines_share_one_axis_and_many_become_small_multiples():
    few = plots.line(trend(3), "period", "value", hue="topic", title="T", ylabel="Y", freq="MS")
    assert len(few.axes) == 1 and len(few.axes[0].lines) == 3
    many = plots.line(trend(11), "period", "value", hue="topic", title="T", ylabel="Y", freq="MS")
    drawn = [ax for ax in many.axes if ax.lines]
    assert len(drawn) == 11 and all(len(ax.lines) == 1 for ax in drawn)
    assert len({to_hex(ax.lines[0].get_color()) for ax in drawn}) == 11


def test_time_ticks_use_the_one_format_of_the_period_length():
    fig = plots.line(trend(1), "period", "value", title="T", ylabel="Y", freq="MS")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Jan 2022", "Feb 2022", "Mar 2022", "Apr 2022"]
    bars = plots.bar(pd.DataFrame({"period": pd.to_datetime(["2022-01-01", "2022-04-01"]), "articles": [1, 2]}),
                     "period", "articles", title="T", xlabel="Articles", horizontal=False, freq="Q")
    assert [t.get_text() for t in bars.axes[0].get_xticklabels()] == ["2022 Q1", "2022 Q2"]


def frame():
    return pd.DataFrame({"outlet": ["X"] * 6 + ["Y"],
                         "date": pd.to_datetime(["2022-01-03", "2022-01-20", "2022-02-01", "2022-02-05",
                                                 "2022-03-09", "2022-03-10", "2022-03-11"]),
                         "anonymous": [1, 0, 2, 0, 1, 0, 1], "named": [1, 2, 0, 1, 1, 0, 1],
                         "sources": [2, 2, 2, 1, 2, 0, 2]})


def test_shares_over_time_panels_per_series_and_an_article_strip():
    table = shares_by(frame(), "period", ["anonymous", "named"], total="sources", freq="M", min_articles=3)
    fig = plots.shares(table, title="Source kinds per month", ylabel="Share of sources (%)")
    assert len(fig.axes) == 3  # two panels and the strip of articles per month
    strip = fig.axes[0]
    assert [round(p.get_height()) for p in strip.patches] == [2, 2, 3]
    assert [t.get_text() for t in strip.get_xticklabels()] == ["Jan 2022", "Feb 2022", "Mar 2022"]
    assert "fewer than 3 articles" in fig.texts[-1].get_text()


def test_shares_per_group_label_each_group_with_its_size():
    table = shares_by(frame(), "outlet", ["anonymous"], total="sources", min_articles=3)
    fig = plots.shares(table, title="Anonymous sources per outlet", ylabel="Share of sources (%)",
                       total_label="sources")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["X (6 articles, 9 sources)", "Y (1 article, 2 sources)"]  # top to bottom: most first
    hollow = [c for c in fig.axes[0].lines if c.get_markerfacecolor() == "white"]
    assert len(hollow) == 1  # Y has fewer than 3 articles


def test_shares_with_nothing_to_share_out():
    table = shares_by(frame().assign(sources=0, anonymous=0), "outlet", ["anonymous"], total="sources")
    assert isinstance(plots.shares(table, title="T", ylabel="Y"), plots.NoChart)


def test_a_chart_that_becomes_nothing_to_show_removes_its_own_figure_and_can_come_back(tmp_path):
    """The kit's figure of an earlier run goes (it would contradict the reason), and the
    next real chart under that name is not refused as somebody else's file."""
    frame = pd.DataFrame({"x": ["a"], "y": [1]})
    exp = kit.Exporter(tmp_path, notebook="nb", formats="png")
    exp.figure(plots.bar(frame, "x", "y", title="T", xlabel="Y"), "chart", data=frame)
    exp.figure(plots.no_chart("T", "no data to plot"), "chart", data=frame.iloc[:0])
    assert sorted(p.name for p in (tmp_path / "nb").iterdir()) == ["chart.csv", "manifest.json"]
    written = exp.figure(plots.bar(frame, "x", "y", title="T", xlabel="Y"), "chart", data=frame)
    assert [p.name for p in written] == ["chart.png", "chart.csv"]


def test_nothing_to_show_leaves_a_figure_the_kit_did_not_write(tmp_path):
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "chart.png").write_bytes(b"mine")
    exp = kit.Exporter(tmp_path, notebook="nb", formats="png")
    assert exp.figure(plots.no_chart("T", "no data to plot"), "chart") == []
    assert (tmp_path / "nb" / "chart.png").read_bytes() == b"mine"
