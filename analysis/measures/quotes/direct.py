"""Direct quotes: finding quoted spans and their attribution cues (after, before, according to)."""

from __future__ import annotations

import re
from bisect import bisect_right

from analysis.text.segment import at_most_words
from analysis.measures.quotes.clauses import looks_like_clause, rstrip_to
from analysis.measures.quotes.mentions import np_boundary, parse_np, parse_subject, speaker_after_verb, strip_linking
from analysis.measures.quotes.types import Attribution, Paragraph, MarkedQuote, QuoteSpans, Quotation, SentenceIndex
from analysis.measures.quotes.patterns import (
    ACCORDING,
    DOUBLE_OPENERS,
    HEADLINE,
    MARK,
    OPENING_CONTEXT,
    VERB,
    VERB_FORMS,
    WORD,
)
from analysis.measures.quotes.vocabulary import SCARE_MAX_WORDS, SCARE_VERB_WINDOW, TAIL_CHARS, TAIL_VERBS


def _opening_context(masked: str, i: int, floor: int) -> bool:
    return i <= floor or masked[i - 1].isspace() or masked[i - 1] in OPENING_CONTEXT


def _mark_action(masked: str, i: int, floor: int, open_family: str | None) -> tuple[str, str] | None:
    """What the quotation mark at ``i`` does: (``open`` | ``close``, family), or None (ignore)."""
    ch = masked[i]
    if ch in "‘’":
        if open_family == "double":
            return None  # nested single quotes stay part of the double quote
        if ch == "‘":
            return ("open", "single") if _opening_context(masked, i, floor) else None
        after = masked[i + 1:i + 2]
        return ("close", "single") if open_family == "single" and not after.isalpha() else None
    if open_family == "single":
        return None  # double quotes nested in a single-quoted quote
    if ch in "“«":
        return "open", "double"
    if ch in "”»":
        if open_family == "double":
            return "close", "double"
        after = masked[i + 1:i + 2]
        return ("open", "double") if _opening_context(masked, i, floor) and after[:1].isalnum() else None
    if _opening_context(masked, i, floor):  # straight double quote
        return "open", "double"
    return ("close", "double") if open_family == "double" else None


def find_direct_quotes(masked: str, paragraphs: list[Paragraph]) -> list[MarkedQuote]:
    found: list[MarkedQuote] = []
    open_start: int | None = None
    open_family: str | None = None

    def emit(end: int, closed: bool) -> None:
        if end - open_start > (2 if closed else 1):
            found.append(MarkedQuote(open_start, end, closed))

    for k, para in enumerate(paragraphs):
        reopened_at = para.start if open_start is not None else -1
        for m in MARK.finditer(masked, para.start, para.end):
            i = m.start()
            if i == reopened_at:
                continue  # the repeated opening mark of a multi-paragraph quote
            action = _mark_action(masked, i, para.start, open_family)
            if action is None:
                continue
            what, family = action
            if what == "open":
                if open_start is not None:
                    emit(rstrip_to(masked, open_start, i), False)
                open_start, open_family = i, family
            else:
                emit(i + 1, True)
                open_start = open_family = None
        if open_start is None:
            continue
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        opener = "‘" if open_family == "single" else DOUBLE_OPENERS
        if nxt is not None and nxt.part == para.part and masked[nxt.start] in opener:
            continue  # the quote runs on into the next paragraph
        emit(para.end, False)
        open_start = open_family = None
    return found


def direct_quotations(masked: str, found: list[MarkedQuote], sents: SentenceIndex, para_spans: list[Paragraph],
                 spans: QuoteSpans) -> list[Quotation]:
    """``para_spans``: ``sents.paragraph_spans()``."""
    rows: list[Quotation] = []
    para_starts = [p.start for p in para_spans]
    according = [m for m in according_matches(masked) if not spans.inside(m.start())]
    according_starts = [m.start() for m in according]
    for k, q in enumerate(found):
        content_start, content_end = q.start + 1, (q.end - 1 if q.closed else q.end)
        para = para_spans[max(bisect_right(para_starts, q.end - 1) - 1, 0)]
        limit = min(para.end, found[k + 1].start if k + 1 < len(found) else len(masked), q.end + TAIL_CHARS)
        attribution = _after_cue(masked, q, limit)
        continues = False
        if attribution is None:
            prev_end = found[k - 1].end if k else 0
            attribution = _before_cue(masked, *_lead_in(masked, q, prev_end, sents))
            previous = rows[-1].attribution if rows else None
            if attribution and attribution.verb_start is not None and previous and previous.verb_start == attribution.verb_start:
                attribution, continues = None, True  # “We will,” he said, “win.”
        if attribution is None and not continues:
            attribution = _according_cue(masked, q, sents, according, according_starts)
        rows.append(Quotation(
            kind="direct", start=q.start, end=q.end, chars=content_end - content_start,
            part=sents.parts[sents.index(q.start)], attribution=attribution, continues=continues,
            scare=not continues and at_most_words(masked, SCARE_MAX_WORDS, content_start, content_end)
            and _embedded(masked, q, sents) and not _verb_near(masked, q, attribution),
        ))
    return rows


