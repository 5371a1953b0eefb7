"""The ``quotes`` table: found quotations turned into its rows, and rows into a DataFrame
(columns and their meanings: ``analysis.schema.QUOTES``)."""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.schema import QUOTES, QuoteRow
from analysis.schema.rows import rows_frame
from analysis.measures.quotes.types import Attribution, Quotation, SentenceIndex

#: Columns of the table ``quotes`` returns, in order.
QUOTE_COLUMNS = QUOTES.names


def quote_table_rows(article: Article, found: list[Quotation], sents: SentenceIndex) -> list[QuoteRow]:
    """The quotations of one article (in text order, speakers resolved) as ``quotes`` rows."""
    body_chars = article.body.end - article.body.start
    out = []
    for quote_id, row in enumerate(found):
        attribution = row.attribution or Attribution("none", None)
        mention = attribution.mention
        out.append(QuoteRow(
            article_id=article.id, quote_id=quote_id, kind=row.kind, start=row.start, end=row.end,
            text=article.text[row.start:row.end], speaker=row.speaker, speaker_role=row.role,
            speaker_start=mention.start if mention else None, speaker_end=mention.end if mention else None,
            verb=attribution.verb, verb_start=attribution.verb_start, verb_end=attribution.verb_end, cue=row.cue,
            sentence_id=sents.ids[sents.index(row.start)], sentence_end_id=sents.ids[sents.index(row.end - 1)],
            chars=row.chars, share=row.chars / body_chars if body_chars else float("nan"), scare_quote=row.scare,
        ))
    return out


def quote_frame(rows: list[QuoteRow]) -> pd.DataFrame:
    """The ``quotes`` table from ``quote_rows`` rows (of one article or many)."""
    return rows_frame(rows, QUOTES)
