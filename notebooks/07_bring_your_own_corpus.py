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
# # 07 · Bringing your own corpus
#
# **What this notebook teaches:** how to point the toolkit at your own articles, in each
# format it reads: a folder of `.txt` files (with or without front matter), JSON Lines, CSV
# with your own column names, and zip archives of JSON (the SaudiNewsNet layout); how to
# handle bad input (`errors="skip"` lists every problem instead of stopping); and that the
# result is the same tables as for the bundled corpus. The files are written by the notebook
# into a temporary folder, so it runs anywhere; paths are shown relative to that folder.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a corpus to compare with at the end (by default the bundled one)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import csv
import json
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

import toolkit
from toolkit import display, filters, relations
from toolkit.tables import with_extra

pd.set_option("display.max_columns", 10)
pd.set_option("display.max_colwidth", 50)

tmp = tempfile.TemporaryDirectory()
root = Path(tmp.name)


def listing(folder):
    """The files under ``folder``, relative to the temporary folder (wiring for this lesson)."""
    return sorted(str(p.relative_to(root)) for p in Path(folder).rglob("*") if p.is_file())


# %% [markdown]
# ## 1. A folder of text files
#
# One article per `.txt` file, one paragraph per line. A front-matter block gives the
# metadata; without it, the title, source and date are inferred from the layout (a trailer
# line such as `المصدر:` names the source).

# %%
folder = root / "my_articles"
folder.mkdir()
(folder / "001_visit.txt").write_text(
    "---\ntitle: وزير الخارجية المصري في موسكو\npublished: 2024-03-05\nlanguage: ar\nsource: my notes\n---\n"
    "وزير الخارجية المصري في موسكو\n"
    "بحث وزير الخارجية المصري مع نظيره الروسي في موسكو يوم 5 مارس 2024 التعاون في مجال الطاقة النووية.\n",
    encoding="utf-8")
(folder / "002_trade.txt").write_text(
    "وقعت روسيا والجزائر اتفاقية لتعزيز التبادل التجاري بين البلدين في 12 مايو 2024.\n"
    "المصدر: وكالة الأنباء الجزائرية\n",
    encoding="utf-8")
listing(folder)

# %%
mine = toolkit.load_corpus(folder)
print(mine.summary())
mine.articles[["id", "title", "language", "source", "source_en", "published", "published_basis"]]

# %% [markdown]
# ## 2. JSON Lines
#
# One record per line; the text, title, date and source fields are found by their usual
# names (`text`, `content`, `body`; `title`, `headline`; `published`, `date`; `source`) and the
# other fields are kept as metadata (the `extra` column; `with_extra` makes columns of them).

# %%
records = [
    {"id": "en-1", "headline": "Kazakhstan and Russia sign energy deal", "date": "2024-06-10", "source": "my feed",
     "text": "Kazakhstan and Russia signed an agreement on gas supplies in Astana on 10 June 2024.", "desk": "energy"},
    {"id": "en-2", "headline": "Iran and Russia hold talks", "date": "2024-07-01", "source": "my feed",
     "text": "The Iranian foreign minister held talks with his Russian counterpart in Tehran.", "desk": "diplomacy"},
]
(root / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
feed = toolkit.load_corpus(root / "feed.jsonl")
with_extra(feed.articles, "desk")[["id", "title", "language", "source", "published", "desk"]]

# %% [markdown]
# ## 3. CSV with your own column names
#
# When the columns have other names, say which is which with `fields`:

# %%
with open(root / "sheet.csv", "w", encoding="utf-8", newline="") as fh:
    writer = csv.writer(fh)
    writer.writerow(["nid", "headline_ar", "body_ar", "day"])
    writer.writerow(["s1", "قمة في الرياض", "استقبلت السعودية الرئيس الروسي في الرياض لبحث أسعار النفط.", "2023-12-06"])
    writer.writerow(["s2", "عقوبات جديدة", "فرضت الولايات المتحدة عقوبات جديدة على روسيا بسبب الحرب في أوكرانيا.", "2024-02-23"])
sheet = toolkit.load_corpus(root / "sheet.csv", fields={"id": "nid", "title": "headline_ar", "text": "body_ar", "date": "day"})
sheet.articles[["id", "title", "language", "published"]]

# %% [markdown]
# ## 4. A zip archive of JSON (SaudiNewsNet layout)
#
# Each member is a JSON array of records with `source, url, date_extracted, title, author,
# content`; the archive is read one member at a time, without unpacking it.

# %%
saudi = [{"source": "spa", "url": "https://example.org/1", "date_extracted": "2015-07-21 02:51:32",
          "title": "ولي العهد يستقبل السفير الروسي", "author": "",
          "content": "استقبل ولي العهد السعودي في الرياض اليوم سفير روسيا لدى المملكة وبحث معه العلاقات الثنائية."}]
with zipfile.ZipFile(root / "2015-07-21.zip", "w") as zf:
    zf.writestr("2015-07-21_spa.json", json.dumps(saudi, ensure_ascii=False))
archive = toolkit.load_corpus(root / "2015-07-21.zip")
archive.articles[["id", "title", "source", "source_en", "published", "url"]]

# %% [markdown]
# ## 5. Bad input
#
# By default a malformed record stops reading with an error that names the file and the line.
# With `errors="skip"` the rest is read and `problems` lists what was skipped; nothing is
# dropped silently.

# %%
(root / "broken.jsonl").write_text('{"text": "Russia and Egypt met in Cairo."}\n{not json\n', encoding="utf-8")
try:
    toolkit.load_corpus(root / "broken.jsonl").articles
except Exception as exc:
    print(type(exc).__name__, "—", str(exc).replace(str(root) + "/", ""))

# %%
skipped = toolkit.load_corpus(root / "broken.jsonl", errors="skip")
print(skipped.summary())
skipped.problems[["line", "record", "reason"]]

# %% [markdown]
# ## 6. Everything at once, and the same analysis as for the bundled corpus
#
# `load_corpus` also takes a list of paths (with one `fields` mapping for all, so the CSV with
# its own column names stays out here); from there on, everything in notebooks 01–05 works
# unchanged.

# %%
combined = toolkit.load_corpus([folder, root / "feed.jsonl", root / "2015-07-21.zip"])
combined.annotate(progress=False)
print(combined.summary())
display.table(combined.events, ["article_id", "source", "target", "type", "mode", "evidence"])

# %%
display.table(relations.dyads(filters.tables(combined)), ["pair", "events", "cooperation", "conflict", "top_sectors"])

# %% [markdown]
# For comparison, the corpus given as `CORPUS` (the bundled one unless another is given):

# %%
print(toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                         progress=False).summary())

# %%
tmp.cleanup()
