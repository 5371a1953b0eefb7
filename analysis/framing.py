"""``loaded_language``: every lexicon hit in the article, one row per span.

A hit never crosses a sentence boundary; the longest entry wins where entries overlap.
Each hit says whether it sits inside a direct quote, so the journalist's own voice can be
measured apart from the sources' voices, and whether it is negated ("not reckless"), which
keeps it highlighted but out of the sentence decision.
"""

from __future__ import annotations

import bisect

import pandas as pd

from .article import Article
from .lexicon import Lexicon, load_lexicon
from .lexicon.match import Match, pieces

SPAN_COLUMNS = [
    "article_id", "span_id", "sentence_id", "part", "start", "end", "text", "term", "category",
    "weight", "loaded", "precision", "in_quote", "quote_id", "voice", "negated",
]

#: A hit is negated when one of the ``NEGATION_WINDOW`` word pieces before it is a negator
#: (one of ``NEGATORS`` or a word ending in n't: "not reckless", "isn't a disaster", "no
#: credible"). The window, 2, was chosen on the tuning halves of BASIL and BABE (1, 2 and 3
#: were measured; figures in the lexicon meta's 1.2.0 change).
NEGATION_WINDOW = 2
NEGATORS = frozenset({"not", "no", "never", "nor", "without", "hardly"})


def negated(text: str, matches: list[Match], start: int = 0, end: int | None = None) -> list[bool]:
    """For each match found in ``text[start:end]``: is it negated (see ``NEGATION_WINDOW``)?"""
    ps = pieces(text, start, end)
    index = {p.start: i for i, p in enumerate(ps)}
    out = []
    for m in matches:
        i = index.get(m.start, 0)
        before = [ps[j].norm for j in range(max(0, i - NEGATION_WINDOW), i)]
        out.append(any(w in NEGATORS or w.endswith("n't") for w in before))
    return out


def loaded_language(
    article: Article,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """One row per lexicon hit.

    Columns: ``article_id``; ``span_id`` (0.. in text order); ``sentence_id`` and ``part`` of
    the sentence it is in; ``start``/``end`` into ``article.text`` and ``text`` (verbatim);
    ``term``, ``category``, ``weight``, ``loaded`` from the lexicon entry; ``precision``: how
    often such a hit was right on annotated news (the entry's measured precision, else its
    category's, NaN when unmeasured; see ``loaded_language.precision.csv``); ``in_quote`` (inside a
    direct quote) with its ``quote_id`` (NA outside); ``voice``: ``quoted`` or ``journalist``;
    ``negated``: a negator stands just before the hit (``NEGATION_WINDOW``).
    """
    lexicon = lexicon or load_lexicon()
    entries = lexicon.entries
    terms, categories = entries["term"].tolist(), entries["category"].tolist()
    weights, loaded = entries["weight"].tolist(), entries["loaded"].tolist()
    precision = _precision(entries)
    direct = _direct_quote_intervals(quotes)
    quote_starts = [q[0] for q in direct]
    masked = article.masked
    matcher = lexicon.matcher
    rows = []
    for sid, part, s_start, s_end in zip(sentences["sentence_id"], sentences["part"], sentences["start"], sentences["end"]):
        found = matcher.find(masked, s_start, s_end)
        for m, neg in zip(found, negated(masked, found, s_start, s_end)):
            quote_id = _containing(direct, quote_starts, m.start, m.end)
            rows.append((
                article.id, len(rows), int(sid), part, m.start, m.end, article.text[m.start:m.end],
                terms[m.entry], categories[m.entry], weights[m.entry], loaded[m.entry], precision[m.entry],
                quote_id is not None, quote_id, "quoted" if quote_id is not None else "journalist", neg,
            ))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS).astype({
        "span_id": "int64", "sentence_id": "int64", "start": "int64", "end": "int64",
        "weight": "float64", "loaded": "bool", "precision": "float64", "in_quote": "bool", "quote_id": "Int64",
        "negated": "bool",
    })


def _precision(entries: pd.DataFrame) -> list[float]:
    """Per entry: its measured precision, else its category's, else NaN."""
    if "precision" not in entries:
        return [float("nan")] * len(entries)
    entry = entries["precision"].astype("float64")
    category = entries.get("category_precision", pd.Series(float("nan"), index=entries.index)).astype("float64")
    return entry.fillna(category).tolist()


def _direct_quote_intervals(quotes: pd.DataFrame | None) -> list[tuple[int, int, int]]:
    if quotes is None or quotes.empty:
        return []
    direct = quotes[quotes["kind"] == "direct"]
    return sorted(zip(direct["start"].astype(int), direct["end"].astype(int), direct["quote_id"].astype(int)))


def _containing(intervals, starts, start: int, end: int) -> int | None:
    """The quote_id of the direct quote that contains [start, end), if any."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0:
        q_start, q_end, quote_id = intervals[i]
        if q_start <= start and end <= q_end:
            return quote_id
    return None



#: A sentence is ``biased`` when the weights of its loaded hits sum to at least this: one
#: clearly loaded entry (weight >= 0.55) or two milder ones. Chosen once on the tuning halves
#: of BASIL and BABE (``mediakit validate``; figures in the lexicon meta), the only number
#: fitted to annotated data.
BIAS_THRESHOLD = 0.55
BIAS_COLUMNS = ["article_id", "sentence_id", "loaded_weight", "biased"]


def sentence_bias(sentences: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Does each sentence read as biased wording? One row per sentence.

    ``sentences`` needs ``article_id, sentence_id`` (the sentences table); ``spans`` is the
    ``loaded_language`` table. Columns: ``loaded_weight`` (sum of the weights of the
    sentence's loaded hits, quoted or not, leaving out negated hits when ``spans`` has a
    ``negated`` column) and ``biased`` (``loaded_weight >= BIAS_THRESHOLD``).
    On BASIL and BABE this decision scores F1 / macro-F1 as reported by ``mediakit validate``.
    """
    keys = ["article_id", "sentence_id"]
    out = sentences[keys].copy()
    if spans.empty:
        out["loaded_weight"] = 0.0
    else:
        counted = spans["loaded"].astype(bool)
        if "negated" in spans:
            counted &= ~spans["negated"].astype(bool)
        weight = spans[counted].groupby(keys)["weight"].sum()
        out["loaded_weight"] = [float(weight.get(k, 0.0)) for k in zip(out["article_id"], out["sentence_id"])]
    out["loaded_weight"] = out["loaded_weight"].astype("float64")
    out["biased"] = out["loaded_weight"] >= BIAS_THRESHOLD - 1e-9
    return out[BIAS_COLUMNS]
