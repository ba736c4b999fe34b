"""Every table's columns and dtypes, declared once.

A table never changes shape with the data: an empty corpus, a corpus without quotations,
and the bundled corpus give the same columns with the same dtypes. A column that does not
apply to a row (a person's ``role`` on a date mention) is missing there, never absent.

Each column has a *kind*; :mod:`toolkit.tables` turns a kind into a pandas dtype and an
Arrow type, so that frames, Parquet files and JSON Lines agree:

============  ======================  ===================  =====================================
kind          pandas dtype            Arrow / Parquet      holds
============  ======================  ===================  =====================================
``text``      ``str``                 ``string``           text; missing is NaN
``int``       ``int64``               ``int64``            a count or offset that is always set
``Int``       ``Int64`` (nullable)    ``int64``            an integer that may be missing
``float``     ``float64``             ``float64``          a number; missing is NaN
``bool``      ``boolean`` (nullable)  ``bool``             yes / no / missing
``datetime``  ``datetime64[s]``       ``timestamp[s]``     a point in time (second resolution,
                                                           so years 1 to 9999 fit)
``list``      ``object`` of lists     ``list<string>``     a list of text (an event's sectors)
``value``     ``object``              JSON text            a mention's value: an ISO code, an
                                                           ISO date or duration, a number
``mapping``   ``object`` of dicts     JSON text            text keys to text values (metadata)
============  ======================  ===================  =====================================

This module imports nothing heavy: it is data about data. Annotators a user adds may
declare columns of their own (``toolkit.annotators.register(..., columns=...)``); they
are added to the mentions table for every corpus, whatever the texts hold.
"""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("text", "int", "Int", "float", "bool", "datetime", "list", "value", "mapping")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, its kind (see the module docstring) and what it holds."""

    name: str
    kind: str
    doc: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}")


@dataclass(frozen=True)
class Table:
    """The ordered columns of a table."""

    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def kind(self, name: str) -> str:
        for c in self.columns:
            if c.name == name:
                return c.kind
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    def with_article_id(self) -> "Table":
        """The corpus-wide version of a per-article table: ``article_id`` first."""
        if self.columns and self.columns[0].name == "article_id":
            return self
        return Table(self.name, (ARTICLE_ID,) + self.columns)

    def extended(self, more: tuple[Column, ...] | list[Column]) -> "Table":
        """This table with more columns after its own (names already present are refused)."""
        have = set(self.names)
        clash = [c.name for c in more if c.name in have]
        if clash:
            raise ValueError(f"table {self.name!r} already has column(s) {', '.join(clash)}")
        return Table(self.name, self.columns + tuple(more))


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


ARTICLE_ID = Column("article_id", "text", "the id of the article the row belongs to")

#: ``Corpus.articles``: one row per article (metadata and sizes; the text is not kept).
ARTICLES = Table("articles", _cols(
    ("id", "text", "the article's id: its id field, else the path below the folder or <file>:<record>"),
    ("path", "text", "the file it was read from (archive.zip!member inside an archive)"),
    ("title", "text", "the title, from metadata or the layout"),
    ("language", "text", "ISO 639-1 code, detected by script unless given"),
    ("source", "text", "the news source as written (تاس, aawsat)"),
    ("source_en", "text", "the source's English name from lexicon/agencies.csv (TASS)"),
    ("publisher", "text", "who republished it (a line above the trailer lines)"),
    ("photo_credit", "text", "the photo credit trailer line"),
    ("published", "text", "the publication date, ISO YYYY-MM-DD"),
    ("published_date", "datetime", "the publication date as a datetime"),
    ("published_basis", "text", "where the date came from (metadata, front matter, inferred from the lead)"),
    ("n_chars", "int", "characters in the text"),
    ("n_paragraphs", "int", "paragraphs in the body"),
    ("url", "text", "the article's address"),
    ("author", "text", "the author or byline"),
    ("extra", "mapping", "every other metadata field of the record or front matter, by name"),
))

#: ``Annotation.mentions`` (``Corpus.mentions`` adds ``article_id`` first).
MENTIONS = Table("mentions", _cols(
    ("start", "int", "start offset in the article text (text[start:end] == text column)"),
    ("end", "int", "end offset in the article text"),
    ("text", "text", "the words as written"),
    ("type", "text", "country, person, organization, place, date, duration, amount, ordinal, quote, sector, ..."),
    ("value", "value", "ISO alpha-3 for a country, ISO 8601 for a date (A/B for a range) or a duration, "
                       "a number for an amount, the canonical name or id otherwise"),
    ("kind", "text", "a sub-kind: name/demonym/capital/government for a country, day/week/month/year/range/"
                     "decade/century for a date, exact/approximate for a duration, money/percent/count/fraction/"
                     "approximate for an amount, ..."),
    ("sentence", "Int", "index of the sentence holding the mention (Corpus.sentences)"),
    ("rule", "text", "what produced it: a lexicon row (file.csv:line), a pattern, or model:<name>@<version>"),
    ("confidence", "float", "the model's confidence for model-made mentions; missing for rules"),
    # typed values
    ("number", "float", "amounts and ordinals: the value as a number (the midpoint of a range); durations: "
                        "the count of units as written (8 in 8 سنوات, 1.5 in ساعة ونصف)"),
    ("number_low", "float", "amounts and durations: the low end of a range or an approximate quantity"),
    ("number_high", "float", "amounts and durations: the high end of a range or an approximate quantity"),
    ("date_start", "datetime", "dates: the first moment the date can denote"),
    ("date_end", "datetime", "dates: the last day the date can denote (its start)"),
    ("date_precision", "text", "dates: day, week, month, season, year, decade, century"),
    # type-specific attributes
    ("lang", "text", "the language of the lexicon form that matched"),
    ("form_type", "text", "countries: the demonym's form (m, f, pl, fpl, dual, adj)"),
    ("country", "text", "persons, organisations, places: the ISO alpha-3 code they belong to"),
    ("name_en", "text", "the English name of the person or organisation"),
    ("role", "text", "persons: the office held at the article's date (lexicon), or the title written"),
    ("role_text", "text", "persons: the title as written in the text"),
    ("fine", "text", "the fine class of a name (politician, athlete, government, media, city, ...)"),
    ("members", "text", "organisations: member states, ISO alpha-3 codes separated by |"),
    ("calendar", "text", "dates: gregorian or hijri"),
    ("relative", "bool", "dates: resolved against the publication date (اليوم, last week)"),
    ("unit", "text", "amounts and durations: the counted noun or unit as written"),
    ("unit_en", "text", "amounts and durations: the unit in English (dollar, ton, year, ...)"),
    ("currency", "text", "amounts of money: ISO 4217 code"),
    ("qualifier", "text", "amounts and durations: about, at_least, at_most, more_than, less_than, ..."),
    ("modifier", "text", "amounts: an adjective on the unit as written"),
    ("speaker", "text", "quotes: the speaker as written"),
    ("speaker_start", "Int", "quotes: start offset of the speaker"),
    ("speaker_end", "Int", "quotes: end offset of the speaker"),
    ("speaker_type", "text", "quotes: the mention type of the speaker (person, organization, country)"),
    ("speaker_value", "text", "quotes: the speaker's canonical value"),
    ("speaker_basis", "text", "quotes: how the speaker was found"),
    ("verb", "text", "quotes: the reporting verb as written"),
    ("marks", "text", "quotes: the quotation marks"),
))

#: ``Annotation.events`` (``Corpus.events`` adds ``article_id`` first).
EVENTS = Table("events", _cols(
    ("source", "text", "the acting side: ISO alpha-3 or an organisation id; missing when the text names none"),
    ("target", "text", "the side acted on: ISO alpha-3 or an organisation id; missing when the text names none"),
    ("type", "text", "PLOVER type (AGREE, CONSULT, ..., ASSAULT)"),
    ("mode", "text", "done, intend, negated, ... (see lexicon/README.events.md)"),
    ("source_agent", "text", "the acting side's agent type (CAMEO/PLOVER: GOV, MIL, COP, OPP, REB, UAF, CVL, ...)"),
    ("target_agent", "text", "the agent type of the side acted on"),
    ("source_text", "text", "the words that name the acting side"),
    ("target_text", "text", "the words that name the side acted on"),
    ("location", "text", "where it happened: a place or country as written, when the text says"),
    ("location_country", "text", "the ISO alpha-3 code of the location"),
    ("cameo_root", "text", "the CAMEO root code"),
    ("quad_class", "Int", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("intensity", "float", "Goldstein-style intensity, -10 to +10"),
    ("date", "text", "the date of the event, ISO 8601"),
    ("date_start", "datetime", "the first day the event's date can denote"),
    ("date_end", "datetime", "the last day the event's date can denote"),
    ("date_precision", "text", "day, week, month, year, ..."),
    ("date_basis", "text", "where the event's date came from: clause (a date in the event's own clause) or "
                           "published (the article's date)"),
    ("sectors", "list", "sectors of cooperation named in the sentence"),
    ("sentence", "Int", "index of the sentence (Corpus.sentences)"),
    ("start", "int", "start offset of the sentence in the article text"),
    ("end", "int", "end offset of the sentence in the article text"),
    ("evidence", "text", "the trigger words as written"),
    ("rule", "text", "the lexicon row and direction rule, or model:<name>@<version>"),
    ("confidence", "float", "the model's confidence when a model decided; missing for rules"),
    ("event_id", "text", "the same event told by several articles shares it (set on corpus tables)"),
))

#: ``Corpus.sentences``: what every mention and event row points back to.
SENTENCES = Table("sentences", _cols(
    ("article_id", "text", "the article"),
    ("sentence", "int", "the sentence's index in its article"),
    ("start", "int", "start offset in the article text"),
    ("end", "int", "end offset in the article text"),
    ("text", "text", "the sentence"),
))

#: ``Corpus.problems``: what was skipped or repaired while reading.
PROBLEMS = Table("problems", _cols(
    ("path", "text", "the file (archive.zip!member inside an archive)"),
    ("line", "Int", "1-based line, when known"),
    ("record", "Int", "0-based record index, when known"),
    ("reason", "text", "what was wrong"),
))

#: ``toolkit.dedup``: one row per event told by one or more reports (rows of ``Corpus.events``).
UNIQUE_EVENTS = Table("unique_events", _cols(
    ("event_id", "text", "the event's id, shared by the rows of Corpus.events that report it"),
    ("source", "text", "the acting side most reports give (ISO alpha-3 or an organisation id)"),
    ("target", "text", "the side acted on most reports give"),
    ("type", "text", "PLOVER type, the same for every report"),
    ("mode", "text", "the mode most reports give (done, intend, ...); negated reports form events of their own"),
    ("quad_class", "Int", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("intensity", "float", "the mean intensity of the reports"),
    ("date", "text", "when the event took place as far as its reports agree: ISO day or A/B range"),
    ("date_start", "datetime", "the first day the reports allow"),
    ("date_end", "datetime", "the last day the reports allow"),
    ("n_reports", "int", "event rows (sentences) that report it"),
    ("n_articles", "int", "articles that report it"),
    ("n_sources", "int", "news sources (outlets) that report it"),
    ("sources", "list", "the outlets that report it, sorted"),
    ("first_published", "datetime", "the publication date of the earliest report"),
    ("first_article", "text", "the article of the earliest report"),
    ("example_ref", "text", "a report's sentence as article_id#sentence (the earliest report)"),
    ("example_article_id", "text", "the article of example_ref"),
    ("example_sentence", "Int", "the sentence index of example_ref"),
    ("evidence", "text", "the trigger words most reports give"),
    ("sectors", "list", "sectors of cooperation named by any report, sorted"),
))

#: ``toolkit.dedup``: one row per row of ``Corpus.events`` (a report), with the event it reports.
REPORTS = Table("reports", _cols(
    ("event_id", "text", "the event it reports (unique_events.event_id)"),
    ("row", "int", "the row's position in the events table that was clustered"),
    ("article_id", "text", "the article"),
    ("sentence", "Int", "index of the sentence (Corpus.sentences)"),
    ("ref", "text", "article_id#sentence"),
    ("source", "text", "the acting side this report gives"),
    ("target", "text", "the side acted on this report gives"),
    ("type", "text", "PLOVER type"),
    ("mode", "text", "done, intend, negated, ..."),
    ("date", "text", "the report's own event date, ISO 8601"),
    ("published", "datetime", "the publication date of its article"),
    ("outlet", "text", "the news source of its article (source_en, else source)"),
    ("evidence", "text", "the trigger words as written"),
    ("similarity", "float", "weighted word overlap with the event's closest earlier wording; missing for the first "
                            "report and for a second row of the same sentence"),
    ("basis", "text", "why it joined the event: first, same sentence, same article, same dates, near-duplicate"),
))

#: The tables of a corpus, by name, as a Corpus holds them (article_id first where it applies).
CORPUS_TABLES: dict[str, Table] = {
    "articles": ARTICLES,
    "mentions": MENTIONS.with_article_id(),
    "events": EVENTS.with_article_id(),
    "sentences": SENTENCES,
    "problems": PROBLEMS,
}

__all__ = ["Column", "Table", "KINDS", "ARTICLE_ID", "ARTICLES", "MENTIONS", "EVENTS", "SENTENCES",
           "PROBLEMS", "CORPUS_TABLES", "UNIQUE_EVENTS", "REPORTS"]
