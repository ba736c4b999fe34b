"""The ``toolkit`` command.

Subcommands are registered in ``SUBCOMMANDS``: each entry is ``(name, help, add_arguments,
run)`` where ``add_arguments(parser)`` declares the options and ``run(args) -> int`` does
the work and returns the exit code. To add a subcommand (``annotate``, ``dyads``,
``report``, ...) write those two functions and append an entry. ``add_input_arguments``
gives the common reading options (``PATH``, ``--errors``, ``--text-field``, ...).

Exit codes: 0 success, 1 bad input (a ``ReadError`` or a missing path; the message names
the file and line or record), 2 wrong usage (argparse).
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any, Callable, Sequence

import json

from toolkit import report
from toolkit.batch import SchedulerError, annotate_to_store
from toolkit.corpus import Corpus, load_corpus
from toolkit.filters import tables
from toolkit import lexicon
from toolkit.lexicon import LexiconError, name_of
from toolkit.limits import DEFAULT_MAX_FILE_BYTES, Limits
from toolkit.readers import ReadError
from toolkit.registry import RegistryError
from toolkit.relations import COUNTS, dyads, format_dyads
from toolkit.report import non_negative_int, positive_int
from toolkit.store import Store, StoreError
from toolkit.version import __version__
from toolkit.writers import DEFAULT_FORMATS, WRITERS, plain, plain_frame, write_tables


#: The languages the annotators know (``--lang``).
LANGUAGES = ("ar", "en")


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH and the reading options shared by subcommands that read a corpus."""
    parser.add_argument("paths", metavar="PATH", nargs="+", help="file(s) or folder(s) to read")
    add_reading_arguments(parser)


def add_reading_arguments(parser: argparse.ArgumentParser) -> None:
    """The reading options: how bad input is handled, which record fields hold what, the encoding."""
    parser.add_argument("--errors", choices=("raise", "skip"), default="raise",
                        help="on bad input: stop with an error (raise, default) or skip it and report it (skip)")
    parser.add_argument("--text-field", help="record field holding the article text (JSON/JSONL/CSV)")
    parser.add_argument("--title-field", help="record field holding the title")
    parser.add_argument("--date-field", help="record field holding the publication date")
    parser.add_argument("--source-field", help="record field holding the source")
    parser.add_argument("--id-field", help="record field holding the article id")
    parser.add_argument("--encoding", help="force this encoding instead of detecting it")
    parser.add_argument("--lexicons", action="append", metavar="DIR",
                        help="a folder of your own lexicon CSV files that add to or override the shipped ones "
                             "(see toolkit/lexicon/README.md); repeat for several")
    parser.add_argument("--max-file-mb", type=positive_int, metavar="MB",
                        help=f"the largest file or zip member read, in MB (default {DEFAULT_MAX_FILE_BYTES >> 20})")


def fields_from_args(args: argparse.Namespace) -> dict[str, str] | None:
    """The ``fields`` mapping of the ``--*-field`` options (None when none is given)."""
    fields = {role: getattr(args, f"{role}_field") for role in ("text", "title", "date", "source", "id")
              if getattr(args, f"{role}_field", None)}
    return fields or None


def limits_from_args(args: argparse.Namespace) -> Limits | None:
    mb = getattr(args, "max_file_mb", None)
    return Limits(max_file_bytes=mb << 20) if mb else None


def corpus_from_args(args: argparse.Namespace) -> Any:
    """A Corpus from the options of ``add_input_arguments``."""
    paths = args.paths[0] if len(args.paths) == 1 else args.paths
    return load_corpus(paths, errors=args.errors, fields=fields_from_args(args), encoding=args.encoding,
                       limits=limits_from_args(args))


# --------------------------------------------------------------------------- info

def _info_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--top", type=positive_int, default=10, help="how many sources to list (default 10)")
    parser.add_argument("--show-problems", type=non_negative_int, default=5, metavar="N",
                        help="how many problems to print (default 5)")


