"""The kit's tables, declared once: every column in order, its dtype and what it means.

``articles, sentences, spans, quotes, highlights, removed, frames, frame_evidence, actors, mentions, dictionary, dictionary_hits, rejected`` are the tables
``score_article`` returns and ``mediakit score`` writes. Everything else about them comes from
the declarations below: the row type each measure builds its rows with (``SpanRow(...)``,
read as ``row.loaded``, never ``row[10]``), the in-memory frames' dtypes
(``analysis.schema.rows``), the empty tables, the Parquet schema (``analysis.io.parquet``)
and the README's column lists (``python -m analysis.schema`` prints them;
``python -m analysis.schema README.md`` rewrites them there; a test checks they agree).

Dtypes are pandas dtypes:

- ``int64``, ``float64``, ``bool``: never missing;
- ``Int64``: an integer that may be missing (NA), such as a span's ``quote_id`` outside quotes;
- ``float64?``: a float where NaN means "not measured", such as a span's ``precision``; in
  memory and on disk it is a ``float64``;
- ``str``: text, possibly missing. In memory a text column is what pandas infers from the
  values (``str``, or ``object`` when every value is missing), except in the tables declared
  with ``typed_text=True`` (``quotes``), where it is always ``str``; on disk it is always a
  string column.

A new column is added here, in its place, and to the row its measure builds (by name).

``articles`` alone may have more columns after its declared ones: the document variables, a
record's own fields (``analysis.io.variables``), under their own names.
"""

from __future__ import annotations

from analysis.errors import InvariantError

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.errors import ParameterError

#: Python type of each dtype's values, for the row types.
_PYTHON_TYPES = {"int64": int, "Int64": int | None, "float64": float, "float64?": float, "bool": bool,
                 "str": str | None}
#: How the README names each dtype.
_README_TYPES = {"int64": "int64", "Int64": "Int64 (NA: none)", "float64": "float64",
                 "float64?": "float64 (NaN: not measured)", "bool": "bool", "str": "text"}


class Column(NamedTuple):
    name: str
    dtype: str  # a key of _PYTHON_TYPES
    meaning: str


class Table:
    """A table's declaration: ``name``, a one-line ``meaning``, its ``columns`` in order, and
    ``row``, the ``NamedTuple`` type its rows are built with."""

    def __init__(self, name: str, meaning: str, *, row: str, columns: str | list[Column], typed_text: bool = False):
        self.name = name
        self.meaning = meaning
        self.columns = tuple(_parse(columns) if isinstance(columns, str) else columns)
        self.typed_text = typed_text
        unknown = [c for c in self.columns if c.dtype not in _PYTHON_TYPES]
        if unknown:
            raise InvariantError(f"{name}.{unknown[0].name}: unknown dtype {unknown[0].dtype!r}")
        self.names = [c.name for c in self.columns]
        self.row = NamedTuple(row, [(c.name, _PYTHON_TYPES[c.dtype]) for c in self.columns])
        self.row.__doc__ = f"A row of ``{name}``: {meaning}"
        #: dtype per column as stored (``str`` for text).
        self.dtypes = {c.name: c.dtype for c in self.columns}
        #: dtype per column of the in-memory frame, for the columns that are not inferred.
        self.frame_dtypes = {c.name: c.dtype.rstrip("?") for c in self.columns if typed_text or c.dtype != "str"}

    def view(self, row: str, names: list[str]) -> "Table":
        """Some of this table's columns (as one measure returns them), with a row type of their own."""
        missing = [n for n in names if n not in self.dtypes]
        if missing:
            raise InvariantError(f"{self.name} has no column {missing[0]!r}")
        by_name = {c.name: c for c in self.columns}
        return Table(self.name, self.meaning, row=row, columns=[by_name[n] for n in names], typed_text=self.typed_text)

    def empty(self) -> pd.DataFrame:
        """The table with its columns and dtypes and no rows."""
        return pd.DataFrame(columns=self.names).astype(self.frame_dtypes)

    def __repr__(self) -> str:
        return f"Table({self.name!r}, {len(self.columns)} columns)"


def _parse(lines: str) -> list[Column]:
    """Columns from their declaration: one line each, ``name dtype meaning``."""
    return [Column(*line.split(None, 2)) for line in lines.strip().splitlines()]


# Each table: its name, what a row is, the name of its row type, then one line per column:
# name, dtype, meaning (the rest of the line).

