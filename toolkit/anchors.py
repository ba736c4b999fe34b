"""Where a regular expression can start: one Aho-Corasick pass for many patterns.

Running every rule of a grammar with ``pattern.search`` over the whole text costs a full
regex scan per rule. Instead, each pattern's possible first characters are read off its
parse tree: a set of literal prefix strings, one of which every non-empty match starts with
(and a flag when a match may start with any decimal digit). One Aho-Corasick pass over the
text finds those prefixes for all patterns at once, and the pattern is tried with
``pattern.match`` only there. ``pattern.match(text, p)`` sees the text before ``p``
(look-behinds work) and returns what ``pattern.search`` would return at ``p``, so the
matches are the same. Used by the date grammar and the amounts annotator.

Digits: a pattern that may start with a digit but never right after one (its first
assertion is a look-behind that refuses a word character, or a word boundary) is tried only where a run
of digits begins, found by one C-level scan, so a megabyte of digits costs one try, not a
million.
"""
from __future__ import annotations

import re
from functools import lru_cache

_DIGIT_MARK = "\x00"
_ANY_DIGIT = re.compile(r"\d")
_RUN_START = re.compile(r"(?<!\d)\d")
_PREFIX_LEN = 6
_MAX_OPEN = 100  # more open prefixes than this: stop extending them


@lru_cache(maxsize=None)
def _all_chars() -> str:
    """Every Unicode code point but the surrogates, as one string."""
    import numpy as np

    cps = np.concatenate([np.arange(0xD800, dtype="<u4"), np.arange(0xE000, 0x110000, dtype="<u4")])
    return cps.tobytes().decode("utf-32-le")


@lru_cache(maxsize=None)
def _ascii_case_pool() -> str:
    """Every character an IGNORECASE ASCII letter may match: the letters themselves and the few
    others Unicode case rules tie to them (ſ, the Kelvin sign ...), all below U+2200."""
    pool = "".join(chr(c) for c in range(0x2200))
    return "".join(re.findall("[a-z]", pool, re.IGNORECASE))


@lru_cache(maxsize=None)
def _case_variants(ch: str) -> frozenset[str]:
    """Every character an IGNORECASE pattern letter ``ch`` matches (as ``re`` decides it)."""
    one = re.compile(re.escape(ch), re.IGNORECASE)
    pool = _ascii_case_pool() if ch.isascii() and ch.isalpha() else _all_chars()
    return frozenset(one.findall(pool))