def _embedded(masked: str, q: MarkedQuote, sents: SentenceIndex) -> bool:
    """Does the quote share its sentence(s) with other words?"""
    first, last = sents.index(q.start), sents.index(q.end - 1)
    return bool(WORD.search(masked, sents.starts[first], q.start) or WORD.search(masked, q.end, max(sents.ends[last], q.end)))


def _verb_near(masked: str, q: MarkedQuote, attribution: Attribution | None) -> bool:
    if attribution is not None and attribution.cue == "according_to":  # “…,” according to X
        return attribution.verb_start >= q.end and not WORD.search(masked, q.end, attribution.verb_start)
    if attribution is None or attribution.cue not in ("after", "before"):
        return False
    if attribution.cue == "after" or attribution.verb_end is None or attribution.verb_end > q.start:
        return True
    return at_most_words(masked, SCARE_VERB_WINDOW, attribution.verb_end, q.start)


def _after_cue(masked: str, q: MarkedQuote, limit: int) -> Attribution | None:
    """“…,” X said / “…,” said X, right after the closing mark."""
    if not q.closed:
        return None
    content = masked[q.start + 1:q.end - 1].rstrip()
    follower = masked[q.end:limit].lstrip(" \t,")
    if content.endswith(".") and not follower[:1].islower():
        return None  # “… signed.” The Kremlin also announced … is a new sentence
    for n, verb in enumerate(VERB.finditer(masked, q.end, limit)):
        if n == TAIL_VERBS:
            break
        subject_end = strip_linking(masked, q.end, verb.start())
        if not masked[q.end:subject_end].strip(" \t,—–-"):
            mention = speaker_after_verb(masked, verb.end(), limit)
        else:
            mention = parse_np(masked, q.end, subject_end)
        if mention is not None:
            return Attribution("after", mention, VERB_FORMS[verb.group()], verb.start(), verb.end())
    return None


def _lead_in(masked: str, q: MarkedQuote, prev_end: int, sents: SentenceIndex) -> tuple[int, int]:
    """The stretch before the quote where its attribution may stand."""
    si = sents.index(q.start)
    lo = max(sents.starts[si], prev_end)
    if masked[lo:q.start].strip() or si == 0:
        return lo, q.start
    ps, pe = sents.starts[si - 1], sents.ends[si - 1]
    if sents.parts[si - 1] == sents.parts[si] and masked[ps:pe].rstrip().endswith(":") and prev_end <= pe:
        return max(ps, prev_end), pe  # Smith said:⏎“…”
    return lo, q.start


def _before_cue(masked: str, lo: int, hi: int) -> Attribution | None:
    """X said “…” / X said: “…” / X said the plan was “…” / headline style X: “…”."""
    if hi <= lo:
        return None
    for verb in reversed(list(VERB.finditer(masked, lo, hi))):
        found = parse_subject(masked, lo, verb.start())
        if found is not None:
            return Attribution("before", found[0], VERB_FORMS[verb.group()], verb.start(), verb.end())
    headline = HEADLINE.fullmatch(masked, lo, hi)
    if headline:
        mention = parse_np(masked, headline.start("np"), headline.end("np"))
        if mention is not None and mention.kind in ("person", "org"):
            return Attribution("before", mention)
    return None


def _according_cue(masked: str, q: MarkedQuote, sents: SentenceIndex, according: list[re.Match], starts: list[int]) -> Attribution | None:
    """The first "according to X" (outside quotes, ``starts`` its offsets) in the quote's sentence(s)."""
    lo, hi = sents.starts[sents.index(q.start)], max(sents.ends[sents.index(q.end - 1)], q.end)
    i = bisect_right(starts, lo - 1)
    if i < len(according) and starts[i] < hi:
        return according_attribution(masked, according[i], hi)[0]
    return None


def according_matches(masked: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """Every "according to" in ``masked[start:end]``. Most texts have none, which ``str.find``
    tells far sooner than the pattern (it starts with a look-behind, so it is tried at every
    position)."""
    end = len(masked) if end is None else end
    if masked.find("ccording", start, end) < 0:
        return []
    return list(ACCORDING.finditer(masked, start, end))


def according_attribution(masked: str, m: re.Match, limit: int) -> tuple[Attribution, int]:
    """The attribution of an "according to X" and where X ends (at punctuation, or where a
    clause starts right after it: "According to the ministry the talks will resume")."""
    np_start = m.end()
    np_end = np_boundary(masked, np_start, limit)
    mention = parse_np(masked, np_start, np_end)
    if mention is None:
        mention = parse_np(masked, np_start, np_end, prefix=True)
        if mention is not None and looks_like_clause(masked, mention.end, np_end):
            np_end = mention.end
    return Attribution("according_to", mention, "according to", m.start(), m.end()), np_end
