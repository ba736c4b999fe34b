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
# # 03 · Dyads and the network of relations
#
# **What this notebook teaches:** how events between countries add up to *dyads* (pairs of
# countries, or a country and an organisation), how to rank them, read the evidence behind a
# number, see the whole network, and ask of one country: who are its partners, and in which
# sectors? A country selector at the end answers that interactively.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
COUNTRY = "RUS"  # the country to look at (None: the most mentioned one)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import filters, plots, relations, widgets

pd.set_option("display.max_columns", 14)
pd.set_option("display.max_colwidth", 50)

corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE)
data = filters.tables(corpus)
COUNTRY = COUNTRY or filters.options(data)["countries"][0]["code"]

# %% [markdown]
# ## Dyads
#
# One row per pair with events between them (undirected here): events by quad class (q1
# verbal cooperation, q2 material cooperation, q3 verbal conflict, q4 material conflict), the
# mean intensity, the main sectors and the first and last dates.

# %%
pairs = relations.dyads(data)
pairs[["pair", "name_a", "name_b", "articles", "events", "q1", "q2", "q3", "q4", "mean_intensity", "top_sectors"]].head(15)

# %%
widgets.show(plots.plot_dyads(pairs, top=15))

# %% [markdown]
# Directed dyads keep who acts on whom apart:

# %%
relations.dyads(data, directed=True, min_events=3)[["pair", "events", "cooperation", "conflict", "score"]]

# %% [markdown]
# ## The evidence behind a number
#
# Every count can be traced back to its sentences: `relations.evidence` lists the events of a
# pair with the sentence each came from.

# %%
top_pair = (pairs.iloc[0]["a"], pairs.iloc[0]["b"])
evidence = relations.evidence(data, top_pair)
evidence.head(8)

# %% [markdown]
# ## The network
#
# Nodes are countries and organisations; an edge joins two actors with events between them,
# weighted by the number of events.

# %%
graph = relations.network(data, kind="events")
print(graph)
sorted(graph.degree(weight="weight"), key=lambda kv: (-kv[1], kv[0]))[:10]

# %%
widgets.show(plots.plot_network(graph))

# %% [markdown]
# The co-mention network joins countries named in the same article, events or not:

# %%
print(relations.network(data, kind="comention"))

# %% [markdown]
# ## One country: its partners and their sectors

# %%
relations.partners(data, COUNTRY)[["partner", "name_en", "events", "as_source", "as_target", "cooperation", "conflict", "score", "top_sectors"]].head(15)

# %%
matrix = relations.country_sector_matrix(data)
matrix.iloc[:12, :10]

# %%
widgets.show(plots.plot_sector_heatmap(matrix))

# %% [markdown]
# ## Choose a country
#
# The selector shows the chosen country's partners and the sectors of its events.

# %%
# NBVAL_IGNORE_OUTPUT
widgets.PartnersView(data, country=COUNTRY)
