"""Reported speech: "X said (that) …" and "according to X, …" without quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_right

from analysis.text.segment import at_most_words
from analysis.measures.quotes.clauses import _looks_like_clause, _rstrip_to
from analysis.measures.quotes.direct import _according_attribution, _according_matches
from analysis.measures.quotes.mentions import _parse_np, _parse_subject, _speaker_after_verb, _strip_linking
from analysis.measures.quotes.types import _Attribution, _QuoteSpans, _Row, _Sentences
from analysis.measures.quotes.patterns import _CLAUSE_LEAD, _SENTENCE_STOPS, _THAT, _VERB, _VERB_FORMS
from analysis.measures.quotes.vocabulary import ZERO_THAT_VERBS, _NOT_BEFORE_THAT, _SHORT_TAIL_CHARS, _SUBJECT_CHARS


def _reported_rows(masked: str, sents: _Sentences, spans: _QuoteSpans, direct_rows: list[_Row]) -> list[_Row]:
    rows: list[_Row] = []
    direct_starts = [r.start for r in direct_rows]
    for i in range(len(sents)):
        s, e = sents.starts[i], sents.ends[i]
        cues = list(_VERB.finditer(masked, s, e))
        according = _according_matches(masked, s, e)
        if according:
            cues = sorted(according + cues, key=lambda m: m.start())
        taken: list[tuple[int, int]] = []
        for m in cues:
            if spans.inside(m.start()) or any(a <= m.start() < b for a, b in taken):
                continue
            if m.group().lower().startswith("according"):
                found = _reported_according(masked, m, s, e)
            else:
                found = _reported_verb(masked, m, s, e, spans)
            if found is None:
                continue
            (cs, ce), attribution = found
            cs, ce = _trim_content(masked, cs, _cut_attribution(masked, cs, ce))
            if ce <= cs or masked[cs] in "“«\"‘" or _stands_for(direct_rows, direct_starts, cs, ce, attribution):
                continue
            taken.append((cs, ce))
            rows.append(_Row(kind="reported", start=cs, end=ce, chars=ce - cs, part=sents.parts[i], attribution=attribution))
    return rows


def _reported_according(masked: str, m: re.Match, s: int, e: int):
    attribution, np_end = _according_attribution(masked, m, e)
    if not masked[s:m.start()].strip():  # According to X, content.
        if masked[np_end:np_end + 1] == ",":
            return (np_end + 1, e), attribution
        return ((np_end, e), attribution) if _looks_like_clause(masked, np_end, e) else None
    if not masked[np_end:e].strip(" \t" + _SENTENCE_STOPS + "”’\"»)"):  # content, according to X.
        return (s, _rstrip_to(masked, s, m.start())), attribution
    return (s, e), attribution  # content, according to X, content.


def _reported_verb(masked: str, verb: re.Match, s: int, e: int, spans: _QuoteSpans):
    lemma = _VERB_FORMS[verb.group()]
    clause_start = spans.end_before(verb.start(), s)
    found = _parse_subject(masked, clause_start, verb.start())
    if found is None:
        return _reported_verb_first(masked, verb, lemma, clause_start, s, e)
    mention, subject_start = found
    attribution = _Attribution("before", mention, lemma, verb.start(), verb.end())
    that = _THAT.match(masked, verb.end(), e)
    if that and not any(w.lower() in _NOT_BEFORE_THAT for w in that.group("gap").replace(",", " ").split()):
        return (that.end(), e), attribution
    clause = _CLAUSE_LEAD.match(masked, verb.end(), e).end()
    if lemma in ZERO_THAT_VERBS and _looks_like_clause(masked, clause, e):
        return (clause, e), attribution
    comma = masked[s:subject_start].rstrip()
    if comma.endswith(",") and _short_tail(masked, verb.end(), e):  # content, X said.
        return (s, s + len(comma) - 1), _Attribution("after", mention, lemma, verb.start(), verb.end())
    return None


def _reported_verb_first(masked: str, verb: re.Match, lemma: str, clause_start: int, s: int, e: int):
    """content, said X."""
    before = masked[clause_start:verb.start()].rstrip()
    if not before.endswith(","):
        return None
    mention = _speaker_after_verb(masked, verb.end(), e)
    if mention is None or not _short_tail(masked, mention.end, e):
        return None
    return (s, clause_start + len(before) - 1), _Attribution("after", mention, lemma, verb.start(), verb.end())


def _cut_attribution(masked: str, cs: int, ce: int) -> int:
    """End the content before a trailing ", Reuters reported." that belongs to the writer."""
    comma = masked.rfind(",", cs, ce)
    if comma < 0:
        return ce
    verb = _VERB.search(masked, comma, min(ce, comma + _SUBJECT_CHARS))
    if verb is None or not _short_tail(masked, verb.end(), ce):
        return ce
    subject_end = _strip_linking(masked, comma + 1, verb.start())
    if masked[comma + 1:subject_end].strip():
        mention = _parse_np(masked, comma + 1, subject_end)
    else:
        mention = _speaker_after_verb(masked, verb.end(), ce)
    return comma if mention is not None else ce


def _short_tail(masked: str, pos: int, end: int, max_words: int = 8) -> bool:
    """Only a few words ("on Friday", "in a statement", an appositive) until the sentence ends."""
    if end - pos > _SHORT_TAIL_CHARS:
        return False
    return at_most_words(masked, max_words, pos, end) and not _VERB.search(masked, pos, end)


def _trim_content(masked: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (masked[start].isspace() or masked[start] == ","):
        start += 1
    end = _rstrip_to(masked, start, end)
    if end > start and masked[end - 1] == "." and not re.search(r"(?:\b[A-Za-z]\.){2,}$", masked[max(start, end - 12):end]):
        end = _rstrip_to(masked, start, end - 1)
    while end > start and masked[end - 1] in ",;:":
        end = _rstrip_to(masked, start, end - 1)
    return start, end


def _stands_for(direct_rows: list[_Row], starts: list[int], cs: int, ce: int, attribution: _Attribution) -> bool:
    """Does a direct quote inside the content carry this same attribution?"""
    for row in direct_rows[max(bisect_right(starts, cs) - 1, 0):]:
        if row.start >= ce:
            return False
        if row.end > cs and not row.scare and row.attribution is not None and row.attribution.verb_start == attribution.verb_start:
            return True
    return False
