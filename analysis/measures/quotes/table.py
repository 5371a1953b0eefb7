"""The ``quotes`` table: its columns and dtypes, and rows turned into a DataFrame."""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.scoring.rows import rows_frame
from analysis.measures.quotes.types import _Attribution, _Row, _Sentences


#: Columns of the table ``quotes`` returns, in order.
QUOTE_COLUMNS = [
    "article_id", "quote_id", "kind", "start", "end", "text",
    "speaker", "speaker_role", "speaker_start", "speaker_end",
    "verb", "verb_start", "verb_end", "cue",
    "sentence_id", "sentence_end_id", "chars", "share", "scare_quote",
]
_DTYPES = {
    "article_id": "str", "quote_id": "int64", "kind": "str", "start": "int64", "end": "int64",
    "text": "str", "speaker": "str", "speaker_role": "str", "speaker_start": "Int64",
    "speaker_end": "Int64", "verb": "str", "verb_start": "Int64", "verb_end": "Int64",
    "cue": "str", "sentence_id": "int64", "sentence_end_id": "int64", "chars": "int64",
    "share": "float64", "scare_quote": "bool",
}


def _rows(article: Article, rows: list[_Row], sents: _Sentences) -> list[tuple]:
    body_chars = article.body.end - article.body.start
    out = []
    for quote_id, row in enumerate(rows):
        attribution = row.attribution or _Attribution("none", None)
        mention = attribution.mention
        out.append((
            article.id, quote_id, row.kind, row.start, row.end, article.text[row.start:row.end],
            row.speaker, row.role, mention.start if mention else None, mention.end if mention else None,
            attribution.verb, attribution.verb_start, attribution.verb_end, row.cue,
            sents.ids[sents.index(row.start)], sents.ids[sents.index(row.end - 1)],
            row.chars, row.chars / body_chars if body_chars else float("nan"), row.scare,
        ))
    return out


def quote_frame(rows: list[tuple]) -> pd.DataFrame:
    """The ``quotes`` table from ``quote_rows`` rows (of one article or many)."""
    return rows_frame(rows, QUOTE_COLUMNS, _DTYPES)
