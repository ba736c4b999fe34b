"""The disk cache of built lexicon structures: reused by a new process, rebuilt when what it depends on changes."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from toolkit import cache

CHILD = textwrap.dedent("""
    import sys, time
    from toolkit.cache import persistent
    calls = []

    @persistent("probe", depends=lambda: sys.argv[1])
    def build():
        calls.append(1)
        return {"value": sys.argv[1], "big": list(range(1000))}

    got = build()
    build()  # in memory the second time
    print(got["value"], len(calls))
""")


def _run(folder: Path, dep: str, extra_env: dict | None = None) -> str:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(folder), **(extra_env or {})}
    out = subprocess.run([sys.executable, "-c", CHILD, dep], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_a_new_process_loads_what_an_earlier_one_built(tmp_path: Path) -> None:
    assert _run(tmp_path, "a") == "a 1"   # built
    assert _run(tmp_path, "a") == "a 0"   # loaded from disk: not built again
    assert _run(tmp_path, "b") == "b 1"   # another dependency: another key, built
    assert len(list(tmp_path.glob("probe-*.pickle"))) == 2


def test_a_damaged_file_is_built_again(tmp_path: Path) -> None:
    assert _run(tmp_path, "a") == "a 1"
    (path,) = tmp_path.glob("probe-*.pickle")
    path.write_bytes(b"not a pickle")
    assert _run(tmp_path, "a") == "a 1"
    assert _run(tmp_path, "a") == "a 0"


def test_processes_building_at_once_all_succeed(tmp_path: Path) -> None:
    env = dict(os.environ, TOOLKIT_CACHE_DIR=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, "same"], stdout=subprocess.PIPE, text=True, env=env)
             for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert all(o.startswith("same ") for o in outs)
    assert len(list(tmp_path.glob("probe-*.pickle"))) == 1 and not list(tmp_path.glob(".*.tmp"))


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_dir() is None
    assert _run(tmp_path, "a", {cache.ENV: "off"}) == "a 1"
    assert _run(tmp_path, "a", {cache.ENV: "off"}) == "a 1"
    assert not list(tmp_path.iterdir())


def test_the_key_follows_the_lexicons(tmp_path: Path) -> None:
    from toolkit import lexicon

    def f():
        return 1

    before = cache.key_of(f, "k")
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "given_names.csv").write_text("lang,form,gender\nar,زيدون,m\n", encoding="utf-8")
    try:
        lexicon.use(folder)
        assert cache.key_of(f, "k") != before
    finally:
        lexicon.use()
    assert cache.key_of(f, "k") == before


# --------------------------------------------------------------------------- compiled regular expressions

def test_a_regex_from_the_disk_is_the_pattern_re_compiles(tmp_path: Path, monkeypatch) -> None:
    import re

    monkeypatch.setenv(cache.ENV, str(tmp_path))
    # a pattern of the kind the date grammar caches: named groups, a look-behind, Arabic, IGNORECASE
    pattern = r"(?<![\w])(?P<day>\d{1,2})\s+(?P<month>مايو|يونيو|May|June)\s+(?P<year>\d{4})"
    text = "وقّعت روسيا والسعودية اتفاقاً في الرياض يوم 1 مايو 2024، ثم التقيا في 3 june 2025."
    built = cache.regex(pattern, re.IGNORECASE)
    (saved,) = (tmp_path / "regex").glob("*.pickle")
    loaded = cache.regex(pattern, re.IGNORECASE)  # from the file this time
    expected = re.compile(pattern, re.IGNORECASE)
    for got in (built, loaded):
        assert got == expected  # same pattern, flags and compiled program
        assert got.groupindex == expected.groupindex and got.groups == expected.groups
        assert [m.groupdict() for m in got.finditer(text)] == [
            {"day": "1", "month": "مايو", "year": "2024"}, {"day": "3", "month": "june", "year": "2025"}]
    saved.write_bytes(b"garbage")  # a damaged file: compiled again and replaced
    assert cache.regex(pattern, re.IGNORECASE) == expected
    assert cache.regex(pattern, re.IGNORECASE) == expected and saved.read_bytes() != b"garbage"


def test_the_regex_cache_is_off_with_the_disk_cache(tmp_path: Path, monkeypatch) -> None:
    import re

    monkeypatch.setenv(cache.ENV, "off")
    assert cache.regex(r"\d+ يوم") == re.compile(r"\d+ يوم")
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- cached gazetteers

def test_a_pickled_gazetteer_finds_what_the_built_one_finds(seed_path: Path) -> None:
    """The disk cache keeps a gazetteer as key numbers plus items unpickled on first use."""
    import pickle

    from toolkit.annotators import countries, people
    from toolkit.arabic import normalize
    from toolkit.readers import iter_articles

    texts = [a.text for a in iter_articles(seed_path.parent, errors="skip", problems=[])]
    assert texts
    for builder in (countries.gazetteer, people.title_gazetteer):
        built = builder.__wrapped__()  # built in this process, not read from the cache
        loaded = pickle.loads(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        again = pickle.loads(pickle.dumps(loaded))  # a loaded one pickles the same way
        assert loaded.size == built.size and not hasattr(built, "_blobs")
        found = 0
        for text in texts:
            norm = normalize(text)
            want = built.find(norm)
            assert loaded.find(norm) == want and again.find(norm) == want
            assert loaded.find(norm, longest=False) == built.find(norm, longest=False)
            found += len(want)
        assert found > 20


# --------------------------------------------------------------------------- lexicon rows

def test_lexicon_rows_come_back_from_the_disk_and_follow_an_edit(tmp_path: Path, monkeypatch) -> None:
    from toolkit import lexicon

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    folder = tmp_path / "lex"
    folder.mkdir()
    user = folder / "given_names.csv"
    user.write_text("lang,form,gender\nar,زيدون,m\n", encoding="utf-8")
    try:
        lexicon.use(folder)
        forms = {r["form"] for r in lexicon.rows("given_names")}
        assert "زيدون" in forms
        saved = sorted((tmp_path / "cache" / "lexicon-rows").glob("given_names-*.pickle"))
        assert len(saved) == 2  # the shipped file and the user's
        shipped = lexicon.LEXICON_DIR / "given_names.csv"
        parsed = lexicon._parse_file(shipped.read_bytes(), shipped.name)
        assert lexicon._read_file(shipped, shipped.name) == parsed  # from the disk: the same header and rows
        user.write_text("lang,form,gender\nar,ميسون,f\n", encoding="utf-8")  # edited: another digest
        lexicon.clear_caches()
        forms = {r["form"] for r in lexicon.rows("given_names")}
        assert "ميسون" in forms and "زيدون" not in forms
    finally:
        lexicon.use()


def test_prune_keeps_the_newest_files_of_a_name_only(tmp_path: Path) -> None:
    import os

    from toolkit import cache

    made = []
    for i in range(7):
        f = tmp_path / f"things-{i:032x}.pickle"
        f.write_bytes(b"x")
        os.utime(f, (1000 + i, 1000 + i))
        made.append(f)
    other = tmp_path / f"things-gazetteer-{0:032x}.pickle"  # another name that starts the same
    other.write_bytes(b"x")
    gone = cache.prune(tmp_path, "things", keep=4)
    assert sorted(gone) == sorted(made[:3])
    assert all(f.exists() for f in made[3:]) and other.exists()
    assert cache.prune(tmp_path, "things", keep=4) == []
