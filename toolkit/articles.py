"""Articles: text plus the spans of its title, headings and paragraphs, and its metadata.

An :class:`Article` is what readers produce and annotators read. Its ``text`` is the
decoded text, unchanged except for three things: a byte-order mark is removed, stray NUL
characters are removed (their number is kept in ``extra["nul_bytes_removed"]``) and a
leading front-matter block is removed. Every span (``paragraphs``, ``headings``,
``title_span``, ``body``) indexes that text.

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
- **Language**: by script (Arabic, Cyrillic, Latin, Greek, Hebrew, CJK, ...) with simple
  cues inside a script (Persian and Urdu letters together with their function words; stop
  words for Latin languages). Arabic script wins when it is at least a third of the letters
  (Latin runs in Arabic articles are names, titles or scraped code). Latin text with no cue
  for another language is English; ``"und"`` when there are no letters.
"""
from __future__ import annotations

import datetime as _dt
import email.utils
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

Span = tuple[int, int]

#: Metadata fields of an Article (in the order of ``Article.meta``).
META_FIELDS = (
    "id", "path", "language", "title", "source", "source_en", "publisher", "photo_credit",
    "published", "published_basis", "url", "author",
)
#: Front-matter keys with a field of their own; other keys go to ``extra``.
FRONT_MATTER_KEYS = ("title", "published", "date", "language", "source", "url", "author", "publisher", "id")


@dataclass(frozen=True)
class Article:
    """One article: its text, the spans of its parts, and its metadata.

    ``regions`` (title, headings, paragraphs in text order) is what annotators annotate;
    trailer lines (source, photo credit, publisher) are metadata and lie outside ``body``.
    """

    id: str
    text: str
    path: str | None = None
    language: str | None = None
    title: str | None = None
    source: str | None = None
    source_en: str | None = None
    publisher: str | None = None
    photo_credit: str | None = None
    published: str | None = None
    published_basis: str | None = None
    url: str | None = None
    author: str | None = None
    paragraphs: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    title_span: Span | None = None
    body: Span = (0, 0)
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def regions(self) -> tuple[Span, ...]:
        """Spans of the title, headings and paragraphs, in text order."""
        spans = list(self.headings) + list(self.paragraphs)
        if self.title_span is not None:
            spans.append(self.title_span)
        return tuple(sorted(spans))

    @property
    def meta(self) -> dict[str, Any]:
        """The metadata as a dict: the fields in ``META_FIELDS`` then ``extra``."""
        out: dict[str, Any] = {name: getattr(self, name) for name in META_FIELDS}
        for key, val in self.extra.items():
            out.setdefault(key, val)
        return out

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]

    def heading_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.headings]

    def __repr__(self) -> str:
        bits = [self.id, self.language or "?", f"{len(self.text)} chars",
                f"{len(self.paragraphs)} paragraphs"]
        if self.published:
            bits.append(self.published)
        if self.source:
            bits.append(f"source {self.source}")
        return f"<Article {' '.join(str(b) for b in bits)}>"

    def _repr_html_(self) -> str:
        """Jupyter's rich view: title, metadata line, headings and paragraphs (escaped)."""
        from toolkit.display import render_article

        return render_article(self)


# --------------------------------------------------------------------------- loading

def load_article(path: str | Path, *, encoding: str | None = None) -> Article:
    """Read one article file (plain text; a .json/.jsonl/.csv/.zip file holding exactly one record).

    Encoding is detected (UTF-8, BOMs, UTF-16, Windows-1256 Arabic) unless given; bad
    input raises ``toolkit.readers.ReadError`` naming the file.
    """
    from toolkit import readers

    p = Path(path)
    if p.is_dir():
        raise IsADirectoryError(f"{p}: is a folder; use toolkit.load_corpus for folders")
    if p.suffix.lower() in readers.RECORD_SUFFIXES:
        found = list(readers.iter_articles(p, encoding=encoding))
        if len(found) != 1:
            raise readers.ReadError(str(p), f"holds {len(found)} articles, load_article needs exactly one (use load_corpus)")
        return found[0]
    return readers.read_text_file(p, encoding=encoding)


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


# --------------------------------------------------------------------------- language

_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("cyrillic", ((0x0400, 0x052F),)),
    ("greek", ((0x0370, 0x03FF),)),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("devanagari", ((0x0900, 0x097F),)),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("hangul", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("kana", ((0x3040, 0x30FF),)),
    ("han", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),
    ("armenian", ((0x0530, 0x058F),)),
    ("georgian", ((0x10A0, 0x10FF),)),
)
_SCRIPT_LANG = {"greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th", "hangul": "ko",
                "kana": "ja", "han": "zh", "armenian": "hy", "georgian": "ka"}
