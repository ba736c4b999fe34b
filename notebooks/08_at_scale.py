# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
# ---

# %% [markdown]
# # 08 · At scale: the annotation store, pandas and dask
#
# **What this notebook teaches:** how to annotate a corpus into an **annotation store** (a
# folder of Parquet files kept up to date by `toolkit.batch.annotate_to_store`), why a second
# run skips the articles that did not change, what the store holds (its manifest and its
# layout), and how to read it: with pandas (`Corpus.from_store`, or `pd.read_parquet` on one
# table), and with `dask.dataframe` when the store is larger than memory (lazy group-bys,
# computed here without a cluster). It ends with the command line for big corpora and
# several machines (see `docs/scale.md`).
#
# A small corpus (such as the bundled one) is cut here into parts of `BATCH_SIZE` articles,
# to show what a large store looks like. With `STORE` set, that store is used (and kept).

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
STORE = None  # a folder for the store; None: a temporary folder, removed at the end
BATCH_SIZE = 20  # articles per part (default 500 in toolkit annotate --store)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)

# %%
import tempfile
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd

from toolkit.corpus import Corpus
from toolkit.batch import annotate_to_store
from toolkit.store import open_store

pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 50)

tmp = tempfile.TemporaryDirectory() if STORE is None else None
store_path = Path(tmp.name) / "store" if tmp is not None else Path(STORE)

# %% [markdown]
# ## Building the store
#
# `annotate_to_store(source, store)` reads the source lazily (one file at a time), annotates
# it in batches of `batch_size` articles (`workers=1`: in this process; more workers use a
# process pool) and commits each batch as one *part* of the store. It returns a `RunReport`
# with what the run did (the counts are shown; the run time is left out of this notebook
# because it changes from run to run). When `STORE` names a store already made from this
# corpus (as `toolkit report --store` does), even this first run finds nothing to annotate.

# %%
def summary(report):
    return pd.Series({"articles read": report.articles, "annotated": report.annotated,
                      "unchanged (skipped)": report.unchanged, "removed": report.removed,
                      "parts written": report.parts, "problems": len(report.problems)})


first = annotate_to_store(CORPUS, store_path, workers=1, batch_size=BATCH_SIZE, progress=False,
                          errors=ERRORS, fields=FIELDS, encoding=ENCODING)
summary(first)

# %% [markdown]
# ## Running it again: only what changed is annotated
#
# Every stored article carries a `content_hash` (its text, language, published date and
# layout). A second run over the same corpus, with the same toolkit version and the same
# lexicons, finds every hash already stored and annotates nothing. Editing one article
# re-annotates that article only; changing a lexicon CSV re-annotates everything; an
# article gone from the source is dropped from the store at the end of the run.

# %%
second = annotate_to_store(CORPUS, store_path, workers=1, batch_size=BATCH_SIZE, progress=False,
                          errors=ERRORS, fields=FIELDS, encoding=ENCODING)
summary(second)

# %% [markdown]
# ## What the store holds
#
# `manifest.json` is the store's table of contents: readers follow it and nothing else.
# Its keys (the values of `source`, the fingerprint and the part names are machine- or
# run-specific, so only their shape is shown):

# %%
store = open_store(store_path)
manifest = store.manifest
print(", ".join(sorted(manifest)))
print("format:", manifest["format"], manifest["format_version"], "| complete:", manifest["complete"])
print("parts:", len(manifest["parts"]), "| keys of a part:", ", ".join(sorted(manifest["parts"][0])))
print("articles per part:", ", ".join(str(p["articles"]) for p in manifest["parts"]))
print("articles in the store:", len(store), "| stale:", store.stale)

# %% [markdown]
# The folder itself, as paths relative to the store: one folder per table, one Parquet file
# per part in each (their names hold a time and a random id, so they are counted here).

# %%
def layout(root):
    rows = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and len(rel.parts) == 1:
            rows.append(rel.as_posix())
        elif path.is_dir():
            parts = sorted(p.name for p in path.iterdir())
            named = all(p.startswith("part-") and p.endswith(".parquet") for p in parts)
            rows.append(f"{rel.as_posix()}/  {len(parts)} part-*.parquet files" if named
                        else f"{rel.as_posix()}/  {len(parts)} files")
    return rows


print("\n".join(layout(store_path)))

# %% [markdown]
# ## Reading it with pandas
#
# When the tables fit in memory, `Corpus.from_store(path)` gives a `Corpus` whose
# `articles`, `mentions`, `events` and `sentences` tables come from the store: every
# notebook before this one works on it unchanged.

# %%
corpus = Corpus.from_store(store_path)
pd.Series({"articles": len(corpus.articles), "mentions": len(corpus.mentions),
           "events": len(corpus.events), "sentences": len(corpus.sentences)})

