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
# # 02 · A corpus at a glance
#
# **What this notebook teaches:** how to load a whole corpus and see what is in it before
# analysing anything: which sources and languages, which dates, how long the articles are,
# which kinds of mentions the annotators found and which countries (and organisations) the
# articles name. It ends with the interactive explorer, whose filters narrow everything at once.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import display, filters, widgets

pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 50)

# %% [markdown]
# ## Loading and annotating
#
# `load_corpus` reads nothing until asked (with `store=`, it reads the tables of an annotation
# store). `filters.tables` bundles the four tables that every filter, plot and widget takes,
# annotating every article first when the corpus is not annotated yet (`corpus.annotate()`
# does that explicitly, with a progress bar). `display.describe_corpus` says in two sentences
# what the tables hold.

# %%
corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
data = filters.tables(corpus)
print(corpus.summary())

# %%
display.describe_corpus(data)

# %% [markdown]
# ## The articles

# %%
display.table(corpus.articles, ["id", "published", "language", "source", "title", "n_chars"], rows=10)

# %% [markdown]
# Languages and sources (`source` is the name as written in the article or its metadata,
# `source_en` its English form when the agency is known):

# %%
corpus.articles["language"].value_counts(dropna=False)

# %%
corpus.articles.groupby(["source", "source_en"], dropna=False).size().rename("articles").sort_values(
    ascending=False, kind="stable").head(15)

# %% [markdown]
# How the publication dates were found (front matter, metadata, or inferred from the lead) and
# how the articles spread over the years:

# %%
corpus.articles["published_basis"].value_counts(dropna=False).head(10)

# %%
corpus.articles["published"].str[:4].value_counts(dropna=False).sort_index().rename("articles per year")

# %%
corpus.articles["n_chars"].describe().round(0)

# %% [markdown]
# ## What the annotators found

# %%
corpus.mentions["type"].value_counts()

# %%
corpus.events["type"].value_counts()

# %% [markdown]
# ## The countries named
#
# `filters.options` lists the choices a widget offers; for countries (and organisations acting
# in events) it counts articles, mentions and events, most articles first;
# `filters.country_table` gives them as a table.

# %%
opts = filters.options(data)
display.table(filters.country_table(data), ["code", "name_en", "name_ar", "articles", "mentions", "events"], rows=20)

# %% [markdown]
# How countries are named: by name, by demonym (الروسي, Russian), by capital (موسكو) or by
# their government:

# %%
countries = corpus.mentions[corpus.mentions["type"] == "country"]
countries["kind"].value_counts()

# %%
print(f"{len(opts['countries'])} actors; dates {opts['start']} … {opts['end']}; "
      f"sectors: {', '.join(opts['sectors'][:8]) or 'none'}{' …' if len(opts['sectors']) > 8 else ''}")

# %% [markdown]
# ## The explorer
#
# Every filter narrows all tables at once (countries, months, sector, source, event type,
# stance, a text search in Arabic or English). The tabs show the events, the articles, the
# cooperation-versus-conflict chart, a map of the chosen country's partners (or of two
# countries' events) and a reader with the annotations highlighted. In a static report only a
# snapshot is shown; run the notebook to use the filters.

# %%
# NBVAL_IGNORE_OUTPUT
widgets.explore(corpus)