_PERSIAN = set("پچژگکی")
_URDU = set("ٹڈڑںےہھ")
_UKRAINIAN = set("іїєґІЇЄҐ")
_STOP = {
    "en": "the and of to in is that for with on was said are by as at from it this be has have".split(),
    "fr": "le la les des et est du une dans pour que qui au sur pas avec sont ce aux".split(),
    "de": "der die und das ist nicht mit den von zu ein eine sich auf dem des im für".split(),
    "es": "el los las del y que en por con una para es se al su lo como más".split(),
    "it": "il di che la per un del della non sono gli le nel alla una con".split(),
    "pt": "o os da do das dos que em uma com para não se ao na no mais".split(),
    "tr": "ve bir bu ile için da de olarak çok daha gibi ama".split(),
    "nl": "de het een en van is dat op te zijn niet met voor".split(),
}
_STOP_SETS = {lang: set(words) for lang, words in _STOP.items()}
_ARABIC_SCRIPT_STOP = {
    "ar": set("في من على إلى الى أن عن مع التي الذي هذا هذه كان قد".split()),
    "fa": set("است این که را از با می برای های شد بود آن".split()),
    "ur": set("ہے کے کی میں اور سے کو نے یہ".split()),
}
#: Arabic script wins when it is at least this share of the letters.
ARABIC_MIN_SHARE = 0.35
_WORD = re.compile(r"[^\W\d_]+")


def _class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" if hi <= 0xFFFF else "" for lo, hi in ranges) + "]")


_SCRIPT_RX = tuple((name, _class(ranges)) for name, ranges in _SCRIPTS)
_LATIN_RX = re.compile("[\u0000-\u036f\u1e00-\u1eff]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _count(rx: re.Pattern[str], s: str) -> int:
    return len(s) - len(rx.sub("", s))


def detect_language(text: str, *, sample: int = 5000) -> str:
    """ISO 639-1 code of ``text`` by script and simple cues; ``"und"`` when unknown."""
    chunk = text[:sample]
    letters = "".join(_LETTERS.findall(chunk))
    counts: dict[str, int] = {}
    rest = len(letters)
    for name, rx in (("latin", _LATIN_RX),) + _SCRIPT_RX:
        if rest <= 0:
            break
        n = _count(rx, letters)
        if n:
            counts[name] = n
            rest -= n
    if rest > 0:
        counts["other"] = rest
    persian = sum(letters.count(ch) for ch in _PERSIAN)
    urdu = sum(letters.count(ch) for ch in _URDU)
    ukrainian = sum(letters.count(ch) for ch in _UKRAINIAN)
    if not counts:
        return "und"
    script = max(counts, key=lambda k: counts[k])
    if counts.get("arabic", 0) >= ARABIC_MIN_SHARE * sum(counts.values()):
        script = "arabic"  # Latin runs in Arabic articles: names, titles, scraped code
    total = counts[script]
    if script == "arabic":
        words = _WORD.findall(chunk)
        cues = {lang: sum(1 for w in words if w in stop) for lang, stop in _ARABIC_SCRIPT_STOP.items()}
        if urdu >= max(2, 0.02 * total) and cues["ur"] > cues["ar"]:
            return "ur"
        if persian >= max(2, 0.02 * total) and cues["fa"] > cues["ar"]:
            return "fa"
        return "ar"
    if script == "cyrillic":
        return "uk" if ukrainian >= max(2, 0.01 * total) else "ru"
    if script == "latin":
        words = [w.lower() for w in _WORD.findall(chunk)]
        scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP_SETS.items()}
        best = max(scores, key=lambda k: scores[k])
        if scores[best] == 0 or scores[best] == scores["en"]:
            return "en"
        return best
    return _SCRIPT_LANG.get(script, "und")


# --------------------------------------------------------------------------- sources

def _source_key(name: str) -> str:
    from toolkit.arabic import normalize_key

    key = normalize_key(name).casefold()
    key = re.sub(r"[\"'«»“”.()\[\]]", " ", key)
    return re.sub(r"\s+", " ", key).strip()


@lru_cache(maxsize=1)
def _agency_table() -> dict[str, str]:
    from toolkit.lexicon import rows

    return {_source_key(r["form"]): r["name_en"] for r in rows("agencies") if r.get("form") and r.get("name_en")}


_AGENCY_PREFIX = re.compile(r"^(?:وكاله انباء|وكاله|news agency|agency)\s+")
_SOURCE_SPLIT = re.compile(r"\s*(?:[،,;/+|]|\s-\s)\s*")


@lru_cache(maxsize=4096)
def source_en(name: str | None) -> str | None:
    """The English name of a news source (``تاس`` -> ``TASS``, ``aawsat`` -> ``Asharq Al-Awsat``).

    Reads ``toolkit/lexicon/agencies.csv``; None when the source is unknown.
    """
    if not name or not name.strip():
        return None
    table = _agency_table()

    def one(part: str) -> str | None:
        key = _source_key(part)
        if key in table:
            return table[key]
        bare = _AGENCY_PREFIX.sub("", key)
        return table.get(bare) if bare != key else None

    found = one(name)
    if found:
        return found
    parts = [p for p in _SOURCE_SPLIT.split(name) if p.strip()]
    if len(parts) > 1:
        names = [one(p) for p in parts]
        if all(names):
            return "; ".join(dict.fromkeys(n for n in names if n))
    return None


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
    from toolkit.dategrammar import find_dates

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
    import hashlib

    return "text-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


__all__ = ["Article", "from_text", "load_article", "parse_layout", "detect_language", "source_en",
           "normalize_date", "split_front_matter", "META_FIELDS"]
