"""``dictionary``: a researcher's own categories counted per article (``analysis.lexicon.dictionary``).

Per article, dictionary and category: the hits in the body, per 1,000 body words, and split by
voice as loaded-language hits are (``analysis.measures.voice``: inside a direct quote is
``quoted``, else ``journalist``), each rate over the words of that voice. Every hit (title and
highlights too) is a row of ``dictionary_hits`` with offsets into the original text. Terms are
matched on the cleaned text, in each sentence's pieces as scoring cuts them once
(``analysis.scoring.score``), so a phrase never crosses sentence punctuation.

Dictionary counts are their own tables: they never feed ``loaded_per_1k`` or a sentence's
``biased`` flag.
"""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.lexicon.dictionary import Dictionary, read_dictionaries
from analysis.lexicon.match import Pieces, cut
from analysis.measures.voice import DirectQuotes
from analysis.schema import DICTIONARY, DICTIONARY_HITS, DictionaryHitRow, DictionaryRow
from analysis.schema.rows import rows_frame


def dictionary_counts(article: Article, dictionary) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``dictionary`` and ``dictionary_hits`` tables of one article for one or several
    dictionaries (paths or ``Dictionary``s), as ``score_article(article, dictionary=…)`` gives
    them. Only what they need is computed: the sentences, the quotes (for the voice split) and
    the words of each voice, not sentiment, loaded language or frames."""
    from analysis.measures.quotes import quote_rows
    from analysis.measures.sentences import sentence_rows
    from analysis.scoring.score import voice_words

    split = sentence_rows(article)
    quotes = quote_rows(article, split)
    words, journalist_words, quoted_words = voice_words(article, split, quotes)
    counts, hits = dictionary_rows(article, split, quotes, read_dictionaries(dictionary), words=words,
                                   journalist_words=journalist_words, quoted_words=quoted_words)
    return dictionary_frames(counts, hits)


def dictionary_rows(article: Article, sentences, quotes, dictionaries: tuple[Dictionary, ...], *,
                    words: int, journalist_words: int, quoted_words: int,
                    pieces: list[Pieces] | None = None) -> tuple[list[DictionaryRow], list[DictionaryHitRow]]:
    """Both tables as rows. ``sentences``: split rows; ``quotes``: quote rows; the word counts
    are the article row's (body, outside and inside direct quotes)."""
    masked, text, article_id = article.masked, article.text, article.id
    if pieces is None:
        pieces = [cut(masked, s.start, s.end) for s in sentences]
    direct = DirectQuotes(quotes)
    counts, hits = [], []
    for dictionary in dictionaries:
        matcher = dictionary.matcher
        voice_hits = {c: [0, 0] for c in dictionary.categories}
        hit_id = 0
        for s, ps in zip(sentences, pieces):
            for start, end, index in matcher.find_in_pieces(masked, ps):
                quote = direct.containing(start, end) if direct else None
                for category in matcher.categories[index]:
                    if s.part == "body":
                        voice_hits[category][quote is not None] += 1
                    hits.append(DictionaryHitRow(
                        article_id=article_id, dictionary=dictionary.name, category=category, hit_id=hit_id,
                        sentence_id=int(s.sentence_id), part=s.part, start=start, end=end, text=text[start:end],
                        term=matcher.terms[index], voice="journalist" if quote is None else "quoted", quote_id=quote))
                hit_id += 1
        for category in dictionary.categories:
            journalist, quoted = voice_hits[category]
            counts.append(DictionaryRow(
                article_id=article_id, dictionary=dictionary.name, category=category, hits=journalist + quoted,
                per_1k=_per_1k(journalist + quoted, words), journalist_hits=journalist,
                journalist_per_1k=_per_1k(journalist, journalist_words), quoted_hits=quoted,
                quoted_per_1k=_per_1k(quoted, quoted_words)))
    return counts, hits


def dictionary_frames(counts: list, hits: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    return rows_frame(counts, DICTIONARY), rows_frame(hits, DICTIONARY_HITS)


def _per_1k(hits: int, words: int) -> float:
    return 1000.0 * hits / words if words else 0.0


__all__ = ["dictionary_counts", "dictionary_rows", "read_dictionaries"]
