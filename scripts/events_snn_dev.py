#!/usr/bin/env python3
"""Re-score the coder on the SaudiNewsNet samples read while tuning (the dev material).

The judged samples ``tests/data/events_snn_diagnostic.jsonl``, ``events_snn_diagnostic2.jsonl``,
``events_snn_sample.jsonl``, ``events_snn_sample3.jsonl``, ``events_snn_sample4.jsonl``,
``events_snn_sample5.jsonl`` to ``events_snn_sample10.jsonl`` (dev material since
their figures were quoted and their errors read)
and ``events_snn_pool.jsonl`` (a dev pool drawn to be read while
tuning) were drawn from earlier versions of the coder and judged by hand. This
script annotates their records again with the coder of now and sorts each event of a judged sentence:

- ``kept``: the event as judged (sentence, type, mode, source, target and their agents all equal):
  its verdict holds;
- ``new``: an event of a judged sentence that was not judged as it is now; its verdict comes from
  ``tests/data/events_snn_dev_verdicts.jsonl`` (judged by hand while tuning) when there, else it is
  listed as unjudged;
- ``dropped``: a judged event the coder no longer gives (dropping a wrong one is a gain).

The precision printed is over kept and judged new events, and over those of them whose confidence
reaches the news filter's threshold. It is dev material only: the rules were tuned on these sentences
and the news filter trained on four fifths of them (scripts/train_news_filter.py, which prints the
held-out fifth's figures), so the figure to quote is the latest sample's, drawn after the tuning
(scripts/events_snn_sample.py).

    python scripts/events_snn_dev.py                 # the figures per file
    python scripts/events_snn_dev.py -v              # and every unjudged new event and every change
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import events_snn_sample as S  # noqa: E402

from toolkit.event_filter import news_threshold  # noqa: E402

FILES = ("events_snn_diagnostic.jsonl", "events_snn_diagnostic2.jsonl", "events_snn_sample.jsonl",
         "events_snn_sample3.jsonl", "events_snn_sample4.jsonl", "events_snn_pool.jsonl",
         "events_snn_sample5.jsonl", "events_snn_sample6.jsonl", "events_snn_sample7.jsonl",
         "events_snn_sample8.jsonl", "events_snn_sample9.jsonl", "events_snn_sample10.jsonl")
VERDICTS = S.DATA / "events_snn_dev_verdicts.jsonl"
KEY = ("zip", "record", "start", "type", "mode", "source", "target", "source_agent", "target_agent")


def key(r: dict) -> tuple:
    return tuple(r.get(k) for k in KEY)


def load_verdicts() -> dict[tuple, dict]:
    if not VERDICTS.exists():
        return {}
    return {key(r): r for r in S.load(VERDICTS)}


def current(rows: list[dict], cache: dict) -> list[dict]:
    """The coder's events now, in the judged sentences of ``rows``."""
    out = []
    for (zip_name, rec), starts in sorted(S.judged_sentences(rows).items()):
        if zip_name not in cache:
            cache[zip_name] = S.records(zip_name)
        out += [e for e in S.event_rows(zip_name, rec, cache[zip_name][rec], confidence=True) if e["start"] in starts]
    return out


def show(r: dict, cache: dict, tag: str) -> None:
    print(f"  {tag} {r['zip']}#{r['record']}@{r['start']} {r['source']}/{r['source_agent']} -> "
          f"{r['target']}/{r['target_agent']} {r['type']} {r['mode']} «{r['evidence']}» conf={r.get('confidence')} "
          f"{r.get('verdict') or ''} {r.get('reason') or ''}\n     rule: {r['rule']}\n     {S.sentence(r, cache)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", action="store_true", help="list unjudged new events and changes")
    ap.add_argument("--dump-new", type=Path, help="write the unjudged new events (verdict null) to this file")
    ap.add_argument("--files", nargs="*", default=list(FILES))
    a = ap.parse_args(argv)
    if not S.SNN.exists():
        print(f"{S.SNN} not found: run from the repository root with ../shared beside it", file=sys.stderr)
        return 2
    verdicts = load_verdicts()
    cache: dict = {}
    total = Counter()
    unjudged_all = []
    for name in a.files:
        rows = S.load(S.DATA / name)
        judged = {key(r): r for r in rows}
        now = current(rows, cache)
        c = Counter()
        seen = set()
        for e in now:
            k = key(e)
            seen.add(k)
            v = judged.get(k) or verdicts.get(k)
            tag = "kept" if k in judged else "new"
            if v is None:
                c["unjudged"] += 1
                unjudged_all.append(e)
                if a.v:
                    show(e, cache, "NEW?")
                continue
            c[f"{tag}-{v['verdict']}"] += 1
            if e.get("confidence") is not None and e["confidence"] >= news_threshold():
                c[f"hi-{v['verdict']}"] += 1
            if a.v and tag == "new":
                show({**e, "verdict": v["verdict"], "reason": v.get("reason")}, cache, "new")
        for k, r in judged.items():
            if k not in seen:
                c[f"dropped-{r['verdict']}"] += 1
                if a.v and r["verdict"] == "right":
                    show(r, cache, "LOST")
        right = c["kept-right"] + c["new-right"]
        wrong = c["kept-wrong"] + c["new-wrong"]
        total.update(c)
        print(f"{name}: judged {len(rows)} (right {sum(r['verdict'] == 'right' for r in rows)}); now "
              f"{len(now)} events: right {right}, wrong {wrong}, unjudged {c['unjudged']}; dropped "
              f"{c['dropped-right']} right and {c['dropped-wrong']} wrong; precision "
              f"{right / (right + wrong) if right + wrong else 0:.3f}")
    right = total["kept-right"] + total["new-right"]
    wrong = total["kept-wrong"] + total["new-wrong"]
    th = news_threshold()
    hi = total["hi-right"] + total["hi-wrong"]
    print(f"with confidence >= {th} (the news filter's threshold: what events.news_only() keeps): right "
          f"{total['hi-right']}, wrong {total['hi-wrong']}; precision {total['hi-right'] / hi if hi else 0:.3f}")
    print(f"all: right {right}, wrong {wrong}, unjudged {total['unjudged']}, dropped right "
          f"{total['dropped-right']}, dropped wrong {total['dropped-wrong']}; precision "
          f"{right / (right + wrong) if right + wrong else 0:.3f}")
    if a.dump_new:
        a.dump_new.write_text("".join(json.dumps({**e, "verdict": None, "reason": ""}, ensure_ascii=False) + "\n"
                                      for e in unjudged_all), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
