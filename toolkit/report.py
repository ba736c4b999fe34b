"""One-command HTML reports: run the curated notebooks on a corpus and convert each to HTML.

``build_report(corpus, out)`` executes every ``notebooks/NN_*.ipynb`` of the source tree in a
fresh kernel of the current Python, with the corpus given as the notebook's ``CORPUS``
parameter (a cell tagged ``injected-parameters`` is inserted after the cell tagged
``parameters``, as papermill does), and writes one HTML file per notebook plus an
``index.html`` with nbconvert. Input prompts are left out; widgets, which need a live
kernel, are shown through their static representation (text or HTML).

``refresh(paths)`` is the maintainers' tool: it re-executes notebooks in place with their
own parameters and strips widget state, so that the committed outputs are what nbval
compares (``python -m toolkit.report --refresh notebooks/*.ipynb``).
"""
from __future__ import annotations

import argparse
import html
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

#: MIME type of a widget view: meaningless without a live kernel and a widget manager.
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: The notebooks the report runs: ``NN_name.ipynb`` in the notebooks folder, in name order.
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"


class ReportError(RuntimeError):
    """A notebook could not be found or run (the message names the notebook and the cell)."""


def repo_root() -> Path:
    """The source tree the toolkit package is imported from (the folder above ``toolkit/``)."""
    return Path(__file__).resolve().parent.parent


def notebooks_dir() -> Path:
    """The curated notebooks folder beside the package (an editable install or a checkout)."""
    path = repo_root() / "notebooks"
    if not path.is_dir():
        raise ReportError(f"no notebooks folder beside the toolkit package ({path.name}/ not found); "
                          "install from a checkout with `pip install -e .` or pass --notebooks DIR")
    return path


def default_corpus() -> Path:
    """The bundled corpus of the source tree."""
    return repo_root() / "corpus"


def find_notebooks(folder: str | os.PathLike | None = None, only: Iterable[str] | None = None) -> list[Path]:
    """The report's notebooks in ``folder`` (default: the curated ones), optionally only those
    whose name starts with one of ``only`` (``["01", "03"]``)."""
    base = Path(folder) if folder is not None else notebooks_dir()
    paths = sorted(base.glob(NOTEBOOK_GLOB))
    if only:
        prefixes = tuple(only)
        paths = [p for p in paths if p.name.startswith(prefixes) or p.stem in prefixes]
    if not paths:
        raise ReportError(f"no notebooks matching {NOTEBOOK_GLOB} in {base}")
    return paths


# --------------------------------------------------------------------------- notebooks

def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def inject_parameters(nb: Any, params: dict[str, Any]) -> Any:
    """Insert a code cell tagged ``injected-parameters`` after the ``parameters`` cell
    (at the top when there is none), replacing an earlier injected cell. Returns ``nb``."""
    import nbformat

    nb.cells = [c for c in nb.cells if "injected-parameters" not in _tags(c)]
    source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.pop("id", None)
    where = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in _tags(c)), 0)
    nb.cells.insert(where, cell)
    _renumber_ids(nb)
    return nb


def _renumber_ids(nb: Any) -> None:
    """Give every cell a stable id (``cell-N``) so that nothing random lands in a notebook."""
    if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) >= 5:
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"cell-{i}"
            cell.get("metadata", {}).pop("execution", None)


def strip_widget_state(nb: Any) -> Any:
    """Drop stored widget state (``metadata.widgets``): it holds random model ids."""
    nb.metadata.pop("widgets", None)
    return nb


def static_widgets(nb: Any) -> Any:
    """Drop widget-view MIME data from outputs so that their text/HTML fallback is shown."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and WIDGET_MIME in data and len(data) > 1:
                del data[WIDGET_MIME]
    return nb


def execute(nb: Any, *, cwd: str | os.PathLike, timeout: int = 600, kernel_name: str = "python3") -> Any:
    """Run ``nb`` in a fresh kernel of the current Python with ``cwd`` as working folder."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return strip_widget_state(nb)


