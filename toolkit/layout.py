"""The plain-text layout of an article: a string (and its metadata) in, an Article out.

``from_text(text, meta=...)`` reads front matter, trailer lines, the title, headings and
paragraphs, and the published date (metadata, front matter, a trailer line, or inferred from
the lead with the date grammar of :mod:`toolkit.dategrammar`). Offsets index the text
the Article keeps (after the front matter). Readers (:mod:`toolkit.readers`) call it.

The plain-text layout (also in ``docs/layout.md``)
--------------------------------------------------
- **Front matter** (optional, at the very top): a line ``---``, then ``key: value`` lines
  (keys ``title``, ``published`` (or ``date``), ``language``, ``source``, ``topic``, ``url``,
  ``author``, ``publisher``, ``id``; any other key goes to ``extra``; blank lines and ``#``
  comment lines are allowed), then a line ``---``. The text after the closing line is the
  article. A block that breaks these rules is not front matter and stays in the text.
- **Blocks**: one paragraph per non-empty line; blank lines also separate. Spans are trimmed
  of surrounding white space. Line endings (``\\n``, ``\\r\\n``, ``\\r``) are kept in the text.
- **Trailer lines** at the end (a run of lines of the form ``key: value``, at most 20 words):
  ``المصدر:`` / ``Source:`` -> ``source``; ``الصورة:`` / ``Photo:`` -> ``photo_credit``;
  ``المحرر:`` / ``Author:`` -> ``author``; ``الرابط:`` / ``URL:`` -> ``url``; ``التاريخ:`` /
  ``Date:`` -> ``published``. A **publisher** line is a short (≤ 10 words), unpunctuated
  line directly above the trailer lines. Trailer and publisher lines are metadata, not body;
  they are recognised only when at least one body line stays above them.
- **Headings**: a short line (≤ 8 words, not ending in ``. ! ? ؟ … : ; ؛ , ،``, closing
  quotes and brackets aside), not the last body line, followed by a paragraph (a line that
  is not itself heading-like).
- **Title**: the first line is a title only when it is heading-like, followed by a longer
  paragraph, and the text has more than one paragraph after it. (The seed article's first
  line is its lead: no title.) A ``title`` given as metadata wins; its span is the first
  line only when that line reads the same.
- **Body**: the extent from the first heading or paragraph to the last one (title and
  trailer lines excluded).
- **Published**: metadata first (``meta`` > front matter > ``التاريخ:`` trailer); otherwise
  the first day-resolution, non-relative date in the lead (the first paragraph), found by
  ``toolkit.dategrammar.find_dates``; ``published_basis`` says which.
- **Language**: given, else :func:`toolkit.language.detect_language`.
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from toolkit.articles import META_FIELDS, Article, Span
from toolkit.dategrammar import find_dates
from toolkit.language import detect_language
from toolkit.limits import valid_unicode
from toolkit.sources import source_en

#: Front-matter keys with a field of their own; other keys go to ``extra``.
FRONT_MATTER_KEYS = ("title", "published", "date", "language", "source", "url", "author", "publisher", "id")

# --------------------------------------------------------------------------- layout

_LINE = re.compile(r"[^\r\n]+")
_TRAIL_QUOTES = "\"'»”’)]}›"
_END_PUNCT = ".!?؟…:;؛,،"
_TRAILER = re.compile(
    r"\s*(?P<key>المصدر|المصادر|مصدر|Source|Sources|الصورة|الصور|صورة|تصوير|Photo|Photos|Photo credit|Image|"
    r"المحرر|الكاتب|تحرير|Author|Editor|By|الرابط|رابط|URL|Link|التاريخ|تاريخ النشر|Date|Published)"
    r"\s*[:：]\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_TRAILER_FIELD = {
    "المصدر": "source", "المصادر": "source", "مصدر": "source", "source": "source", "sources": "source",
    "الصورة": "photo_credit", "الصور": "photo_credit", "صورة": "photo_credit", "تصوير": "photo_credit",
    "photo": "photo_credit", "photos": "photo_credit", "photo credit": "photo_credit", "image": "photo_credit",
    "المحرر": "author", "الكاتب": "author", "تحرير": "author", "author": "author", "editor": "author", "by": "author",
    "الرابط": "url", "رابط": "url", "url": "url", "link": "url",
    "التاريخ": "published", "تاريخ النشر": "published", "date": "published", "published": "published",
}
HEADING_MAX_WORDS = 8
PUBLISHER_MAX_WORDS = 10
TRAILER_MAX_WORDS = 20


@dataclass(frozen=True)
class _Layout:
    title_span: Span | None
    headings: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    body: Span
    trailer: dict[str, str]
    trailer_lines: tuple[str, ...]


def line_spans(text: str) -> list[Span]:
    """Non-blank lines as spans trimmed of white space (the unit of the plain-text layout)."""
    out: list[Span] = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _unpunctuated(line: str) -> bool:
    stripped = line.rstrip().rstrip(_TRAIL_QUOTES).rstrip()
    return bool(stripped) and stripped[-1] not in _END_PUNCT


def _heading_like(line: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    return len(line.split()) <= max_words and _unpunctuated(line)


def parse_layout(text: str) -> _Layout:
    """Title, headings, paragraphs, body and trailer metadata of a plain text."""
    lines = line_spans(text)
    # trailer lines: a run at the end, leaving at least one body line
    trailer: dict[str, str] = {}
    trailer_lines: list[str] = []
    n = len(lines)
    k = n
    while k > 1:
        s, e = lines[k - 1]
        m = _TRAILER.match(text, s, e)
        if not m or len(text[s:e].split()) > TRAILER_MAX_WORDS:
            break
        k -= 1
    for s, e in lines[k:]:
        m = _TRAILER.match(text, s, e)
        assert m is not None
        name = _TRAILER_FIELD[re.sub(r"\s+", " ", m.group("key")).lower()]
        val = m.group("value")
        trailer[name] = f"{trailer[name]}; {val}" if name in trailer else val
        trailer_lines.append(text[s:e])
    if k < n and k > 1:
        s, e = lines[k - 1]
        if _heading_like(text[s:e], PUBLISHER_MAX_WORDS):
            trailer["publisher"] = text[s:e]
            trailer_lines.insert(0, text[s:e])
            k -= 1
    body_lines = lines[:k]
    # headings: heading-like, not last, followed by a paragraph (decided from the end)
    like = [_heading_like(text[s:e]) for s, e in body_lines]
    is_heading = [False] * len(body_lines)
    for i in range(len(body_lines) - 2, -1, -1):
        is_heading[i] = like[i] and not is_heading[i + 1] and not like[i + 1]
    title_span: Span | None = None
    start = 0
    if len(body_lines) >= 3 and is_heading[0]:
        s0, e0 = body_lines[0]
        s1, e1 = body_lines[1]
        if len(text[s1:e1].split()) > len(text[s0:e0].split()):
            title_span = body_lines[0]
            start = 1
    headings = tuple(sp for sp, h in zip(body_lines[start:], is_heading[start:]) if h)
    paragraphs = tuple(sp for sp, h in zip(body_lines[start:], is_heading[start:]) if not h)
    rest = body_lines[start:]
    body = (rest[0][0], rest[-1][1]) if rest else (0, 0)
    return _Layout(title_span, headings, paragraphs, body, trailer, tuple(trailer_lines))


# --------------------------------------------------------------------------- front matter

_FM_LINE = re.compile(r"^\s*([A-Za-z_][\w\-]*)\s*:\s*(.*?)\s*$")
_FM_MAX_LINES = 100


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front-matter dict, the text after it); ({}, text) when there is no valid block."""
    if not (text.startswith("---")):
        return {}, text
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    offset = len(lines[0])
    for line in lines[1:_FM_MAX_LINES + 1]:
        offset += len(line)
        content = line.rstrip("\r\n")
        if content.strip() == "---":
            return meta, text[offset:]
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        m = _FM_LINE.match(content)
        if not m:
            return {}, text
        key, val = m.group(1).lower(), m.group(2)
        if len(val) >= 2 and val[0] == val[-1] and val[0] in "\"'":
            val = val[1:-1]
        meta[key] = val
    return {}, text