def run_info(args: argparse.Namespace) -> int:
    import pandas as pd

    corpus = corpus_from_args(args)
    df = corpus.articles
    problems = corpus.problems
    out = sys.stdout
    label = corpus.label
    n = len(df)
    print(f"{label}: {n} article{'s' if n != 1 else ''}", file=out)
    if n:
        chars = int(df["n_chars"].sum())
        print(f"characters: {chars:,} (median {int(df['n_chars'].median()):,} per article)", file=out)
        langs = df["language"].fillna("?").value_counts()
        print("languages: " + ", ".join(f"{lang} {count}" for lang, count in langs.items()), file=out)
        src = df["source"].fillna("(none)").value_counts()
        names = df.drop_duplicates("source").set_index("source")["source_en"].to_dict()
        shown = []
        for name, count in src.head(args.top).items():
            en = names.get(name)
            shown.append(f"{name} ({en}) {count}" if isinstance(en, str) and en != name else f"{name} {count}")
        more = f", ... ({len(src) - args.top} more)" if len(src) > args.top else ""
        print(f"sources ({len(src)}): " + ", ".join(shown) + more, file=out)
        dates = df["published"].dropna()
        if len(dates):
            basis = df.loc[df["published"].notna(), "published_basis"].fillna("?").map(
                lambda b: "inferred from the lead" if b.startswith("inferred") else b).value_counts()
            how = ", ".join(f"{b} {c}" for b, c in basis.items())
            print(f"dates: {dates.min()} … {dates.max()} ({len(dates)} of {n} dated: {how})", file=out)
        else:
            print(f"dates: none of {n} dated", file=out)
    print(f"problems: {len(problems)}", file=out)
    for row in problems.head(args.show_problems).itertuples(index=False):
        where = []
        if pd.notna(row.line):
            where.append(f"line {row.line}")
        if pd.notna(row.record):
            where.append(f"record {row.record}")
        print(f"  {row.path}: {', '.join(where) + ': ' if where else ''}{row.reason}", file=out)
    if len(problems) > args.show_problems:
        print(f"  ... and {len(problems) - args.show_problems} more", file=out)
    return 0


# --------------------------------------------------------------------------- annotate

def _annotate_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--out", metavar="DIR",
                        help="folder for the articles, mentions, events and sentences tables")
    parser.add_argument("--format", action="append", choices=sorted(WRITERS), metavar="FORMAT",
                        help=f"file format, repeat for several: {', '.join(sorted(WRITERS))} "
                             f"(default: {' and '.join(DEFAULT_FORMATS)})")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="annotate every article as this language instead of the detected one")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--store", metavar="DIR",
                        help="annotation store to bring up to date (streams the input, skips unchanged articles)")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="worker processes for --store (default 1: this process)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --store: annotate on dask.distributed at ADDRESS (e.g. tcp://host:8786), "
                             "or 'local' for a local cluster of --workers processes")
    parser.add_argument("--batch-size", type=positive_int, default=500, metavar="N",
                        help="articles per stored part (default 500)")


def _run_annotate_store(args: argparse.Namespace) -> int:
    fields = fields_from_args(args)
    engine = "dask" if args.scheduler else "process"
    scheduler = None if args.scheduler in (None, "local") else args.scheduler
    paths = args.paths[0] if len(args.paths) == 1 else args.paths
    report = annotate_to_store(paths, args.store, workers=args.workers, engine=engine, scheduler=scheduler,
                               batch_size=args.batch_size, lang=args.lang, errors=args.errors,
                               fields=fields or None, encoding=args.encoding,
                               progress=False if args.no_progress else None)
    store = Store(args.store)
    print(f"{report.articles} articles: {report.annotated} annotated, {report.unchanged} unchanged, "
          f"{report.removed} removed; {report.parts} parts written in {report.seconds:.1f}s")
    print(f"  store {args.store}: {len(store)} articles in {len(store.parts)} parts")
    if report.repaired:
        print(f"  repaired {len(report.repaired)} damaged part(s): their articles were annotated again")
    if report.cleaned:
        print(f"  removed {len(report.cleaned)} leftover file(s) of an interrupted write")
    if args.out:
        stored = Corpus.from_store(args.store)  # event ids across the whole store
        out = {"articles": stored.articles, "mentions": stored.mentions, "events": stored.events,
               "sentences": stored.sentences}
        for path in write_tables(out, args.out, formats=args.format or DEFAULT_FORMATS):
            print(f"  wrote {path}")
    if report.problems:
        print(f"{len(report.problems)} problems (skipped): see `toolkit info --errors skip`")
    return 0


