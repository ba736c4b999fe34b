"""Files and folders to Articles: .txt, .json, .jsonl, .csv and .zip (SaudiNewsNet style).

``iter_articles(path_or_paths)`` is lazy: it opens one file (one zip member) at a time.
A folder is walked recursively in sorted order; the extensions read are ``.txt``,
``.json``, ``.jsonl``, ``.csv`` and ``.zip``; hidden files and folders (a name starting
with ``.``), ``README.md`` and every other extension are not read. A single file with
another extension is read as plain text.

- ``.txt``: one article per file; the layout is parsed by ``toolkit.layout.from_text``.
  The id is the path below the folder given, without its extension (the file stem for a
  file at the top).
- ``.json``: an array of records or one record (an object); ``.jsonl``: one record per
  line (blank lines skipped); ``.csv``: a header line, then one record per row.
  Record fields are found by name (``fields`` overrides; defaults in ``DEFAULT_FIELDS``
  recognise SaudiNewsNet's ``content``, ``title``, ``date_extracted``, ``source``, ``url``,
  ``author``). Other fields go to ``Article.extra``. The id is the ``id`` field, else
  ``<file stem>:<index>`` (0-based record index).
- ``.zip``: members ``.json``, ``.jsonl``, ``.txt``, ``.csv`` are read as above, one member at a
  time; the path of a member is ``archive.zip!member``.

Encodings (``encoding=None``): a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); otherwise strict
UTF-8; when that fails, Windows-1256 is accepted only when the decoded text is plausibly
Arabic (mostly Arabic letters, no control characters). Nothing else is guessed: pass
``encoding=``. CRLF is kept. Stray NUL bytes are removed (counted in
``extra["nul_bytes_removed"]``); a file with many NULs or control characters is binary.

Bad input raises :class:`ReadError` (the message names the file and the line or record).
With ``errors="skip"`` each problem is appended to ``problems`` (dicts with ``path``,
``line``, ``record``, ``reason``) and reading goes on; without a ``problems`` list each
skipped problem is reported with ``warnings.warn``. Nothing is dropped silently:

- a record whose text field is present but empty (SaudiNewsNet has 354 with only a title) is
  an article without text, not an error;
- what was repaired rather than skipped (lone surrogates replaced by U+FFFD) is listed in
  ``problems`` too, in both modes, and the article is kept;
- files a folder holds in formats the readers do not know (.docx, .html, .md) are warned
  about, listed in ``problems`` with ``errors="skip"``, and a folder where nothing at all can
  be read is an error;
- folders the toolkit wrote (an annotation store, ``toolkit annotate --out``, a report: each
  holds a marker file) are never read as input.

Limits (:mod:`toolkit.limits`): a file or zip member larger than ``limits.max_file_bytes`` is
a problem, and a zip member is extracted with a bounded read.
"""
from __future__ import annotations

import bz2
import codecs
import csv
import io
import json
import lzma
import math
import os
import re
import sys
import warnings
import zipfile
import zlib
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping

from toolkit.articles import Article
from toolkit.layout import from_text
from toolkit.limits import DEFAULT as DEFAULT_LIMITS
from toolkit.limits import Limits, valid_unicode

#: Extensions read inside folders and zip archives.
TEXT_SUFFIXES = frozenset({".txt"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".csv", ".zip"})
READ_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES
IGNORED_NAMES = frozenset({"readme.md"})
#: A folder holding one of these files was written by the toolkit (a store, an export, a
#: report) and is never read as input.
OUTPUT_MARKERS = (".toolkit-output", "manifest.json")

#: Record field names tried in order for each role (the first present wins).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "story"),
    "title": ("title", "headline"),
    "date": ("published", "date", "date_published", "pub_date", "publish_date", "datetime", "date_extracted"),
    "source": ("source", "agency"),
    "url": ("url", "link"),
    "id": ("id", "article_id", "doc_id"),
    "author": ("author", "byline", "authors"),
    "language": ("language", "lang"),
    "publisher": ("publisher",),
}
_ROLE_META = {"title": "title", "date": "published", "source": "source", "url": "url",
              "author": "author", "language": "language", "publisher": "publisher"}

