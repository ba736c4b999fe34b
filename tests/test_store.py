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

    def commit(self, manifest, **options):
        new = [p for p in manifest["parts"] if p["name"] not in {q["name"] for q in self.parts}]
        if new and len(commits) == kill_at:
            # the part is written (under its final name) but not committed: tell the
            # test what the store holds now, then wait to be killed
            signal_file.write_text(json.dumps({"manifest": (self.path / "manifest.json").read_text(encoding="utf-8"),
                                               "annotated": sum(commits)}), encoding="utf-8")
            time.sleep(120)
        original(self, manifest, **options)
        if new:
            commits.append(sum(p["articles"] for p in new))

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

    # opening changes nothing; the check sees the killed writer's part as its leftovers
    before = parquet()
    opened = Store(store)
    health = opened.check(deep=True)
    assert parquet() == before
    assert health.ok and not health.damaged and not health.orphaned
    assert sorted(health.leftovers) == sorted(set(before) - opened.referenced())
    assert len(health.leftovers) == 4
    committed = 10 + state["annotated"]
    assert state["annotated"] == 12 and len(opened) == committed
    all_articles = list(iter_articles(CORPUS))
    assert_tables_equal(corpus_tables(Corpus.from_store(store)), fresh(all_articles[:committed]), sort=True)

    # a re-run resumes where the killed run stopped and completes the store
    report = annotate_to_store(CORPUS, store, batch_size=4, progress=False)
    assert (report.annotated, report.unchanged) == (len(all_articles) - committed, committed)
    assert sorted(report.cleaned) == sorted(health.leftovers)
    assert Store(store).manifest["complete"] is True
    assert len(parquet()) == 4 * len(Store(store).parts)
    assert not list(store.glob(".tmp-*")) and not list(store.glob("*/.tmp-*"))
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


# --------------------------------------------------------------------------- a store that verifies itself
# Regression tests built from the reproducers of issue 16 (items 5, 6 and the store part of 8).

@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """(source folder, store, the tables the store must give): 8 bundled articles in parts of 3, 3, 2."""
    root = tmp_path_factory.mktemp("small")
    src = root / "src"
    src.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:8]:
        shutil.copy(f, src / f.name)
    annotate_to_store(src, root / "store", batch_size=3, progress=False)
    return src, root / "store", fresh(iter_articles(src))


@pytest.fixture
def copy(small, tmp_path) -> Path:
    """A copy of the small store to damage."""
    shutil.copytree(small[1], tmp_path / "store")
    return tmp_path / "store"


def read_manifest(store: Path) -> dict:
    return json.loads((store / "manifest.json").read_text(encoding="utf-8"))


def edit_manifest(store: Path, edit) -> None:
    data = read_manifest(store)
    out = edit(data)
    data = out if isinstance(out, list) else data
    (store / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def files_of(store: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(store)), p.stat().st_size) for p in store.rglob("*") if p.is_file())


def part_file(store: Path, table: str, i: int) -> Path:
    return store / table / f"{read_manifest(store)['parts'][i]['name']}.parquet"


def assert_store_gives(store: Path, want: dict[str, pd.DataFrame]) -> None:
    assert_tables_equal(corpus_tables(Corpus.from_store(store)), want, sort=True)
    assert len(Store(store)) == len(want["articles"])


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n") and "Traceback" not in err, err
    return err


def _set_part(i: int, **values):
    return lambda m: m["parts"][i].update(values)


