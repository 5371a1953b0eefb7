"""Noun phrases: parsing the speaker mention before or after a reporting verb."""

from __future__ import annotations

import re

from analysis.text.segment import abbreviation_stop
from analysis.measures.quotes.clauses import rstrip_to
from analysis.measures.quotes.types import Mention
from analysis.measures.quotes.patterns import LEADING_JUNK, LINKING_TAIL, NON_SPACE, NP_FULL, NP_PREFIX, NP_STOP, VERB
from analysis.measures.quotes.vocabulary import HONORIFICS, ORG_WORDS, ROLE_NOUNS, TITLES, SUBJECT_CHARS


def strip_linking(masked: str, lo: int, hi: int) -> int:
    """End of the subject: drop "also", "has", "on Friday", … and commas before the verb."""
    m = LINKING_TAIL.search(masked[lo:hi])
    return lo + m.start() if m else hi


def parse_subject(masked: str, lo: int, verb_start: int) -> tuple[Mention, int] | None:
    """The speaker right before a verb: the whole clause, else after its last comma/"and"."""
    window = max(lo, verb_start - SUBJECT_CHARS)
    end = strip_linking(masked, window, verb_start)
    if end <= window:
        return None
    segment = masked[window:end]
    starts = [lo] if window == lo else []  # the whole clause, when it is short enough
    comma = segment.rfind(",")
    if comma >= 0:
        starts.append(window + comma + 1)
    for joiner in (" and ", " but ", ";", " — ", " – ", "(", "“", "”", "\""):
        j = segment.rfind(joiner)
        if j >= 0:
            starts.append(window + j + len(joiner))
    for start in sorted(set(starts)):
        mention = parse_np(masked, start, end)
        if mention is not None:
            return mention, start
    return None


def speaker_after_verb(masked: str, pos: int, limit: int) -> Mention | None:
    """The speaker in "said X": not followed by a verb ("state media reported": "state" is a noun)."""
    mention = parse_np(masked, pos, limit, prefix=True)
    if mention is None:
        return None
    after = mention.end
    while after < limit and masked[after] in " \t":
        after += 1
    return None if VERB.match(masked, after, limit) else mention


def np_boundary(masked: str, pos: int, limit: int) -> int:
    """Where a noun phrase after "according to" ends: punctuation, not an abbreviation's stop."""
    for m in NP_STOP.finditer(masked, pos, limit):
        if m.group() == "." and abbreviation_stop(masked, pos, m.start()):
            continue
        return m.start()
    return limit


def parse_np(masked: str, lo: int, hi: int, prefix: bool = False) -> Mention | None:
    """A speaker noun phrase filling ``masked[lo:hi]`` (or starting at ``lo`` when ``prefix``)."""
    lo = LEADING_JUNK.match(masked, lo, hi).end()
    hi = rstrip_to(masked, lo, hi)
    while hi > lo and masked[hi - 1] == ",":
        hi = rstrip_to(masked, lo, hi - 1)
    if hi <= lo or (not prefix and hi - lo > SUBJECT_CHARS):
        return None
    pronoun, named, descriptor = NP_PREFIX if prefix else NP_FULL
    for pattern, build in ((pronoun, _pronoun_mention), (named, _named_mention), (descriptor, _descriptor_mention)):
        m = pattern.match(masked, lo, hi) if prefix else pattern.fullmatch(masked, lo, hi)
        if m:
            mention = build(masked, m)
            if mention is not None:
                return mention
    return None


def _pronoun_mention(masked: str, m: re.Match) -> Mention:
    return Mention("pronoun", m.start(), m.end(), m.group("pron").lower())


def key_word(word: str) -> str:
    word = word.replace("’", "'").lower()
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip(".'")


def title_split(keys: list[str]) -> int:
    """Index of the first name token after any leading titles (0 when there are none)."""
    split = 0
    for i, key in enumerate(keys[:-1]):
        if key in TITLES:
            split = i + 1
    return split


def _named_mention(masked: str, m: re.Match) -> Mention | None:
    tokens = [t.span() for t in NON_SPACE.finditer(masked, m.start("name"), m.end("name"))]
    words = [masked[a:b] for a, b in tokens]
    keys = [key_word(w) for w in words]
    split = title_split(keys)
    rest = keys[split:]
    if not any(k in ORG_WORDS for k in rest) and all(k in TITLES or k in ROLE_NOUNS for k in rest):
        return None  # only titles or role nouns ("the CEO", "Officials"): a descriptor, not a name
    det, pre = m.group("det") or "", (m.group("pre") or "").strip()
    is_org = any(k in ORG_WORDS for k in rest) or (
        split == 0 and (det or (len(words) == 1 and len(words[0]) > 1 and words[0].isupper()))
    )
    appos = _clean_appositive(m.group("appos"))
    if is_org:
        start = m.start() if det and not pre else m.start("name")
        name = masked[start:m.end("name")]
        if name[:4] == "The ":
            name = "the " + name[4:]
        role = masked[m.start():m.start("name")].strip() if pre else None
        return Mention("org", start, m.end("name"), name, role or appos)
    name_start = tokens[split][0]
    role = masked[m.start():name_start].strip(" \t,")
    if role and all(key_word(w) in HONORIFICS for w in role.split()):
        role = ""
    return Mention("person", name_start, m.end("name"), masked[name_start:m.end("name")], role or appos)


def _clean_appositive(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()  # any whitespace, a no-break space too (the appositive holds no comma)
    return text if text and not text[0].isdigit() else None


def _descriptor_mention(masked: str, m: re.Match) -> Mention:
    end = m.end("pp") if m.group("pp") else m.end("head")
    text = masked[m.start():end]
    det = (m.group("det") or "").strip().lower()
    return Mention("descriptor", m.start(), end, text, text, definite=det == "the")
