"""The annotation store: round trip, incremental re-runs, lexicon changes, crash safety, engines."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.corpus import Corpus
from toolkit.readers import iter_articles
from toolkit.batch import annotate_to_store
from toolkit.store import TABLES, Store, StoreError

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SORT_KEYS = {
    "articles": ["id"],
    "mentions": ["article_id", "start", "end", "type", "rule"],
    "events": ["article_id", "sentence", "source", "target", "type", "mode", "rule", "evidence"],
    "sentences": ["article_id", "sentence"],
}

pytestmark = pytest.mark.skipif(not any(CORPUS.glob("*.txt")), reason="the bundled corpus/ is not in the checkout")


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    return {name: getattr(corpus, name) for name in TABLES}


def assert_tables_equal(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame], *, sort: bool = False) -> None:
    for name in TABLES:
        a, b = got[name], want[name]
        if sort:
            a = a.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)
            b = b.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)


@pytest.fixture(scope="module")
def reference() -> dict[str, pd.DataFrame]:
    """The Corpus tables of the bundled corpus, annotated in memory."""
    return corpus_tables(toolkit.load_corpus(CORPUS).annotate(progress=False))


def fresh(articles) -> dict[str, pd.DataFrame]:
    return corpus_tables(Corpus.from_articles(list(articles)).annotate(progress=False))


def test_round_trip_equals_corpus_tables(tmp_path, reference):
    report = annotate_to_store(CORPUS, tmp_path / "store", batch_size=7, progress=False)
    n = len(reference["articles"])
    assert report.annotated == n and report.unchanged == 0 and report.parts == -(-n // 7)
    store = Store(tmp_path / "store")
    assert len(store) == n and store.manifest["complete"] is True
    assert store.manifest["lexicon_fingerprint"] == toolkit.lexicon.fingerprint()
    assert store.manifest["toolkit_version"] == toolkit.__version__
    stored = {name: store.table(name) for name in TABLES}
    assert stored["articles"]["content_hash"].str.fullmatch("[0-9a-f]{64}").all()
    stored["articles"] = stored["articles"].drop(columns=["content_hash"])
    # the store keeps each part's rows as annotated; event ids (which link reports across
    # articles, so across parts) are given by Corpus.from_store over the whole table
    assert stored["events"]["event_id"].isna().all()
    want = dict(reference, events=reference["events"].assign(event_id=pd.Series(dtype="str")))
    assert_tables_equal(stored, want)
    # the values keep their types (codes, ISO dates, numbers; sectors as lists)
    values = {type(v) for v in stored["mentions"]["value"]}
    assert int in values or float in values
    assert all(isinstance(s, list) for s in stored["events"]["sectors"])


def test_from_store(tmp_path, reference):
    annotate_to_store(CORPUS, tmp_path / "store", batch_size=10, progress=False)
    corpus = Corpus.from_store(tmp_path / "store")
    assert_tables_equal(corpus_tables(corpus), reference)
    assert len(corpus) == len(reference["articles"])
    assert "content_hash" not in corpus.articles.columns
    assert corpus.problems.empty
    # the store remembers its source: an article can be read again by id
    first = reference["articles"]["id"].iloc[0]
    assert corpus.article(first).id == first
    with pytest.raises(StoreError, match="not an annotation store"):
        Corpus.from_store(tmp_path / "nothing-here")


def test_store_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        annotate_to_store(CORPUS, tmp_path, progress=False)
    assert (tmp_path / "notes.txt").exists()


def test_rerun_skips_unchanged_and_follows_changes(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(CORPUS, src)
    store = tmp_path / "store"
    n = len(list(iter_articles(src)))
    first = annotate_to_store(src, store, batch_size=8, progress=False)
    assert (first.annotated, first.unchanged) == (n, 0)
    again = annotate_to_store(src, store, batch_size=8, progress=False)
    assert (again.annotated, again.unchanged, again.removed, again.parts) == (0, n, 0, 0)

    files = sorted(src.glob("*.txt"))
    changed, gone = files[3], files[5]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nوقال وزير الخارجية الروسي إن موسكو تدعم طهران.\n",
                       encoding="utf-8")
    gone.unlink()
    (src / "zzz_new.txt").write_text("الرياض تستقبل وفداً من موسكو\n\nوصل وفد روسي إلى الرياض يوم 3 مايو 2024.\n",
                                     encoding="utf-8")
    third = annotate_to_store(src, store, batch_size=8, progress=False)
    assert (third.annotated, third.unchanged, third.removed) == (2, n - 2, 1)
    stored = corpus_tables(Corpus.from_store(store))
    assert_tables_equal(stored, fresh(iter_articles(src)), sort=True)


def test_lexicon_change_reannotates_everything(tmp_path, monkeypatch):
    store = tmp_path / "store"
    n = annotate_to_store(CORPUS, store, batch_size=16, progress=False).annotated
    assert annotate_to_store(CORPUS, store, progress=False).annotated == 0
    monkeypatch.setattr(toolkit.lexicon, "fingerprint", lambda: "0" * 64)
    report = annotate_to_store(CORPUS, store, batch_size=16, progress=False)
    assert (report.annotated, report.unchanged) == (n, 0)
    assert Store(store).manifest["lexicon_fingerprint"] == "0" * 64
    assert {p["lexicon_fingerprint"] for p in Store(store).parts} == {"0" * 64}
    assert len(Store(store)) == n
    # a new toolkit version too
    monkeypatch.setattr(toolkit.version, "__version__", "99.0.0")
    assert annotate_to_store(CORPUS, store, batch_size=16, progress=False).annotated == n


CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    import toolkit.store as ts

    store, signal_file, kill_at = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    commits = []
    original = ts.Store.commit

    def commit(self, manifest):
        if len(commits) == kill_at:
            # the part is written (under its final name) but not committed: tell the
            # test what the store holds now, then wait to be killed
            signal_file.write_text(json.dumps({"manifest": (self.path / "manifest.json").read_text(encoding="utf-8"),
                                               "annotated": sum(commits)}), encoding="utf-8")
            time.sleep(120)
        original(self, manifest)
        commits.append(manifest["parts"][-1]["articles"] if manifest["parts"] else 0)

    ts.Store.commit = commit
    import toolkit.batch
    toolkit.batch.annotate_to_store(sys.argv[4], store, batch_size=4, progress=False)
""")