BAD_MANIFESTS = {
    "a list": (lambda m: [m], "a manifest must be a JSON object, not list"),
    "parts null": (lambda m: m.update(parts=None), "parts must be a list, not null"),
    "format_version a string": (lambda m: m.update(format_version="2"), 'format_version must be a whole number, not "2"'),
    "format_version true": (lambda m: m.update(format_version=True), "format_version must be a whole number, not true"),
    "a missing key": (lambda m: m.pop("lexicon_fingerprint"), "lexicon_fingerprint must be a text, it is missing"),
    "no parts key": (lambda m: m.pop("parts") and None, "parts must be a list, it is missing"),
    "a part without a name": (lambda m: m["parts"][1].pop("name"), "parts[1].name must be a part name"),
    "articles a string": (_set_part(0, articles="3"), 'parts[0].articles must be a whole number ≥ 0, not "3"'),
    "articles a float": (_set_part(0, articles=3.0), "parts[0].articles must be a whole number ≥ 0, not 3.0"),
    "articles negative": (_set_part(2, articles=-1), "parts[2].articles must be a whole number ≥ 0, not -1"),
    "articles missing": (lambda m: m["parts"][0].pop("articles"), "parts[0].articles must be a whole number ≥ 0, it is missing"),
    "a part that is not an object": (lambda m: m["parts"].__setitem__(0, "part-20250101000000-abcdefabcdef"),
                                     "parts[0] must be an object"),
    "drop a string": (_set_part(0, drop="x"), "parts[0].drop must be a list of article ids"),
    "rows of some tables": (_set_part(1, rows={"articles": 3}), "parts[1].rows must be an object of whole numbers"),
    "complete a string": (lambda m: m.update(complete="yes"), 'complete must be true or false, not "yes"'),
    "source a number": (lambda m: m.update(source=5), "source must be null or a list of paths, not 5"),
    "an unknown option": (lambda m: m.update(options={"errors": "raise", "mode": 1}), "options.mode must be one of"),
    "errors mode": (lambda m: m["options"].update(errors="ignore"), 'options.errors must be "raise" or "skip"'),
    "a path for a name": (_set_part(0, name="../../../../etc/passwd"),
                          'parts[0].name must be a part name the toolkit writes (part-<14 digits>-<12 hex>), '
                          'not "../../../../etc/passwd"'),
    "an absolute name": (_set_part(1, name="/etc/passwd"), "parts[1].name must be a part name the toolkit writes"),
    "a name that climbs": (_set_part(0, name="part-20250101000000-abcdefabcdef/../../../x"),
                           "parts[0].name must be a part name the toolkit writes"),
    "leftovers that climb": (lambda m: m.update(leftovers=["../../x"]), "leftovers must be a list of part names"),
    "another format": (lambda m: m.update(format="something-else"), "not a relations-toolkit-store manifest"),
    "a newer format": (lambda m: m.update(format_version=99), "store format 99 is newer than this toolkit reads"),
}


@pytest.mark.parametrize("case", list(BAD_MANIFESTS))
def test_a_bad_manifest_is_a_store_error_naming_the_field(case, small, copy, capsys):
    edit, message = BAD_MANIFESTS[case]
    edit_manifest(copy, edit)
    before = files_of(copy)
    for attempt in (lambda: Store(copy), lambda: Corpus.from_store(copy),
                    lambda: annotate_to_store(small[0], copy, progress=False)):
        with pytest.raises(StoreError) as info:
            attempt()
        assert message in str(info.value)
        assert str(copy) in str(info.value)
    from toolkit.cli import main

    assert main(["store", "check", str(copy)]) == 1
    assert message in one_line(capsys.readouterr().err)
    assert main(["annotate", str(small[0]), "--store", str(copy), "--no-progress"]) == 1
    assert message in one_line(capsys.readouterr().err)
    assert files_of(copy) == before  # nothing was deleted or written


