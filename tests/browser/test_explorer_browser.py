"""The explorer in a real browser: Voilà serves a one-cell app on 127.0.0.1, headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright) changes a filter, and the
results table must change.

Skipped, with the reason, when /usr/bin/chromium, Voilà or Playwright is missing, except in
CI (``CI=true``), where a missing browser is a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: the browser test must run in CI)")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _app_notebook(folder: Path, corpus: Path) -> Path:
    source = ("import toolkit\nimport toolkit.widgets\n"
              f"toolkit.widgets.explore(toolkit.load_corpus({str(corpus)!r}), plot=False)")
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "app", "metadata": {},
                     "outputs": [], "source": source}],
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / "explorer_app.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture()
def voila_url(tmp_path: Path):
    _need(CHROMIUM.exists(), f"{CHROMIUM} is not installed (apt-get install chromium)")
    _need(shutil.which("voila") is not None or _importable("voila"), "Voilà is not installed (pip install voila)")
    _need(_importable("playwright"), "Playwright is not installed (pip install playwright)")
    app = _app_notebook(tmp_path, REPO / "corpus")
    port = _free_port()
    log = open(tmp_path / "voila.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(app), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
         "--ServerApp.ip=127.0.0.1", "--Voila.tornado_settings={'disable_check_xsrf': True}",
         f"--Voila.root_dir={tmp_path}"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Voilà did not answer within 60 s:\n" + (tmp_path / "voila.log").read_text(errors="replace"))
        if proc.poll() is not None:
            pytest.fail("Voilà stopped:\n" + (tmp_path / "voila.log").read_text(errors="replace"))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def test_changing_a_filter_changes_the_table(voila_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(voila_url, timeout=120_000)
            count = page.locator("p.tk-count").first
            count.wait_for(timeout=120_000)
            before = count.inner_text()
            assert before.split()[0].isdigit() and int(before.split()[0]) > 0
            # choose Tajikistan in the Countries list (a <select multiple>)
            select = page.locator("select[multiple]").first
            value = select.locator("option", has_text="(TJK)").first.get_attribute("value")
            select.select_option(value=value)
            page.wait_for_function(
                "before => { const el = document.querySelector('p.tk-count'); return el && el.innerText !== before; }",
                arg=before, timeout=60_000)
            after = count.inner_text()
            assert int(after.split()[0]) < int(before.split()[0])
            table = page.locator("table.tk-tbl").first.inner_text()
            assert "TJK" in table
        finally:
            browser.close()