def test_sigkill_mid_write_leaves_the_previous_store_whole(tmp_path, reference):
    store = tmp_path / "store"
    files = sorted(CORPUS.glob("*.txt"))
    annotate_to_store(files[:10], store, batch_size=4, progress=False)
    signal_file = tmp_path / "signal.json"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(store), str(signal_file), "3", str(CORPUS)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not signal_file.exists() or not signal_file.read_text(encoding="utf-8"):
            if proc.poll() is not None:
                pytest.fail(f"the writer ended before the kill: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the writer never reached the kill point")
            time.sleep(0.05)
        time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    state = json.loads(signal_file.read_text(encoding="utf-8"))

    # the uncommitted part is on disk, unreferenced
    parquet = lambda: sorted(store.glob("*/*.parquet"))  # noqa: E731
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    assert len(parquet()) == 4 * (len(manifest["parts"]) + 1)
    assert (store / "manifest.json").read_text(encoding="utf-8") == state["manifest"]

    opened = Store(store)  # opening removes what no manifest refers to
    assert len(parquet()) == 4 * len(opened.parts)
    assert not list(store.glob(".tmp-*")) and not list(store.glob("*/.tmp-*"))
    committed = 10 + state["annotated"]
    assert state["annotated"] == 12 and len(opened) == committed
    all_articles = list(iter_articles(CORPUS))
    assert_tables_equal(corpus_tables(Corpus.from_store(store)), fresh(all_articles[:committed]), sort=True)

    # a re-run resumes where the killed run stopped and completes the store
    report = annotate_to_store(CORPUS, store, batch_size=4, progress=False)
    assert (report.annotated, report.unchanged) == (len(all_articles) - committed, committed)
    assert Store(store).manifest["complete"] is True
    assert_tables_equal(corpus_tables(Corpus.from_store(store)), reference, sort=True)


def stored_tables(path: Path) -> dict[str, pd.DataFrame]:
    store = Store(path)
    return {name: store.table(name) for name in TABLES}


def test_process_pool_gives_the_same_store(tmp_path):
    annotate_to_store(CORPUS, tmp_path / "one", batch_size=6, progress=False)
    report = annotate_to_store(CORPUS, tmp_path / "two", batch_size=6, workers=2, progress=False)
    assert report.annotated == len(list(iter_articles(CORPUS)))
    assert_tables_equal(stored_tables(tmp_path / "two"), stored_tables(tmp_path / "one"), sort=True)


def test_dask_gives_the_same_store(tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed (it is a dependency: pip install -e .)")
    annotate_to_store(CORPUS, tmp_path / "one", batch_size=6, progress=False)
    report = annotate_to_store(CORPUS, tmp_path / "dask", batch_size=6, workers=2, engine="dask", progress=False)
    assert report.annotated == len(list(iter_articles(CORPUS)))
    assert_tables_equal(stored_tables(tmp_path / "dask"), stored_tables(tmp_path / "one"), sort=True)


def test_cli_annotate_store(tmp_path, capsys):
    from toolkit.cli import main

    store = tmp_path / "store"
    assert main(["annotate", str(CORPUS), "--store", str(store), "--no-progress", "--batch-size", "20"]) == 0
    n = len(list(iter_articles(CORPUS)))
    assert f"{n} annotated, 0 unchanged" in capsys.readouterr().out
    assert main(["annotate", str(CORPUS), "--store", str(store), "--no-progress", "--out", str(tmp_path / "out"),
                 "--format", "parquet"]) == 0
    out = capsys.readouterr().out
    assert f"0 annotated, {n} unchanged" in out
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet").shape[0] == n
    assert main(["annotate", str(CORPUS), "--no-progress"]) == 2


def test_parts_read_as_one_dataset_whatever_the_file_order(tmp_path):
    """Small parts differ in the columns they fill (no quotation, no amount in some): every
    column keeps one type in all parts, so any Parquet reader given ``Store.schema`` reads the
    folder, whichever file it opens first."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    annotate_to_store(CORPUS, tmp_path / "store", batch_size=3, progress=False)
    store = Store(tmp_path / "store")
    for name in TABLES:
        files = sorted((tmp_path / "store" / name).glob("*.parquet"))
        assert len(files) > 5
        schema = store.schema(name)
        types: dict[str, set] = {}
        for f in files:
            for field in pq.read_schema(f):
                types.setdefault(field.name, set()).add(field.type)
        assert {c: t for c, t in types.items() if len(t) > 1} == {}
        for order in (files, files[::-1]):
            table = pa.concat_tables([pq.read_table(f, schema=schema) for f in order])
            assert table.num_rows == sum(pq.read_metadata(f).num_rows for f in files)
        df = pd.read_parquet(tmp_path / "store" / name, schema=schema)
        assert len(df) == len(store.table(name))
    raw = pd.read_parquet(tmp_path / "store" / "mentions", schema=store.schema("mentions"))
    assert raw["value"].map(lambda v: v is None or isinstance(v, str)).all()  # JSON text in every part