# Article texts can be long: lift the csv module's 128 KiB field limit (process-wide).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ReadError(ValueError):
    """Input that cannot be read as articles; names the file and the line or record.

    ``line`` is 1-based (a line of the file); ``record`` is the 0-based record index
    (as in record ids ``<stem>:<index>``).
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None, record: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.record = record
        where = []
        if line is not None:
            where.append(f"line {line}")
        if record is not None:
            where.append(f"record {record}")
        super().__init__(f"{self.path}: {', '.join(where) + ': ' if where else ''}{reason}")

    def as_problem(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "record": self.record, "reason": self.reason}


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = frozenset(chr(c) for c in list(range(0x01, 0x20)) + [0x7F] if chr(c) not in "\t\n\r\x0b\x0c") | \
    frozenset(chr(c) for c in range(0x80, 0xA0))
_CONTROL_BYTES = bytes(c for c in range(0x01, 0x20) if c not in b"\t\n\r\x0b\x0c") + b"\x7f"
_BINARY_SHARE = 0.05


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_LETTERS = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s")


_CONTROL_RX = re.compile("[" + "".join(sorted(_CONTROL)) + "]")


def _control_count(text: str) -> int:
    return len(_CONTROL_RX.findall(text))


#: A Windows-1256 decoding is accepted only when this share of the letters are Arabic letters...
CP1256_MIN_ARABIC_LETTERS = 0.7
#: ... and this share of the visible characters (bytes of another encoding give punctuation soup).
CP1256_MIN_ARABIC_VISIBLE = 0.4


def plausibly_arabic(text: str) -> bool:
    """True when ``text`` is mostly Arabic letters and has no control characters: the test a
    Windows-1256 decoding must pass (stricter than ``toolkit.language.is_arabic_text``, which
    asks whether a text is Arabic, not whether bytes were decoded right)."""
    if _control_count(text):
        return False
    letters = len("".join(_LETTERS.findall(text)))
    if not letters:
        return False
    arabic = len(_ARABIC_LETTER.findall(text))
    visible = len(text) - len(_SPACE.findall(text))
    return arabic / letters >= CP1256_MIN_ARABIC_LETTERS and arabic / max(1, visible) >= CP1256_MIN_ARABIC_VISIBLE


def decode_bytes(data: bytes, *, path: str, encoding: str | None = None, line: int | None = None) -> tuple[str, str]:
    """(text, encoding used) for the bytes of a file; ReadError when not text.

    The BOM is kept out of the text; NUL characters are left in (``from_text`` removes
    and counts them); an empty or white-space-only input is an error.
    """
    if not data:
        raise ReadError(path, "empty file" if line is None else "empty line", line=line)
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(path, f"cannot decode as {encoding}: {exc}", line=line) from None
        used = encoding
    else:
        used = ""
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom):].decode(name)
                except UnicodeDecodeError as exc:
                    raise ReadError(path, f"has a {name} byte-order mark but cannot be decoded as {name}: "
                                          f"{exc.reason} at byte {exc.start + len(bom)}", line=line) from None
                used = name
                break
        else:
            nul = data.count(0)
            if nul > _BINARY_SHARE * len(data):
                raise ReadError(path, f"looks binary ({nul} NUL bytes in {len(data)}); "
                                      "UTF-16 without a byte-order mark needs encoding=", line=line)
            controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
            if controls > _BINARY_SHARE * len(data):
                raise ReadError(path, f"looks binary ({controls} control bytes in {len(data)})", line=line)
            try:
                text = data.decode("utf-8")
                used = "utf-8"
            except UnicodeDecodeError as exc:
                candidate = data.decode("cp1256", errors="replace")
                if "\ufffd" not in candidate and plausibly_arabic(candidate.replace("\x00", "")):
                    text, used = candidate, "cp1256"
                else:
                    raise ReadError(path, f"not UTF-8 ({exc.reason} at byte {exc.start}) and not plausibly "
                                          "Windows-1256 Arabic; pass encoding= if you know it", line=line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    body = text.replace("\x00", "")
    if not body.strip():
        raise ReadError(path, "empty file (no text)" if line is None else "empty line", line=line)
    controls = _control_count(body)
    if controls > _BINARY_SHARE * len(body):
        raise ReadError(path, f"looks binary or mis-decoded ({controls} control characters in {len(body)} as {used})",
                        line=line)
    return text, used


# --------------------------------------------------------------------------- helpers

class _Sink:
    """Where problems go: raise, or record and go on."""

    def __init__(self, errors: str, problems: list | None):
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        self.errors = errors
        self.problems = problems

    def report(self, exc: ReadError) -> None:
        """A problem that loses input: raise, or record it and go on."""
        if self.errors == "raise":
            raise exc
        if self.problems is not None:
            self.problems.append(exc.as_problem())
        else:
            warnings.warn(f"skipped: {exc}", stacklevel=3)

    def note(self, exc: ReadError) -> None:
        """A repair (the input was kept, changed): recorded in both modes, never raised."""
        if self.problems is not None:
            self.problems.append(exc.as_problem())
        else:
            warnings.warn(str(exc), stacklevel=3)


def _resolve_fields(fields: Mapping[str, str | Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
    out = dict(DEFAULT_FIELDS)
    for role, names in (fields or {}).items():
        role = "date" if role == "published" else role
        if role not in out:
            raise ValueError(f"unknown field role {role!r}; known: {', '.join(sorted(out))}")
        out[role] = (names,) if isinstance(names, str) else tuple(names)
    return out


def _pick(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in record:
            return name, record[name]
    return None, None


def _clean_strings(value: Any) -> tuple[Any, int]:
    """``value`` (a JSON value) with lone surrogates replaced in every string; how many."""
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, list):
        out, n = [], 0
        for v in value:
            c, k = _clean_strings(v)
            out.append(c)
            n += k
        return out, n
    if isinstance(value, Mapping):
        out_d, n = {}, 0
        for k, v in value.items():
            ck, a = _clean_strings(str(k))
            cv, b = _clean_strings(v)
            out_d[ck] = cv
            n += a + b
        return out_d, n
    return value, 0


def _record_article(record: Any, *, fields: dict[str, tuple[str, ...]], path: str, stem: str,
                    index: int, line: int | None, sink: _Sink | None = None) -> Article:
    if not isinstance(record, Mapping):
        raise ReadError(path, f"record is a {type(record).__name__}, not an object", line=line, record=index)
    record, replaced = _clean_strings(record)
    if replaced:
        problem = ReadError(path, f"{replaced} lone surrogate character(s) replaced with U+FFFD (record kept)",
                            line=line, record=index)
        if sink is not None:
            sink.note(problem)
    text_key, text = _pick(record, fields["text"])
    if text_key is None:
        raise ReadError(path, f"no text (none of the fields {', '.join(fields['text'])})", line=line, record=index)
    if isinstance(text, (dict, list, bool, int, float)):
        shown = "inf" if isinstance(text, float) and math.isinf(text) else type(text).__name__
        raise ReadError(path, f"text field {text_key!r} is a {shown}, not a string (a JSON value of {text!r})",
                        line=line, record=index)
    if text is None or not str(text).replace("\x00", "").strip():
        text = ""  # a record with an empty text is an article without text (its metadata may matter)
    meta: dict[str, Any] = {}
    used = {text_key}
    for role, key in _ROLE_META.items():
        name, val = _pick(record, fields[role])
        if name is None:
            continue
        used.add(name)
        if val is None or (isinstance(val, str) and not val.strip()):
            continue
        meta[key] = val
        if role == "date":
            meta["published_basis"] = "metadata" if name in ("published", "date") else f"metadata ({name})"
    id_name, rid = _pick(record, fields["id"])
    if id_name:
        used.add(id_name)
    for key, val in record.items():
        if key in used or val is None or (isinstance(val, str) and not val.strip()):
            continue
        meta[str(key)] = json.dumps(val, ensure_ascii=False) if isinstance(val, (dict, list)) else val
    art_id = str(rid).strip() if rid not in (None, "") and str(rid).strip() else f"{stem}:{index}"
    return from_text(str(text), id=art_id, path=path, meta=meta)


# --------------------------------------------------------------------------- formats

def load_article(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article file (plain text; a .json/.jsonl/.csv/.zip file holding exactly one record).

    Encoding is detected (UTF-8, BOMs, UTF-16, Windows-1256 Arabic) unless given; bad
    input raises ``toolkit.ReadError`` naming the file.
    """
    p = Path(path)
    if p.is_dir():
        raise IsADirectoryError(f"{p}: is a folder; use toolkit.load_corpus for folders")
    if p.suffix.lower() in RECORD_SUFFIXES:
        found = list(iter_articles(p, encoding=encoding))
        if len(found) != 1:
            raise ReadError(str(p), f"holds {len(found)} articles, load_article needs exactly one (use load_corpus)")
        return found[0]
    return read_text_file(p, encoding=encoding)