def run_annotate(args: argparse.Namespace) -> int:
    if args.store:
        return _run_annotate_store(args)
    if not args.out:
        print("toolkit annotate: error: give --out DIR or --store DIR", file=sys.stderr)
        return 2
    corpus = corpus_from_args(args)
    corpus.annotate(progress=False if args.no_progress else None, lang=args.lang)
    written = write_tables({"articles": corpus.articles, "mentions": corpus.mentions, "events": corpus.events,
                            "sentences": corpus.sentences}, args.out, formats=args.format or DEFAULT_FORMATS)
    print(f"{len(corpus.articles)} articles, {len(corpus.mentions)} mentions, {len(corpus.events)} events")
    for path in written:
        print(f"  wrote {path}")
    if len(corpus.problems):
        print(f"{len(corpus.problems)} problems (skipped): see `toolkit info --errors skip`")
    return 0


# --------------------------------------------------------------------------- report

def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", nargs="?", default=None,
                        help="corpus file or folder (default: the bundled corpus/)")
    add_reading_arguments(parser)
    report.add_arguments(parser)


def run_report(args: argparse.Namespace) -> int:
    return report.run(args, errors=args.errors, fields=fields_from_args(args), encoding=args.encoding)


# --------------------------------------------------------------------------- dyads

def _dyads_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--top", type=non_negative_int, default=15, metavar="N",
                        help="how many dyads to print (default 15; 0: all)")
    parser.add_argument("--country", metavar="ISO3", help="only the dyads of this country (or organisation id)")
    parser.add_argument("--min-events", type=positive_int, default=1, metavar="N",
                        help="only dyads with at least N events")
    parser.add_argument("--count", choices=COUNTS, default="events",
                        help="count de-duplicated events (default) or every report of them")
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text",
                        help="a text table (default), CSV or JSON Lines on standard output")


def run_dyads(args: argparse.Namespace) -> int:
    code = args.country.strip().upper() if args.country else None
    if code is not None and name_of(code) == code:
        print(f"toolkit dyads: error: {args.country!r} is neither an ISO 3166 alpha-3 country code nor an "
              "organisation id of the lexicon (countries.csv, organizations.csv); e.g. RUS, SAU, EGY, BRICS",
              file=sys.stderr)
        return 2
    corpus = corpus_from_args(args)
    table = dyads(tables(corpus), min_events=args.min_events, count=args.count)
    if code:
        table = table[(table["a"] == code) | (table["b"] == code)]
    top = table.head(args.top) if args.top else table
    if args.format == "csv":
        plain_frame(top).to_csv(sys.stdout, index=False)
        return 0
    if args.format == "json":
        for rec in top.to_dict("records"):
            print(json.dumps({k: plain(v) for k, v in rec.items()}, ensure_ascii=False))
        return 0
    scope = f" of {code}" if code else ""
    n = len(table)
    print(f"{corpus.label}: {n} dyad{'s' if n != 1 else ''}{scope} (showing {len(top)}, most {args.count} first)")
    if len(table):
        print(format_dyads(table, top=args.top or None))
    return 0


# --------------------------------------------------------------------------- store

def _store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("check",),
                        help="check: what the store holds and what is wrong with it (exit 1 when something is)")
    parser.add_argument("dir", metavar="DIR", help="the store folder")
    parser.add_argument("--repair", action="store_true",
                        help="annotate the damaged parts' articles again from the source the manifest names "
                             "(read as the store recorded), and remove the leftovers of an interrupted write")
    parser.add_argument("--quick", action="store_true",
                        help="check the manifest, the Parquet footers and the ids only, without reading every file")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes for --repair")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar while repairing")