def _charset(items: list, ignorecase: bool) -> set[str] | None:
    from re import _constants as C

    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 64:
                return None
            out.update(chr(c) for c in range(lo, hi + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.add(_DIGIT_MARK)
        else:  # negated sets, \w, \s ...: too wide to list
            return None
    if ignorecase:
        out = {v for c in out for v in ((c,) if c == _DIGIT_MARK else _case_variants(c))}
    return out


def _walk(items: list, opens: set[str], ignorecase: bool) -> tuple[set[str], set[str]]:
    """Prefixes after the sequence ``items``: (still extendable, complete)."""
    from re import _constants as C, RegexFlag

    closed: set[str] = set()
    for op, av in items:
        if not opens:
            break
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: adds conditions only
            continue
        if op is C.LITERAL:
            chars = _case_variants(chr(av)) if ignorecase else (chr(av),)
            opens = {s + c for s in opens for c in chars}
        elif op is C.IN:
            chars = _charset(av, ignorecase)
            if chars is None:
                closed |= opens
                opens = set()
            else:
                new = set()
                for s in opens:
                    for c in chars:
                        if c == _DIGIT_MARK:
                            closed.add(s + c)
                        else:
                            new.add(s + c)
                opens = new
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            ic = (ignorecase or bool(add_flags & RegexFlag.IGNORECASE)) and not del_flags & RegexFlag.IGNORECASE
            opens, c = _walk(sub.data, opens, ic)
            closed |= c
        elif op is C.ATOMIC_GROUP:  # (?>...): the same first characters as its content
            opens, c = _walk(getattr(av, "data", av), opens, ignorecase)
            closed |= c
        elif op is C.BRANCH:
            new = set()
            for alt in av[1]:
                o, c = _walk(alt.data, opens, ignorecase)
                new |= o
                closed |= c
            opens = new
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            o, c = _walk(sub.data, opens, ignorecase)
            closed |= c
            if hi != 1:  # one round read; what follows is unknown
                closed |= o
                o = set()
            opens = (opens | o) if lo == 0 else o
        else:  # ANY, NOT_LITERAL, group references ...: unknown
            closed |= opens
            opens = set()
        cap = 2 if len(opens) > _MAX_OPEN else _PREFIX_LEN  # too many: stop at two characters
        long = {s for s in opens if len(s) >= cap}
        if long:
            closed |= long
            opens -= long
    return opens, closed


def _covers_digits(items: list) -> bool:
    """True when a one-character look-behind body matches every ASCII digit."""
    from re import _constants as C

    if len(items) != 1:
        return False
    op, av = items[0]
    if op is not C.IN:
        return False
    for sop, sav in av:
        if sop is C.CATEGORY and sav in (C.CATEGORY_WORD, C.CATEGORY_DIGIT):
            return True
        if sop is C.RANGE and sav[0] <= 48 and sav[1] >= 57:
            return True
    return False


def _no_digit(op, av) -> bool:
    """True when the one-character item (op, av) never matches a digit."""
    from re import _constants as C

    if op is C.LITERAL:
        return not chr(av).isdigit()
    if op is C.IN:
        chars = _charset(av, False)
        return chars is not None and _DIGIT_MARK not in chars and not any(c.isdigit() for c in chars)
    return False


def _forbids_digit_before(items: list) -> bool | None:
    """Whether the zero-width start of ``items`` forbids a digit right before the match (True),
    a consuming item comes first (False), or nothing is known yet (None)."""
    from re import _constants as C

    for op, av in items:
        if op is C.ASSERT_NOT and av[0] == -1:
            if _covers_digits(av[1].data):
                return True
        elif op is C.ASSERT and av[0] == -1:
            body = [it for it in av[1].data if it[0] not in (C.ASSERT, C.ASSERT_NOT, C.AT)]
            if body and _no_digit(*body[-1]):
                return True
        elif op in (C.ASSERT, C.ASSERT_NOT):
            continue  # a look-ahead
        elif op is C.AT:
            if av is C.AT_BOUNDARY:  # \b before a digit: what precedes is no word character
                return True
        elif op is C.BRANCH:
            verdicts = [_forbids_digit_before(alt.data) for alt in av[1]]
            if all(v is True for v in verdicts):
                return True
            if any(v is False for v in verdicts):
                return False
        elif op is C.SUBPATTERN:
            v = _forbids_digit_before(av[3].data)
            if v is not None:
                return v
        elif op is C.ATOMIC_GROUP:
            v = _forbids_digit_before(getattr(av, "data", av))
            if v is not None:
                return v
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] == 0:
            # an optional part that can only start with a letter is absent when a match starts with a digit
            opens, closed = _walk(av[2].data, {""}, False)
            if "" in closed or any(s[:1].isdigit() or s[:1] == _DIGIT_MARK or not s for s in opens | closed):
                return False
        else:
            return False
    return None


def _prefixes(pattern: re.Pattern[str], tree=None) -> tuple[frozenset[str], bool] | None:
    """(literal prefixes, may start with a digit) covering every non-empty match of
    ``pattern``, or None when they cannot be listed."""
    from re import _parser, RegexFlag

    if tree is None:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    opens, closed = _walk(tree.data, {""}, bool(pattern.flags & RegexFlag.IGNORECASE))
    digit = False
    out: set[str] = set()
    for s in opens | closed:
        if s.endswith(_DIGIT_MARK):
            s = s[:-1]
            if not s:
                digit = True
                continue
        if not s:
            if s in closed:
                return None  # a match may start with something unlisted
            continue  # only the empty match starts here: never a candidate
        out.add(s)
    # keep the shortest: a prefix of a prefix covers it
    keep = set()
    for s in sorted(out, key=len):
        if not any(s[:k] in keep for k in range(1, len(s))):
            keep.add(s)
    return frozenset(keep), digit


class LazyPattern:
    """A regular expression compiled the first time it is used (``match``, ``search``, ...).

    A grammar of dozens of large patterns takes seconds to compile, and a short text tries
    only the few whose anchors it holds; the others are never compiled in that process.
    ``pattern`` and ``flags`` are there without compiling (what :class:`Anchors` reads).
    """

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            from toolkit.cache import regex

            self._compiled = regex(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str):  # match, search, finditer, groupindex, ...
        return getattr(self.compiled, name)

    def __getstate__(self):
        return (self.pattern, self.flags)

    def __setstate__(self, state) -> None:
        self.pattern, self.flags = state
        self._compiled = None


def sources_key(patterns: list) -> str:
    """A digest of the patterns' sources and flags: what anchors built from them depend on."""
    import hashlib

    h = hashlib.sha256()
    for p in patterns:
        h.update(p.pattern.encode("utf-8", "surrogatepass"))
        h.update(b"\x00%d\x00" % int(p.flags))
    return h.hexdigest()


class Anchors:
    """Start positions of several patterns in a text, from one Aho-Corasick pass.

    ``starts(text)[i]`` lists, ascending, the offsets where ``patterns[i]`` may match
    (a superset of where it does), or is None when the pattern's starts cannot be listed
    (then search it the ordinary way).
    """

    def __init__(self, patterns: list[re.Pattern[str]]):
        import ahocorasick
        from re import _parser

        self.n = len(patterns)
        self.digit: list[int] = []
        self.unknown: set[int] = set()
        #: patterns that never start right after a digit: tried at the start of a digit run only
        self.run_start: set[int] = set()
        by_key: dict[str, list[int]] = {}
        # keys starting with a digit, by first character: (keys, pattern index, run starts only)
        digit_keys: dict[str, dict[int, list[str]]] = {}
        for i, p in enumerate(patterns):
            tree = _parser.parse(p.pattern, p.flags)
            pre = _prefixes(p, tree)
            if pre is None:
                self.unknown.add(i)
                continue
            keys, digit = pre
            if _forbids_digit_before(tree.data) is True:
                self.run_start.add(i)
            if digit:
                self.digit.append(i)
            for k in keys:
                if k[0].isdigit():
                    digit_keys.setdefault(k[0], {}).setdefault(i, []).append(k)
                else:
                    by_key.setdefault(k, []).append(i)
        self._digit_keys: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {
            c: [(tuple(keys), i, i in self.run_start) for i, keys in by_pattern.items()]
            for c, by_pattern in digit_keys.items()}
        self.auto = None
        if by_key:
            self.auto = ahocorasick.Automaton()
            for k, idx in by_key.items():
                self.auto.add_word(k, (len(k), tuple(idx)))
            self.auto.make_automaton()

    def starts(self, text: str) -> list[list[int] | None]:
        found: list[list[int]] = [[] for _ in range(self.n)]
        if self.auto is not None:
            for end, (length, idx) in self.auto.iter(text):
                p = end - length + 1
                for i in idx:
                    found[i].append(p)
        needs_all = any(i not in self.run_start for i in self.digit) or any(
            not run for keys in self._digit_keys.values() for _, _, run in keys)
        if self.digit or self._digit_keys:
            runs = [m.start() for m in _RUN_START.finditer(text)]
            every = [m.start() for m in _ANY_DIGIT.finditer(text)] if needs_all else runs
            for i in self.digit:
                found[i].extend(runs if i in self.run_start else every)
            for positions, run_only in ((runs, True), (every, False)):
                if not run_only and not needs_all:
                    continue
                for p in positions:
                    for keys, i, run in self._digit_keys.get(text[p], ()):
                        if run == run_only and text.startswith(keys, p):
                            found[i].append(p)
        return [None if i in self.unknown else sorted(set(f)) if f else f for i, f in enumerate(found)]


__all__ = ["Anchors", "LazyPattern", "sources_key"]
