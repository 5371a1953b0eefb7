"""``quotes``: direct and reported speech, who said it, and how much of the article it is.

Everything is rule-based and offline: regular expressions over ``article.masked`` (so CMS
shortcodes and other removed text never yield a quote), offsets into ``article.text``.

Direct quotes
    Words between double quotation marks: straight ``"…"``, curly ``“…”`` or guillemets
    ``«…»``. A straight mark opens a quote when it follows white space, an opening bracket, a
    dash or a colon (or starts the paragraph), and closes one otherwise. Curly single quotes
    ``‘…’`` count only at the top level (British style); inside a double quote they are nested
    quotes and stay part of it (a ``’`` followed by a letter is an apostrophe). Straight single
    quotes are never quotation marks. A closing ``”``/``»`` after white space and before a
    letter, with no quote open, opens one (Nordic style). A quote may span sentences. A quote
    still open at the end of its paragraph continues only when the next paragraph opens with a
    quotation mark (the convention for multi-paragraph quotes); otherwise it is capped at the
    paragraph end (paragraphs as ``sentences`` numbers them).
    An opening mark met while a quote is open caps the open one just before it. ``start``/``end``
    include the marks (a capped quote has no closing mark); ``chars`` counts what is inside
    them, including the line breaks and repeated opening marks of a multi-paragraph quote.

Reported speech
    ``According to X, <content>`` / ``<content>, according to X`` (in mid-sentence the whole
    sentence is the content); ``X <verb> [object] that <content>``; ``X said <clause>`` without
    "that" for a few verbs when the clause looks finite (it has an auxiliary within its first
    words); ``<content>, X said.`` / ``<content>, said X.``. The content span is trimmed and
    ends before the sentence's final full stop (``!``, ``?`` and closing quotation marks are
    kept). The cue is ``before`` (X said that …), ``after`` (…, X said) or ``according_to``. A
    reported row is dropped when its content embeds a (non-scare) direct quote that takes the
    same attribution ("The Kremlin said the leaders will discuss “…”": the direct quote stands
    for it). Reported rows never start inside a direct quote; they may contain a scare quote,
    and one may contain another ("…, Reuters reported" around "the government warned that …").

Attribution of a direct quote, first rule that applies
    ``after``: ``“…,” X said`` / ``“…,” said X`` right after the closing mark (not after a quote
    that ends in a full stop, unless a lower-case word follows); ``before``: ``X said: “…”`` /
    ``X said the plan was “…”`` earlier in the same sentence, ``X said:`` ending the previous
    sentence, or a headline-style ``X: “…”``; ``according_to``: "according to X" anywhere in
    the quote's sentence(s); ``continuation``: no attribution of its own, and nothing but white
    space and punctuation between the previous attributed quote's sentence and this quote
    (same part, same or next paragraph), or the second half of an interrupted quote
    (``“We will,” he said, “win.”``); otherwise ``none``. When the speaker mention is a
    pronoun the cue is ``pronoun`` (for reported speech too). A headline-style attribution has
    no verb.

Speakers
    A mention is a pronoun (he/she/they/it), a name with optional descriptor and titles
    (``foreign ministry spokesman Wang Wenbin`` → speaker "Wang Wenbin", role "foreign ministry
    spokesman"; ``Sen. John Smith`` → "John Smith", role "Sen."; an appositive
    ``Yuri Ushakov, the Russian president’s … advisor`` gives the role when nothing precedes the
    name), an organisation (``the Kremlin``, ``China’s Foreign Ministry``; its "the" is kept and
    written lower case) or a bare descriptor (``a senior official``, ``the ministry``).
    Canonical names: a surname alone becomes the full name mentioned earlier in the text
    (later if never earlier); a pronoun becomes the most recent speaker (he/she prefer people,
    "it" prefers organisations); a descriptor becomes an earlier speaker with the same role
    noun (or, for "the ministry", an earlier organisation ending in that noun); an
    organisation "the Foreign Ministry" becomes an earlier "China’s Foreign Ministry". A
    speaker's canonical form is the first one seen, written as in the text (apostrophes are
    not normalised, but matching ignores their style and case). ``speaker_role`` is the role
    at this mention, else the first role the text gives that speaker. ``speaker_start``/
    ``speaker_end`` locate the mention as written (the name without titles, the pronoun, the
    organisation with its article, or the bare descriptor — even when it resolves to no
    speaker); NA for continuation and ``none`` rows, which also have no verb.

``scare_quote``: a direct quote of at most ``SCARE_MAX_WORDS`` words, sharing its sentence with
other words, and not attached to a reporting verb (``after`` cue, or ``before`` with the
verb within ``SCARE_VERB_WINDOW`` words). It keeps any speaker it gets (e.g. from
"according to").

``share`` is ``chars`` over the characters of the article body part, for every row (so the
``direct`` shares add up to the share of the body inside quotation marks; quotes in
highlights are divided by the body length too).

The package's interface is this module: the rest of the kit imports from
``analysis.measures.quotes``. The submodules (``vocabulary``, ``patterns``, ``types``,
``clauses``, ``mentions``, ``direct``, ``reported``, ``speakers``, ``table``, in the order they
build on each other) share public names among themselves; a name with a leading underscore is
used only in its own module.
"""

