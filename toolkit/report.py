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
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from toolkit.batch import annotate_to_store
from toolkit.readers import is_output_folder
from toolkit.writers import mark_output

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
    """Run ``nb`` in a fresh kernel of the current Python with ``cwd`` as working folder.

    The kernel talks over local Unix sockets in a temporary folder (not TCP), so it has
    nothing to warn about, and nothing is left behind.
    """
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="tk-kernel-") as sockets:
        km = KernelManager(kernel_name=kernel_name, transport="ipc", ip=os.path.join(sockets, "k"))
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name=kernel_name, store_widget_state=False,
                                record_timing=False, resources={"metadata": {"path": str(cwd)}})
        try:
            client.execute()
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
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


@dataclass(frozen=True)
class Outcome:
    """What happened to one notebook of a report."""

    notebook: str          # the notebook's file name
    title: str
    html: str | None       # the HTML file written (also for a failed notebook: up to the failing cell)
    ok: bool
    seconds: float
    error: str = ""        # one line: where and what, for a failed notebook
    log: str | None = None  # the full traceback, for a failed notebook


#: The reading options a report passes to every notebook (its parameters cell has them).
READING_PARAMETERS = ("ERRORS", "FIELDS", "ENCODING", "STORE")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _failure(exc: Exception, nb: Any) -> tuple[str, str]:
    """(one line, the full text) of a notebook's failure: the cell, the error type and message."""
    text = _ANSI.sub("", str(exc))
    cell = next((i for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"
                 and any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = _ANSI.sub("", getattr(exc, "evalue", "") or "").strip().splitlines()
    where = "a cell"
    if cell is not None:
        first = next((line.strip() for line in nb.cells[cell].source.splitlines() if line.strip()), "")
        where = f"cell {cell + 1} ({first[:60] + ('…' if len(first) > 60 else '')})"
    return f"{where}: {ename}: {evalue[0] if evalue else ''}".rstrip(": "), text


def build_report(corpus: str | os.PathLike | None = None, out: str | os.PathLike = "reports", *,
                 notebooks: str | os.PathLike | None = None, only: Iterable[str] | None = None,
                 timeout: int = 600, log: Callable[[str], None] | None = None,
                 errors: str = "raise", fields: Mapping[str, Any] | None = None, encoding: str | None = None,
                 store: str | os.PathLike | None = None, workers: int = 1) -> list[Outcome]:
    """Run the notebooks on ``corpus`` (default: the bundled one) and write HTML into ``out``.

    Every notebook runs, whatever happened to the others: a notebook that fails is written
    up to the failing cell, its traceback goes to ``out/<name>.log``, and the outcome says
    where it failed in one line. ``index.html`` lists every notebook with its status. The
    reading options (``errors``, ``fields``, ``encoding``) reach every notebook; with ``store``
    the corpus is annotated once into that annotation store (``workers`` processes) and every
    notebook reads its tables from there (the way to report on tens of thousands of articles).
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError

    say = log or (lambda _msg: None)
    corpus_path = Path(corpus) if corpus is not None else default_corpus()
    if not corpus_path.exists():
        raise FileNotFoundError(f"{corpus_path}: no such file or folder")
    if is_output_folder(corpus_path):
        raise ReportError(f"{corpus_path} is a folder the toolkit wrote (a store, an export or a report), not a corpus")
    paths = find_notebooks(notebooks, only)
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"{out_dir} exists and is not a folder; give a folder for the report")
    out_dir.mkdir(parents=True, exist_ok=True)
    mark_output(out_dir)
    if store is not None:
        say(f"  annotating {corpus_path} into the store {store}")
        done = annotate_to_store(str(corpus_path.resolve()), store, workers=workers, errors=errors, fields=fields,
                                 encoding=encoding, progress=False)
        say(f"  store: {done.annotated} annotated, {done.unchanged} unchanged ({done.seconds:.0f} s)")
    params: dict[str, Any] = {"CORPUS": str(corpus_path.resolve()), "ERRORS": errors,
                              "FIELDS": dict(fields) if fields else None, "ENCODING": encoding,
                              "STORE": str(Path(store).resolve()) if store is not None else None}
    outcomes: list[Outcome] = []
    for path in paths:
        t0 = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, params)
        failure: tuple[str, str] | None = None
        try:
            execute(nb, cwd=path.parent, timeout=timeout)
        except CellExecutionError as exc:
            failure = _failure(exc, nb)
        except Exception as exc:  # a kernel that died or timed out: still a report of what ran
            failure = (f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", repr(exc))
        static_widgets(nb)
        title = _title(nb, path.stem)
        target = out_dir / f"{path.stem}.html"
        target.write_text(to_html(nb, title=title), encoding="utf-8")
        seconds = time.perf_counter() - t0
        if failure is None:
            outcomes.append(Outcome(path.name, title, target.name, True, seconds))
            say(f"  {path.stem}: ok ({seconds:.1f} s) -> {target}")
        else:
            logfile = out_dir / f"{path.stem}.log"
            logfile.write_text(failure[1] + "\n", encoding="utf-8")
            outcomes.append(Outcome(path.name, title, target.name, False, seconds, failure[0], logfile.name))
            say(f"  {path.stem}: FAILED in {failure[0]} (log: {logfile})")
    index = out_dir / "index.html"
    index.write_text(_index_html(outcomes, corpus_path), encoding="utf-8")
    say(f"  wrote {index}")
    return outcomes


def _index_html(outcomes: Sequence[Outcome], corpus: Path) -> str:
    rows = []
    for o in outcomes:
        status = "ok" if o.ok else f"failed: {o.error}"
        log = "" if o.ok or not o.log else f" (<a href='{html.escape(o.log)}'>log</a>)"
        link = f"<a href='{html.escape(o.html)}'>{html.escape(o.title)}</a>" if o.html else html.escape(o.title)
        cls = "ok" if o.ok else "failed"
        rows.append(f"<tr class='{cls}'><td>{link}</td><td>{html.escape(status)}{log}</td>"
                    f"<td>{o.seconds:.0f} s</td></tr>")
    failed = sum(not o.ok for o in outcomes)
    summary = f"{len(outcomes)} notebooks, all ran" if not failed else f"{len(outcomes)} notebooks, {failed} failed"
    style = ("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
             "td,th{padding:0.3em 0.8em;border-bottom:1px solid #ddd;text-align:left}"
             "tr.failed td{color:#b00020}</style>")
    return ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Relations toolkit report</title>"
            f"{style}</head><body><h1>Relations toolkit report</h1>"
            f"<p>Corpus: <code>{html.escape(corpus.name or str(corpus))}</code>. {html.escape(summary)}.</p>"
            "<table><thead><tr><th>report</th><th>status</th><th>time</th></tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table></body></html>\n")


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
    """The report's own options of ``toolkit report`` (the CLI adds the reading options)."""
    parser.add_argument("--out", default="reports", metavar="DIR", help="folder for the HTML files (default reports/)")
    parser.add_argument("--notebooks", metavar="DIR", help="run the NN_*.ipynb notebooks of this folder instead")
    parser.add_argument("--only", nargs="+", metavar="NN", help="only the notebooks whose names start with these")
    parser.add_argument("--timeout", type=positive_int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument("--store", metavar="DIR",
                        help="annotate the corpus once into this annotation store and let every notebook read it "
                             "(for large corpora)")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="worker processes for --store (default 1)")


def whole_number(text: str, lowest: int) -> int:
    """``text`` as an integer of at least ``lowest``, or argparse's error saying what is wrong."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < lowest:
        raise argparse.ArgumentTypeError(f"must be {'0 or more' if lowest == 0 else f'at least {lowest}'}, "
                                         f"not {value}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    return whole_number(text, 1)


def non_negative_int(text: str) -> int:
    """An argparse type: an integer of at least 0."""
    return whole_number(text, 0)


def run(args: argparse.Namespace, *, errors: str = "raise", fields: Mapping[str, Any] | None = None,
        encoding: str | None = None) -> int:
    """``toolkit report``: 0 when every notebook ran, 1 when one failed (each failure named in one line)."""
    t0 = time.perf_counter()
    corpus = args.path if args.path is not None else default_corpus()
    print(f"running the notebooks on {args.path if args.path is not None else 'the bundled corpus'}")
    try:
        outcomes = build_report(corpus, args.out, notebooks=args.notebooks, only=args.only, timeout=args.timeout,
                                log=print, errors=errors, fields=fields, encoding=encoding,
                                store=getattr(args, "store", None), workers=getattr(args, "workers", 1))
    except ReportError as exc:
        print(f"toolkit report: error: {exc}", file=sys.stderr)
        return 1
    failed = [o for o in outcomes if not o.ok]
    index = Path(args.out) / "index.html"
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} reports ran in {args.out} "
          f"({time.perf_counter() - t0:.0f} s); open {index}")
    for o in failed:
        print(f"toolkit report: {o.notebook} failed in {o.error} (log: {Path(args.out) / (o.log or '')})",
              file=sys.stderr)
    return 1 if failed else 0


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
    report_parser.add_argument("path", metavar="PATH", nargs="?", default=None)
    add_arguments(report_parser)
    return run(report_parser.parse_args(rest))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
