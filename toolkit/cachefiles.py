"""Where the disk cache keeps its files, and how one is read and written (atomically).

The low level of :mod:`toolkit.cache`, with no toolkit import, so that :mod:`toolkit.lexicon`
can keep the rows it parses there too. ``$TOOLKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/relations-toolkit``, else ``~/.cache/relations-toolkit``;
``TOOLKIT_CACHE_DIR=off`` turns it off. A file is written under a temporary name and renamed
(``os.replace``), so processes writing at once all succeed and a reader never sees half a file.
"""
from __future__ import annotations

import os
import pickle
import uuid
from pathlib import Path
from typing import Any

ENV = "TOOLKIT_CACHE_DIR"
#: Bump to invalidate every cached file at once (a change in how results are pickled).
FORMAT = "1"


def cache_dir() -> Path | None:
    """The folder of cached files, or None when the disk cache is off."""
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "relations-toolkit"


def load(path: Path) -> tuple[bool, Any]:
    """(True, the value) from a cached file, or (False, None) when it is absent or cannot be read."""
    try:
        with path.open("rb") as fh:
            return True, pickle.load(fh)
    except FileNotFoundError:
        return False, None
    except Exception:  # a damaged or foreign file: build again and replace it
        return False, None


def save(path: Path, value: Any) -> None:
    """Pickle ``value`` to ``path`` atomically; a value that cannot be pickled or written is not kept."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        try:
            tmp.unlink()
        except OSError:
            pass


__all__ = ["ENV", "FORMAT", "cache_dir", "load", "save"]