ARTICLES = Table("articles", "one row per article: where it came from, its size and its figures.", row="ArticleRow",
                 columns="""
    article_id                str      the record's id, else a content id (in a folder: its relative path)
    outlet                    str      the outlet, as given in the input, or its canonical name under an outlet map
    outlet_raw                str      the outlet as the input spelled it (before any outlet map)
    title                     str      the title, as given or as the first line of a text file
    published                 str      the publication date, as given
    url                       str      the URL, as given
    event                     str      the event or story it covers, as given (BASIL: its triplet)
    source                    str      where it was read from: a path, or path:line
    format                    str      how it was read: text, markdown, html or json
    encoding                  str      the encoding its bytes were decoded from
    sha256                    str      SHA-256 of the bytes read (of the text for records given as text)
    chars                     int64    characters in the text
    words                     int64    word tokens in the body
    sentences                 int64    sentences in the body
    highlights                int64    highlight sentences (rows in `highlights`)
    polarity                  float64  TextBlob polarity of the body, -1..1: the mean over every word it rated
    subjectivity              float64  TextBlob subjectivity of the body, 0..1, the same way
    vader_compound            float64  VADER compound, -1..1: the mean of the body sentences' scores
    sentiment_words           int64    body words TextBlob rated
    loaded_hits               int64    loaded-language hits in the body (negated ones included)
    loaded_per_1k             float64  `loaded_hits` per 1,000 body words
    journalist_words          int64    body words outside direct quotes
    quoted_words              int64    body words inside direct quotes
    journalist_loaded_per_1k  float64  loaded body hits outside direct quotes per 1,000 `journalist_words`
    quoted_loaded_per_1k      float64  loaded body hits inside direct quotes per 1,000 `quoted_words`
    direct_quotes             int64    direct quotes (rows of `quotes` of kind direct)
    reported_quotes           int64    reported-speech quotes (rows of kind reported)
    speakers                  int64    distinct speakers of its quotes
    quote_share               float64  share of the body's characters inside direct quotes
    removed                   int64    stretches cleaning set aside (rows in `removed`)
""")

SENTENCES = Table("sentences", "one row per sentence of the title, highlights and body, in text order.",
                  row="SentenceRow", columns="""
    article_id       str      the article's id (`articles.article_id`)
    sentence_id      int64    0, 1, … in text order
    start            int64    where the sentence starts in the article's text (`article.text`, as read)
    end              int64    where it ends (`article.text[start:end]` is `text`)
    part             str      title | highlight | body
    paragraph        int64    0, 1, … in text order, over the whole article
    words            int64    word tokens
    text             str      the sentence, verbatim
    polarity         float64  TextBlob polarity, -1..1
    subjectivity     float64  TextBlob subjectivity, 0..1
    vader_compound   float64  VADER compound, -1..1
    sentiment_words  int64    words TextBlob rated
    loaded_weight    float64  summed weight of its loaded hits, quoted or not, negated ones left out
    biased           bool     the kit's sentence decision: `loaded_weight` at least `BIAS_THRESHOLD` (or the run's settings file's threshold, `mediakit score --settings`)
""")

SPANS = Table("spans", "one row per lexicon hit (loaded language), in text order.", row="SpanRow", columns="""
    article_id   str       the article's id (`articles.article_id`)
    span_id      int64     0, 1, … in text order
    sentence_id  int64     the sentence it is in
    part         str       that sentence's part: title | highlight | body
    start        int64     where the hit starts in the article's text (`article.text`, as read)
    end          int64     where it ends (`article.text[start:end]` is `text`)
    text         str       the hit, verbatim
    term         str       the lexicon entry it matched
    category     str       the entry's category
    weight       float64   the entry's weight
    loaded       bool      the entry counts as loaded language
    precision    float64?  how often such a hit overlapped an annotated span on annotated news: the entry's measured precision, else its category's
    in_quote     bool      inside a direct quote
    quote_id     Int64     that quote's `quote_id`
    voice        str       quoted | journalist
    negated      bool      a negator stands just before it ("not reckless"): highlighted, but not counted towards `biased`
""")

