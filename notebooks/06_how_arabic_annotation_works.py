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
# # 06 · How the Arabic annotation works, and where it fails
#
# **What this notebook teaches:** the four ideas behind the Arabic country annotator, each
# with the toolkit's own code and data: (1) *normalisation* with an offset map back to the
# original text; (2) *clitics*: و ف ب ل ك and the article ال glued to a name; (3) *demonyms*
# and (4) *capitals* standing for countries, all read from the lexicon CSV files. Then, just as
# important, the cases where these rules fail, and why. Nothing here is hidden: every
# mention says which lexicon row produced it.

# %% tags=["parameters"]
CORPUS = "../corpus"  # the rules are taught on the notebook's own sentences; the corpus is used at the end
ERRORS = "raise"  # bad input: "raise" stops with an error naming the file and line; "skip" lists it
FIELDS = None  # record fields, e.g. {"text": "body", "date": "published"} (None: the usual names)
ENCODING = None  # None: detected (UTF-8, BOMs, UTF-16, Windows-1256)
STORE = None  # an annotation store to read the tables from (toolkit report --store), or None

# %%
import pandas as pd

import toolkit
from toolkit import lexicon
from toolkit.arabic import normalize
from toolkit.matcher import BARE_PREFIXES, DEFINITE_PREFIXES, Entry, Gazetteer

pd.set_option("display.max_columns", 10)
pd.set_option("display.max_colwidth", 60)


def show(text):
    """Annotate one sentence and show its country mentions (wiring for this lesson)."""
    ann = toolkit.annotate(text, lang="ar")
    m = ann.mentions
    return m[m["type"] == "country"][["start", "end", "text", "value", "kind", "rule"]]


# %% [markdown]
# ## 1. Normalisation, with a way back
#
# Arabic writes the same word in several ways: with or without diacritics (تشكيل), with
# different hamza seats (أ إ آ ا), with ة or ه at the end, with ى or ي, stretched with tatweel
# (ـ), with Arabic-Indic digits. Matching happens on a normalised copy; offsets are mapped back
# to the original, so that a mention always quotes the text as written.

# %%
original = "أعلنت رُوسيّا والإمـــارات في ٢٠٢٤ عن اتفاقيّة"
n = normalize(original)
print(original)
print(n.text)
print(len(original), "characters written,", len(n.text), "after normalisation")

# %%
start = n.text.index("روسيا")
a, b = n.to_original(start, start + len("روسيا"))
print((start, start + 5), "in the normalised text is", (a, b), "in the original:", original[a:b])

# %% [markdown]
# ## 2. Clitics
#
# Conjunctions (و، ف), prepositions (ب، ل، ك) and the article (ال) are written as part of the
# next word: وبموسكو is *and in Moscow*. The matcher finds a lexicon form inside a longer word
# and accepts it only if what precedes it is one of these chains:

# %%
print("before a bare word:", "  ".join(sorted(p for p in BARE_PREFIXES if p)))
print("ending in the article:", "  ".join(sorted(DEFINITE_PREFIXES)))

# %% [markdown]
# A small gazetteer made from three rows of the country lexicon shows the rule at work. The
# span leaves the clitics out and keeps the article; after ل + ال contracted to لل the span
# starts at the stem.

# %%
rows = [r for r in lexicon.rows("country_names") if r["lang"] == "ar" and r["form"] in ("روسيا", "الإمارات", "موسكو")]
pd.DataFrame(rows)[["iso3", "form", "kind", "article", "_line"]]

# %%
gaz = Gazetteer(Entry(r["form"], r["iso3"], article=r["article"]) for r in rows)
text = "وروسيا وبموسكو وللإمارات والإمارات كروسيا موسكوفي بروسيانا"
pd.DataFrame([(text[m.start:m.end], m.prefix, m.entry.payload) for m in gaz.find(normalize(text))],
             columns=["span found", "clitics before it", "country"])

# %% [markdown]
# موسكوفي and بروسيانا are not found: a hit must end at a word boundary, so a form inside a
# longer word is refused. The same rule makes suffixes a blind spot: روسيانا, *our Russia*, is
# missed too.

