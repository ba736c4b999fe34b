"""Fuzz: the annotation store under a crash at any point of a write, and under edited manifests.

- A writer is stopped at the k-th file-system operation it makes (each ``os.replace``,
  ``os.fsync``, ``os.unlink``, Parquet write and text write; a write may also be left torn,
  half written): what is left opens, has no damage and no orphaned file, and holds for every
  article exactly the rows of one of its versions (the committed ones); the next run removes
  the leftovers and completes the store. (``tests/test_store.py`` kills a real writer with
  SIGKILL as well.)
- A real manifest is edited at random (values of any JSON type, keys removed, parts
  duplicated, removed, reordered or renamed, drop lists, counts, leftovers): every edit gives
  either a ``StoreError`` or the store the edited manifest describes (each listed part's rows,
  without its dropped articles), never another exception or other data; opening, reading
  and checking delete nothing; a writer run afterwards gives the right store or a StoreError.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzing import REPO, fuzz  # noqa: E402

import toolkit.batch  # noqa: E402
from toolkit.batch import annotate_to_store, content_hash  # noqa: E402
from toolkit.corpus import Corpus  # noqa: E402
from toolkit.readers import iter_articles  # noqa: E402
from toolkit.store import TABLES, Store, StoreError, new_part_name, store_table  # noqa: E402
from toolkit.tables import from_arrow  # noqa: E402

CORPUS = REPO / "corpus"
pytestmark = pytest.mark.skipif(len(list(CORPUS.glob("*.txt"))) < 6, reason="the bundled corpus/ is not in the checkout")
KEYS = {"articles": ["id"], "mentions": ["article_id", "start", "end", "type", "rule"],
        "events": ["article_id", "sentence", "start", "type", "mode", "rule", "evidence"],
        "sentences": ["article_id", "sentence"]}
ADDED = "\n\nوقال وزير الخارجية الروسي إن موسكو تدعم طهران في مفاوضاتها مع الرياض.\n"

_real_batch = toolkit.batch.annotate_batch
_batches: dict = {}


def cached_batch(batch, lang=None):
    """annotate_batch, remembered article by article: a fuzz example then costs file operations only."""
    import pyarrow as pa

    results = []
    for d in batch:
        key = (lang, d["id"], d["content_hash"])
        if key not in _batches:
            _batches[key] = _real_batch([d], lang)
        results.append(_batches[key])
    out = {name: pa.concat_tables([r[name] for r in results]) for name in TABLES}
    out["n"] = len(batch)
    return out


def normal(df: pd.DataFrame, name: str) -> pd.DataFrame:
    df = df.drop(columns=[c for c in ("event_id", "content_hash") if c in df.columns])
    return df.sort_values(KEYS[name], kind="stable").reset_index(drop=True)


def assert_same(got: dict, want: dict) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(normal(got[name], name), normal(want[name], name), check_exact=True, obj=name)


class World:
    """Two versions of a small source (B: 4 articles, one of them changed; A: 6 articles),
    their reference tables, a store of B and a store of A made over it."""

    def __init__(self, root: Path):
        files = sorted(CORPUS.glob("*.txt"))[:6]
        self.src = root / "src"
        self.src.mkdir()
        changed = self.src / files[1].name
        self.versions: dict[tuple[str, str], dict[str, pd.DataFrame]] = {}
        self.final: dict[str, pd.DataFrame] = {}
        self.base, self.full = root / "base", root / "full"
        for version in ("B", "A"):
            # B: four articles, one of them longer; A (the source of the fuzzed runs): six, as bundled
            for f in files[:4] if version == "B" else files:
                shutil.copy(f, self.src / f.name)
            if version == "B":
                changed.write_text(changed.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
            articles = list(iter_articles(self.src))
            corpus = Corpus.from_articles(articles).annotate(progress=False)
            tables = {name: getattr(corpus, name) for name in TABLES}
            for art in articles:
                self.versions[(art.id, content_hash(art))] = {
                    name: t[t["id" if name == "articles" else "article_id"] == art.id] for name, t in tables.items()}
            self.final = tables
            with mock.patch.object(toolkit.batch, "annotate_batch", cached_batch), no_fsync():
                if version == "B":
                    annotate_to_store(self.src, self.base, batch_size=2, progress=False)
                    shutil.copytree(self.base, self.full)
                else:
                    annotate_to_store(self.src, self.full, batch_size=2, progress=False)
        self.manifest = json.loads((self.full / "manifest.json").read_text(encoding="utf-8"))
        self.truth = {p["name"]: {t: from_arrow(store_table(t), pq.read_table(self.full / t / f"{p['name']}.parquet"))
                                  for t in TABLES} for p in self.manifest["parts"]}
        assert any(p["drop"] for p in self.manifest["parts"]), "the changed article supersedes a stored one"

    def expected(self, pairs) -> dict[str, pd.DataFrame]:
        """The tables of these (id, content hash) versions."""
        out = {}
        for name in TABLES:
            frames = [self.versions[p][name] for p in pairs]
            out[name] = pd.concat(frames, ignore_index=True) if frames else self.final[name].iloc[:0]
        return out


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(tmp_path_factory.mktemp("fuzz-store"))


def files_of(store: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(store)), p.stat().st_size) for p in store.rglob("*") if p.is_file())


def stored(store: Store) -> dict[str, pd.DataFrame]:
    return {name: store.table(name) for name in TABLES}


# --------------------------------------------------------------------------- a crash at any point

def no_fsync():
    """fsync made a no-op: what is fuzzed is a process stopped at any point, not a power cut,
    and a real fsync per file makes an example slow."""
    return mock.patch.object(os, "fsync", lambda fd: None)


class Crash(BaseException):
    """The writer stops here, as if killed (BaseException: no ``except Exception`` catches it)."""


@contextmanager
def crash_at(k: int | None, torn: bool):
    """Count the writer's file-system operations; raise Crash at the k-th (None: never)."""
    import toolkit.store as ts

    count = [0]

    def hit() -> bool:
        count[0] += 1
        return k is not None and count[0] - 1 == k

    real_replace, real_fsync, real_unlink = os.replace, os.fsync, os.unlink
    real_write_table, real_write_text = ts.pq.write_table, Path.write_text

    def replace(a, b, *args, **kw):
        if hit():
            raise Crash("replace")
        return real_replace(a, b, *args, **kw)

    def fsync(fd):
        if hit():
            raise Crash("fsync")
        return real_fsync(fd)

    def unlink(path, *args, **kw):
        if hit():
            raise Crash("unlink")
        return real_unlink(path, *args, **kw)

    def write_table(table, where, *args, **kw):
        if hit():
            if torn:
                real_write_table(table, where, *args, **kw)
                data = Path(where).read_bytes()
                Path(where).write_bytes(data[: len(data) // 2])
            raise Crash("write_table")
        return real_write_table(table, where, *args, **kw)

    def write_text(self, data, *args, **kw):
        if hit():
            if torn:
                real_write_text(self, data[: len(data) // 2], *args, **kw)
            raise Crash("write_text")
        return real_write_text(self, data, *args, **kw)

    with mock.patch.object(os, "replace", replace), mock.patch.object(os, "fsync", fsync), \
            mock.patch.object(os, "unlink", unlink), mock.patch.object(ts.pq, "write_table", write_table), \
            mock.patch.object(Path, "write_text", write_text):
        yield count


def operations(world: World) -> int:
    if not hasattr(world, "_ops"):
        store = world.base.parent / "count"
        shutil.copytree(world.base, store)
        with mock.patch.object(toolkit.batch, "annotate_batch", cached_batch), no_fsync(), \
                crash_at(None, False) as count:
            annotate_to_store(world.src, store, batch_size=2, progress=False)
        world._ops = count[0]
        shutil.rmtree(store)
    return world._ops


@fuzz(10)
@given(data=st.data())
def test_a_crash_at_any_point_leaves_a_whole_store(world, data, tmp_path_factory):
    n = operations(world)
    assert n > 20
    k = data.draw(st.integers(0, n - 1), label="operation")
    torn = data.draw(st.booleans(), label="torn")
    store = tmp_path_factory.mktemp("crash") / "store"
    shutil.copytree(world.base, store)
    with mock.patch.object(toolkit.batch, "annotate_batch", cached_batch), no_fsync():
        with crash_at(k, torn), pytest.raises(Crash):
            annotate_to_store(world.src, store, batch_size=2, progress=False)

        opened = Store(store)
        health = opened.check(deep=True)
        assert not health.damaged and not health.orphaned, health.lines()
        tables = stored(opened)
        pairs = list(zip(tables["articles"]["id"], tables["articles"]["content_hash"]))
        assert all(p in world.versions for p in pairs), pairs
        assert len(opened) == len(pairs) == len({aid for aid, _ in pairs})
        assert_same(tables, world.expected(pairs))

        report = annotate_to_store(world.src, store, batch_size=2, progress=False)
    assert sorted(report.cleaned) == sorted(health.leftovers)
    after = Store(store)
    health = after.check(deep=True)
    assert health.ok and not health.leftovers and after.manifest["complete"], health.lines()
    assert_same(stored(after), world.final)
    assert len(list(store.glob("*/*.parquet"))) == 4 * len(after.parts)


# --------------------------------------------------------------------------- edited manifests

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**4) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)
NAMES = st.sampled_from(["../../../../etc/passwd", "/etc/passwd", "part-x", "", ".", "..",
                         "part-20250101000000-abcdefabcdef/../x", "part-20250101000000-ABCDEFABCDEF"])


def edit(m: dict, world: World, draw) -> dict | list | str:
    parts = m.get("parts") if isinstance(m.get("parts"), list) else []
    names = list(world.truth)
    kind = draw(st.sampled_from(["top", "top", "delete", "part", "part", "part", "part-delete", "duplicate",
                                 "remove", "reorder", "swap", "leftovers", "everything", "text"]))
    if kind == "top":
        key = draw(st.sampled_from(["format", "format_version", "toolkit_version", "lexicon_fingerprint",
                                    "complete", "source", "options", "parts", "leftovers", "unknown"]))
        plausible = {"format_version": st.sampled_from([1, 2, 3, "2", 2.0]), "complete": st.booleans(),
                     "source": st.sampled_from([None, [], ["x"], [str(world.src)], [1]]),
                     "options": st.sampled_from([{}, {"errors": "skip"}, {"lang": "ar"}, {"errors": "x"}])}
        m[key] = draw(plausible.get(key, json_values) | json_values)
    elif kind == "delete" and m:
        m.pop(draw(st.sampled_from(sorted(m))), None)
    elif kind in ("part", "part-delete") and parts:
        i = draw(st.integers(0, len(parts) - 1))
        part = parts[i]
        if not isinstance(part, dict):
            return m
        key = draw(st.sampled_from(["name", "articles", "drop", "rows", "toolkit_version", "lexicon_fingerprint",
                                    "unknown"]))
        if kind == "part-delete":
            part.pop(key, None)
            return m
        name = part.get("name")
        truth = world.truth.get(name) if isinstance(name, str) else None
        ids = list(truth["articles"]["id"]) if truth else ["x"]
        plausible = {
            "name": st.sampled_from(names) | NAMES | st.just(new_part_name()),
            "articles": st.integers(-1, 5) | st.just(len(ids)) | st.just(999),
            "drop": st.lists(st.sampled_from(ids + ["no-such-id"]), max_size=3),
            "rows": st.sampled_from([None, {}, {"articles": 2}]) | st.dictionaries(
                st.sampled_from(TABLES), st.integers(0, 300), min_size=4, max_size=4),
            "toolkit_version": st.sampled_from(["0.0.1", "99"]), "lexicon_fingerprint": st.just("0" * 64),
        }
        if key == "rows" and truth and draw(st.booleans()):
            rows = {t: len(truth[t]) for t in TABLES}
            table = draw(st.sampled_from(TABLES))
            rows[table] += draw(st.sampled_from([-1, 1]))
            part["rows"] = rows
        else:
            part[key] = draw(plausible.get(key, json_values) | json_values)
    elif kind == "duplicate" and parts:
        parts.append(copy.deepcopy(parts[draw(st.integers(0, len(parts) - 1))]))
    elif kind == "remove" and parts:
        parts.pop(draw(st.integers(0, len(parts) - 1)))
    elif kind == "reorder" and parts:
        m["parts"] = draw(st.permutations(parts))
    elif kind == "swap" and len(parts) > 1:
        i, j = draw(st.integers(0, len(parts) - 1)), draw(st.integers(0, len(parts) - 1))
        if isinstance(parts[i], dict) and isinstance(parts[j], dict):
            parts[i]["name"], parts[j]["name"] = parts[j].get("name"), parts[i].get("name")
    elif kind == "leftovers":
        m["leftovers"] = draw(st.lists(st.sampled_from(names) | st.just(new_part_name()) | NAMES, max_size=3))
    elif kind == "everything":
        return draw(json_values)
    elif kind == "text":
        text = json.dumps(m)
        return text[: draw(st.integers(0, len(text) - 1))]
    return m


def described(m, world: World):
    """The (id, content hash) pairs the edited manifest describes, or None when it cannot be a store
    (a part listed twice, an article in two parts, counts that are not the parts')."""
    names = [p["name"] for p in m["parts"]]
    if len(names) != len(set(names)):
        return None
    pairs = []
    for part in m["parts"]:
        truth = world.truth.get(part["name"])
        if truth is None:
            return None  # no such files: the store must say so
        arts = truth["articles"]
        if part["articles"] != len(arts) or not set(part.get("drop") or ()) <= set(arts["id"]):
            return None
        if "rows" in part and part["rows"] != {t: len(truth[t]) for t in TABLES}:
            return None
        drop = set(part.get("drop") or ())
        pairs += [(aid, h) for aid, h in zip(arts["id"], arts["content_hash"]) if aid not in drop]
    if len({aid for aid, _ in pairs}) != len(pairs):
        return None
    return pairs


@fuzz(40)
@given(data=st.data())
def test_an_edited_manifest_gives_the_store_it_describes_or_a_store_error(world, data, tmp_path_factory):
    store = tmp_path_factory.mktemp("edit") / "store"
    shutil.copytree(world.full, store)
    m: dict | list | str = copy.deepcopy(world.manifest)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        if not isinstance(m, dict):
            break
        m = edit(m, world, data.draw)
    body = m if isinstance(m, str) else json.dumps(m)
    (store / "manifest.json").write_text(body, encoding="utf-8")
    before = files_of(store)
    try:
        opened = Store(store)
        health = opened.check(deep=data.draw(st.booleans(), label="deep"))
        tables = stored(opened)
        n = len(opened)
    except StoreError:
        pass
    else:
        pairs = described(json.loads(body), world)
        assert pairs is not None, f"the store read a manifest that describes no store: {body}"
        assert not health.damaged and n == len(pairs)
        assert_same(tables, world.expected(pairs))
    assert files_of(store) == before  # opening, checking and reading delete nothing

    if data.draw(st.booleans(), label="then a writer"):
        with mock.patch.object(toolkit.batch, "annotate_batch", cached_batch), no_fsync():
            try:
                annotate_to_store(world.src, store, batch_size=2, progress=False)
            except StoreError:
                return
        after = Store(store)
        health = after.check(deep=True)
        assert not health.damaged and not health.leftovers, health.lines()
        assert_same(stored(after), world.final)
