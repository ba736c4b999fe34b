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
# sector and event type, and check each bar against the sentences behind it. The country, the
# pair, the sector and the event type default to what the corpus holds most. The explorer at
# the end puts all these filters in widgets.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
COUNTRY = None  # e.g. "RUS" (None: the country named in most articles)
DYAD = None  # e.g. ("RUS", "UKR") (None: the pair with most events of the country)
START, END = None, None  # publication dates kept, e.g. "2023-01-01" (None: from the first / to the last)
SECTOR = None  # e.g. "energy" (None: the sector of most of the country's events)
EVENT_TYPE = None  # e.g. "CONSULT" (None: the type of most of the country's events)
FREQ = None  # the timelines' period: "W", "M", "Q" or "Y" (None: what the corpus's dates span suits)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import display, filters, plots, relations, widgets

pd.set_option("display.max_columns", 14)
pd.set_option("display.max_colwidth", 60)

corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
data = filters.tables(corpus)
opts = filters.options(data)
ASKED, COUNTRY = COUNTRY, filters.choose_country(data, COUNTRY)
DYAD = DYAD or relations.top_dyad(data, country=COUNTRY)
SECTOR = SECTOR or filters.top_choice(data, "sectors", countries=[COUNTRY])
EVENT_TYPE = EVENT_TYPE or filters.top_choice(data, "event_types", countries=[COUNTRY])
FREQ = FREQ or relations.default_freq(data)

# %% [markdown]
# What the parameters say, once the defaults are taken from the corpus:

# %%
display.describe_country(data, COUNTRY, asked=ASKED)

# %%
print(f"pair: {relations.pair_label(DYAD)}; sector: {SECTOR}; event type: {EVENT_TYPE}; "
      f"publication dates: {START or opts['start']} … {END or opts['end']}; one bar per {relations.FREQ_WORDS[FREQ]}")

# %% [markdown]
# ## A country's events, period by period
#
# `relations.timeline` counts events per period (`FREQ`: weeks, months, quarters or years),
# here by quad class. Events are dated by
# their own date when the text gives one (a treaty of 2001 recalled in a 2025 article counts
# in 2001), otherwise by the article's publication date; `when="published"`, used here, dates
# them all by the article. (With no country, every event counts.)

# %%
periods = relations.timeline(data, country=COUNTRY, freq=FREQ, when="published")
periods

# %%
widgets.show(plots.plot_timeline(periods))

# %% [markdown]
# By event type instead of quad class:

# %%
relations.timeline(data, country=COUNTRY, freq="Y", by="type", when="published")

# %% [markdown]
# ## Cooperation against conflict for one pair
#
# Cooperation bars go up, conflict bars go down.

# %%
relations.timeline(data, dyad=DYAD, freq=FREQ, by="stance", when="published")

# %%
widgets.show(plots.plot_cooperation_conflict(data, freq=FREQ, dyad=DYAD, when="published"))

# %% [markdown]
# The mean intensity per period (−10 conflict … +10 cooperation) tells how strong the events
# were, not just how many:

# %%
relations.timeline(data, country=COUNTRY, freq=FREQ, by=None, value="intensity", when="published").round(2).dropna()

# %% [markdown]
# ## Narrowing: dates, sector, event type
#
# `filters.select` combines criteria with AND and returns the four tables narrowed; every
# function above takes the result. (`None`, and a list of `None`, means no filter.)

# %%
narrow = filters.select(data, countries=[COUNTRY], start=START, end=END, sectors=[SECTOR])
print(f"{SECTOR}: {len(narrow.articles)} articles, {len(narrow.events)} events")
display.table(narrow.events, ["article_id", "date", "source", "target", "type", "mode", "intensity", "evidence"],
              rows=10)

# %%
consult = filters.select(data, countries=[COUNTRY], event_types=[EVENT_TYPE], start=START, end=END)
relations.timeline(consult, country=COUNTRY, freq="Y", by="stance", when="published")

# %% [markdown]
# The conflict events of the pair, each with its sentence:

# %%
conflict = filters.select(data, stance="conflict")
display.table(relations.evidence(conflict, DYAD), ["ref", "source", "target", "type", "mode", "intensity",
                                                   "evidence", "text"], rows=10)

# %% [markdown]
# ## The explorer
#
# Choose countries (one gives its chart and the map of its partners, two their dyad), a range
# of months, a sector, an event type or a stance, or search the text; the chart is in the tab
# *Cooperation / conflict*. It starts with the country studied above chosen.

# %%
# NBVAL_IGNORE_OUTPUT
widgets.explore(corpus, countries=[COUNTRY])
