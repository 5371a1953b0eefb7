"""Compiled regular expressions built from the vocabulary."""

from __future__ import annotations

import re

from analysis.measures.quotes.vocabulary import REPORTING_VERBS, ROLE_NOUNS, CONNECTORS, FUNCTION_WORDS, LINKING, STOP_CAPS


def _alternation(words) -> str:
    """A regex matching any of ``words``, as a prefix tree (much faster than a flat ``a|b|c``)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)


_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x41, 0x2000) if chr(c).isupper()) + "]"
_W = r"[\w’'\-]"  # a word character, apostrophes and hyphens included
_NOT_IN_WORD_BEFORE = r"(?<![\w’'\-])"
_NOT_IN_WORD_AFTER = r"(?![\w’'\-])"
#: Abbreviated titles that keep their full stop inside a name ("Sen. John Smith").
_TITLE_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Sr Jr St Mt Ft Rev Hon Gen Col Lt Sgt Capt Cmdr Adm Maj Cpl Pvt Gov Sen Rep "
    "Pres Supt Insp Det Atty"
).split()
_CAP = (
    rf"(?:(?:{_UPPER}\.){{2,}}|(?:{_alternation(_TITLE_ABBREVIATIONS)}|{_UPPER})\.(?=[ \t]+{_UPPER})"
    rf"|{_UPPER}{_W}*)"
)
_NAME = (
    rf"{_NOT_IN_WORD_BEFORE}(?={_UPPER})(?!(?:{_alternation(STOP_CAPS)}){_NOT_IN_WORD_AFTER}){_CAP}"
    rf"(?:[ \t]+(?:(?:{_alternation(CONNECTORS)})[ \t]+)?{_CAP}){{0,5}}"
)
_PRE = rf"(?:(?!(?i:{_alternation(FUNCTION_WORDS)}){_NOT_IN_WORD_AFTER}){_W}+[ \t]+)"
_APPOS_FULL = r"(?!(?:who|which|whose|where|when|adding|saying)\b)[^,;:!?“”\"«»\n]{1,120}?"
_APPOS_PREFIX = (
    r"(?:the|a|an|his|her|its|their)[ \t][^,;:!?“”\"«»\n.]{1,120}?"
    r"(?=[ \t]*(?:[,;:!?“”\"«»\n]|\.(?:\s|$)|$))"
)


def _np_patterns(appos: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    pronoun = re.compile(rf"(?P<pron>(?i:he|she|they|it)){_NOT_IN_WORD_AFTER}")
    named = re.compile(
        rf"(?P<det>(?:the|The)[ \t]+)?(?P<pre>{_PRE}{{0,6}}?)(?P<name>{_NAME})"
        rf"(?:[ \t]*,[ \t]*(?P<appos>{appos}))?{_NOT_IN_WORD_AFTER}"
    )
    descriptor = re.compile(
        rf"(?P<det>(?i:the|a|an|his|her|its|their)[ \t]+)?(?P<pre>{_PRE}{{0,5}}?)"
        rf"(?P<head>(?i:{_alternation(ROLE_NOUNS)})){_NOT_IN_WORD_AFTER}"
        rf"(?P<pp>[ \t]+(?:for|at|of|from|with|close[ \t]+to)[ \t]+(?:the[ \t]+)?{_W}+(?:[ \t]+{_W}+){{0,3}}?)?"
        rf"(?:[ \t]*,[ \t]*(?P<appos>{appos}))?{_NOT_IN_WORD_AFTER}"
    )
    return pronoun, named, descriptor


NP_FULL = _np_patterns(_APPOS_FULL)
NP_PREFIX = _np_patterns(_APPOS_PREFIX)
NAME_SEQ = re.compile(_NAME)

VERB_FORMS = {form: lemma for lemma, forms in REPORTING_VERBS.items() for form in forms}
VERB = re.compile(rf"{_NOT_IN_WORD_BEFORE}(?:{_alternation(VERB_FORMS)}){_NOT_IN_WORD_AFTER}")
ACCORDING = re.compile(r"(?<![\w\-])[Aa]ccording[ \t]+to(?![\w\-])")
THAT = re.compile(rf"(?P<gap>(?:[ \t,]+(?!that\b){_W}+){{0,6}}?)[ \t,]+that{_NOT_IN_WORD_AFTER}")
LINKING_TAIL = re.compile(
    rf"(?:[ \t,]+(?:(?:{_alternation(LINKING)})|[a-z]+ly|on[ \t]+{_UPPER}[a-z]+day))*[ \t,]*\Z"
)
LEADING_JUNK = re.compile(r"[\s,;:\-—–”’\"»)]*(?:(?:and|but|so|yet|while|And|But|So|Yet|While)\s+)?")
#: Time and manner phrases between a verb and its that-less clause ("said on Friday the …").
CLAUSE_LEAD = re.compile(
    rf"(?:[ \t,]+(?:(?:on|last|this|next)[ \t]+{_UPPER}[a-z]+|yesterday|today|tonight|earlier|later|again"
    rf"|(?:last|this)[ \t]+(?:week|month|year)|in[ \t]+an?[ \t]+(?:statement|interview|speech|post)))*[ \t,]*"
)
HEADLINE = re.compile(r"[ \t]*(?P<np>[^:\n]{1,60}?)[ \t]*:[ \t]*")
NP_STOP = re.compile(r"[,;:!?“”\"«»()\[\]\n.]")
WORD = re.compile(r"[^\W_]")
NON_SPACE = re.compile(r"\S+")
MARK = re.compile("[\"“”«»‘’]")
#: Double quotation marks, straight or curly: what ``inside_double_quotes`` counts.
DOUBLE_QUOTES = re.compile(r"[\"“”]")


def inside_double_quotes(text: str, position: int, since: int = 0) -> bool:
    """Whether ``text[position]`` stands inside double quotation marks opened after ``since``:
    an odd number of them in ``text[since:position]`` (the target and role features' rule; it
    does not pair marks as ``direct_quotations`` does, and so never fails on an unpaired one)."""
    return len(DOUBLE_QUOTES.findall(text, since, position)) % 2 == 1

DOUBLE_OPENERS = "“«\""
OPENING_CONTEXT = frozenset("([{/—–-:")
SENTENCE_STOPS = ".!?…"
