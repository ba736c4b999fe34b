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
# # 05 · Quotations, people and amounts: who said what about whom
#
# **What this notebook teaches:** how to use the person, quotation and amount annotations:
# which officials appear (with their role and country), who is quoted and on which
# countries, how to read a word in context (a concordance, KWIC), and which amounts
# (money, quantities, percentages) the articles report, with their qualifiers (more than,
# about) and units.

# %% tags=["parameters"]
CORPUS = "../corpus"  # a folder or file the readers understand (relative to notebooks/)
QUERY = None  # a word to read in context, e.g. "اتفاقية" (None: the word most events were found by)
COUNTRY = None  # a country whose mentions to read in context, e.g. "IRN" (None: the one named in most articles)
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd
from IPython.display import HTML

import toolkit
from toolkit import display, filters

pd.set_option("display.max_columns", 14)
pd.set_option("display.max_colwidth", 70)

corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
data = filters.tables(corpus)
mentions = data.mentions
QUERY = QUERY or display.default_query(data)
COUNTRY = filters.choose_country(data, COUNTRY)

# %% [markdown]
# ## People
#
# Officials are recognised from a lexicon of names in Arabic and English forms, by surname
# once named in full, and by title (رئيس الوزراء الروسي). `value` is a stable id; `role` and
# `country` come from the lexicon or from the title in the text.

# %%
people = mentions[mentions["type"] == "person"]
display.table(people.groupby(["value", "role", "country"], dropna=False).size().rename("mentions")
              .sort_values(ascending=False, kind="stable"), rows=15)

# %% [markdown]
# ## Quotations and their speakers
#
# A quotation mention spans the words said; `speaker` is the person or body it is attributed
# to and `verb` the reporting verb. *About whom*: the countries named in the same sentence.

# %%
quotes = mentions[mentions["type"] == "quote"]
display.table(quotes, ["article_id", "sentence", "speaker", "speaker_value", "verb", "text"], rows=15)

# %%
country_mentions = mentions[mentions["type"] == "country"]
about = country_mentions.groupby(["article_id", "sentence"])["value"].agg(lambda v: ", ".join(sorted(set(v))))
display.table(quotes.join(about.rename("countries in the sentence"), on=["article_id", "sentence"]),
              ["speaker", "verb", "countries in the sentence", "text"], rows=15)

# %% [markdown]
# Reading quotations closely shows the limits of the rule that finds them (a reporting verb,
# then text in quotation marks): it cannot tell a quotation from a quoted name. In this
# sentence, written for the lesson, the words in quotation marks are the name the Taliban
# give their state (الإمارة الإسلامية في أفغانستان), not something said; the rule still reads
# them as a quotation, and takes for its "speaker" the words between the verb and the
# quotation marks:

# %%
example = toolkit.annotate('أعلنت وزارة الخارجية الروسية اعترافها رسميا بما يسمى "الإمارة الإسلامية في أفغانستان".',
                           lang="ar")
display.table(example.mentions[example.mentions["type"] == "quote"], ["text", "speaker", "verb", "rule"])

# %% [markdown]
# Events also say who acted on whom; the words in the text that stand for the two sides are
# kept in `source_text` and `target_text`:

# %%
display.table(data.events, ["article_id", "source", "source_text", "type", "target", "target_text", "evidence"],
              rows=12)

# %% [markdown]
# ## A word in context
#
# `display.kwic` lists each occurrence with its left and right context, within its sentence.
# The word read here is `QUERY` (by default the trigger word most events were found by).

# %%
no_hits = pd.DataFrame(columns=display.KWIC_COLUMNS)  # what there is to read when nothing is asked
conc = display.kwic(data, QUERY, window=40) if QUERY else no_hits
print(f"{len(conc)} occurrences of {QUERY}")
HTML(display.render_kwic(conc.head(12)))

# %% [markdown]
# Every mention of one country (`COUNTRY`), whatever form the text uses (name, demonym, capital):

# %%
print(f"{COUNTRY}: {filters.name_of(COUNTRY)}" if COUNTRY else "no country is named in this corpus")
HTML(display.render_kwic((display.kwic(data, country=COUNTRY, window=40) if COUNTRY else no_hits).head(12)))

# %% [markdown]
# ## Amounts
#
# Amounts keep their number (`value`), their qualifier (`more_than`, `about`, ...), their unit
# and, for money, the currency; Arabic-Indic digits (١٫٣) are read like Western ones.

# %%
amounts = mentions[mentions["type"] == "amount"]
display.table(amounts, ["article_id", "text", "value", "qualifier", "unit", "currency"], rows=20)

# %%
display.table(amounts[amounts["currency"].notna()], ["article_id", "text", "value", "currency"], rows=20)
