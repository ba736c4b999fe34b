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
# # 04 · Timelines: cooperation versus conflict
#
# **What this notebook teaches:** how to follow a country or a pair of countries over time,
# split events into cooperation (quad classes 1–2) and conflict (3–4), narrow by date range,
# sector and event type, and check each bar against the sentences behind it. The explorer at
# the end puts all these filters in widgets.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
COUNTRY = "RUS"  # None: the most mentioned actor
DYAD = ("RUS", "UKR")  # None: the pair with most events
START, END = "2023-01-01", "2025-12-31"  # publication dates kept
SECTOR = "energy"
EVENT_TYPE = "CONSULT"
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import filters, plots, relations, widgets

pd.set_option("display.max_columns", 14)
pd.set_option("display.max_colwidth", 60)

corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE)
data = filters.tables(corpus)
opts = filters.options(data)
COUNTRY = COUNTRY or opts["countries"][0]["code"]
DYAD = DYAD or opts["dyads"][0]

# %% [markdown]
# ## A country's events, quarter by quarter
#
# `relations.timeline` counts events per period, here by quad class. Events are dated by
# their own date when the text gives one (a treaty of 2001 recalled in 2025 counts in 2001),
# otherwise by the article's publication date; `when="published"` dates them all by the
# article.

# %%
quarters = relations.timeline(data, country=COUNTRY, freq="Q", when="published")
quarters

# %%
widgets.show(plots.plot_timeline(quarters))

# %% [markdown]
# By event type instead of quad class:

# %%
relations.timeline(data, country=COUNTRY, freq="Y", by="type", when="published")

# %% [markdown]
# ## Cooperation against conflict for one pair
#
# Cooperation bars go up, conflict bars go down.

# %%
relations.timeline(data, dyad=DYAD, freq="Q", by="stance", when="published")

# %%
widgets.show(plots.plot_cooperation_conflict(data, freq="Q", dyad=DYAD, when="published"))

# %% [markdown]
# The mean intensity per quarter (−10 conflict … +10 cooperation) tells how strong the events
# were, not just how many:

# %%
relations.timeline(data, country=COUNTRY, freq="Q", by=None, value="intensity", when="published").round(2).dropna()

# %% [markdown]
# ## Narrowing: dates, sector, event type
#
# `filters.select` combines criteria with AND and returns the four tables narrowed; every
# function above takes the result.

# %%
narrow = filters.select(data, countries=[COUNTRY], start=START, end=END, sectors=[SECTOR])
print(f"{SECTOR}: {len(narrow.articles)} articles, {len(narrow.events)} events")
narrow.events[["article_id", "date", "source", "target", "type", "mode", "intensity", "evidence"]]

# %%
consult = filters.select(data, countries=[COUNTRY], event_types=[EVENT_TYPE], start=START, end=END)
relations.timeline(consult, country=COUNTRY, freq="Y", by="stance", when="published")

# %%
conflict = filters.select(data, stance="conflict")
relations.evidence(conflict, DYAD)[["ref", "source", "target", "type", "mode", "intensity", "evidence", "text"]]

# %% [markdown]
# ## The explorer
#
# Choose countries (one gives its chart, two their dyad), a range of months, a sector, an
# event type or a stance, or search the text; the chart is in the tab *Cooperation / conflict*.

# %%
# NBVAL_IGNORE_OUTPUT
explorer = widgets.explore(corpus)
explorer.countries.value = (COUNTRY,)
explorer
