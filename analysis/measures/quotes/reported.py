"""Reported speech: "X said (that) …" and "according to X, …" without quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_right

from analysis.text.segment import at_most_words
from analysis.measures.quotes.clauses import looks_like_clause, rstrip_to
from analysis.measures.quotes.direct import according_attribution, according_matches
from analysis.measures.quotes.mentions import parse_np, parse_subject, speaker_after_verb, strip_linking
from analysis.measures.quotes.types import Attribution, QuoteSpans, Quotation, SentenceIndex
from analysis.measures.quotes.patterns import CLAUSE_LEAD, SENTENCE_STOPS, THAT, VERB, VERB_FORMS
from analysis.measures.quotes.vocabulary import ZERO_THAT_VERBS, NOT_BEFORE_THAT, SHORT_TAIL_CHARS, SUBJECT_CHARS


def reported_quotations(masked: str, sents: SentenceIndex, spans: QuoteSpans, direct_rows: list[Quotation]) -> list[Quotation]:
    rows: list[Quotation] = []
    direct_starts = [r.start for r in direct_rows]
    for i in range(len(sents)):
        s, e = sents.starts[i], sents.ends[i]
        cues = list(VERB.finditer(masked, s, e))
        according = according_matches(masked, s, e)
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
            rows.append(Quotation(kind="reported", start=cs, end=ce, chars=ce - cs, part=sents.parts[i], attribution=attribution))
    return rows


def _reported_according(masked: str, m: re.Match, s: int, e: int):
    attribution, np_end = according_attribution(masked, m, e)
    if not masked[s:m.start()].strip():  # According to X, content.
        if masked[np_end:np_end + 1] == ",":
            return (np_end + 1, e), attribution
        return ((np_end, e), attribution) if looks_like_clause(masked, np_end, e) else None
    if not masked[np_end:e].strip(" \t" + SENTENCE_STOPS + "”’\"»)"):  # content, according to X.
        return (s, rstrip_to(masked, s, m.start())), attribution
    return (s, e), attribution  # content, according to X, content.


def _reported_verb(masked: str, verb: re.Match, s: int, e: int, spans: QuoteSpans):
    lemma = VERB_FORMS[verb.group()]
    clause_start = spans.end_before(verb.start(), s)
    found = parse_subject(masked, clause_start, verb.start())
    if found is None:
        return _reported_verb_first(masked, verb, lemma, clause_start, s, e)
    mention, subject_start = found
    attribution = Attribution("before", mention, lemma, verb.start(), verb.end())
    that = THAT.match(masked, verb.end(), e)
    if that and not any(w.lower() in NOT_BEFORE_THAT for w in that.group("gap").replace(",", " ").split()):
        return (that.end(), e), attribution
    clause = CLAUSE_LEAD.match(masked, verb.end(), e).end()
    if lemma in ZERO_THAT_VERBS and looks_like_clause(masked, clause, e):
        return (clause, e), attribution
    comma = masked[s:subject_start].rstrip()
    if comma.endswith(",") and _short_tail(masked, verb.end(), e):  # content, X said.
        return (s, s + len(comma) - 1), Attribution("after", mention, lemma, verb.start(), verb.end())
    return None


def _reported_verb_first(masked: str, verb: re.Match, lemma: str, clause_start: int, s: int, e: int):
    """content, said X."""
    before = masked[clause_start:verb.start()].rstrip()
    if not before.endswith(","):
        return None
    mention = speaker_after_verb(masked, verb.end(), e)
    if mention is None or not _short_tail(masked, mention.end, e):
        return None
    return (s, clause_start + len(before) - 1), Attribution("after", mention, lemma, verb.start(), verb.end())


def _cut_attribution(masked: str, cs: int, ce: int) -> int:
    """End the content before a trailing ", Reuters reported." that belongs to the writer."""
    comma = masked.rfind(",", cs, ce)
    if comma < 0:
        return ce
    verb = VERB.search(masked, comma, min(ce, comma + SUBJECT_CHARS))
    if verb is None or not _short_tail(masked, verb.end(), ce):
        return ce
    subject_end = strip_linking(masked, comma + 1, verb.start())
    if masked[comma + 1:subject_end].strip():
        mention = parse_np(masked, comma + 1, subject_end)
    else:
        mention = speaker_after_verb(masked, verb.end(), ce)
    return comma if mention is not None else ce


def _short_tail(masked: str, pos: int, end: int, max_words: int = 8) -> bool:
    """Only a few words ("on Friday", "in a statement", an appositive) until the sentence ends."""
    if end - pos > SHORT_TAIL_CHARS:
        return False
    return at_most_words(masked, max_words, pos, end) and not VERB.search(masked, pos, end)


def _trim_content(masked: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (masked[start].isspace() or masked[start] == ","):
        start += 1
    end = rstrip_to(masked, start, end)
    if end > start and masked[end - 1] == "." and not re.search(r"(?:\b[A-Za-z]\.){2,}$", masked[max(start, end - 12):end]):
        end = rstrip_to(masked, start, end - 1)
    while end > start and masked[end - 1] in ",;:":
        end = rstrip_to(masked, start, end - 1)
    return start, end


def _stands_for(direct_rows: list[Quotation], starts: list[int], cs: int, ce: int, attribution: Attribution) -> bool:
    """Does a direct quote inside the content carry this same attribution?"""
    for row in direct_rows[max(bisect_right(starts, cs) - 1, 0):]:
        if row.start >= ce:
            return False
        if row.end > cs and not row.scare and row.attribution is not None and row.attribution.verb_start == attribution.verb_start:
            return True
    return False
