"""kit.export: safe, stable file names; byte-identical reruns; the manifest; chart checks."""
from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import kit  # noqa: E402
from kit.export import (MANIFEST, ChartWarning, Exporter, chart_problems, chart_title,  # noqa: E402
                        csv_safe, read_manifest, safe_name)

HOSTILE = [
    "../../x",
    "../../../../etc/passwd",
    "/etc/passwd",
    "/tmp/absolute/chart",
    "C:\\Windows\\system32\\evil",
    "~/.ssh/id_rsa",
    "..",
    ".",
    "",
    "a/b/../../../c",
    "x\x00y",
    "Новости дня",
    "日本語のタイトル",
    "🙂" * 20,
    "t" * 500,
    "../" * 100 + "deep",
    "CON",
    "nul.txt",
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bar(title="Articles per outlet", xlabel="Articles"):
    kit.use_style()
    frame = pd.DataFrame({"outlet": ["A", "B", "C"], "articles": [3, 2, 1]})
    return kit.plots.bar(frame, "outlet", "articles", title=title, xlabel=xlabel), frame


@pytest.mark.parametrize(("name", "expected"), [
    ("../../etc/passwd", "etc_passwd"),
    ("../../x", "x"),
    ("/etc/passwd", "etc_passwd"),
    ("Top terms: 2022/08", "Top_terms_2022_08"),
    ("Beiträge über Öl", "Beitrage_uber_Ol"),
    ("Story.txt", "Story.txt"),           # case is kept: Story.txt and story.txt are two articles
    ("story.txt", "story.txt"),
    ("naïve café", "naive_cafe"),
    ("C:\\Windows\\system32", "C_Windows_system32"),
    ("~/.ssh/id_rsa", "ssh_id_rsa"),
    ("x\x00y", "x_y"),
    ("..", "unnamed"),
    ("", "unnamed"),
    ("con", "con_"),
    ("CON.txt", "CON_.txt"),
    ("console", "console"),
    ("Новости", "43a387c8"),            # no ASCII spelling: a stable hash of the name
    ("日本語のタイトル", "2eb8d0eb"),
    ("a" * 200, "a" * 71 + "_e61cfffe"),  # too long: cut, with a hash of the full name
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_name_is_one_plain_file_name(name):
    slug = safe_name(name)
    assert 1 <= len(slug) <= 80
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\x00" not in slug
    assert not slug.startswith((".", "-")) and slug.isascii()


@pytest.mark.parametrize(("a", "b"), [
    ("Новости", "Погода"),
    ("日本語", "中文"),
    ("x" * 90 + "one", "x" * 90 + "two"),
    ("Story", "story"),
    ("article_Story", "article_story"),
])
def test_distinct_names_keep_distinct_files(a, b):
    assert safe_name(a) != safe_name(b)


def test_hostile_names_never_write_outside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    fig, frame = _bar()
    for notebook in ["../../escape", "/abs/notebook"]:
        exp = Exporter(out, notebook=notebook, formats="svg")  # the path logic is the same for every format
        for name in HOSTILE:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ChartWarning)
                exp.figure(fig, name, data=frame)
            exp.table(frame, name)
            exp.html("<p>hi</p>", name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert sorted(p.name for p in out.iterdir()) == ["abs_notebook", "escape"]
    assert all(len(p.relative_to(out).parts) == 2 for p in written)


def test_a_symlink_pointing_outside_is_refused(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside.csv"
    (out / "nb").mkdir(parents=True)
    (out / "nb" / "evil.csv").symlink_to(outside)
    with pytest.raises(ValueError, match="refusing to write outside"):
        Exporter(out, notebook="nb").table(pd.DataFrame({"a": [1]}), "evil")
    assert not outside.exists()


def test_chart_files_are_byte_identical_across_saves(tmp_path):
    fig, frame = _bar()
    # without the Exporter's fixed salt, SVG ids would be random per save
    with plt.rc_context({"svg.hashsalt": None}):
        first = Exporter(tmp_path / "a", notebook="nb", formats="png,svg,pdf").figure(fig, "chart", data=frame)
        second = Exporter(tmp_path / "b", notebook="nb", formats="png,svg,pdf").figure(fig, "chart", data=frame)
    assert [p.name for p in first] == ["chart.png", "chart.svg", "chart.pdf", "chart.csv"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert b"<dc:date>" not in first[1].read_bytes()
    assert b"/CreationDate" not in first[2].read_bytes()


def test_png_is_300_dpi_and_vectors_keep_text_as_text(tmp_path):
    from PIL import Image

    fig, _ = _bar(title="Articles per outlet")
    png, svg, pdf = Exporter(tmp_path, notebook="nb", formats="png,svg,pdf").figure(fig, "chart")
    with Image.open(png) as image:
        assert [round(v) for v in image.info["dpi"]] == [300, 300]
        assert image.size[0] > 2000  # 8 inches wide at 300 dpi, less the tight-bbox trim
    assert ">Articles per outlet</text>" in svg.read_text(encoding="utf-8")
    assert b"/FontFile2" in pdf.read_bytes()  # TrueType (Type 42) embedded: selectable text


def test_tables_are_utf8_with_unix_newlines_and_stable(tmp_path):
    frame = pd.DataFrame({"article_id": ["b", "a"], "title": ["Ökonomie, \"quoted\"", "x"]})
    exp = Exporter(tmp_path, notebook="nb")
    path = exp.table(frame, "t")
    first = path.read_bytes()
    exp.table(frame, "t")
    assert path.read_bytes() == first
    assert first == 'article_id,title\nb,"Ökonomie, ""quoted"""\na,x\n'.encode("utf-8")


@pytest.mark.parametrize(("formats", "expected"), [
    (None, ("png", "svg")),
    ("png", ("png",)),
    (" PNG, .svg ,pdf,png", ("png", "svg", "pdf")),
    (["svg", "pdf"], ("svg", "pdf")),
    ("", ("png", "svg")),
])
def test_formats(formats, expected, tmp_path):
    assert Exporter(tmp_path, notebook="nb", formats=formats).formats == expected


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="jpg"):
        Exporter(tmp_path, notebook="nb", formats="png,jpg")


def test_manifest_lists_exports_in_order_and_replaces_reexports(tmp_path):
    fig, frame = _bar(title="Articles per outlet")
    exp = Exporter(tmp_path, notebook="01 Overview", formats="png")
    exp.table(frame, "Articles")
    exp.figure(fig, "by outlet", data=frame)
    exp.html("<p>x</p>", "notes")
    fig2, _ = _bar(title="Articles per outlet, again")
    exp.figure(fig2, "by outlet", data=frame.head(2))
    manifest = json.loads((tmp_path / "01_Overview" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"notebook": "01_Overview", "exports": [
        {"kind": "table", "name": "Articles", "title": "Articles", "files": ["Articles.csv"],
         "rows": 3, "columns": 2},
        {"kind": "chart", "name": "by_outlet", "title": "Articles per outlet, again",
         "files": ["by_outlet.png"], "table": "by_outlet.csv", "rows": 2, "columns": 2, "problems": []},
        {"kind": "html", "name": "notes", "title": "notes", "files": ["notes.html"]},
    ]}
    assert read_manifest(tmp_path / "01_Overview") == manifest


def test_read_manifest_tolerates_missing_and_broken_files(tmp_path):
    assert read_manifest(tmp_path) == {"notebook": tmp_path.name, "exports": []}
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    assert read_manifest(tmp_path)["exports"] == []


def test_a_chart_without_title_or_labels_is_saved_with_a_warning(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [2, 4, 1])
    with pytest.warns(ChartWarning, match="no title; x axis has no label; y axis has no label"):
        written = Exporter(tmp_path, notebook="nb", formats="png").figure(fig, "bare")
    assert written[0].stat().st_size > 1000
    assert read_manifest(tmp_path / "nb")["exports"][0]["problems"] == [
        "no title", "x axis has no label", "y axis has no label"]


def test_category_axes_need_no_label_but_quantity_axes_do(tmp_path):
    fig, _ = _bar()  # outlets on y (categories), articles on x (labelled)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ChartWarning)
        Exporter(tmp_path, notebook="nb", formats="png").figure(fig, "ok")
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [1, 2])
    ax.set_title("Counts", loc="left")
    fig.canvas.draw()
    assert chart_problems(fig) == ["x axis has no label"]


def test_chart_problems_per_panel_and_colour_bar():
    fig, (left, right) = plt.subplots(1, 2)
    fig.suptitle("Two panels")
    left.plot([0, 1], [0, 1])
    left.set_xlabel("Year")
    left.set_ylabel("Articles")
    image = right.imshow([[0, 1], [1, 0]])
    right.set_xticks([0, 1], ["a", "b"])
    right.set_yticks([0, 1], ["c", "d"])
    fig.colorbar(image, ax=right)
    fig.canvas.draw()
    assert chart_title(fig) == "Two panels"
    assert chart_problems(fig) == ["panel 3: colour bar has no label"]


def test_chart_title_reads_any_title_position():
    fig, ax = plt.subplots()
    assert chart_title(fig) == ""
    ax.set_title("Right", loc="right")
    assert chart_title(fig) == "Right"


def test_empty_chart_has_a_title_and_no_axes_to_label():
    fig = kit.plots.empty_chart("Nothing to plot", "no data")
    fig.canvas.draw()
    assert chart_problems(fig) == []


def test_html_wraps_a_fragment_into_a_page(tmp_path):
    path = Exporter(tmp_path, notebook="nb").html("<p>x</p>", "Notes")
    assert path.name == "Notes.html"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<p>x</p>" in text


def test_style_sheet_settings():
    kit.use_style()
    rc = matplotlib.rcParams
    assert (rc["savefig.dpi"], rc["svg.fonttype"], rc["pdf.fonttype"], rc["svg.hashsalt"]) == \
        (300, "none", 42, "newsroom-kit")
    assert rc["font.size"] >= 10 and rc["axes.titlesize"] > rc["font.size"]


def test_default_out_follows_kit_exports(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_EXPORTS", os.fspath(tmp_path / "elsewhere"))
    assert Exporter(notebook="nb").folder == (tmp_path / "elsewhere" / "nb").resolve()
    assert isinstance(Exporter(tmp_path, notebook="nb").folder, Path)


# --- CSV cells that a spreadsheet would run as formulas ----------------------------------

@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\r=1", "'\r=1"),
    ("＝1+1", "'＝1+1"),            # full-width equals sign: LibreOffice reads it as "="
    ("-3.5", "-3.5"),              # a plain number in a text column: a spreadsheet reads the number
    ("+44", "+44"),
    ("1,234", "1,234"),
    ("a = b", "a = b"),            # only the first character matters
    ("", ""),
])
def test_csv_safe_defuses_formula_text_and_leaves_numbers(cell, written):
    frame = pd.DataFrame({"text": [cell], "n": [-1]})
    assert csv_safe(frame)["text"].tolist() == [written]
    assert frame["text"].tolist() == [cell]  # the input is not modified


def test_csv_exports_keep_numbers_as_numbers_and_defuse_names_too(tmp_path):
    frame = pd.DataFrame({"term": ["=cmd|' /C calc'!A0", "-rate", "plain", None],
                          "n": [-5, 2, 3, 4], "share": [-0.5, 0.25, 0.0, 1.0],
                          "=bad column": ["a", "b", "c", "d"]},
                         index=pd.Index(["@x", "b", "c", "d"], name="id"))
    path = Exporter(tmp_path, notebook="nb").table(frame, "terms", index=True)
    assert path.read_text(encoding="utf-8") == (
        "id,term,n,share,'=bad column\n"
        "'@x,'=cmd|' /C calc'!A0,-5,-0.5,a\n"
        "b,'-rate,2,0.25,b\n"
        "c,plain,3,0.0,c\n"
        "d,,4,1.0,d\n")
    back = pd.read_csv(path)
    assert back["n"].tolist() == [-5, 2, 3, 4] and back["share"].dtype == float


def test_chart_tables_are_defused_too(tmp_path):
    fig, frame = _bar(title="T")
    frame = pd.DataFrame({"outlet": ["=1+1", "B"], "articles": [1, 2]})
    Exporter(tmp_path, notebook="nb", formats="png").figure(fig, "chart", data=frame)
    assert (tmp_path / "nb" / "chart.csv").read_text(encoding="utf-8") == "outlet,articles\n'=1+1,1\nB,2\n"


# --- never overwrite what the kit did not write; atomic writes ---------------------------

def test_the_exporter_does_not_overwrite_a_file_it_did_not_write(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    (folder / "counts.csv").write_text("the user's own table", encoding="utf-8")
    exp = Exporter(tmp_path, notebook="nb", formats="png")
    with pytest.raises(FileExistsError, match="refusing to overwrite counts.csv"):
        exp.table(pd.DataFrame({"a": [1]}), "counts")
    fig, frame = _bar(title="T")
    with pytest.raises(FileExistsError, match="counts.csv"):
        exp.figure(fig, "counts", data=frame)
    assert not (folder / "counts.png").exists()
    assert (folder / "counts.csv").read_text(encoding="utf-8") == "the user's own table"
    # its own files, it rewrites freely
    exp.table(pd.DataFrame({"a": [1]}), "mine")
    exp.table(pd.DataFrame({"a": [2]}), "mine")
    assert (folder / "mine.csv").read_text(encoding="utf-8") == "a\n2\n"
    assert Exporter(tmp_path, notebook="nb").table(pd.DataFrame({"a": [3]}), "mine").exists()  # a new session too


def test_exports_are_written_atomically_and_a_full_disk_leaves_no_file(tmp_path, monkeypatch):
    import errno

    from kit.files import DiskFullError

    exp = Exporter(tmp_path, notebook="nb", formats="png")
    exp.table(pd.DataFrame({"a": [1]}), "t")

    def full(self, path, *args, **kwargs):
        Path(path).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    with pytest.raises(DiskFullError, match=f"no space left on the disk of {tmp_path / 'nb'} \\(writing t.csv\\)"):
        exp.table(pd.DataFrame({"a": [2]}), "t")
    with pytest.raises(DiskFullError):
        exp.table(pd.DataFrame({"a": [2]}), "u")
    assert sorted(p.name for p in (tmp_path / "nb").iterdir()) == [MANIFEST, "t.csv"]
    assert (tmp_path / "nb" / "t.csv").read_text(encoding="utf-8") == "a\n1\n"  # the old file, whole
    assert json.loads((tmp_path / "nb" / MANIFEST).read_text(encoding="utf-8"))["exports"][0]["name"] == "t"


# --- text on charts is drawn literally -------------------------------------------------

TITLES = ["Prices $80 ... $3", "A $x^2$ formula", "Broken $\\frac{x$ formula", "$$", "cost: $5"]


@pytest.mark.parametrize("title", TITLES)
def test_dollar_signs_in_titles_and_labels_are_drawn_literally(tmp_path, title):
    from matplotlib.text import Text

    frame = pd.DataFrame({"title": [title, "plain"], "n": [1, 2]})
    fig = kit.plots.bar(frame, "title", "n", title=title, xlabel="Words")
    exp = Exporter(tmp_path, notebook="nb", formats="png,svg")
    exp.figure(fig, "chart", data=frame)  # used to raise ValueError (mathtext) for a broken formula
    texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert len(texts) >= 2  # the title and the tick label
    assert all(t._preprocess_math(t.get_text()) == (t.get_text(), False) for t in texts)
    svg = (tmp_path / "nb" / "chart.svg").read_text(encoding="utf-8")
    assert title.replace("&", "&amp;").replace("<", "&lt;") in svg  # the very characters, as text
    assert read_manifest(tmp_path / "nb")["exports"][0]["title"] == title


@pytest.mark.parametrize("title", TITLES)
def test_kit_charts_with_dollar_titles_draw_without_the_style_and_in_a_notebook_style(title):
    from matplotlib.text import Text
    import io

    frame = pd.DataFrame({"title": [title], "n": [1]})
    from kit.config import STYLE_SHEET

    for style in ("default", str(STYLE_SHEET)):
        with plt.style.context(style):
            wide = pd.DataFrame({title: [1, 2]}, index=[title, "b"])
            for fig in (kit.plots.bar(frame, "title", "n", title=title, xlabel="Words"),
                        kit.plots.stacked_bar(wide, title=title, xlabel="n"),
                        kit.plots.line(pd.DataFrame({"x": [1, 2], "y": [1, 2], "h": [title, title]}), "x", "y",
                                       hue="h", title=title, ylabel="y"),
                        kit.plots.empty_chart(title, title)):
                fig.savefig(io.BytesIO(), format="png")
                texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
                assert texts and all(not t._preprocess_math(t.get_text())[1] for t in texts), title
                plt.close(fig)


def test_a_manifest_of_yours_is_refused_not_replaced(tmp_path):
    folder = tmp_path / "exp" / "my_nb"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text('{"my project": "my own list"}', encoding="utf-8")
    with pytest.raises(FileExistsError, match="refusing to overwrite manifest.json"):
        kit.Exporter(tmp_path / "exp", notebook="my_nb").table(pd.DataFrame({"a": [1]}), "counts")
    assert (folder / "manifest.json").read_text(encoding="utf-8") == '{"my project": "my own list"}'
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json"]


def test_a_file_claimed_before_an_interrupted_export_stays_the_kits(tmp_path):
    exp = kit.Exporter(tmp_path / "exp", notebook="nb")
    target = exp._path("counts", "csv")
    exp._claim([target])                                  # noted as the kit's before writing ...
    target.write_text("half written", encoding="utf-8")   # ... then the export stopped midway
    again = kit.Exporter(tmp_path / "exp", notebook="nb")
    again.table(pd.DataFrame({"a": [1]}), "counts")       # the next export replaces it
    assert pd.read_csv(target)["a"].tolist() == [1]