QUOTES = Table("quotes", "one row per direct or reported quotation, in text order.", row="QuoteRow", typed_text=True,
               columns="""
    article_id       str      the article's id (`articles.article_id`)
    quote_id         int64    0, 1, … in text order
    kind             str      direct | reported
    start            int64    where the quote starts in the article's text (direct: its opening mark; reported: the reported content)
    end              int64    where it ends (`article.text[start:end]` is `text`)
    text             str      the quote, verbatim
    speaker          str      who is quoted, by canonical name
    speaker_role     str      the speaker's role at this mention, else the first role the text gives them
    speaker_start    Int64    where the speaker mention, as written, starts
    speaker_end      Int64    where it ends
    verb             str      the reporting verb's lemma, or "according to"
    verb_start       Int64    where the verb starts
    verb_end         Int64    where it ends
    cue              str      how the speaker was found: after | before | according_to | continuation | pronoun | none
    sentence_id      int64    the first sentence it touches
    sentence_end_id  int64    the last sentence it touches
    chars            int64    quoted characters (direct: inside the marks)
    share            float64  `chars` over the characters of the body
    scare_quote      bool     a short direct quote inside a sentence, attached to no reporting verb
""")

HIGHLIGHTS = Table("highlights", "one row per highlight sentence (the bullets before the body).", row="HighlightRow",
                   columns="""
    article_id           str      the article's id (`articles.article_id`)
    highlight_id         int64    0, 1, … in text order
    sentence_id          int64    the highlight's sentence
    start                int64    where the highlight starts in the article's text (`article.text`, as read)
    end                  int64    where it ends (`article.text[start:end]` is `text`)
    text                 str      the highlight, verbatim
    support              str      supported | partial | unsupported, from `support_score`
    support_score        float64  share of its content words found in its best body sentence, 0..1
    best_sentence_id     Int64    the body sentence that backs it best
    best_sentence_text   str      that sentence, verbatim
    polarity             float64  TextBlob polarity of the highlight
    body_polarity        float64  mean TextBlob polarity of the body sentences
    vader_compound       float64  VADER compound of the highlight
    body_vader_compound  float64  mean VADER compound of the body sentences
    loaded_per_1k        float64  loaded hits per 1,000 words of the highlight
    body_loaded_per_1k   float64  loaded hits per 1,000 words of the body
""")

REMOVED = Table("removed", "one row per stretch of the text that cleaning set aside (the text itself is never edited).",
                row="RemovedRow", columns="""
    article_id  str    the article's id (`articles.article_id`)
    start       int64  where the stretch starts in the article's text (`article.text`, as read)
    end         int64  where it ends (`article.text[start:end]` is `text`)
    kind        str    why: cms_shortcode, html_tag, markdown_syntax, invisible_character, …
    text        str    what was set aside, verbatim
""")

FRAMES = Table("frames", "one row per article, scheme and frame (every frame of both schemes, present or not).",
               row="FrameRow", columns="""
    article_id       str      the article's id (`articles.article_id`)
    scheme           str      generic (Semetko & Valkenburg 2000) | policy (Boydstun et al. 2014)
    frame            str      the frame: generic conflict, human_interest, economic, morality, responsibility; policy economic, capacity_and_resources, … (`analysis.measures.frames.SCHEMES`)
    score            float64  0..1: `strength / (strength + threshold)`, 0.5 exactly at the threshold
    present          bool     the kit's decision: `strength` at least `threshold`
    strength         float64  per evidence sentence, the summed weight of the frame's cues in it to the power `SENTENCE_POWER`, per 1,000 of the article's words (counting at least `MIN_WORDS`, 900)
    threshold        float64  the strength at which the frame counts as present (fitted per frame on annotated news; the cue file's header says how)
    sentences        int64    sentences holding evidence of the frame
    hits             int64    cue hits (rows of `frame_evidence`)
    journalist_hits  int64    hits outside direct quotes
    quoted_hits      int64    hits inside direct quotes
""")

FRAME_EVIDENCE = Table("frame_evidence", "one row per frame cue found in the text (the evidence behind `frames`), in text order per scheme.",
                       row="FrameEvidenceRow", columns="""
    article_id   str      the article's id (`articles.article_id`)
    scheme       str      generic | policy
    frame        str      the frame the cue evokes
    evidence_id  int64    0, 1, … over the article's evidence
    sentence_id  int64    the sentence it is in (`sentences.sentence_id`)
    part         str      that sentence's part: title | highlight | body
    start        int64    where the cue starts in the article's text (`article.text`, as read)
    end          int64    where it ends (`article.text[start:end]` is `text`)
    text         str      the cue as written
    cue          str      the cue lexicon's entry it matched
    weight       float64  the entry's weight, 0..1
    voice        str      quoted (inside a direct quote) | journalist
    quote_id     Int64    that quote's `quote_id`
    speaker      str      that quote's speaker, when it has one
""")