# %% [markdown]
# ## 3. Demonyms
#
# Most references to a country in news are adjectives: الرئيس الروسي, *the Russian
# president*. The lexicon lists each demonym in its forms (masculine, feminine, plurals,
# dual); `article = optional` lets them carry ال or not.

# %%
demonyms = [r for r in lexicon.rows("country_names") if r["iso3"] == "RUS" and r["lang"] == "ar" and r["kind"] == "demonym"]
pd.DataFrame(demonyms)[["iso3", "form", "form_type", "article", "note", "_line"]]

# %%
show("استقبل الرئيس الروسي نظيره الطاجيكستاني بحضور وفود روسية وخبراء طاجيك.")

# %% [markdown]
# ## 4. Capitals and seats of power
#
# Capitals stand for governments (*Moscow said …*); so do seats of power such as the Kremlin.

# %%
show("قالت موسكو إن الكرملين يرحب بمبادرة دوشنبه، فيما التزمت أنقرة الصمت.")

# %% [markdown]
# ## Where the rules fail, and why
#
# These are the annotator's real answers on sentences chosen to show its limits.
#
# **Ambiguous forms are left alone.** Without diacritics عمان is both Oman (عُمان) and its
# neighbour's capital Amman (عَمّان); the lexicon marks the forms `ambiguous`, so neither is
# annotated, even where a human reads it at once. The demonym العماني is unambiguous and is found.

# %%
show("زار الوفد العماني عمان واجتمع بالملك عبد الله الثاني في عمّان.")

# %%
pd.DataFrame([r for r in lexicon.rows("country_names") if r["form"] in ("عمان", "عمّان", "عُمان")])[
    ["iso3", "form", "kind", "ambiguous", "_line"]]

# %% [markdown]
# **A trap covers one wording, not the others.** `not_countries.csv` lists ولاية جورجيا (*the
# state of Georgia*), so in the first sentence only the country is found. Written without
# ولاية, the US state is read as the country Georgia (GEO): nothing tells the matcher that
# الأمريكية after it changes its meaning.

# %%
show("تحدث الرئيس عن جورجيا وعن ولاية جورجيا الأمريكية.")

# %%
show("زار الرئيس أتلانتا في جورجيا الأمريكية.")

# %% [markdown]
# **A form the lexicon does not have.** South Sudan written as السودان الجنوبي (the adjective
# after the noun) is read as Sudan; only جنوب السودان is in the lexicon.

# %%
show("سافر إلى السودان الجنوبي ثم إلى جنوب السودان.")

# %% [markdown]
# **Traps that work.** Where a wrong reading is frequent, the lexicon lists it in
# `not_countries.csv` (the Maghreb is not Morocco; the evening prayer, صلاة المغرب, neither),
# and a language named by its demonym (اللغة الروسية) is not a mention of Russia:

# %%
show("ناقش القادة مستقبل المغرب العربي بعد صلاة المغرب، وتعلم الطلاب اللغة الروسية في المغرب.")

# %%
pd.DataFrame(lexicon.rows("not_countries"))[["lang", "form", "why", "_line"]].head(8)

# %% [markdown]
# **Metonymy is a choice, not a fact.** A capital is taken to mean its government. That is
# right for *Moscow said*, but not for a place: *the summit held in Cairo* is a location, and
# the annotator still says EGY (kind `capital`). Downstream, events are built from who acts on
# whom, so the place alone does not make an event, but the mention counts for Egypt.

# %%
show("عقدت القمة الروسية الأفريقية في القاهرة.")

# %% [markdown]
# ## The same rules on the corpus
#
# How each kind of country reference is found across the Arabic articles of the corpus
# (`CORPUS`), and the lexicon rows used most (both empty for a corpus without Arabic):

# %%
corpus = toolkit.load_corpus(CORPUS, errors=ERRORS, fields=FIELDS, encoding=ENCODING, store=STORE,
                             progress=False)
ar = corpus.mentions[(corpus.mentions["type"] == "country") & (corpus.mentions["lang"] == "ar")]
ar["kind"].value_counts()

# %%
ar["rule"].value_counts().head(10)
