"""``loaded_language``: every lexicon hit in the article, one row per span.

A hit never crosses a sentence boundary; the longest entry wins where entries overlap.
Each hit says whether it sits inside a direct quote, so the journalist's own voice can be
measured apart from the sources' voices, and whether it is negated ("not reckless"), which
keeps it highlighted but out of the sentence decision.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

import pandas as pd

from analysis.article import Article
from analysis.schema import SENTENCE_BIAS, SPANS, SpanRow
from analysis.schema.rows import rows_frame
from analysis.lexicon import Lexicon, load_lexicon
from analysis.lexicon.match import Match, Pieces, cut
from analysis.measures.voice import DirectQuotes

#: Columns of the table ``loaded_language`` returns (``analysis.schema.SPANS``).
SPAN_COLUMNS = SPANS.names

#: A hit is negated when one of the ``NEGATION_WINDOW`` word pieces before it is a negator
#: (one of ``NEGATORS`` or a word ending in n't: "not reckless", "isn't a disaster", "no
#: credible"). The window, 2, was chosen on the tuning halves of BASIL and BABE (1, 2 and 3
#: were measured; figures in the lexicon meta's 1.2.0 change).
NEGATION_WINDOW = 2
NEGATORS = frozenset({"not", "no", "never", "nor", "without", "hardly"})


def is_negator(word: str) -> bool:
    """A normalised word piece that negates what follows: one of ``NEGATORS`` or a word ending
    in n't."""
    return word in NEGATORS or word.endswith("n't")


def negated(text: str, matches: list[Match], start: int = 0, end: int | None = None) -> list[bool]:
    """For each match found in ``text[start:end]``: is it negated (see ``NEGATION_WINDOW``)?"""
    return _negated(cut(text, start, end), matches)


def _negated(ps: Pieces, matches: list[Match]) -> list[bool]:
    starts, norms = ps.starts, ps.norms
    out = []
    for m in matches:
        i = bisect.bisect_left(starts, m.start)  # the piece the match starts with
        if i == len(starts) or starts[i] != m.start:
            i = 0
        out.append(negated_at(norms, i))
    return out


