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