def run_store(args: argparse.Namespace) -> int:
    import os

    if args.workers < 1:
        print("toolkit store: error: --workers must be at least 1", file=sys.stderr)
        return 2
    store = Store(args.dir)
    health = store.check(deep=not args.quick)
    print("\n".join(health.lines()))
    if not args.repair or not (health.damaged or health.leftovers or not store.manifest["complete"]):
        if args.repair:
            print("nothing to repair" + ("" if health.ok else ": what is left needs you (see above)"))
        return 0 if health.ok else 1
    source = store.manifest["source"]
    if not source:
        print(f"toolkit store: error: {args.dir}: the store names no source to re-read (it was annotated from "
              "articles in memory); run annotate_to_store with the same articles", file=sys.stderr)
        return 1
    gone = [s for s in source if not os.path.exists(s)]
    if gone:
        print(f"toolkit store: error: {gone[0]}: the store's source is not there any more; give it with "
              f"toolkit annotate SOURCE --store {args.dir}", file=sys.stderr)
        return 1
    report = annotate_to_store(source[0] if len(source) == 1 else source, args.dir, workers=args.workers,
                               verify=not args.quick, progress=False if args.no_progress else None,
                               **(store.manifest.get("options") or {}))
    print(f"repaired: {len(report.repaired)} damaged part(s) replaced, {len(report.cleaned)} leftover file(s) "
          f"removed; {report.annotated} articles annotated, {report.unchanged} unchanged, {report.removed} removed")
    health = Store(args.dir).check(deep=not args.quick)
    print("\n".join(health.lines()))
    return 0 if health.ok else 1


# --------------------------------------------------------------------------- registry

Subcommand = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]

#: The subcommands: (name, help, add_arguments, run). Append to add one.
SUBCOMMANDS: list[Subcommand] = [
    ("info", "summarise a corpus: articles, languages, sources, dates, problems", _info_arguments, run_info),
    ("annotate", "annotate a corpus and write articles, mentions and events (Parquet and JSON Lines)",
     _annotate_arguments, run_annotate),
    ("report", "run the curated notebooks on a corpus and write one HTML report per notebook",
     _report_arguments, run_report),
    ("dyads", "the strongest dyads: pairs of countries with events, cooperation and conflict, sectors, dates",
     _dyads_arguments, run_dyads),
    ("store", "check an annotation store (manifest, parts, counts, damaged or orphaned files) and repair it",
     _store_arguments, run_store),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit",
                                     description="Read and annotate news about relations between countries.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, help_text, add_arguments, run in SUBCOMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(p)
        p.set_defaults(_run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``toolkit`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    before = lexicon.user_folders()
    term = _terminate_as_interrupt()
    try:
        if getattr(args, "lexicons", None):
            lexicon.use(*args.lexicons)
        return int(args._run(args))
    except ReadError as exc:
        hint = "" if getattr(args, "errors", "skip") == "skip" else " (use --errors skip to skip bad input and list it)"
        print(f"toolkit {args.command}: error: {exc}{hint}", file=sys.stderr)
        return 1
    except (StoreError, LexiconError, RegistryError, SchedulerError) as exc:
        print(f"toolkit {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"toolkit {args.command}: error: {exc.filename or exc}: permission denied "
              "(choose a folder you can write, or fix its permissions)", file=sys.stderr)
        return 1
    except FileExistsError as exc:
        print(f"toolkit {args.command}: error: {exc.filename or exc}: exists and is not a folder "
              "(give a new or existing folder)", file=sys.stderr)
        return 1
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
        print(f"toolkit {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"toolkit {args.command}: interrupted", file=sys.stderr)
        return 130
    finally:
        if term is not None:
            signal.signal(signal.SIGTERM, term)
        if lexicon.user_folders() != before:
            lexicon.use(*before)


def _terminate_as_interrupt() -> Any:
    """SIGTERM (``kill``, a job scheduler's stop) handled like Ctrl-C: the worker processes are
    stopped and the store left consistent instead of the command dying with its workers still
    running. Returns the handler it replaced (None when not in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