def read_text_file(path: str | Path, *, encoding: str | None = None, id: str | None = None) -> Article:
    """One plain-text article from a file (ReadError on bad input)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise
    except OSError as exc:
        raise ReadError(str(p), f"cannot read: {exc.strerror or exc}") from None
    return _text_article(data, path=str(p), id=id or p.stem, encoding=encoding)


def _text_article(data: bytes, *, path: str, id: str, encoding: str | None) -> Article:
    text, _ = decode_bytes(data, path=path, encoding=encoding)
    art = from_text(text, id=id, path=path)
    if not art.text.replace("\x00", "").strip():
        raise ReadError(path, "no article text (only front matter)")
    return art


def _json_articles(data: bytes, *, path: str, stem: str, fields, encoding, sink: _Sink) -> Iterator[Article]:
    try:
        text, _ = decode_bytes(data, path=path, encoding=encoding)
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(path, f"malformed JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
        except RecursionError:
            raise ReadError(path, "malformed JSON: nested too deeply") from None
        if isinstance(doc, Mapping):
            doc = [doc]
        if not isinstance(doc, list):
            raise ReadError(path, f"JSON holds a {type(doc).__name__}, not an array of records or a record")
        if not doc:
            raise ReadError(path, "JSON array holds no records")
    except ReadError as exc:
        sink.report(exc)
        return
    for i, record in enumerate(doc):
        try:
            art = _record_article(record, fields=fields, path=path, stem=stem, index=i, line=None, sink=sink)
        except ReadError as exc:
            sink.report(exc)
            continue
        yield art


def _jsonl_articles(lines: Iterable[bytes], *, path: str, stem: str, fields, encoding,
                    sink: _Sink) -> Iterator[Article]:
    index = 0
    seen = False
    forced = encoding
    for lineno, raw in enumerate(lines, start=1):
        if lineno == 1:
            for bom, name in _BOMS:
                if raw.startswith(bom) and name != "utf-8":
                    sink.report(ReadError(path, f"JSON Lines must be UTF-8 (found a {name} byte-order mark); "
                                                "convert the file to UTF-8", line=1))
                    return
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        seen = True
        try:
            text, _ = decode_bytes(raw, path=path, encoding=forced, line=lineno)
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ReadError(path, f"malformed JSON: {exc.msg} (column {exc.colno})",
                                line=lineno, record=index) from None
            except RecursionError:
                raise ReadError(path, "malformed JSON: nested too deeply", line=lineno, record=index) from None
            art = _record_article(record, fields=fields, path=path, stem=stem, index=index, line=lineno, sink=sink)
        except ReadError as exc:
            if exc.record is None:
                exc = ReadError(exc.path, exc.reason, line=exc.line, record=index)
            index += 1
            sink.report(exc)
            continue
        index += 1
        yield art
    if not seen:
        sink.report(ReadError(path, "empty file"))


def _csv_articles(data: bytes, *, path: str, stem: str, fields, encoding, sink: _Sink) -> Iterator[Article]:
    try:
        text, _ = decode_bytes(data, path=path, encoding=encoding)
        text = text.replace("\x00", "")
        # strict: a quote left open is an error, not a field that swallows the rest of the file
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise ReadError(path, "empty file") from None
        except csv.Error as exc:
            raise ReadError(path, f"malformed CSV header: {exc}", line=reader.line_num or 1) from None
        header = [h.strip() for h in header]
        dupes = sorted(name for name, n in Counter(header).items() if n > 1 and name)
        if dupes:
            raise ReadError(path, f"the header names column(s) {', '.join(dupes)} more than once: "
                                  "which one holds the value is ambiguous (rename them)", line=1)
        if not any(name in header for name in fields["text"]):
            raise ReadError(path, f"no text column (looked for {', '.join(fields['text'])}; "
                                  f"columns: {', '.join(header) or 'none'})", line=1)
    except ReadError as exc:
        sink.report(exc)
        return
    index = 0
    while True:
        start_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                reason = (f"a quoted field opened on line {start_line} is never closed: lines {start_line}-"
                          f"{reader.line_num} would be one field, so none of them is read")
            else:
                reason = f"malformed CSV: {exc}"
            sink.report(ReadError(path, reason, line=start_line, record=index))
            index += 1
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        line = start_line
        try:
            if len(row) > len(header):
                raise ReadError(path, f"{len(row)} fields but the header has {len(header)}", line=line, record=index)
            record = dict(zip(header, row))
            art = _record_article(record, fields=fields, path=path, stem=stem, index=index, line=start_line, sink=sink)
        except ReadError as exc:
            index += 1
            sink.report(exc)
            continue
        index += 1
        yield art


#: What a damaged or hostile archive can raise while it is opened or a member extracted
#: (deflate, bzip2 and LZMA streams each have their own error).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, EOFError,
               NotImplementedError, RuntimeError, ValueError, OSError, KeyError)
_ = bz2  # bzip2 members raise OSError, in _ZIP_ERRORS


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, path: str, limits: Limits) -> bytes:
    """A member's bytes, read at most ``limits.max_file_bytes`` (whatever its header claims)."""
    if info.file_size > limits.max_file_bytes:
        raise ReadError(path, f"member is {info.file_size:,} bytes, more than the limit of "
                              f"{limits.max_file_bytes:,} (Limits.max_file_bytes, --max-file-mb)")
    with archive.open(info) as fh:
        data = fh.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise ReadError(path, f"member expands to more than the limit of {limits.max_file_bytes:,} bytes "
                              "(Limits.max_file_bytes, --max-file-mb)")
    return data