ACTORS = Table("actors", "one row per actor (person, organisation or place) an article names, in order of first mention.",
               row="ActorRow", columns="""
    article_id       str      the article's id (`articles.article_id`)
    actor            str      the actor's canonical name: the full name as first written (a surname alone resolves to it), the gazetteer's or the actor map's name; the same string across a corpus
    type             str      person | organisation | place
    mentions         int64    named mentions (rows of `mentions`)
    quoted_share     float64  the actor's direct-quote characters over the body's (the sum of its direct quotes' `quotes.share`)
    direct_quotes    int64    direct quotes attributed to the actor (`quotes.speaker`)
    reported_quotes  int64    reported-speech quotes attributed to the actor
    p_negative       float64? mean over its mentions of the target model's probability that the sentence speaks of it negatively (NaN: no mention)
    p_neutral        float64? … neutrally
    p_positive       float64? … positively
    negative         int64    mentions whose most probable label is negative
    neutral          int64    … neutral
    positive         int64    … positive
    role             str      how the article casts it (Frermann et al. 2023): hero | villain | victim | none (none: no sentence of its mentions holds a role cue and none is read as negative or positive towards it; `analysis.measures.roles`)
    p_hero           float64? the role model's probability of hero, from the cues around its mentions (NaN: no mention)
    p_villain        float64? … of villain
    p_victim         float64? … of victim
    role_evidence    str      the cue words behind the role, "; "-separated
""")

MENTIONS = Table("mentions", "one row per named mention of an actor, in text order.", row="MentionRow", columns="""
    article_id   str       the article's id (`articles.article_id`)
    actor        str       the actor it names (`actors.actor`)
    mention_id   int64     0, 1, … in text order
    sentence_id  int64     the sentence it is in (`sentences.sentence_id`)
    part         str       that sentence's part: title | highlight | body
    start        int64     where the mention starts in the article's text (`article.text`, as read): the name without titles, "the" or a possessive 's
    end          int64     where it ends (`article.text[start:end]` is `text`)
    text         str       the mention, verbatim
    voice        str       quoted (inside a direct quote) | journalist
    quote_id     Int64     that quote's `quote_id`
    label        str       the target model's most probable label for the mention in its sentence: negative | neutral | positive
    p_negative   float64   the model's probability of negative
    p_neutral    float64   … of neutral
    p_positive   float64   … of positive
""")

DICTIONARY = Table("dictionary", "one row per article, dictionary and category (`dictionary=`/`--dictionary`; every category, counted or not).",
                   row="DictionaryRow", columns="""
    article_id         str      the article's id (`articles.article_id`)
    dictionary         str      the dictionary's name (its file's stem)
    category           str      the category, as the file names it (quanteda's nested keys as parent/child)
    hits               int64    the category's hits in the body (rows of `dictionary_hits` of part body)
    per_1k             float64  `hits` per 1,000 body words (`articles.words`)
    journalist_hits    int64    body hits outside direct quotes
    journalist_per_1k  float64  `journalist_hits` per 1,000 `articles.journalist_words`
    quoted_hits        int64    body hits inside direct quotes
    quoted_per_1k      float64  `quoted_hits` per 1,000 `articles.quoted_words`
""")

DICTIONARY_HITS = Table("dictionary_hits", "one row per dictionary term found and category it counts for, in text order per dictionary.",
                        row="DictionaryHitRow", columns="""
    article_id   str      the article's id (`articles.article_id`)
    dictionary   str      the dictionary's name
    category     str      the category the term counts for (a term in several categories has a row for each)
    hit_id       int64    0, 1, … over the article's hits of this dictionary (one per place in the text)
    sentence_id  int64    the sentence it is in (`sentences.sentence_id`)
    part         str      that sentence's part: title | highlight | body
    start        int64    where the hit starts in the article's text (`article.text`, as read)
    end          int64    where it ends (`article.text[start:end]` is `text`)
    text         str      the hit as written
    term         str      the dictionary term it matched (a wildcard ends in *)
    voice        str      quoted (inside a direct quote) | journalist
    quote_id     Int64    that quote's `quote_id`
""")

