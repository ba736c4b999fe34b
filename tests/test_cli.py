"""The toolkit command: info on folders, files and bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cli import SUBCOMMANDS, build_parser, main

AR = "اجتمع وزيرا خارجية روسيا والسعودية في الرياض لبحث التعاون الاقتصادي."


def test_info_on_the_corpus_folder(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(seed_path.parent)]) == 0
    out = capsys.readouterr().out
    n = sum(1 for p in seed_path.parent.rglob("*.txt") if not p.name.startswith("."))
    assert out.startswith(f"{seed_path.parent}/: {n} article")
    assert "languages: ar" in out
    assert "تاس (TASS)" in out
    assert "inferred from the lead" in out  # the seed's date
    assert "problems: 0" in out


def test_info_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(AR + "\nالمصدر: واس", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"body": "Russia and Iran met.", "date": "2024-01-02"}) + "\n", encoding="utf-8")
    assert main(["info", str(tmp_path), "--text-field", "body"]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path}/: 2 articles" in out
    assert "languages: ar 1, en 1" in out
    assert "واس (SPA) 1" in out
    assert "dates: 2024-01-02" in out


def test_info_bad_input_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    assert main(["info", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "line 2" in err and "--errors skip" in err


def test_info_skip_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    assert main(["info", str(tmp_path), "--errors", "skip"]) == 0
    out = capsys.readouterr().out
    assert "problems: 1" in out and "bad.jsonl: line 2, record 1: malformed JSON" in out


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(tmp_path / "nope")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_registry_shape() -> None:
    names = [entry[0] for entry in SUBCOMMANDS]
    assert "info" in names
    assert build_parser().parse_args(["info", "x"]).command == "info"


def test_info_on_a_saudinewsnet_zip(saudinewsnet_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zips = sorted(saudinewsnet_dir.glob("*.zip"), key=lambda p: p.stat().st_size)
    assert main(["info", str(zips[0]), "--errors", "skip"]) == 0
    out = capsys.readouterr().out
    assert "languages: ar" in out
    assert "metadata (date_extracted)" in out
    assert "(Asharq Al-Awsat)" in out or "(Al Riyadh)" in out


def test_sigterm_stops_the_worker_processes_too(tmp_path: Path) -> None:
    """``kill`` on ``toolkit annotate --workers 2`` ends the command and its workers: before, the
    command died and its two worker processes went on annotating, orphaned (seen on SaudiNewsNet)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    seed = next((Path(__file__).resolve().parents[1] / "corpus").glob("000_*.txt"))
    src = tmp_path / "src"
    src.mkdir()
    text = seed.read_text(encoding="utf-8")
    for i in range(600):  # enough work to be still running when killed
        (src / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "annotate", str(src), "--store",
                             str(tmp_path / "store"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    parent = psutil.Process(proc.pid)
    children: list = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(children) < 2 and proc.poll() is None:
            children = [c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
            time.sleep(0.2)
        assert len(children) >= 2 and proc.poll() is None, "the workers did not start"
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130 and "interrupted" in err
        gone, alive = psutil.wait_procs(children, timeout=20)
        assert not alive, f"workers still running after the command ended: {[p.pid for p in alive]}"
    finally:  # nothing left running, whatever failed
        for p in [*children, parent]:
            try:
                p.kill()
            except psutil.Error:
                pass