def loaded_language(
    article: Article,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """One row per lexicon hit: the ``spans`` table (columns and their meanings:
    ``analysis.schema.SPANS``). ``precision`` comes from ``loaded_language.precision.csv``
    (NaN when unmeasured); ``negated`` looks ``NEGATION_WINDOW`` word pieces back.
    """
    return span_frame(span_rows(article, sentences, quotes, lexicon or load_lexicon()))


def span_frame(rows: list[SpanRow]) -> pd.DataFrame:
    """The ``loaded_language`` table from ``span_rows`` rows (of one article or many)."""
    return rows_frame(rows, SPANS)


def span_rows(article: Article, sentences, quotes=None, lexicon: Lexicon | None = None,
              pieces: list[Pieces] | None = None) -> list[SpanRow]:
    """``loaded_language`` as rows.

    ``sentences``: the sentences table, or its rows (as ``analysis.measures.sentences.sentence_rows``
    gives them); ``quotes``: the quotes table, or its rows (``analysis.measures.quotes.quote_rows``),
    or None; ``pieces``: each sentence's ``cut`` of ``article.masked``, when the caller has them
    (scoring cuts each sentence once for every lexicon it matches)."""
    lexicon = lexicon or load_lexicon()
    terms, categories, weights, loaded, precision = _entry_values(lexicon)
    direct = DirectQuotes(quotes)
    masked = article.masked
    text = article.text
    article_id = article.id
    find = lexicon.matcher.find_in_pieces
    if isinstance(sentences, pd.DataFrame):
        spans = zip(sentences["sentence_id"], sentences["part"], sentences["start"], sentences["end"])
    else:
        spans = ((r.sentence_id, r.part, r.start, r.end) for r in sentences)
    rows: list[SpanRow] = []
    for i, (sid, part, s_start, s_end) in enumerate(spans):
        ps = cut(masked, s_start, s_end) if pieces is None else pieces[i]
        found = find(masked, ps)
        if not found:
            continue
        for m, neg in zip(found, _negated(ps, found)):
            quote_id = direct.containing(m.start, m.end) if direct else None
            e = m.entry
            rows.append(SpanRow(
                article_id=article_id, span_id=len(rows), sentence_id=int(sid), part=part, start=m.start, end=m.end,
                text=text[m.start:m.end], term=terms[e], category=categories[e], weight=weights[e], loaded=loaded[e],
                precision=precision[e], in_quote=quote_id is not None, quote_id=quote_id,
                voice="quoted" if quote_id is not None else "journalist", negated=neg,
            ))
    return rows


def _entry_values(lexicon: Lexicon) -> tuple[list, list, list, list, list[float]]:
    """Per entry: term, category, weight, loaded, precision, as lists. Computed once per
    lexicon and kept on it (like its ``matcher``): the entries are not changed once loaded."""
    cached = lexicon.__dict__.get("_span_entry_values")
    if cached is None:
        entries = lexicon.entries
        cached = (entries["term"].tolist(), entries["category"].tolist(), entries["weight"].tolist(),
                  entries["loaded"].tolist(), _precision(entries))
        lexicon.__dict__["_span_entry_values"] = cached
    return cached


def _precision(entries: pd.DataFrame) -> list[float]:
    """Per entry: its measured precision, else its category's, else NaN."""
    if "precision" not in entries:
        return [float("nan")] * len(entries)
    entry = entries["precision"].astype("float64")
    category = entries.get("category_precision", pd.Series(float("nan"), index=entries.index)).astype("float64")
    return entry.fillna(category).tolist()


#: A sentence is ``biased`` when the weights of its loaded hits sum to at least this: one
#: clearly loaded entry (weight >= 0.55) or two milder ones. Chosen once on the tuning halves
#: of BASIL and BABE (``mediakit validate``; figures in the lexicon meta), the only number
#: fitted to annotated data.
BIAS_THRESHOLD = 0.55
#: Columns of the table ``sentence_bias`` returns (part of ``analysis.schema.SENTENCES``).
BIAS_COLUMNS = SENTENCE_BIAS.names


def sentence_bias(sentences: pd.DataFrame, spans: pd.DataFrame, *, threshold: float = BIAS_THRESHOLD) -> pd.DataFrame:
    """Does each sentence read as biased wording? One row per sentence.

    ``sentences`` needs ``article_id, sentence_id`` (the sentences table); ``spans`` is the
    ``loaded_language`` table. Columns ``BIAS_COLUMNS``: the keys, ``loaded_weight`` (sum of the
    weights of the sentence's loaded hits, quoted or not, leaving out negated hits when ``spans``
    has a ``negated`` column) and ``biased`` (``loaded_weight >= threshold``, by default
    ``BIAS_THRESHOLD``; a researcher's fitted one comes from ``analysis.codebook.settings``).
    On BASIL and BABE this decision scores F1 / macro-F1 as reported by ``mediakit validate``.
    """
    keys = ["article_id", "sentence_id"]
    out = sentences[keys].copy()
    weights = loaded_weights(spans)
    out["loaded_weight"] = [weights.get(k, 0.0) for k in zip(out["article_id"], out["sentence_id"])]
    out["loaded_weight"] = out["loaded_weight"].astype("float64")
    out["biased"] = [is_biased(w, threshold) for w in out["loaded_weight"]]
    return out[BIAS_COLUMNS]


def loaded_weights(spans: pd.DataFrame) -> dict[tuple[str, int], float]:
    """(article_id, sentence_id) → summed weight of the loaded, non-negated hits in it."""
    if spans.empty:
        return {}
    counted = spans["loaded"].astype(bool)
    if "negated" in spans:
        counted &= ~spans["negated"].astype(bool)
    return _summed(zip(spans["article_id"], spans["sentence_id"], spans["weight"], counted))


def span_row_weights(rows: list[SpanRow]) -> dict[tuple[str, int], float]:
    """``loaded_weights`` of ``span_rows`` rows."""
    return _summed((r.article_id, r.sentence_id, r.weight, r.loaded and not r.negated) for r in rows)


def _summed(items) -> dict[tuple[str, int], float]:
    """(article_id, sentence_id, weight, counted) items → summed weight per sentence, in order."""
    totals: dict[tuple[str, int], float] = {}
    for article_id, sentence_id, weight, use in items:
        if use:
            key = (article_id, int(sentence_id))
            totals[key] = totals.get(key, 0.0) + float(weight)
    return totals


def is_biased(loaded_weight: float, threshold: float = BIAS_THRESHOLD) -> bool:
    """The sentence decision: loaded weight at or over ``threshold`` (default ``BIAS_THRESHOLD``;
    a tolerance absorbs float error in sums such as 0.3 + 0.25)."""
    return bool(loaded_weight >= threshold - 1e-9)


def negated_at(norms: list[str], i: int) -> bool:
    """The negation rule: is the piece at ``i`` negated, given the normalised pieces ``norms``
    of its sentence or clause? Yes when one of the ``NEGATION_WINDOW`` pieces before it is a
    negator (``is_negator``). The loaded-language hits (``negated``) and the target model's
    ``not_`` features both ask this."""
    return any(map(is_negator, norms[max(0, i - NEGATION_WINDOW):i]))


class TextBias(NamedTuple):
    """The sentence decision on one bare sentence (``text_bias``)."""

    hits: list[Match]        # the loaded entries' hits, in text order
    negated: list[bool]      # per hit: negated (``negated_at``)
    loaded_weight: float     # summed weight of the hits that are not negated
    biased: bool             # ``is_biased(loaded_weight, threshold)``


def text_bias(text: str, lexicon: Lexicon | None = None, *, threshold: float = BIAS_THRESHOLD) -> TextBias:
    """The kit's sentence decision on ``text`` taken as one sentence: the loaded hits that
    ``span_rows`` finds in it, which are negated, their summed weight leaving out the negated
    ones (as ``sentence_bias`` sums them) and ``is_biased`` of it at ``threshold``. Validation
    scores each annotated sentence through this."""
    lexicon = lexicon or load_lexicon()
    _, _, weights, loaded, _ = _entry_values(lexicon)
    ps = cut(text)
    hits = [m for m in lexicon.matcher.find_in_pieces(text, ps) if loaded[m.entry]]
    flags = _negated(ps, hits)
    total = 0.0
    for m, neg in zip(hits, flags):
        if not neg:
            total += float(weights[m.entry])
    return TextBias(hits, flags, total, is_biased(total, threshold))