def _zip_articles(path: Path, *, stem: str, fields, encoding, sink: _Sink, limits: Limits) -> Iterator[Article]:
    where = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        sink.report(ReadError(where, f"not a readable zip archive: {exc}"))
        return
    with archive:
        try:
            # (not ZipInfo.is_dir: a member with an empty name makes it raise IndexError)
            members = [m for m in archive.infolist() if not m.filename.endswith("/")]
        except _ZIP_ERRORS as exc:  # pragma: no cover - infolist is read at open
            sink.report(ReadError(where, f"unreadable zip directory: {exc}"))
            return
        members.sort(key=lambda m: m.filename)
        read_any = False
        for info in members:
            member = PurePosixPath(info.filename)
            hidden = any(part.startswith(".") or part == "__MACOSX" for part in member.parts)
            if hidden or member.name.lower() in IGNORED_NAMES:
                continue
            suffix = member.suffix.lower()
            mpath = f"{where}!{info.filename}"
            if suffix == ".zip":
                sink.report(ReadError(mpath, "nested zip archives are not read"))
                continue
            if suffix not in (".json", ".jsonl", ".txt", ".csv"):
                continue
            read_any = True
            mstem = str(member.with_suffix(""))
            mid = stem if mstem == PurePosixPath(stem).name else f"{stem}/{mstem}"
            try:
                if suffix == ".jsonl" and info.file_size <= limits.max_file_bytes:
                    with archive.open(info) as fh:
                        yield from _jsonl_articles(_safe_lines(fh, mpath, limits), path=mpath, stem=mid,
                                                   fields=fields, encoding=encoding, sink=sink)
                    continue
                data = _read_member(archive, info, path=mpath, limits=limits)
            except ReadError as exc:
                sink.report(exc)
                continue
            except _ZIP_ERRORS as exc:
                sink.report(ReadError(mpath, f"cannot extract from the zip archive: {exc}"))
                continue
            yield from _from_bytes(data, suffix, path=mpath, stem=mid, fields=fields, encoding=encoding, sink=sink)
        if not read_any:
            sink.report(ReadError(where, "zip archive holds no .json, .jsonl, .csv or .txt member"))