# %%
corpus.mentions["type"].value_counts().sort_index()

# %% [markdown]
# Any Parquet reader can read a table folder directly (here `pd.read_parquet` with
# pyarrow; DuckDB's `read_parquet('store/mentions/*.parquet')` would do as well): every part
# of a table has the same columns and types, the ones declared in `toolkit/schema.py`
# (`store.schema(name)` gives them), whatever its articles held. One difference: Parquet
# needs one type per column, and the `value` of a mention mixes country codes, ISO dates and
# numbers, so it is stored as **JSON text**. `Store.table(name)` (and so `Corpus.from_store`)
# decodes it back; a plain reader sees the JSON.

# %%
raw = pd.read_parquet(store_path / "mentions", schema=store.schema("mentions"))
decoded = store.table("mentions")
key = ["article_id", "start", "end", "type"]
raw = raw.sort_values(key, kind="stable").reset_index(drop=True)
decoded = decoded.sort_values(key, kind="stable").reset_index(drop=True)
picks = [raw.index[raw["type"] == t][0] for t in ("country", "date", "amount") if (raw["type"] == t).any()]
pd.DataFrame({"type": raw.loc[picks, "type"], "text": raw.loc[picks, "text"],
              "value as stored (JSON text)": raw.loc[picks, "value"],
              "value from Store.table": decoded.loc[picks, "value"],
              "Python type": [type(v).__name__ for v in decoded.loc[picks, "value"]]})

# %% [markdown]
# A plain reader also sees every file of the folder, while `Store.table` follows the manifest:
# an article removed from the source, or re-annotated into a newer part, is listed in the
# `drop` list of its old part until that part is rewritten. Reading a table folder directly is
# right when no part has a `drop` list (a fresh store, or one only ever added to):

# %%
sum(len(p.get("drop") or ()) for p in manifest["parts"])

# %% [markdown]
# ## Reading it with dask.dataframe, when it is larger than memory
#
# `dask.dataframe.read_parquet` makes a *lazy* table with one partition per file: nothing
# is read until `.compute()`, and then one partition at a time, so a store far larger than
# memory can be summarised on a laptop. Passing the part files listed in the manifest makes
# dask read exactly what `Store.table` reads. The synchronous scheduler runs everything in
# this process (no cluster starts); `scheduler="threads"` would use a thread pool.

# %%
def part_files(store, table):
    return [str(store.path / table / f"{p['name']}.parquet") for p in store.parts]


mentions = dd.read_parquet(part_files(store, "mentions"))
events = dd.read_parquet(part_files(store, "events"))
print("partitions:", mentions.npartitions, "(one per part)")
print("the first columns of mentions:", ", ".join(mentions.columns[:9]))

# %% [markdown]
# Mentions per type: the group-by is only a plan until it is computed.

# %%
per_type = mentions.groupby("type").size()
with dask.config.set(scheduler="synchronous"):
    per_type = per_type.compute()
per_type.sort_index().sort_values(ascending=False, kind="stable").rename("mentions")

# %% [markdown]
# Events per dyad (source → target), with their mean intensity (−10 conflict … +10
# cooperation), the twelve most frequent:

# %%
dyads = events.groupby(["source", "target"]).agg({"type": "count", "intensity": "mean"})
with dask.config.set(scheduler="synchronous"):
    dyads = dyads.compute()
dyads = dyads.rename(columns={"type": "events", "intensity": "mean intensity"})
dyads["mean intensity"] = dyads["mean intensity"].round(2)
dyads.sort_index().sort_values("events", ascending=False, kind="stable").head(12)

# %% [markdown]
# The same numbers as pandas on the whole table in memory:

# %%
same_types = per_type.sort_index().equals(corpus.mentions.groupby("type").size().sort_index())
same_dyads = (dyads["events"].sort_index()
              .equals(corpus.events.groupby(["source", "target"]).size().sort_index().rename("events")))
same_types, same_dyads

# %% [markdown]
# ## From the command line
#
# The same store is made by
#
# ```bash
# toolkit annotate PATH --store DIR --workers 2
# ```
#
# which annotates with a pool of two worker processes and, run again, only what changed.
# `--batch-size N` sets the articles per part (500 by default), and `--out DIR` with
# `--store DIR` also exports the tables. On dask.distributed:
#
# ```bash
# toolkit annotate PATH --store DIR --scheduler local --workers 4     # a local cluster
# toolkit annotate PATH --store DIR --scheduler tcp://HOST:8786       # an existing cluster
# ```
#
# The workers need only the toolkit (the same version, with the same lexicons); the process
# running the command reads the corpus and writes the store. `docs/scale.md` describes the
# store folder, crash safety and how to set up several machines.

# %%
if tmp is not None:
    tmp.cleanup()
print("store kept" if tmp is None else "temporary store removed")
