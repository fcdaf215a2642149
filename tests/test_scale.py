"""kit.analyze: the pandas and dask engines write the same results, row for row."""
from __future__ import annotations

import json
import logging
import warnings

import pandas as pd
import pytest

import kit
from kit import scale
from kit.scale import STAGES, Stage, analyze, available_stages, read_results

# NMF's transform stops on a tolerance computed over the rows it is given, so the
# topic mix of an article depends, in the fifth decimal, on the partition around it.
TOLERANCE = {"topic_mix": dict(check_exact=False, rtol=0, atol=1e-4)}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """48 articles: txt/md/json/html files, a JSONL file of 8 records, two files
    sharing a name (in different folders), 3 repeated texts, and 3 bad inputs."""
    folder = tmp_path_factory.mktemp("scale_corpus")
    corpus = kit.synthetic_corpus(40, seed=11, words=300)
    kit.write_corpus(corpus.iloc[:32], folder / "a", fmt="mixed")
    kit.write_corpus(corpus.iloc[32:], folder / "b", fmt="jsonl")
    repeats = corpus.iloc[[0, 1, 2]].copy()
    kit.write_corpus(repeats, folder / "c", fmt="txt")          # same names and texts as a/
    other = kit.synthetic_corpus(1, seed=99, words=300)
    other["article_id"] = "synth-000004"                         # same name, new text
    kit.write_corpus(other, folder / "c", fmt="txt")
    (folder / "a" / "empty.txt").write_text("", encoding="utf-8")
    (folder / "a" / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "a" / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def both(corpus_dir, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("results")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manifest_pandas = analyze(corpus_dir, engine="pandas", out=out / "pandas")
        manifest_dask = analyze(corpus_dir, engine="dask", out=out / "dask", client=client, npartitions=5)
    return out, manifest_pandas, manifest_dask


def test_registry_lists_the_four_analyses():
    assert list(STAGES) == ["readability", "sourcing_summary", "word_counts", "topic_mix"]
    assert [STAGES[n].module for n in STAGES] == ["kit.readability", "kit.sourcing", "kit.words", "kit.topics"]
    assert STAGES["topic_mix"].kind == "fitted"
    assert set(available_stages()) <= set(STAGES)


def test_a_stage_whose_module_is_missing_is_left_out(monkeypatch, tmp_path):
    monkeypatch.setitem(STAGES, "ghost", Stage("ghost", "kit.no_such_analysis", "ghost"))
    assert "ghost" not in available_stages()
    with pytest.raises(ValueError, match="kit.no_such_analysis"):
        analyze(kit.config.PROJECT_ROOT / "data" / "articles", out=tmp_path, stages=["ghost"])
    analyze(kit.config.PROJECT_ROOT / "data" / "articles", out=tmp_path, stages=[])
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stages"] == []


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="engine"):
        analyze(tmp_path, engine="spark", out=tmp_path)
    with pytest.raises(ValueError, match="unknown stage"):
        analyze(tmp_path, out=tmp_path, stages=["sentiment"])
    with pytest.raises(ValueError, match="engine='dask'"):
        analyze(tmp_path, out=tmp_path, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(FileNotFoundError, match="no results folder"):
        read_results(tmp_path / "nothing")


def test_planned_ids_are_the_loaders(corpus_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = kit.load_articles(corpus_dir, dedupe=False)
    plan, skipped = scale._plan_files(corpus_dir)
    stems = {path: stem for _, path, stem in plan}
    expected = {p: a.split("#")[0] for p, a in zip(loaded["path"], loaded["article_id"])}
    assert {p: stems[p] for p in expected} == expected
    assert stems[str(corpus_dir / "c" / "synth-000000.txt")] == "c/synth-000000"
    assert sorted(s["reason"].split(" '")[0] for s in skipped) == ["hidden file", "unsupported file type"]


def test_pandas_engine_writes_the_loaders_articles(both, corpus_dir):
    out, manifest, _ = both
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = kit.load_articles(corpus_dir)
    results = read_results(out / "pandas")
    assert list(manifest["dataset"]) == ["articles", *available_stages()]
    articles = results["articles"]
    assert list(articles.columns) == list(loaded.columns)
    assert list(articles["article_id"]) == list(loaded["article_id"])
    assert len(articles) == 32 + 8 + 1  # the three repeated texts are dropped
    assert articles["text"].tolist() == loaded["text"].tolist()
    assert articles["date"].equals(loaded["date"])
    skipped = results["skipped"]
    assert len(skipped) == 3 + 3  # three bad inputs, three duplicates
    assert skipped["reason"].str.startswith("duplicate").sum() == 3


def test_dask_engine_equals_pandas_engine_row_for_row(both):
    out, manifest_pandas, manifest_dask = both
    assert list(manifest_dask["dataset"]) == list(manifest_pandas["dataset"])
    assert list(manifest_dask["rows"]) == list(manifest_pandas["rows"])
    a, b = read_results(out / "pandas"), read_results(out / "dask")
    assert sorted(a) == sorted(b)
    assert {"articles", "skipped"} <= set(a)
    for name in a:
        keys = [c for c in ("article_id", "path", "record", "paragraph", "term", "topic", "rank")
                if c in a[name].columns]
        left = a[name].sort_values(keys, kind="stable").reset_index(drop=True)
        right = b[name].sort_values(keys, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right, **TOLERANCE.get(name, {}))
    # Written in the same order too, partition after partition.
    assert a["articles"]["article_id"].tolist() == b["articles"]["article_id"].tolist()


def test_read_results_lazy_and_by_name(both):
    out, _, _ = both
    lazy = read_results(out / "dask", names=["articles"], lazy=True)["articles"]
    assert lazy.npartitions == 5
    assert len(lazy) == 41
    with pytest.raises(FileNotFoundError, match="no dataset"):
        read_results(out / "dask", names=["sentiment"])


def test_any_per_article_verb_runs_as_a_stage(monkeypatch, corpus_dir, client, tmp_path):
    # kit.text.paragraphs is a per-article verb: one row per paragraph.
    monkeypatch.setitem(STAGES, "paragraphs", Stage("paragraphs", "kit.text", "paragraphs"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(corpus_dir, out=tmp_path / "p", stages=["paragraphs"], dedupe=False)
        analyze(corpus_dir, engine="dask", client=client, out=tmp_path / "d", stages=["paragraphs"],
                dedupe=False, npartitions=3)
    left = read_results(tmp_path / "p", names=["paragraphs"])["paragraphs"]
    right = read_results(tmp_path / "d", names=["paragraphs"])["paragraphs"]
    expected = kit.paragraphs(read_results(tmp_path / "p", names=["articles"])["articles"])
    assert len(left) == len(expected) > 44 * 3
    pd.testing.assert_frame_equal(left, right)
    assert left["text"].tolist() == expected["text"].tolist()


def test_nothing_loadable_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="no article could be loaded"):
            analyze(tmp_path / "in", out=tmp_path / "out", stages=[])
    assert len(read_results(tmp_path / "out", names=["skipped"])["skipped"]) == 1


def test_dask_engine_uses_the_current_client_and_reports_errors(client, tmp_path):
    # No client= given: the session's client runs it; an error reaches the caller.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="no article could be loaded"):
        analyze(tmp_path / "in", engine="dask", out=tmp_path / "out", stages=[])
    kit.write_corpus(kit.synthetic_corpus(3, seed=5, words=120), tmp_path / "in", fmt="txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manifest = analyze(tmp_path / "in", engine="dask", out=tmp_path / "out", stages=[])
    assert manifest["rows"].tolist() == [3]
    assert read_results(tmp_path / "out")["skipped"]["reason"].tolist() == ["empty file (0 bytes)"]


def test_an_articles_frame_is_a_source_too(client, tmp_path):
    articles = kit.synthetic_corpus(7, seed=8, words=150)
    analyze(articles, out=tmp_path / "p", stages=[])
    analyze(articles, engine="dask", client=client, out=tmp_path / "d", stages=[], npartitions=3)
    left = read_results(tmp_path / "p", names=["articles"])["articles"]
    right = read_results(tmp_path / "d", names=["articles"])["articles"]
    pd.testing.assert_frame_equal(left, right)
    assert left["article_id"].tolist() == articles["article_id"].tolist()
    assert left["text"].tolist() == articles["text"].tolist()


def test_exports_load_alike_in_both_engines(client, tmp_path):
    import export_fixtures as fx

    folder = tmp_path / "in"
    folder.mkdir()
    for writer in (fx.factiva_txt, fx.nexis_uni_docx, fx.rss):
        writer(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = kit.load_articles(folder)
        analyze(folder, out=tmp_path / "p", stages=[])
        analyze(folder, engine="dask", client=client, out=tmp_path / "d", stages=[], npartitions=2)
    left = read_results(tmp_path / "p", names=["articles", "skipped"])
    right = read_results(tmp_path / "d", names=["articles", "skipped"])
    pd.testing.assert_frame_equal(left["articles"], right["articles"])
    pd.testing.assert_frame_equal(left["skipped"], right["skipped"])
    articles = left["articles"]
    assert articles["article_id"].tolist() == loaded["article_id"].tolist()
    # The feed's and the Nexis export's copies of the Factiva stories are duplicates.
    assert articles["format"].tolist() == ["factiva", "factiva", "feed", "nexis"]
    assert [None if pd.isna(v) else v for v in articles["external_id"]] == [
        "NGAZ000020200105eg150000b", "CAPT000020200106eg160000c", "https://gazette.example/traders", None]
    assert articles["stated_words"].tolist() == [27, 1204, pd.NA, 31]
    assert articles["stated_words"].dtype == "Int64"
    assert left["skipped"]["record"].tolist() == [3, 1, 2, 4, 1, 2, 3]


def test_only_unsupported_files_is_an_error_for_dask_too(client, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF-1.4")  # .docx is read now (Nexis exports)
    with pytest.raises(ValueError, match="no article could be loaded"):
        analyze(tmp_path / "in", engine="dask", client=client, out=tmp_path / "out", stages=[])
    assert read_results(tmp_path / "out")["skipped"]["reason"].str.startswith("unsupported").tolist() == [True]


# --- an unfinished or damaged result is never read as a whole one ------------------------

KILLED_RUN = """
import os, signal, sys
import kit.scale as scale

def boom(articles, **options):
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the analyses

if __name__ == "__main__":
    scale.STAGES["boom"] = scale.Stage("boom", "__main__", "boom")
    scale.analyze(sys.argv[1], out=sys.argv[2], stages=["readability", "boom"])
"""


def _small_corpus(folder):
    kit.write_corpus(kit.synthetic_corpus(6, seed=2, words=120), folder, fmt="txt")
    return folder


def test_kill_9_of_the_pandas_engine_leaves_no_stale_manifest(tmp_path):
    import os
    import subprocess
    import sys

    corpus, out = _small_corpus(tmp_path / "in"), tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(corpus, out=out, stages=["readability", "word_counts"])
    assert sorted(read_results(out)) == ["articles", "readability", "skipped", "word_counts"]
    script = tmp_path / "killed.py"
    script.write_text(KILLED_RUN, encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run([sys.executable, str(script), str(corpus), str(out)], env=env, capture_output=True)
    assert done.returncode == -9
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "running" and manifest["complete_datasets"] == []
    with pytest.raises(scale.IncompleteResultsError, match="'articles' in .* is incomplete: kit.analyze was "
                                                           "interrupted or killed before it finished"):
        read_results(out)
    with pytest.raises(scale.IncompleteResultsError):
        read_results(out, names=["readability"])  # written by the killed run, before the kill
    assert not (out / "word_counts.parquet").exists()  # the earlier run's dataset was cleared, and nothing claims it


def test_an_interrupted_or_failed_run_says_so_and_keeps_what_finished(tmp_path, monkeypatch):
    corpus, out = _small_corpus(tmp_path / "in"), tmp_path / "out"

    monkeypatch.setitem(STAGES, "readability", _Boom("readability", "kit.readability", "readability"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(KeyboardInterrupt):
            analyze(corpus, out=out, stages=["readability"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["state"], manifest["complete_datasets"]) == ("interrupted", [])
    with pytest.raises(scale.IncompleteResultsError, match="incomplete: kit.analyze ended as 'interrupted'"):
        read_results(out, names=["articles"])


class _Boom(Stage):
    def load(self):
        def boom(articles, **options):
            raise KeyboardInterrupt
        return boom


def test_nothing_loadable_keeps_the_skipped_list_readable(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="no article could be loaded"):
            analyze(tmp_path / "in", out=tmp_path / "out", stages=[])
    assert list(read_results(tmp_path / "out")) == ["skipped"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "failed" and manifest["error"].startswith("_NoArticles: no article could be loaded")


@pytest.mark.parametrize("damage, message", [
    ("delete a part", "does not match its manifest: missing \\['part.00000.parquet'\\]"),
    ("add a part", "does not match its manifest: unexpected \\['part.00009.parquet'\\]"),
    ("truncate a part", "is damaged"),
    ("delete the manifest", "has no manifest.json"),
    ("break the manifest", "is not readable JSON"),
])
def test_a_damaged_result_is_refused(tmp_path, damage, message):
    import shutil

    corpus, out = _small_corpus(tmp_path / "in"), tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(corpus, out=out, stages=[])
    part = out / "articles.parquet" / "part.00000.parquet"
    if damage == "delete a part":
        part.unlink()
    elif damage == "add a part":
        shutil.copy(part, part.with_name("part.00009.parquet"))
    elif damage == "truncate a part":
        part.write_bytes(part.read_bytes()[:200])
    elif damage == "delete the manifest":
        (out / "manifest.json").unlink()
    else:
        (out / "manifest.json").write_text('{"engine": "pandas", "sta', encoding="utf-8")
    with pytest.raises(scale.IncompleteResultsError, match=message):
        read_results(out, names=["articles"])


def test_the_manifest_is_written_atomically_last_and_lists_every_part(tmp_path, monkeypatch):
    corpus, out = _small_corpus(tmp_path / "in"), tmp_path / "out"
    seen = []
    real = scale._analyze_pandas

    def spy(*args, **kwargs):
        seen.append(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["state"])
        return real(*args, **kwargs)
    monkeypatch.setattr(scale, "_analyze_pandas", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(corpus, out=out, stages=["readability"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert seen == ["running"] and manifest["state"] == "complete"
    assert manifest["files"]["articles"] == {"parts": ["part.00000.parquet"], "rows": 6}
    assert sorted(manifest["complete_datasets"]) == ["articles", "readability", "skipped"]
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_manifest_json_that_is_not_the_kits_is_not_overwritten(tmp_path):
    corpus, out = _small_corpus(tmp_path / "in"), tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"mine": true}', encoding="utf-8")
    with pytest.raises(FileExistsError, match="was not written by kit.analyze"):
        analyze(corpus, out=out, stages=[])
    assert (out / "manifest.json").read_text(encoding="utf-8") == '{"mine": true}'


KILLER = '''
import os, signal
from pathlib import Path

def killer(articles, **options):
    """readability, but the first call in a worker process kills that worker (kill -9)."""
    import kit
    if os.getpid() != int(os.environ["KIT_TEST_PARENT"]):
        try:
            os.close(os.open(os.environ["KIT_TEST_MARK"], os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            pass
        else:
            os.kill(os.getpid(), signal.SIGKILL)
    return kit.readability(articles)
'''


@pytest.mark.slow
def test_the_dask_engine_survives_a_worker_killed_mid_run(tmp_path, monkeypatch):
    import os
    import sys

    from distributed import Client, LocalCluster

    (tmp_path / "mods").mkdir()
    (tmp_path / "mods" / "killer_stage.py").write_text(KILLER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "mods"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path / "mods"), *sys.path]))
    monkeypatch.setenv("KIT_TEST_PARENT", str(os.getpid()))
    monkeypatch.setenv("KIT_TEST_MARK", str(tmp_path / "killed"))
    monkeypatch.setitem(STAGES, "killer", Stage("killer", "killer_stage", "killer"))
    corpus = tmp_path / "in"
    kit.write_corpus(kit.synthetic_corpus(12, seed=4, words=120), corpus, fmt="txt")
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as c:
            analyze(corpus, engine="dask", client=c, out=tmp_path / "out", stages=["killer"], npartitions=4)
    assert (tmp_path / "killed").exists()  # a worker did die
    results = read_results(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"] == "complete" and len(results["articles"]) == 12
    assert sorted(results["killer"]["article_id"].unique()) == sorted(results["articles"]["article_id"])


def test_the_dask_engine_reports_a_link_loop_as_load_articles_does(client, tmp_path):
    (tmp_path / "in").mkdir()
    kit.write_corpus(kit.synthetic_corpus(2, seed=3, words=120), tmp_path / "in", fmt="txt")
    (tmp_path / "in" / "l1").symlink_to("l2")
    (tmp_path / "in" / "l2").symlink_to("l1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        manifest = analyze(tmp_path / "in", engine="dask", client=client, out=tmp_path / "out", stages=[])
    assert manifest["rows"].tolist() == [2]
    reasons = read_results(tmp_path / "out", names=["skipped"])["skipped"]["reason"].tolist()
    assert reasons == [kit.load_articles(tmp_path / "in").attrs["skipped"][0]["reason"]] * 2


def test_analyze_never_removes_a_parquet_dataset_it_did_not_write(tmp_path):
    kit.write_corpus(kit.synthetic_corpus(3, seed=4, words=120), tmp_path / "in", fmt="txt")
    out = tmp_path / "results"
    (out / "articles.parquet").mkdir(parents=True)
    pd.DataFrame({"my_id": [1, 2], "coded_by_hand": ["a", "b"]}).to_parquet(out / "articles.parquet" / "part-0.parquet")
    (out / "articles.parquet" / "_SUCCESS").touch()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(FileExistsError, match="nothing was changed"):
            analyze(tmp_path / "in", out=out, stages=[])
    assert pd.read_parquet(out / "articles.parquet")["coded_by_hand"].tolist() == ["a", "b"]
    assert not (out / "manifest.json").exists()
    # beside an earlier run of the kit: a file of yours with a dataset's name stops the
    # call before the earlier results are touched
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze(tmp_path / "in", out=tmp_path / "r2", stages=[])
        before = read_results(tmp_path / "r2")["articles"]
        pd.DataFrame({"mine": [1]}).to_parquet(tmp_path / "r2" / "topic_terms.parquet")
        with pytest.raises(FileExistsError, match="nothing was changed"):
            analyze(tmp_path / "in", out=tmp_path / "r2", stages=[])
        pd.testing.assert_frame_equal(read_results(tmp_path / "r2")["articles"], before)