def _safe_lines(fh: Any, path: str, limits: Limits) -> Iterator[bytes]:
    """Lines of a binary stream, at most ``limits.max_file_bytes`` in all; a broken compressed
    stream or an overlong one becomes a ReadError."""
    total = 0
    try:
        while True:
            line = fh.readline(limits.max_file_bytes + 1)
            if not line:
                return
            total += len(line)
            if total > limits.max_file_bytes:
                raise ReadError(path, f"expands to more than the limit of {limits.max_file_bytes:,} bytes "
                                      "(Limits.max_file_bytes, --max-file-mb)")
            yield line
    except _ZIP_ERRORS as exc:
        raise ReadError(path, f"cannot extract from the zip archive: {exc}") from None


def _read_file(path: Path, *, stem: str, fields, encoding, sink: _Sink, limits: Limits) -> Iterator[Article]:
    suffix = path.suffix.lower()
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        sink.report(ReadError(where, f"cannot read: {exc.strerror or exc}"))
        return
    if suffix == ".zip":
        yield from _zip_articles(path, stem=stem, fields=fields, encoding=encoding, sink=sink, limits=limits)
        return
    if size > limits.max_file_bytes:
        sink.report(ReadError(where, f"file is {size:,} bytes, more than the limit of {limits.max_file_bytes:,} "
                                     "(Limits.max_file_bytes, --max-file-mb)"))
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                yield from _jsonl_articles(fh, path=where, stem=stem, fields=fields, encoding=encoding, sink=sink)
            return
        data = path.read_bytes()
    except ReadError as exc:
        sink.report(exc)
        return
    except OSError as exc:
        sink.report(ReadError(where, f"cannot read: {exc.strerror or exc}"))
        return
    yield from _from_bytes(data, suffix, path=where, stem=stem, fields=fields, encoding=encoding, sink=sink)