def test_an_unreadable_manifest(copy):
    (copy / "manifest.json").write_text('{"format": "relations-toolkit-store", "parts": [', encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable manifest"):
        Store(copy)


def test_a_part_name_never_leads_outside_the_store(copy, monkeypatch):
    import pyarrow.parquet as pq

    store = Store(copy)
    opened = []
    for fn in ("read_table", "read_metadata", "read_schema", "ParquetFile"):
        real = getattr(pq, fn)
        monkeypatch.setattr(pq, fn, lambda path, *a, _real=real, **k: (opened.append(str(path)), _real(path, *a, **k))[1])
    edit_manifest(copy, _set_part(0, name="../../../../etc/passwd"))
    with pytest.raises(StoreError, match="parts.0..name must be a part name"):
        Corpus.from_store(copy)
    assert opened == []
    with pytest.raises(StoreError, match="not a part name"):
        store.file("../x", "articles")


COUNT_EDITS = {
    # a duplicated part entry gave 10 article rows for 8 articles
    "a duplicated part entry": (lambda m: m["parts"].append(dict(m["parts"][0])), [0], "is listed 2 times in the manifest"),
    # "articles": 999 gave len(store) == 1005
    "articles 999": (_set_part(1, articles=999), [1], "holds 3 rows where the manifest says 999"),
    "a row count": (lambda m: m["parts"][2]["rows"].update(mentions=m["parts"][2]["rows"]["mentions"] + 1), [2],
                    "rows where the manifest says"),
    # found by the fuzz suite: the articles count of `rows` was not compared with the footer
    "the articles count in rows": (lambda m: m["parts"][1]["rows"].update(articles=1), [1],
                                   "holds 3 rows where the manifest says 1"),
    "a drop of an id the part lacks": (_set_part(0, drop=["no-such-article"]), [0], "drops 1 article(s) the part does not hold"),
}


@pytest.mark.parametrize("case", list(COUNT_EDITS))
def test_counts_are_checked_against_the_parts(case, small, copy, capsys):
    src, _, want = small
    edit, damaged, message = COUNT_EDITS[case]
    names = [p["name"] for p in read_manifest(copy)["parts"]]
    edit_manifest(copy, edit)
    for attempt in (lambda: len(Store(copy)), lambda: Corpus.from_store(copy), lambda: Store(copy).table("mentions"),
                    lambda: Store(copy).index()):
        with pytest.raises(StoreError) as info:
            attempt()
        assert message in str(info.value) and f"toolkit store check {copy} --repair" in str(info.value)
    health = Store(copy).check()
    assert health.damaged_parts == [names[i] for i in damaged] and not health.ok
    assert repr(Store(copy)).endswith("damaged (toolkit store check) in " + f"{len(read_manifest(copy)['parts'])} parts, complete>")
    report = annotate_to_store(src, copy, progress=False)
    repaired = sum(3 if i < 2 else 2 for i in damaged)
    assert report.repaired == [names[i] for i in damaged]
    assert (report.annotated, report.unchanged) == (repaired, 8 - repaired)
    assert_store_gives(copy, want)
    assert Store(copy).check(deep=True).ok


def test_the_same_articles_in_two_parts(small, copy):
    """A part's files copied under another name and listed: every article twice."""
    src, _, want = small
    m = read_manifest(copy)
    first = m["parts"][0]
    twin = dict(first, name="part-20250101000000-abcdefabcdef")
    for t in TABLES:
        shutil.copy(copy / t / f"{first['name']}.parquet", copy / t / f"{twin['name']}.parquet")
    m["parts"].append(twin)
    (copy / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(StoreError, match="which part .* holds too"):
        len(Store(copy))
    assert sorted(Store(copy).check().damaged_parts) == sorted([first["name"], twin["name"]])
    report = annotate_to_store(src, copy, progress=False)
    assert (report.annotated, report.unchanged) == (3, 5)
    assert_store_gives(copy, want)


def test_a_drop_list_is_followed(small, copy):
    """A valid edit gives the store it describes: a dropped article is left out, then annotated again."""
    src, _, want = small
    aid = Store(copy).table("articles")["id"].iloc[0]
    edit_manifest(copy, _set_part(0, drop=[aid]))
    store = Store(copy)
    assert len(store) == 7 and aid not in set(store.table("articles")["id"])
    assert aid not in set(store.table("mentions")["article_id"])
    report = annotate_to_store(src, copy, progress=False)
    assert (report.annotated, report.unchanged, report.repaired) == (1, 7, [])
    assert_store_gives(copy, want)


def test_a_drop_list_naming_an_article_three_times(small, copy):
    """A part with 3 articles whose drop list names one of them 3 times still holds 2: a writer
    must not take the part for empty and lose them."""
    src, _, want = small
    aid = Store(copy).table("articles")["id"].iloc[0]
    edit_manifest(copy, _set_part(0, drop=[aid, aid, aid]))
    assert len(Store(copy)) == 7
    report = annotate_to_store(src, copy, progress=False)
    assert (report.annotated, report.unchanged) == (1, 7)
    assert_store_gives(copy, want)


def _truncate(path: Path, other: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGE = {
    "a truncated articles part": ("articles", 0, _truncate, "is not a readable Parquet file"),
    # the articles part is fine: today `annotate --store` said "0 annotated, 8 unchanged"
    "a truncated mentions part": ("mentions", 1, _truncate, "is not a readable Parquet file"),
    "a garbage events part": ("events", 2, lambda p, o: p.write_bytes(b"PAR1 not a parquet file " * 40),
                              "is not a readable Parquet file"),
    "a deleted sentences part": ("sentences", 0, lambda p, o: p.unlink(), "is missing"),
    "an empty mentions part": ("mentions", 2, lambda p, o: p.write_bytes(b""), "is empty (0 bytes)"),
    "another part's mentions": ("mentions", 0, lambda p, o: shutil.copy(o, p), "rows where the manifest says"),
    "an articles part from the sentences": ("articles", 1, lambda p, o: shutil.copy(o.parent.parent / "sentences" / o.name, p),
                                            "has another table shape"),
    "a symbolic link": ("events", 1, lambda p, o: (p.unlink(), p.symlink_to(o)), "is a symbolic link"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_part_is_detected_and_repaired(case, small, copy, capsys):
    from toolkit.cli import main

    src, _, want = small
    table, i, damage, message = DAMAGE[case]
    name = read_manifest(copy)["parts"][i]["name"]
    damage(part_file(copy, table, i), part_file(copy, table, (i + 1) % 3))
    health = Store(copy).check()
    assert health.damaged_parts == [name] and message in str(health.damaged[0])
    with pytest.raises(StoreError) as info:
        Corpus.from_store(copy)
    text = str(info.value)
    assert f"part {name}" in text and message in text and f"toolkit store check {copy} --repair" in text
    assert main(["store", "check", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "damaged: 1 part(s)" in out and name in out and f"repair: toolkit store check {copy} --repair" in out
    # the next run re-annotates the damaged part's articles
    n = 2 if i == 2 else 3
    assert main(["annotate", str(src), "--store", str(copy), "--no-progress"]) == 0
    assert f"8 articles: {n} annotated, {8 - n} unchanged, 0 removed" in capsys.readouterr().out
    assert_store_gives(copy, want)
    assert main(["store", "check", str(copy)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("ok")


def _flip_inside_a_page(path: Path) -> None:
    """Change one byte of the page data of the mentions' text column (the footer stays whole)."""
    import pyarrow.parquet as pq

    rg = pq.ParquetFile(path).metadata.row_group(0)
    col = next(rg.column(j) for j in range(rg.num_columns) if rg.column(j).path_in_schema == "text")
    offset = (col.dictionary_page_offset or col.data_page_offset) + col.total_compressed_size - 3
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def test_a_corrupt_page_is_found_by_the_deep_check_and_repaired(small, copy, capsys):
    from toolkit.cli import main

    src, _, want = small
    name = read_manifest(copy)["parts"][0]["name"]
    _flip_inside_a_page(part_file(copy, "mentions", 0))
    assert Store(copy).check().ok  # footers and ids are whole
    with pytest.raises(StoreError, match=f"part {name}: mentions/{name}.parquet cannot be read .*--repair"):
        Store(copy).table("mentions")
    assert main(["store", "check", str(copy), "--quick"]) == 0
    capsys.readouterr()
    assert main(["store", "check", str(copy)]) == 1
    assert "checksum" in capsys.readouterr().out
    assert main(["store", "check", str(copy), "--repair", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "repaired: 1 damaged part(s) replaced" in out and "3 articles annotated, 5 unchanged" in out
    assert out.rstrip().endswith("ok")
    assert_store_gives(copy, want)


def test_repair_reads_the_source_as_the_store_recorded(tmp_path, capsys):
    """A JSON Lines source with its own text field: the repair reads it with the same options."""
    from toolkit.cli import main

    src = tmp_path / "news.jsonl"
    rows = [{"id": f"a{i}", "body": f"وصل وفد روسي إلى الرياض يوم {i + 1} مايو 2024 لبحث التعاون مع السعودية."}
            for i in range(5)]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    store = tmp_path / "store"
    assert main(["annotate", str(src), "--store", str(store), "--text-field", "body", "--batch-size", "2",
                 "--no-progress"]) == 0
    want = corpus_tables(Corpus.from_store(store))
    assert read_manifest(store)["options"]["fields"] == {"text": "body"}
    _truncate(part_file(store, "events", 1), None)
    capsys.readouterr()
    assert main(["store", "check", str(store), "--repair", "--no-progress"]) == 0
    assert "2 articles annotated, 3 unchanged" in capsys.readouterr().out
    assert_tables_equal(corpus_tables(Corpus.from_store(store)), want, sort=True)


def test_opening_a_store_never_deletes_anything(small, copy, capsys):
    from toolkit.cli import main

    src, _, want = small
    m = read_manifest(copy)
    removed = m["parts"].pop(1)  # today: opening the store deleted that part's files
    (copy / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    tmp_part = copy / "mentions" / f".tmp-{'0' * 32}-{removed['name']}.parquet"
    tmp_part.write_bytes(b"half a part")
    tmp_manifest = copy / f".tmp-{'1' * 32}-manifest.json"
    tmp_manifest.write_text("{", encoding="utf-8")
    notes = copy / "mentions" / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    before = files_of(copy)

    store = Store(copy)
    assert len(store) == 5
    Corpus.from_store(copy)
    assert main(["store", "check", str(copy)]) == 1  # orphaned files
    out = capsys.readouterr().out
    assert "orphaned: 5 file(s) the manifest does not list, kept" in out
    assert "leftovers of an interrupted write: 2 file(s)" in out
    assert files_of(copy) == before
    health = store.check()
    assert sorted(health.leftovers) == sorted([tmp_part, tmp_manifest])
    assert sorted(health.orphaned) == sorted([notes] + [copy / t / f"{removed['name']}.parquet" for t in TABLES])

    # a writer removes the temporary files only, and annotates the unlisted part's articles again
    report = annotate_to_store(src, copy, progress=False)
    assert (report.annotated, report.unchanged) == (3, 5)
    assert sorted(report.cleaned) == sorted([tmp_part, tmp_manifest])
    assert not tmp_part.exists() and not tmp_manifest.exists() and notes.exists()
    assert all((copy / t / f"{removed['name']}.parquet").exists() for t in TABLES)
    assert_store_gives(copy, want)
    with pytest.raises(StoreError, match="only the writer holding the lock"):
        Store(copy).clean()


def test_a_writer_removes_the_parts_it_recorded_as_its_leftovers(small, copy):
    """A part the manifest names in ``leftovers`` (the one a killed writer was writing) is removed."""
    src, _, want = small
    m = read_manifest(copy)
    ghost = "part-20250101000000-0123456789ab"
    for t in TABLES:
        shutil.copy(copy / t / f"{m['parts'][0]['name']}.parquet", copy / t / f"{ghost}.parquet")
    m["leftovers"] = [ghost]
    (copy / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    health = Store(copy).check()
    assert health.ok and len(health.leftovers) == 4 and not health.orphaned
    report = annotate_to_store(src, copy, progress=False)
    assert (report.annotated, len(report.cleaned)) == (0, 4)
    assert not any((copy / t / f"{ghost}.parquet").exists() for t in TABLES)
    assert_store_gives(copy, want)


# --------------------------------------------------------------------------- CLI messages (issue 16 item 8)

def test_store_on_a_folder_that_is_not_a_store(small, tmp_path, capsys):
    from toolkit.cli import main

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["annotate", str(small[0]), "--store", str(tmp_path / "mine"), "--no-progress"]) == 1
    err = one_line(capsys.readouterr().err)
    assert err.startswith(f"toolkit annotate: error: {tmp_path / 'mine'}: not empty and not an annotation store")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_store_on_a_file(small, tmp_path, capsys):
    from toolkit.cli import main

    target = tmp_path / "file.txt"
    target.write_text("mine", encoding="utf-8")
    assert main(["annotate", str(small[0]), "--store", str(target), "--no-progress"]) == 1
    assert f"{target}: is a file, not a folder" in one_line(capsys.readouterr().err)
    assert main(["annotate", str(small[0]), "--store", str(target / "store"), "--no-progress"]) == 1
    assert "cannot write the store here" in one_line(capsys.readouterr().err)
    assert main(["store", "check", str(target)]) == 1
    assert "is a file, not a folder" in one_line(capsys.readouterr().err)
    assert main(["store", "check", str(tmp_path / "nothing")]) == 1
    assert "not an annotation store" in one_line(capsys.readouterr().err)
    assert target.read_text(encoding="utf-8") == "mine"


def _deny(monkeypatch, names: tuple[str, ...]) -> None:
    """Make creating these names fail as an unwritable folder does (root ignores file modes)."""
    import pathlib

    real_mkdir, real_open = pathlib.Path.mkdir, os.open

    def mkdir(self, *a, **k):
        if self.name in names:
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *a, **k)

    def open_(path, flags, *a, **k):
        if os.path.basename(os.fspath(path)) in names and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    monkeypatch.setattr(os, "open", open_)


def test_an_unwritable_store(small, copy, tmp_path, capsys, monkeypatch):
    from toolkit.cli import main

    target = tmp_path / "locked" / "store"
    if os.geteuid() == 0:
        _deny(monkeypatch, ("store", ".lock"))
        (copy / ".lock").unlink(missing_ok=True)
    else:
        target.parent.mkdir()
        target.parent.chmod(0o500)
        copy.chmod(0o500)
    try:
        assert main(["annotate", str(small[0]), "--store", str(target), "--no-progress"]) == 1
        err = one_line(capsys.readouterr().err)
        assert f"{target}: cannot write the store here (Permission denied); give a folder you can write to" in err
        # an existing store that cannot be written
        assert main(["annotate", str(small[0]), "--store", str(copy), "--no-progress"]) == 1
        assert f"{copy}: cannot write the store here (Permission denied)" in one_line(capsys.readouterr().err)
        # it can still be read and checked
        monkeypatch.undo()
        assert len(Store(copy)) == 8
    finally:
        if target.parent.exists():
            target.parent.chmod(0o700)
        copy.chmod(0o700)


def test_a_second_writer_is_told_to_wait(small, copy, capsys):
    from toolkit.cli import main

    holder = Store(copy)
    holder.lock()
    try:
        assert main(["annotate", str(small[0]), "--store", str(copy), "--no-progress"]) == 1
        err = one_line(capsys.readouterr().err)
        assert f"{copy}: another process is writing this store" in err and "wait until it ends" in err
        assert main(["store", "check", str(copy), "--repair"]) == 0  # nothing to repair: no need to write
        assert "nothing to repair" in capsys.readouterr().out
        with pytest.raises(StoreError, match="another process is writing"):
            annotate_to_store(small[0], copy, progress=False)
    finally:
        holder.unlock()
    assert annotate_to_store(small[0], copy, progress=False).unchanged == 8


def test_store_check_repair_without_a_source(tmp_path, capsys):
    from toolkit.cli import main

    store = tmp_path / "store"
    articles = list(iter_articles(sorted(CORPUS.glob("*.txt"))[:3]))
    annotate_to_store(iter(articles), store, batch_size=2, progress=False)
    assert read_manifest(store)["source"] is None
    _truncate(part_file(store, "mentions", 0), None)
    with pytest.raises(StoreError, match="annotated from articles in memory"):
        len(Store(store))
    assert main(["store", "check", str(store), "--repair"]) == 1
    captured = capsys.readouterr()
    assert "damaged: 1 part(s)" in captured.out
    assert "names no source to re-read" in one_line(captured.err)
    report = annotate_to_store(iter(articles), store, progress=False)
    assert (report.annotated, report.unchanged) == (2, 1)
    assert len(Store(store)) == 3