# --------------------------------------------------------------------------- dates

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ].*)?$")


def normalize_date(value: str, *, lang: str | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata date string, or None when unreadable.

    ISO dates and datetimes, ``YYYY/MM/DD``, RFC 2822 (``Tue, 21 Jul 2015 ...``), then
    the project's date grammar (``toolkit.dategrammar``) for written dates.
    """
    value = value.strip()
    if not value:
        return None
    for rx in (_ISO, _YMD_SLASH):
        m = rx.match(value)
        if m:
            try:
                return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _first_day(value, lang or detect_language(value))
    return match.value if match is not None else None


def _first_day(text: str, lang: str) -> Any:
    """The first day-resolution, non-relative DateMatch in ``text`` (None if none/unavailable)."""
    if lang not in ("ar", "en"):
        return None
    for m in find_dates(text, lang=lang):
        if m.resolution == "day" and not getattr(m, "relative", False):
            return m
    return None


# --------------------------------------------------------------------------- from_text

def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return None
    s = str(value).strip()
    return s or None


def from_text(text: str, *, id: str | None = None, path: str | None = None,
              language: str | None = None, meta: Mapping[str, Any] | None = None) -> Article:
    """Parse the layout of a plain string into an Article.

    ``meta`` (keys as in ``Article.meta``; ``date`` is read as ``published``; other keys go
    to ``extra``) wins over front matter, which wins over what the layout gives.
    """
    extra: dict[str, str] = {}
    text, replaced = valid_unicode(text)
    if replaced:  # lone surrogates cannot be written to any file: U+FFFD, counted
        extra["invalid_characters_replaced"] = str(replaced)
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        extra["nul_bytes_removed"] = str(nul)
    front, text = split_front_matter(text)
    given: dict[str, str] = {}
    basis: dict[str, str] = {}
    # front matter first, then the caller's metadata (which wins); unknown keys go to extra
    for items, known, label in ((front.items(), FRONT_MATTER_KEYS, "front matter"),
                                ((meta or {}).items(), META_FIELDS, "metadata")):
        for key, val in items:
            key = "published" if key == "date" else str(key)
            v = _clean(val)
            if v is None:
                continue
            if key in known:
                given[key] = v
                basis[key] = label
            else:
                extra[key] = v
    if language:
        given["language"] = language

    layout = parse_layout(text)
    lang = given.get("language") or detect_language(text)
    values: dict[str, str | None] = {name: None for name in META_FIELDS}
    values.update({k: v for k, v in layout.trailer.items() if k != "published"})
    values.update({k: v for k, v in given.items() if k not in ("published", "published_basis")})

    # title: metadata title wins; the first line is its span only when it reads the same
    title_span = layout.title_span
    headings = layout.headings
    paragraphs = layout.paragraphs
    body = layout.body
    if given.get("title"):
        title = given["title"]
        lines = line_spans(text)
        first = lines[0] if lines else None
        if title_span is not None and text[title_span[0]:title_span[1]] != title:
            headings = tuple(sorted(headings + (title_span,)))
            body = (title_span[0], body[1])
            title_span = None
        elif title_span is None and first is not None and text[first[0]:first[1]] == title and len(lines) > 1:
            title_span = first
            paragraphs = tuple(p for p in paragraphs if p != first)
            headings = tuple(h for h in headings if h != first)
            rest = sorted(headings + paragraphs)
            body = (rest[0][0], rest[-1][1]) if rest else (0, 0)
    else:
        title = text[title_span[0]:title_span[1]] if title_span else None
    values["title"] = title

    # published: meta > front matter > Date trailer > the lead
    published = basis_text = None
    if given.get("published"):
        published = normalize_date(given["published"], lang=lang)
        basis_text = given.get("published_basis") or basis.get("published", "metadata")
        if published is None:
            extra["published_raw"] = given["published"]
            basis_text = None
    if published is None and layout.trailer.get("published"):
        raw = layout.trailer["published"]
        published = normalize_date(raw, lang=lang)
        if published:
            basis_text = f"trailer line '{raw}'"
        else:
            extra["published_raw"] = raw
    if published is None and paragraphs:
        s, e = paragraphs[0]
        m = _first_day(text[s:e], lang)
        if m is not None:
            published, basis_text = m.value, f"inferred from '{m.text}' in the lead"
    values["published"] = published
    values["published_basis"] = basis_text if published else None
    values["language"] = lang
    if not values.get("source_en"):
        values["source_en"] = source_en(values.get("source"))
    art_id = id or given.get("id") or _default_id(path, text)
    values.pop("id", None)
    values["path"] = path if path is not None else given.get("path")
    return Article(id=art_id, text=text, paragraphs=paragraphs, headings=headings,
                   title_span=title_span, body=body, extra=extra, **values)


def _default_id(path: str | None, text: str) -> str:
    if path:
        return Path(path).stem
    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


__all__ = ["from_text", "parse_layout", "line_spans", "normalize_date", "split_front_matter", "FRONT_MATTER_KEYS",
           "HEADING_MAX_WORDS", "PUBLISHER_MAX_WORDS", "TRAILER_MAX_WORDS"]
