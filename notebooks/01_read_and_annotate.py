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
# # 01 · Reading and annotating one article
#
# **What this notebook teaches:** how the toolkit reads one news article (its layout and
# metadata), annotates it (countries, people, organisations, dates, amounts, quotations,
# sectors and events between countries), how to read the highlighted text, the table of
# mentions, and how `ann.explain(i)` tells you *which rule* produced a mention and in which
# sentence. The article shown is the one named by `ARTICLE_ID`, or else the one of the corpus
# that shows the most kinds of annotation; the notebook says which, and why.
#
# Run it top to bottom; change the parameters cell to read another article.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
ARTICLE_ID = None  # an article id; None: the article that shows the most kinds of annotation
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd
from IPython.display import HTML

import toolkit
from toolkit import display, filters, scores

pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## The article and its metadata
#
# `load_corpus` reads lazily; `corpus.article(id)` gives one `Article`. `filters.choose_article`
# picks the article to show (the one asked for, when the corpus has it) and says why. Where an
# article has no front matter, its title, source and date are inferred from its layout, and
# `published_basis` says how the date was found.

# %%
corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
ARTICLE_ID, why = filters.choose_article(filters.tables(corpus), ARTICLE_ID)
article = corpus.article(ARTICLE_ID)
pd.Series({"id": article.id, "title": article.title, "language": article.language,
           "source": article.source, "source_en": article.source_en, "publisher": article.publisher,
           "published": article.published, "published_basis": article.published_basis,
           "paragraphs": len(article.paragraphs), "characters": len(article.text)})

# %% [markdown]
# ## Annotating it
#
# `toolkit.annotate` runs the annotators in order (countries, organisations, people, dates,
# amounts, quotations, sectors, then events) and returns an `Annotation`. What it found,
# described from the annotations themselves:

# %%
ann = toolkit.annotate(article)
display.describe_article(article, ann, why=why)

# %%
print(repr(ann))

# %% [markdown]
# The highlighted text (what `ann` shows as the last line of a cell; `display.render_annotation`
# gives the same HTML): hover over a mention to see its type, value and rule. Colours follow
# the legend; the events found in the article are listed below the text.

# %%
HTML(display.render_annotation(ann))

# %% [markdown]
# ## The mentions table
#
# Each row has exact character offsets into `ann.text` (`ann.text[start:end] == text`), the
# mention type, its normalised `value` (ISO alpha-3 for countries, ISO dates, numbers for
# amounts), its `kind` (for countries: name, demonym, capital or government) and the `rule`
# that produced it (a lexicon row such as `country_names.csv:12`, or a pattern).
# `display.table` shows a table readably: long cells are cut, the whole text a click away.

# %%
display.table(ann.mentions, ["start", "end", "text", "type", "value", "kind", "sentence", "rule"], rows=25)

# %%
ann.mentions["type"].value_counts()

# %% [markdown]
# The offsets promise, checked on every row:

# %%
all(ann.text[row.start:row.end] == row.text for row in ann.mentions.itertuples())

# %% [markdown]
# ## Why is this mention here? `ann.explain(i)`
#
# Take the article's first country mention: the explanation gives the span, the value, the
# kind (name, demonym, capital or government), the lexicon row and the whole sentence.
# `ann.explain_first(type)` explains the first mention of a type, and says so when there is none.

# %%
print(ann.explain_first("country"))

# %%
print(ann.explain_first("person"))

# %% [markdown]
# ## Events between countries
#
# Events are directed (`source` → `target`), typed with PLOVER categories, with a `mode`
# (done, intended, negated), a quad class (1 verbal cooperation … 4 material conflict), an
# intensity from −10 to +10, the trigger words (`evidence`) and the rule.

# %%
display.table(ann.events, ["source", "target", "type", "mode", "quad_class", "intensity", "date", "sectors",
                           "evidence"])

# %% [markdown]
# The article-level cooperation–conflict score is the mode-weighted mean intensity of its
# events (−10 all conflict … +10 all cooperation; `None` when there is no evidence):

# %%
scores.cooperation_conflict_score(ann.events)