REJECTED = Table("rejected", "one row per input record that could not be read.", row="RejectedRow", columns="""
    source     str    the file
    line       Int64  JSONL: physical line; CSV: the line the record starts on (header = 1); Parquet: 1-based row; folders: none (`source` is the file)
    record_id  str    the record's id, when it had one
    field      str    the field that was wrong, if any
    reason     str    what was wrong
""")

#: A researcher's trained model applied to scored results (``analysis.codebook.learn.apply_model``,
#: ``mediakit score --model``); empty when no model is given.
MODEL_LABELS = Table("model_labels", "one row per unit (sentence or article) and trained model.", row="ModelLabelRow", columns="""
    article_id    str      the article's id (`articles.article_id`)
    sentence_id   int64    the sentence (`sentences.sentence_id`); -1 for a model of articles
    model         str      the model's file name
    model_sha256  str      sha256 of the model file (its card is inside it)
    label         str      the model's label for the unit
    score         float64  the model's probability of that label, 0.5..1 for two labels
""")

#: Every table, in the order the kit writes them.
TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, SENTENCES, SPANS, QUOTES, HIGHLIGHTS, REMOVED, FRAMES, FRAME_EVIDENCE,
                                                       ACTORS, MENTIONS, DICTIONARY, DICTIONARY_HITS, MODEL_LABELS, REJECTED)}

# The columns each measure returns, where it returns part of a table.
#: ``analysis.measures.sentences.sentences``: the sentences as split.
SENTENCE_SPLIT = SENTENCES.view("SentenceSplitRow", SENTENCES.names[:8])
#: ``analysis.measures.sentiment.sentence_sentiment``: each sentence's sentiment …
SENTENCE_SENTIMENT = SENTENCES.view("SentenceSentimentRow", ["article_id", "sentence_id", "polarity", "subjectivity",
                                                             "vader_compound", "sentiment_words"])
#: … and the article's (its body's).
ARTICLE_SENTIMENT = ARTICLES.view("ArticleSentimentRow", ["article_id", "polarity", "subjectivity", "vader_compound",
                                                          "sentiment_words"])
#: ``analysis.measures.loaded_language.sentence_bias``: the sentence decision.
SENTENCE_BIAS = SENTENCES.view("SentenceBiasRow", ["article_id", "sentence_id", "loaded_weight", "biased"])

ArticleRow = ARTICLES.row
SentenceRow = SENTENCES.row
SpanRow = SPANS.row
QuoteRow = QUOTES.row
HighlightRow = HIGHLIGHTS.row
RemovedRow = REMOVED.row
FrameRow = FRAMES.row
FrameEvidenceRow = FRAME_EVIDENCE.row
ActorRow = ACTORS.row
MentionRow = MENTIONS.row
DictionaryRow = DICTIONARY.row
DictionaryHitRow = DICTIONARY_HITS.row
RejectedRow = REJECTED.row
SentenceSplitRow = SENTENCE_SPLIT.row
SentenceSentimentRow = SENTENCE_SENTIMENT.row
ArticleSentimentRow = ARTICLE_SENTIMENT.row


# --------------------------------------------------------------------------- the README section

README_START = "<!-- tables: made by `python -m analysis.schema README.md` from analysis/schema.py; edit there -->"
README_END = "<!-- /tables -->"


def markdown() -> str:
    """The README's column lists: one table per kit table, from the declarations above."""
    out = [README_START]
    for table in TABLES.values():
        out += ["", f"<details><summary><code>{table.name}</code>: {table.meaning}</summary>", "",
                "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {_README_TYPES[c.dtype]} | {_cell(c.meaning)} |" for c in table.columns]
        out += ["", "</details>"]
    return "\n".join(out + ["", README_END])


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a bar inside a Markdown table cell


_README_SECTION = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)


def readme_section(text: str) -> str | None:
    """The generated section of a README's text, markers included (None if it has none)."""
    found = _README_SECTION.search(text)
    return found.group() if found else None


def update_readme(path) -> bool:
    """Rewrite the section of the README at ``path`` from the declarations; True if it changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if readme_section(text) is None:
        raise ParameterError(f"no section between {README_START!r} and {README_END!r}", file=path)
    new = _README_SECTION.sub(lambda _: markdown(), text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
