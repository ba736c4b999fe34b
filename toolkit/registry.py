"""The annotator registry: each annotator says its name, what it reads and what it makes.

An annotator is a plain function ``func(doc) -> list[Mention]`` (or ``list[Event]``). It is
registered with the mention types it *needs* (reads from ``doc.mentions``) and the types it
*produces*; the pipeline orders the registered annotators from that (an annotator runs after
every annotator that produces a type it needs; ties keep the order of registration), and
running a subset pulls in what the subset needs.

The built-in annotators register themselves when their modules are imported
(``toolkit.pipeline`` imports them all)::

    @annotator("amounts", needs=("date",), produces=("amount", "ordinal"))
    def annotate(doc: Doc) -> list[Mention]: ...

A user adds one without editing the package (see ``docs/architecture.md``)::

    from toolkit.registry import register
    from toolkit.schema import Column

    def hashtags(doc):
        return [Mention(m.start(), m.end(), m.group(), "hashtag", m.group()[1:], rule="hashtag-regex",
                        sentence=doc.sentence_of(m.start())) for m in re.finditer(r"#\\w+", doc.text)]

    register("hashtags", hashtags, produces=("hashtag",),
             columns=[Column("hashtag_lang", "text", "...")])   # extra mention columns, if any

Extra columns a user annotator declares become columns of every mentions table from then on
(whatever the texts hold). ``EVENT`` in ``produces`` marks an annotator that returns events.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from toolkit.schema import MENTIONS, Column, Table

#: What an event annotator produces (``produces=(EVENT,)``).
EVENT = "event"


@dataclass(frozen=True)
class Annotator:
    """A registered annotator: its name, its function and the mention types it reads and makes."""

    name: str
    func: Callable[[Any], list]
    produces: tuple[str, ...]
    needs: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    builtin: bool = False

    @property
    def makes_events(self) -> bool:
        return EVENT in self.produces


class RegistryError(ValueError):
    """An annotator that cannot be registered or a plan that cannot be made."""


_REGISTRY: dict[str, Annotator] = {}


def register(name: str, func: Callable[[Any], list], *, produces: Iterable[str], needs: Iterable[str] = (),
             columns: Iterable[Column] = (), replace: bool = False, builtin: bool = False) -> Annotator:
    """Register ``func`` as the annotator ``name``; returns the registry entry.

    ``replace=True`` swaps an annotator of the same name (a user's own countries annotator);
    otherwise a name already taken is an error. ``columns`` are extra mention columns.
    """
    if not name or not isinstance(name, str):
        raise RegistryError("an annotator needs a name")
    if not callable(func):
        raise RegistryError(f"annotator {name!r}: func must be callable")
    produced = tuple(produces)
    if not produced:
        raise RegistryError(f"annotator {name!r}: say which mention types it produces (or EVENT)")
    if name in _REGISTRY and not replace:
        raise RegistryError(f"an annotator named {name!r} is already registered (pass replace=True to swap it)")
    cols = tuple(columns)
    taken = set(MENTIONS.names)
    for other in _REGISTRY.values():
        if other.name != name:
            taken.update(c.name for c in other.columns)
    clash = [c.name for c in cols if c.name in taken]
    if clash:
        raise RegistryError(f"annotator {name!r}: column(s) {', '.join(clash)} already exist in the mentions table")
    entry = Annotator(name, func, produced, tuple(needs), cols, builtin)
    _REGISTRY[name] = entry
    return entry


def annotator(name: str, *, produces: Iterable[str], needs: Iterable[str] = (),
              columns: Iterable[Column] = ()) -> Callable[[Callable], Callable]:
    """Decorator form of :func:`register` for the built-in annotators."""
    def deco(func: Callable) -> Callable:
        register(name, func, produces=produces, needs=needs, columns=columns, replace=True, builtin=True)
        return func
    return deco


def unregister(name: str) -> None:
    """Remove an annotator (KeyError when there is none of that name)."""
    if name not in _REGISTRY:
        raise KeyError(f"no annotator named {name!r} (registered: {', '.join(_REGISTRY)})")
    del _REGISTRY[name]


def registered() -> dict[str, Annotator]:
    """The registered annotators by name, in registration order."""
    return dict(_REGISTRY)


def mention_table() -> Table:
    """The mentions table: the declared columns plus those registered annotators add."""
    extra = [c for a in _REGISTRY.values() for c in a.columns]
    return MENTIONS.extended(extra) if extra else MENTIONS


def plan(names: Sequence[str] | None = None) -> list[Annotator]:
    """The annotators to run, in order: ``names`` (all registered when None) and what they need.

    An annotator runs after every annotator that produces a type it needs; annotators that
    make events run after all that make mentions. Ties keep the order of registration.
    """
    if names is None:
        wanted = list(_REGISTRY)
    else:
        unknown = [n for n in names if n not in _REGISTRY]
        if unknown:
            raise RegistryError(f"unknown annotator(s) {', '.join(map(repr, unknown))}; "
                                f"registered: {', '.join(_REGISTRY)}")
        wanted = list(dict.fromkeys(names))
    producers: dict[str, list[str]] = {}
    for a in _REGISTRY.values():
        for t in a.produces:
            producers.setdefault(t, []).append(a.name)
    # pull in what the wanted annotators need, transitively
    chosen: list[str] = []
    todo = list(wanted)
    while todo:
        name = todo.pop(0)
        if name in chosen:
            continue
        chosen.append(name)
        for t in _REGISTRY[name].needs:
            todo.extend(p for p in producers.get(t, []) if p != name)
    order = {n: i for i, n in enumerate(_REGISTRY)}
    pending = sorted(chosen, key=lambda n: (_REGISTRY[n].makes_events, order[n]))
    done: list[str] = []
    made: set[str] = set()
    while pending:
        for name in pending:
            a = _REGISTRY[name]
            waiting = [p for t in a.needs for p in producers.get(t, []) if p != name and p in pending]
            if not waiting:
                done.append(name)
                made.update(a.produces)
                pending.remove(name)
                break
        else:
            raise RegistryError(f"annotators {', '.join(pending)} need each other's output (a cycle)")
    return [_REGISTRY[n] for n in done]


__all__ = ["Annotator", "EVENT", "RegistryError", "annotator", "register", "unregister", "registered",
           "plan", "mention_table"]
