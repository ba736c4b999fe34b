"""A cache on disk for what is slow to build from the lexicons (matchers, grammar anchors).

Building the annotators' automata and the date grammar's anchors takes seconds, and every new
process (a CLI call, a worker, a notebook kernel) would pay it. ``@persistent("name")`` on a
function without arguments keeps its result in memory (like ``functools.lru_cache``) and in a
pickle file, so that the next process loads it instead of building it.

The file's name holds a key made of everything the result depends on: the lexicon fingerprint
(shipped and user lexicons, ``toolkit.lexicon.fingerprint``), the toolkit's version, the
Python version, the source of the module that builds it (and of ``matcher.py`` and
``anchors.py``, whose classes the results are made of), and the function's name. So a
change of lexicon or code makes a new key, and the old file is simply not used. Files are
written under a temporary name and renamed (``os.replace``), so two processes that build at
once both succeed and a reader never sees half a file; a file that cannot be read is built
again and replaced.

Where: ``$TOOLKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/relations-toolkit``, else
``~/.cache/relations-toolkit``. ``TOOLKIT_CACHE_DIR=off`` (or a folder that cannot be written)
turns the disk cache off; results are then built in every process, as before.

Cached this way: the gazetteers of countries, organisations, person names, titles, places,
sectors, quote words and event cues, the date grammar's and the amounts' anchors. A
:class:`toolkit.matcher.Gazetteer` pickles as its automaton over key numbers plus each key's
items pickled apart, unpickled the first time a text holds the key (loading the organisation
gazetteer, some 70,000 keys, makes no object per entry). Beside them, :func:`regex` keeps the
compiled programs of large regular expressions (``toolkit.anchors.LazyPattern`` uses it) and
``toolkit.lexicon`` keeps the parsed rows of each CSV file (keyed by the file's bytes), in the
same folder (:mod:`toolkit.cachefiles`). When a structure is built and saved, only the
:data:`KEEP_PER_NAME` newest files of its name are kept (:func:`prune`), so the folder does not
grow with every lexicon or code change; it can be deleted at will.
"""
from __future__ import annotations

import functools
import hashlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

from toolkit import lexicon, version
from toolkit.cachefiles import ENV, FORMAT, cache_dir
from toolkit.cachefiles import load as _load
from toolkit.cachefiles import save as _save

T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
#: Modules whose classes the cached results are made of (their pickled state): part of every key.
SHARED_SOURCES = ("matcher.py", "anchors.py")


@functools.lru_cache(maxsize=None)
def _source_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "nosource"


def key_of(func: Callable[..., Any], name: str) -> str:
    """The cache key of ``func``'s result: lexicons, toolkit, Python, the builder's source, its name."""
    source = inspect.getsourcefile(func) or ""
    parts = [FORMAT, name, lexicon.fingerprint(), version.__version__, sys.version.split()[0],
             _source_hash(source), func.__module__, func.__qualname__,
             *(_source_hash(str(_HERE / f)) for f in SHARED_SOURCES)]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


def _regex_path(pattern: str, flags: int) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256()
    for part in (FORMAT, sys.implementation.name, sys.version, str(int(flags))):
        h.update(part.encode())
        h.update(b"\x00")
    h.update(pattern.encode("utf-8", "surrogatepass"))
    return folder / "regex" / f"{h.hexdigest()[:32]}.pickle"


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with the compiled program kept on disk.

    Compiling a large pattern (the date grammar's, an alternation of hundreds of names) is
    pure Python in ``re`` and takes up to a tenth of a second; what it produces (the opcode
    list ``_sre.compile`` takes) is saved, keyed by the pattern, the flags and the exact Python
    version, so the next process rebuilds the pattern object in C at once. The object is the
    same one ``re.compile`` makes (same ``pattern``, ``flags``, ``groupindex`` and opcodes).
    Falls back to ``re.compile`` when the disk cache is off or the file cannot be used.
    """
    path = _regex_path(pattern, flags)
    if path is None:
        return re.compile(pattern, flags)
    import _sre

    found, args = _load(path)
    if found:
        try:
            return _sre.compile(pattern, *args)
        except Exception:  # a damaged or foreign file: compile and replace it
            pass
    try:
        from re import _compiler, _parser

        tree = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(tree, flags)]  # plain ints (the opcodes are an int subclass)
        groupindex = tree.state.groupdict
        indexgroup = [None] * tree.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        args = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *args)
    except Exception:  # internals of another Python version: the ordinary way
        return re.compile(pattern, flags)
    _save(path, args)
    return compiled


#: How many files of one cached structure are kept (one per set of lexicons and code in use).
KEEP_PER_NAME = 4


def prune(folder: Path, name: str, keep: int = KEEP_PER_NAME) -> list[Path]:
    """Delete all but the ``keep`` newest ``name-*.pickle`` files of ``folder`` (those of lexicons
    or code no longer in use); returns what was deleted. A process still using a deleted file
    keeps reading it (POSIX) or builds it again: never an error."""
    files = []
    for f in folder.glob(f"{name}-*.pickle"):
        if f.name[len(name) + 1:-len(".pickle")].isalnum():  # our key, not another name's prefix
            try:
                files.append((f.stat().st_mtime, f))
            except OSError:
                continue
    gone = []
    for _, f in sorted(files, reverse=True)[keep:]:
        try:
            f.unlink()
            gone.append(f)
        except OSError:
            pass
    return gone


def persistent(name: str, *, depends: Callable[[], str] | None = None) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Cache a builder without arguments in memory and on disk (see the module docstring).

    ``depends`` gives more of what the result depends on (e.g. a digest of the regular
    expressions it is built from), added to the key. The wrapped function has
    ``cache_clear()`` (so ``toolkit.lexicon.clear_caches`` forgets it when the lexicons in use
    change) and ``cache_info()``.
    """
    def deco(build: Callable[[], T]) -> Callable[[], T]:
        @functools.lru_cache(maxsize=1)
        def wrapper() -> T:
            folder = cache_dir()
            if folder is None:
                return build()
            key = key_of(build, name)
            if depends is not None:
                key = hashlib.sha256((key + "\x00" + depends()).encode()).hexdigest()[:32]
            path = folder / f"{name}-{key}.pickle"
            found, value = _load(path)
            if found:
                return value
            value = build()
            _save(path, value)
            prune(folder, name)
            return value

        functools.update_wrapper(wrapper, build)
        return wrapper
    return deco


__all__ = ["persistent", "prune", "KEEP_PER_NAME", "regex", "cache_dir", "key_of", "ENV", "FORMAT"]
