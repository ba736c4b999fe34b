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
# number, see the whole network, put one country's partners and the strongest pair on a world
# map, and ask of one country: who are its partners, and in which sectors? A country selector
# at the end answers that interactively.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
COUNTRY = None  # the country to look at, e.g. "RUS" (None: the country named in most articles)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import display, filters, maps, plots, relations, widgets

pd.set_option("display.max_columns", 14)
pd.set_option("display.max_colwidth", 50)

corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
data = filters.tables(corpus)
ASKED, COUNTRY = COUNTRY, filters.choose_country(data, COUNTRY)

# %% [markdown]
# ## Dyads
#
# One row per pair with events between them (undirected here): events by quad class (q1
# verbal cooperation, q2 material cooperation, q3 verbal conflict, q4 material conflict), the
# mean intensity, the main sectors and the first and last dates. An event told by several
# articles counts once (`count="reports"` counts every report).

# %%
pairs = relations.dyads(data)
display.table(pairs, ["pair", "name_a", "name_b", "articles", "events", "q1", "q2", "q3", "q4", "mean_intensity",
                      "top_sectors"], rows=15)

# %%
widgets.show(plots.plot_dyads(pairs, top=15))

# %% [markdown]
# Directed dyads keep who acts on whom apart (here the pairs with at least three events):

# %%
display.table(relations.dyads(data, directed=True, min_events=3), ["pair", "events", "cooperation", "conflict",
                                                                   "score"], rows=10)

# %% [markdown]
# ## The evidence behind a number
#
# Every count can be traced back to its sentences: `relations.evidence` lists the events of a
# pair with the sentence each came from (`ref` is `article_id#sentence`). Here, the pair with
# most events (`relations.top_dyad`); click a shortened sentence to read it whole.

# %%
top_pair = relations.top_dyad(data)
evidence = relations.evidence(data, top_pair)
display.table(evidence, ["ref", "source", "target", "type", "mode", "intensity", "date", "evidence", "text"], rows=8,
              caption=f"The pair with most events: {relations.pair_label(top_pair)}")

# %% [markdown]
# ## The network
#
# Nodes are countries and organisations; an edge joins two actors with events between them,
# weighted by the number of events. The drawing keeps the most connected actors, and labels
# as many as fit without overlapping.

# %%
graph = relations.network(data, kind="events")
print(graph)
display.table(relations.node_table(graph, top=10))

# %%
widgets.show(plots.plot_network(graph))

# %% [markdown]
# The co-mention network joins countries named in the same article, events or not:

# %%
print(relations.network(data, kind="comention"))

# %% [markdown]
# ## One country: its partners, on the map and by sector

# %%
display.describe_country(data, COUNTRY, asked=ASKED)

# %%
display.table(relations.partners(data, COUNTRY), ["partner", "name_en", "events", "as_source", "as_target",
                                                  "cooperation", "conflict", "score", "top_sectors"], rows=15)

# %% [markdown]
# `toolkit.maps` draws world maps offline (Natural Earth's country shapes ship with the
# package): each partner filled by its number of events, the country studied in orange,
# countries too small for the map shown as a dot at their capital.

# %%
widgets.show(maps.plot_partners(data, COUNTRY))

# %% [markdown]
# The pair of countries with most events (`maps.top_dyad`: both sides on the map), an arrow
# for each direction, as wide as its number of events:

# %%
widgets.show(maps.plot_dyad(data, maps.top_dyad(data)))

# %% [markdown]
# Countries (rows) by sectors (columns): how many events of each country lie in each sector.

# %%
matrix = relations.country_sector_matrix(data)
display.table(matrix.iloc[:12, :10])

# %%
widgets.show(plots.plot_sector_heatmap(matrix))

# %% [markdown]
# ## Choose a country
#
# The selector shows the chosen country's partners and the sectors of its events.

# %%
# NBVAL_IGNORE_OUTPUT
widgets.PartnersView(data, country=COUNTRY)