from __future__ import annotations

import pandas as pd

from analysis.article import Article
from analysis.schema import QuoteRow
from analysis.measures.quotes.direct import direct_quotations, find_direct_quotes
from analysis.measures.quotes.patterns import DOUBLE_QUOTES, inside_double_quotes
from analysis.measures.quotes.types import QuoteSpans, SentenceIndex
from analysis.measures.quotes.reported import reported_quotations
from analysis.measures.quotes.speakers import NameIndex, anchor_end, resolve_speakers
from analysis.measures.quotes.table import QUOTE_COLUMNS, quote_frame, quote_table_rows
from analysis.measures.quotes.vocabulary import REPORTING_VERBS, SCARE_MAX_WORDS, SCARE_VERB_WINDOW, TITLES
# what actor discovery (analysis.measures.actors) reads names with, so that actors and speakers agree
from analysis.measures.quotes.mentions import key_word
from analysis.measures.quotes.patterns import NAME_SEQ, NON_SPACE, VERB_FORMS, WORD


def quotes(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per direct or reported quotation, in text order: the ``quotes`` table (columns
    ``QUOTE_COLUMNS``; their meanings: ``analysis.schema.QUOTES``). See the module docstring
    for the rules.
    """
    return quote_frame(quote_rows(article, sentences))


def quote_rows(article: Article, sentences=None) -> list[QuoteRow]:
    """``quotes`` as rows; ``sentences`` is the sentences table, its rows
    (``analysis.measures.sentences.sentence_rows``), or None."""
    masked = article.masked
    sents = SentenceIndex.of(article, sentences)
    if not len(sents):
        return []
    paragraphs = sents.paragraph_spans()
    direct = find_direct_quotes(masked, paragraphs)
    spans = QuoteSpans(direct)
    direct_rows = direct_quotations(masked, direct, sents, paragraphs, spans)
    reported_rows = reported_quotations(masked, sents, spans, direct_rows)
    rows = sorted(direct_rows + reported_rows, key=lambda r: (r.start, -r.end))
    for row in rows:
        row.anchor_end = anchor_end(row, sents)
    resolve_speakers(masked, rows, NameIndex(masked))
    return quote_table_rows(article, rows, sents)


def given_quote_rows(article: Article, sentences, quotes=None) -> list:
    """The quote rows a measure works on: ``quotes`` as given (the quotes table, or its rows),
    else ``quote_rows(article, sentences)``. Rows are read by field name."""
    if quotes is None:
        return quote_rows(article, sentences)
    if isinstance(quotes, pd.DataFrame):
        return list(quotes.itertuples(index=False))
    return list(quotes)


__all__ = ["quotes", "quote_rows", "given_quote_rows", "quote_frame", "QUOTE_COLUMNS", "REPORTING_VERBS", "SCARE_MAX_WORDS", "SCARE_VERB_WINDOW",
           "NameIndex", "NAME_SEQ", "NON_SPACE", "VERB_FORMS", "WORD", "TITLES", "key_word", "DOUBLE_QUOTES", "inside_double_quotes"]
