"""The committed notebooks are executed, deterministic, paired with their .py files, and
mostly compared by nbval (at least 80% of code cells)."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IGNORE_MARKS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP", "# NBVAL_RAISES_EXCEPTION")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")
#: absolute paths of this or any machine (home folders, temporary folders, work trees)
LOCAL_PATH = re.compile("(" + "|".join(["/" + "work/", "/home/", "/root/", "/tmp/", "/private/var/"]) + r"|[A-Z]:\\\\Users)")


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _code(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _ignored(cell: dict) -> bool:
    return _src(cell).lstrip().startswith(IGNORE_MARKS)


def _output_texts(cell: dict) -> list[str]:
    """Every compared text of a cell's outputs (images and widget views left out)."""
    texts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            texts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        for mime, value in out.get("data", {}).items():
            if mime.startswith("image/") or mime == WIDGET_MIME:
                continue
            texts.append("".join(value) if isinstance(value, list) else str(value))
        if "traceback" in out:
            texts.append("\n".join(out["traceback"]))
    return texts


def test_the_curated_notebooks_are_there() -> None:
    names = [p.stem[:2] for p in NOTEBOOKS]
    assert names == ["01", "02", "03", "04", "05", "06", "07", "08"], names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_markdown_then_parameters(path: Path) -> None:
    nb = _nb(path)
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    assert _src(first).startswith("# ") and "teaches" in _src(first)
    params = [c for c in _code(nb) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    assert re.search(r'^CORPUS = "\.\./corpus"', _src(params[0]), re.M)
    assert nb["cells"].index(params[0]) == 1, "the parameters cell comes right after the opening markdown"
    assert not any("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in nb["cells"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_executed_with_stored_outputs_and_no_errors(path: Path) -> None:
    code = _code(_nb(path))
    assert all(c.get("execution_count") for c in code), "every code cell was executed"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "executed top to bottom in one run"
    with_outputs = [c for c in code if c.get("outputs")]
    assert len(with_outputs) >= len(code) // 2
    for cell in code:
        assert all(o["output_type"] != "error" for o in cell.get("outputs", [])), _src(cell)[:80]
        for out in cell.get("outputs", []):
            assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), (
                f"stderr output (a warning?) in: {_src(cell)[:80]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nothing_random_stored(path: Path) -> None:
    nb = _nb(path)
    assert "widgets" not in nb.get("metadata", {}), "widget state must be stripped (metadata.widgets)"
    for i, cell in enumerate(nb["cells"]):
        assert cell.get("id", f"cell-{i}") == f"cell-{i}", "stable cell ids (cell-N)"
        assert "execution" not in cell.get("metadata", {}), "no execution timestamps in cell metadata"
        for out in cell.get("outputs", []):
            assert WIDGET_MIME not in out.get("data", {}), "widget views (random model ids) are stripped"
        for text in _output_texts(cell):
            assert not ADDRESS.search(text), f"memory address in the output of: {_src(cell)[:80]}"
            assert not TIMESTAMP.search(text), f"timestamp in the output of: {_src(cell)[:80]}"
        for text in _output_texts(cell) + [_src(cell)]:
            assert not LOCAL_PATH.search(text), f"machine-local path in: {_src(cell)[:80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_only_widget_cells_are_ignored(path: Path) -> None:
    for cell in _code(_nb(path)):
        if _ignored(cell):
            assert _src(cell).lstrip().startswith("# NBVAL_IGNORE_OUTPUT")
            shown = " ".join("".join(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", []))
            assert "widgets." in _src(cell) and re.search(r"<(Explorer|PartnersView)\b", shown), (
                f"NBVAL_IGNORE_OUTPUT on a cell that shows no widget: {_src(cell)[:80]}")


def test_at_least_80_percent_of_code_cells_are_compared() -> None:
    total = compared = 0
    for path in NOTEBOOKS:
        code = _code(_nb(path))
        mine = sum(1 for c in code if not _ignored(c))
        assert mine / len(code) >= 0.8, f"{path.name}: {mine}/{len(code)} code cells compared"
        total += len(code)
        compared += mine
    assert total and compared / total >= 0.8, f"{compared}/{total}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_paired_py_percent_in_sync(path: Path) -> None:
    jupytext = pytest.importorskip("jupytext")
    pair = path.with_suffix(".py")
    assert pair.exists(), f"{pair.name} (jupytext py:percent pair) is missing"
    nb = _nb(path)
    assert "py:percent" in nb["metadata"].get("jupytext", {}).get("formats", "")
    text = jupytext.read(pair, fmt="py:percent")
    ours = [(c["cell_type"], _src(c).strip()) for c in nb["cells"]]
    theirs = [(c.cell_type, c.source.strip()) for c in text.cells]
    assert ours == theirs, f"{path.name} and {pair.name} differ: run `jupytext --sync {path.name}`"


def test_pytest_runs_the_notebooks_with_nbval() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "notebooks" in config["testpaths"] and "tests" in config["testpaths"]
    assert "--nbval " in config["addopts"] + " " and "--nbval-current-env" in config["addopts"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest\n' in readme
    assert 'pip install -e ".[test]" && python -m pytest' in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_report_runs_a_notebook_on_another_corpus(tmp_path: Path) -> None:
    """``toolkit report PATH --out DIR --only 07``: the CORPUS parameter is injected, HTML written."""
    from toolkit.cli import main

    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "a.txt").write_text("---\npublished: 2024-01-02\nlanguage: en\n---\nRussia and Iran held talks in Tehran.\n",
                                  encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", str(corpus), "--out", str(out), "--only", "07"]) == 0
    page = (out / "07_bring_your_own_corpus.html").read_text(encoding="utf-8")
    assert "1 article, en 1, 2024-01-02…2024-01-02, 0 problems" in page  # the last summary is of PATH
    assert "07_bring_your_own_corpus.html" in (out / "index.html").read_text(encoding="utf-8")


def test_inject_parameters_after_the_parameters_cell() -> None:
    import nbformat

    from toolkit.report import inject_parameters

    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    inject_parameters(nb, {"CORPUS": "elsewhere"})
    assert "parameters" in nb.cells[1].metadata["tags"]
    assert nb.cells[2].metadata["tags"] == ["injected-parameters"]
    assert "CORPUS = 'elsewhere'" in nb.cells[2].source