def to_html(nb: Any, *, title: str | None = None) -> str:
    """A standalone HTML page of an executed notebook, without input/output prompts."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True)
    resources = {"metadata": {"name": title}} if title else {}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def _title(nb: Any, fallback: str) -> str:
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def build_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike = "reports", *,
                 notebooks: str | os.PathLike | None = None, only: Iterable[str] | None = None,
                 timeout: int = 600, log: Callable[[str], None] | None = None) -> list[Path]:
    """Run the notebooks on ``corpus`` (default: the bundled one) and write HTML into ``out``.

    Returns the paths written (one HTML file per notebook, then ``index.html``). Raises
    :class:`ReportError` naming the notebook when a cell fails.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError

    say = log or (lambda _msg: None)
    corpus_path = Path(corpus) if corpus is not None else default_corpus()
    if not corpus_path.exists():
        raise FileNotFoundError(f"{corpus_path}: no such file or folder")
    paths = find_notebooks(notebooks, only)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    params = {"CORPUS": str(corpus_path.resolve())}
    written: list[Path] = []
    entries: list[tuple[str, str, float]] = []
    for path in paths:
        t0 = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, params)
        try:
            execute(nb, cwd=path.parent, timeout=timeout)
        except CellExecutionError as exc:
            raise ReportError(f"{path.name}: a cell failed:\n{exc}") from exc
        static_widgets(nb)
        title = _title(nb, path.stem)
        target = out_dir / f"{path.stem}.html"
        target.write_text(to_html(nb, title=title), encoding="utf-8")
        seconds = time.perf_counter() - t0
        written.append(target)
        entries.append((target.name, title, seconds))
        say(f"  wrote {target} ({seconds:.1f} s)")
    index = out_dir / "index.html"
    index.write_text(_index_html(entries, corpus_path), encoding="utf-8")
    written.append(index)
    say(f"  wrote {index}")
    return written


def _index_html(entries: Sequence[tuple[str, str, float]], corpus: Path) -> str:
    items = "\n".join(f"<li><a href='{html.escape(name)}'>{html.escape(title)}</a></li>" for name, title, _ in entries)
    return ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Relations toolkit report</title></head>"
            "<body><h1>Relations toolkit report</h1>"
            f"<p>Corpus: <code>{html.escape(corpus.name or str(corpus))}</code></p>"
            f"<ol>\n{items}\n</ol></body></html>\n")


def refresh(paths: Iterable[str | os.PathLike], *, timeout: int = 600,
            log: Callable[[str], None] | None = None) -> list[Path]:
    """Re-execute notebooks in place (their own parameters; widget state stripped)."""
    import nbformat

    say = log or (lambda _msg: None)
    done = []
    for p in map(Path, paths):
        t0 = time.perf_counter()
        nb = nbformat.read(p, as_version=4)
        nb.cells = [c for c in nb.cells if "injected-parameters" not in _tags(c)]
        execute(nb, cwd=p.parent, timeout=timeout)
        static_widgets(nb)  # widget views hold random model ids; their static HTML stays
        _renumber_ids(nb)
        nbformat.write(nb, p)
        done.append(p)
        say(f"  executed {p} ({time.perf_counter() - t0:.1f} s)")
    return done


# --------------------------------------------------------------------------- command line

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``toolkit report``."""
    parser.add_argument("path", metavar="PATH", nargs="?", default=None,
                        help="corpus file or folder (default: the bundled corpus/)")
    parser.add_argument("--out", default="reports", metavar="DIR", help="folder for the HTML files (default reports/)")
    parser.add_argument("--notebooks", metavar="DIR", help="run the NN_*.ipynb notebooks of this folder instead")
    parser.add_argument("--only", nargs="+", metavar="NN", help="only the notebooks whose names start with these")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")


def run(args: argparse.Namespace) -> int:
    """``toolkit report``: returns 0, or 1 when a notebook fails (the error names it)."""
    t0 = time.perf_counter()
    corpus = args.path if args.path is not None else default_corpus()
    print(f"running the notebooks on {args.path if args.path is not None else 'the bundled corpus'}")
    try:
        written = build_report(corpus, args.out, notebooks=args.notebooks, only=args.only,
                               timeout=args.timeout, log=print)
    except ReportError as exc:
        print(f"toolkit report: error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written) - 1} reports in {args.out} ({time.perf_counter() - t0:.0f} s); open {written[-1]}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m toolkit.report --refresh NB...`` re-executes notebooks in place."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.report",
                                     description="Re-execute notebooks in place (maintainers), or build a report.")
    parser.add_argument("--refresh", nargs="+", metavar="NOTEBOOK", help="notebooks to execute in place")
    parser.add_argument("--timeout", type=int, default=600)
    args, rest = parser.parse_known_args(argv)
    if args.refresh:
        refresh(args.refresh, timeout=args.timeout, log=print)
        return 0
    report_parser = argparse.ArgumentParser(prog="toolkit report")
    add_arguments(report_parser)
    return run(report_parser.parse_args(rest))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