def _from_bytes(data: bytes, suffix: str, *, path: str, stem: str, fields, encoding, sink: _Sink) -> Iterator[Article]:
    """The articles of one file's bytes (.json, .csv, else plain text), by its suffix."""
    if suffix == ".json":
        yield from _json_articles(data, path=path, stem=stem, fields=fields, encoding=encoding, sink=sink)
    elif suffix == ".csv":
        yield from _csv_articles(data, path=path, stem=stem, fields=fields, encoding=encoding, sink=sink)
    else:
        try:
            yield _text_article(data, path=path, id=stem, encoding=encoding)
        except ReadError as exc:
            sink.report(exc)


def is_output_folder(path: str | os.PathLike) -> bool:
    """True for a folder the toolkit wrote: a store (``manifest.json`` of a store), an export
    or a report (a ``.toolkit-output`` marker). Such folders are never read as input."""
    p = Path(path)
    if (p / ".toolkit-output").is_file():
        return True
    manifest = p / "manifest.json"
    if manifest.is_file():
        try:
            head = manifest.read_bytes()[:4096]
        except OSError:
            return False
        return b"relations-toolkit-store" in head
    return False


def _walk(root: Path, skipped: Counter) -> Iterator[Path]:
    """Readable files below ``root`` in sorted order (hidden entries, README.md and the
    toolkit's own output folders skipped); other files are counted in ``skipped`` by suffix."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here != root and is_output_folder(here):
            dirnames[:] = []
            skipped["(toolkit output folders)"] += 1
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in IGNORED_NAMES:
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in READ_SUFFIXES:
                yield here / name
            else:
                skipped[suffix or "(no extension)"] += 1


def iter_articles(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike], *, errors: str = "raise",
                  fields: Mapping[str, str | Iterable[str]] | None = None, encoding: str | None = None,
                  problems: list | None = None, limits: Limits | None = None) -> Iterator[Article]:
    """Articles from files and folders, lazily (see the module docstring for the formats).

    ``errors="raise"`` (default) raises :class:`ReadError` at the first bad input;
    ``errors="skip"`` appends a problem dict to ``problems`` and goes on. ``fields`` maps
    roles (``text``, ``title``, ``date``, ``source``, ``url``, ``id``, ``author``,
    ``language``, ``publisher``) to record field names. A path that does not exist raises
    ``FileNotFoundError`` in either mode. ``limits``: see :mod:`toolkit.limits`.
    """
    sink = _Sink(errors, problems)
    resolved = _resolve_fields(fields)
    lim = limits or DEFAULT_LIMITS
    paths = [path_or_paths] if isinstance(path_or_paths, (str, os.PathLike)) else list(path_or_paths)
    for item in paths:
        root = Path(item)
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
        if root.is_dir():
            if is_output_folder(root):
                raise ReadError(str(root), "is a folder the toolkit wrote (an annotation store, an export or a "
                                           "report), not a corpus; give the folder of the articles")
            skipped: Counter = Counter()
            read = 0
            for file in _walk(root, skipped):
                rel = file.relative_to(root).with_suffix("")
                for art in _read_file(file, stem=rel.as_posix(), fields=resolved, encoding=encoding, sink=sink,
                                      limits=lim):
                    read += 1
                    yield art
            outputs = skipped.pop("(toolkit output folders)", 0)
            if outputs:
                sink.note(ReadError(str(root), f"{outputs} folder(s) the toolkit wrote (stores, exports, reports) "
                                               "not read as input"))
            formats = dict(skipped)
            if formats:
                listed = ", ".join(f"{k} {v}" for k, v in sorted(formats.items()))
                readable = " ".join(sorted(READ_SUFFIXES))
                reason = (f"{sum(formats.values())} file(s) not read, in formats the readers do not know ({listed}); "
                          f"readable: {readable} (convert the others to .txt)")
                if read == 0:
                    sink.report(ReadError(str(root), f"no article could be read: {reason}"))
                else:
                    sink.note(ReadError(str(root), reason))
        else:
            yield from _read_file(root, stem=root.stem, fields=resolved, encoding=encoding, sink=sink, limits=lim)


__all__ = ["ReadError", "load_article", "iter_articles", "read_text_file", "decode_bytes", "plausibly_arabic",
           "is_output_folder", "DEFAULT_FIELDS", "READ_SUFFIXES", "OUTPUT_MARKERS"]
