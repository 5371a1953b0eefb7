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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pandas as pd

from .article import Article
from .text.segment import ABBREVIATIONS, TOKEN, split_sentences

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

# --------------------------------------------------------------------------- vocabulary

#: Reporting verbs: lemma → the forms matched (lower case, whole words). Neutral verbs first,
#: then loaded ones that colour the speech they report. "-ing" forms are left out ("a
#: statement saying …" rarely introduces a quote of its own).
REPORTING_VERBS: dict[str, tuple[str, ...]] = {
    # neutral
    "say": ("say", "says", "said"),
    "tell": ("tell", "tells", "told"),
    "add": ("add", "adds", "added"),
    "state": ("state", "states", "stated"),
    "note": ("note", "notes", "noted"),
    "explain": ("explain", "explains", "explained"),
    "write": ("write", "writes", "wrote", "written"),
    "announce": ("announce", "announces", "announced"),
    "ask": ("ask", "asks", "asked"),
    "reply": ("reply", "replies", "replied"),
    "respond": ("respond", "responds", "responded"),
    "answer": ("answer", "answers", "answered"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "report": ("report", "reports", "reported"),
    "comment": ("comment", "comments", "commented"),
    "continue": ("continue", "continues", "continued"),
    "recall": ("recall", "recalls", "recalled"),
    "observe": ("observe", "observes", "observed"),
    "remark": ("remark", "remarks", "remarked"),
    "mention": ("mention", "mentions", "mentioned"),
    "point out": ("point out", "points out", "pointed out"),
    "declare": ("declare", "declares", "declared"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "tweet": ("tweet", "tweets", "tweeted"),
    "testify": ("testify", "testifies", "testified"),
    "conclude": ("conclude", "concludes", "concluded"),
    "suggest": ("suggest", "suggests", "suggested"),
    "predict": ("predict", "predicts", "predicted"),
    "promise": ("promise", "promises", "promised"),
    "pledge": ("pledge", "pledges", "pledged"),
    "urge": ("urge", "urges", "urged"),
    # loaded: the verb itself judges the speaker or the speech
    "claim": ("claim", "claims", "claimed"),
    "insist": ("insist", "insists", "insisted"),
    "admit": ("admit", "admits", "admitted"),
    "concede": ("concede", "concedes", "conceded"),
    "warn": ("warn", "warns", "warned"),
    "argue": ("argue", "argues", "argued"),
    "allege": ("allege", "alleges", "alleged"),
    "assert": ("assert", "asserts", "asserted"),
    "contend": ("contend", "contends", "contended"),
    "maintain": ("maintain", "maintains", "maintained"),
    "deny": ("deny", "denies", "denied"),
    "vow": ("vow", "vows", "vowed"),
    "boast": ("boast", "boasts", "boasted"),
    "brag": ("brag", "brags", "bragged"),
    "complain": ("complain", "complains", "complained"),
    "lament": ("lament", "laments", "lamented"),
    "stress": ("stress", "stresses", "stressed"),
    "emphasise": ("emphasise", "emphasises", "emphasised", "emphasize", "emphasizes", "emphasized"),
    "reiterate": ("reiterate", "reiterates", "reiterated"),
    "caution": ("caution", "cautions", "cautioned"),
    "threaten": ("threaten", "threatens", "threatened"),
    "demand": ("demand", "demands", "demanded"),
    "slam": ("slam", "slams", "slammed"),
    "blast": ("blast", "blasts", "blasted"),
    "charge": ("charge", "charges", "charged"),
    "retort": ("retort", "retorts", "retorted"),
    "counter": ("counter", "counters", "countered"),
    "scoff": ("scoff", "scoffs", "scoffed"),
    "quip": ("quip", "quips", "quipped"),
    "joke": ("joke", "jokes", "joked"),
    "snap": ("snap", "snaps", "snapped"),
    "fume": ("fume", "fumes", "fumed"),
    "shout": ("shout", "shouts", "shouted"),
    "exclaim": ("exclaim", "exclaims", "exclaimed"),
}
#: Verbs whose reported clause may come without "that" ("Smith said the bill would pass"). Any
#: other verb needs the "that", possibly after an addressee ("told reporters that …").
ZERO_THAT_VERBS = frozenset({"say", "claim", "insist", "argue", "add", "state", "admit", "concede", "stress", "predict"})

#: Scare quotes: at most this many words, and no reporting verb within this many words.
SCARE_MAX_WORDS = 4
SCARE_VERB_WINDOW = 6
#: How far after a closing mark the attribution is looked for (characters), and how many
#: reporting verbs in that stretch are tried ("state media reported": "state" is no verb here).
_TAIL_CHARS = 200
_TAIL_VERBS = 3
#: Longest speaker phrase considered before a verb, and longest "X said." tail (characters).
_SUBJECT_CHARS = 160
_SHORT_TAIL_CHARS = 120

#: Words allowed between a speaker and the verb ("Ushakov also stated", "he has repeatedly said");
#: any lower-case word ending in "-ly" is allowed too.
_LINKING = (
    "also later then further again previously earlier once recently reportedly publicly repeatedly "
    "has have had was were is are would will did does do not never just already often first last "
    "yesterday today tonight"
).split()
#: Words that may follow a reporting verb before "that" only if they are not these (which
#: start a clause of their own: "said it was clear that …").
_NOT_BEFORE_THAT = frozenset("it he she they we i there is was were are will would has have had can could".split())
#: Finite-clause markers for reported speech without "that".
_AUXILIARIES = frozenset(
    """will would shall should can could may might must is are was were has have had do does did
    be been won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't haven't hadn't don't
    doesn't didn't""".split()
)
#: Words that cannot open such a clause (prepositions: "said on Friday …", "added in May").
_CLAUSE_BLOCKERS = frozenset(
    """on in at by for with to from during after before about over under into of as than so
    that""".split()
)

#: Titles stripped from the front of a person's name into the role (lower case, no dots).
TITLES = frozenset(
    """president vice prime minister foreign secretary senator sen rep representative congressman
    congresswoman gov governor mayor chancellor premier king queen prince princess emperor pope
    cardinal archbishop bishop rabbi imam judge justice ambassador envoy general gen colonel col
    lieutenant lt sergeant sgt captain capt admiral adm major maj commander cmdr marshal mr mrs ms
    miss mx dr prof professor sir dame lord lady rev reverend chairman chairwoman chairperson chair
    ceo cfo coo cto founder director chief deputy spokesman spokeswoman spokesperson leader
    commissioner coach speaker attorney defense defence interior finance home trade health economy
    state treasury former acting interim first senior assistant undersecretary sheikh""".split()
)
#: Courtesy titles: stripped from names but not a role.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx"})
#: A name with one of these words (lower case, possessive removed) is an organisation.
ORG_WORDS = frozenset(
    """ministry kremlin government department agency office council committee commission party
    parliament senate congress house court army navy police union association institute foundation
    university college company corporation corp inc ltd llc plc group bank fund organization
    organisation embassy administration cabinet bureau service authority authorities news times post
    journal press network media daily center centre church federation league alliance pentagon duma
    assembly board club coalition movement front tass reuters xinhua nato""".split()
)
#: Head nouns of a bare descriptor ("a senior official", "the ministry"), singular and plural.
ROLE_NOUNS = frozenset(
    """spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople spokespersons official
    officials minister ministers president presidents leader leaders advisor advisors adviser advisers
    aide aides analyst analysts expert experts source sources diplomat diplomats lawmaker lawmakers
    senator senators governor governors mayor secretary ambassador envoy chancellor premier general
    commander officer officers executive executives chairman chairwoman director directors head chief
    resident residents witness witnesses observer observers critic critics negotiator negotiators
    prosecutor prosecutors lawyer lawyers attorney attorneys judge investigator investigators economist
    economists researcher researchers scientist scientists activist activists protester protesters
    campaigner campaigners supporter supporters opponent opponents representative representatives
    authorities police ministry government department agency company firm embassy office
    administration military army council committee commission party parliament court statement
    report reports media newspaper outlet broadcaster television""".split()
)
#: Descriptor heads that name an organisation ("the ministry said" → the ministry speaks).
ORG_HEADS = frozenset(
    """authorities police ministry government department agency company firm embassy office
    administration military army council committee commission party parliament court media
    newspaper outlet broadcaster television""".split()
)
#: Capitalised words that do not start a name (sentence openers, days, months).
_STOP_CAPS = (
    "The A An According In On At By For From To With Without Of And But Or So Yet If When While "
    "Where As After Before Since Until Although Though Because However Meanwhile Also Then Now "
    "Later Earlier Still This That These Those There Here It He She They We I You His Her Its Their "
    "Our My Your What Why How Who Which Speaking Asked Last Next Yesterday Today Tomorrow Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March July September "
    "October November December"
).split()
#: Words that cannot be part of a descriptor in front of a name.
_FUNCTION_WORDS = (
    "from in on at by with to and or but that which who whom whose when where if is was were are be "
    "been being will would has have had not this these those it he she they we i you said says told "
    "also then than as after before while because since although"
).split()
#: Name particles ("Ministry of Foreign Affairs", "Ursula von der Leyen").
_CONNECTORS = "of for de da di del della van von der den bin ibn al la le du dos das".split()
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "org"}

# --------------------------------------------------------------------------- regular expressions


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
    rf"{_NOT_IN_WORD_BEFORE}(?={_UPPER})(?!(?:{_alternation(_STOP_CAPS)}){_NOT_IN_WORD_AFTER}){_CAP}"
    rf"(?:[ \t]+(?:(?:{_alternation(_CONNECTORS)})[ \t]+)?{_CAP}){{0,5}}"
)
_PRE = rf"(?:(?!(?i:{_alternation(_FUNCTION_WORDS)}){_NOT_IN_WORD_AFTER}){_W}+[ \t]+)"
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


_NP_FULL = _np_patterns(_APPOS_FULL)
_NP_PREFIX = _np_patterns(_APPOS_PREFIX)
_NAME_SEQ = re.compile(_NAME)

_VERB_FORMS = {form: lemma for lemma, forms in REPORTING_VERBS.items() for form in forms}
_VERB = re.compile(rf"{_NOT_IN_WORD_BEFORE}(?:{_alternation(_VERB_FORMS)}){_NOT_IN_WORD_AFTER}")
_ACCORDING = re.compile(r"(?<![\w\-])[Aa]ccording[ \t]+to(?![\w\-])")
_THAT = re.compile(rf"(?P<gap>(?:[ \t,]+(?!that\b){_W}+){{0,6}}?)[ \t,]+that{_NOT_IN_WORD_AFTER}")
_LINKING_TAIL = re.compile(
    rf"(?:[ \t,]+(?:(?:{_alternation(_LINKING)})|[a-z]+ly|on[ \t]+{_UPPER}[a-z]+day))*[ \t,]*\Z"
)
_LEADING_JUNK = re.compile(r"[\s,;:\-—–”’\"»)]*(?:(?:and|but|so|yet|while|And|But|So|Yet|While)\s+)?")
#: Time and manner phrases between a verb and its that-less clause ("said on Friday the …").
_CLAUSE_LEAD = re.compile(
    rf"(?:[ \t,]+(?:(?:on|last|this|next)[ \t]+{_UPPER}[a-z]+|yesterday|today|tonight|earlier|later|again"
    rf"|(?:last|this)[ \t]+(?:week|month|year)|in[ \t]+an?[ \t]+(?:statement|interview|speech|post)))*[ \t,]*"
)
_HEADLINE = re.compile(r"[ \t]*(?P<np>[^:\n]{1,60}?)[ \t]*:[ \t]*")
_NP_STOP = re.compile(r"[,;:!?“”\"«»()\[\]\n.]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"[^\W_]")
_MARK = re.compile("[\"“”«»‘’]")

_DOUBLE_OPENERS = "“«\""
_OPENING_CONTEXT = frozenset("([{/—–-:")
_SENTENCE_STOPS = ".!?…"

# --------------------------------------------------------------------------- data


class _Quote(NamedTuple):
    start: int
    end: int
    closed: bool


class _Paragraph(NamedTuple):
    start: int
    end: int
    part: str


@dataclass(frozen=True)
class _Mention:
    """A speaker as written: ``name`` without titles, the pronoun, or the descriptor."""

    kind: str  # person | org | pronoun | descriptor
    start: int
    end: int
    name: str
    role: str | None = None
    definite: bool = False  # a descriptor with "the"


@dataclass(frozen=True)
class _Attribution:
    cue: str  # after | before | according_to
    mention: _Mention | None
    verb: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None


@dataclass
class _Row:
    kind: str  # direct | reported
    start: int
    end: int
    chars: int
    part: str
    attribution: _Attribution | None = None
    continues: bool = False  # the second half of an interrupted quote
    scare: bool = False
    anchor_end: int = 0  # end of the sentence that holds the row and its attribution
    cue: str = "none"
    speaker: str | None = None
    role: str | None = None


class _Sentences:
    """Sentence spans (sorted) with a position → sentence lookup."""

    def __init__(self, ids, starts, ends, parts, paragraphs):
        order = sorted(range(len(starts)), key=lambda i: starts[i])
        self.ids = [int(ids[i]) for i in order]
        self.starts = [int(starts[i]) for i in order]
        self.ends = [int(ends[i]) for i in order]
        self.parts = [str(parts[i]) for i in order]
        self.paragraphs = [int(paragraphs[i]) for i in order]

    @classmethod
    def of(cls, article: Article, frame) -> "_Sentences":
        """From the sentences table, its rows as tuples (``SENTENCE_COLUMNS`` order), or None."""
        if frame is None:
            spans = split_sentences(article.masked, article.parts)
            return cls(range(len(spans)), [s.start for s in spans], [s.end for s in spans],
                       [s.part for s in spans], [s.paragraph for s in spans])
        if isinstance(frame, pd.DataFrame):
            return cls(frame["sentence_id"].tolist(), frame["start"].tolist(), frame["end"].tolist(),
                       frame["part"].tolist(), frame["paragraph"].tolist())
        return cls([r[1] for r in frame], [r[2] for r in frame], [r[3] for r in frame],
                   [r[4] for r in frame], [r[5] for r in frame])

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def paragraph_spans(self) -> list[_Paragraph]:
        out: list[_Paragraph] = []
        key = None
        for start, end, part, para in zip(self.starts, self.ends, self.parts, self.paragraphs):
            if (part, para) == key:
                out[-1] = _Paragraph(out[-1].start, end, part)
            else:
                out.append(_Paragraph(start, end, part))
                key = (part, para)
        return out


class _QuoteSpans:
    """The direct quotes (sorted, non-overlapping) for inside / previous-quote lookups."""

    def __init__(self, found: list[_Quote]):
        self.starts = [q.start for q in found]
        self.ends = [q.end for q in found]

    def inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def end_before(self, pos: int, floor: int) -> int:
        """End of the last quote ending at or before ``pos`` (``floor`` if it ends before that)."""
        i = bisect_right(self.starts, pos) - 1
        while i >= 0 and self.ends[i] > pos:
            i -= 1
        return max(self.ends[i], floor) if i >= 0 else floor


# --------------------------------------------------------------------------- public


def quotes(article: Article, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per direct or reported quotation, in text order (columns ``QUOTE_COLUMNS``).

    ``kind`` (direct | reported); ``start``/``end`` into ``article.text`` (direct: with the
    quotation marks; reported: the reported content) and ``text`` verbatim; ``speaker``
    (canonical name), ``speaker_role``, ``speaker_start``/``speaker_end`` (the mention as
    written); ``verb`` (lemma, or "according to") with ``verb_start``/``verb_end``; ``cue``
    (after | before | according_to | continuation | pronoun | none); ``sentence_id`` and
    ``sentence_end_id`` (first and last sentence touched); ``chars`` (quoted characters, inside
    the marks for direct quotes); ``share`` (``chars`` over the body's characters);
    ``scare_quote``. See the module docstring for the rules.
    """
    return quote_frame(quote_rows(article, sentences))


def quote_rows(article: Article, sentences=None) -> list[tuple]:
    """``quotes`` as plain rows in ``QUOTE_COLUMNS`` order; ``sentences`` is the sentences
    table, its rows as tuples (``SENTENCE_COLUMNS`` order), or None."""
    masked = article.masked
    sents = _Sentences.of(article, sentences)
    if not len(sents):
        return []
    direct = _find_direct_quotes(masked, sents.paragraph_spans())
    spans = _QuoteSpans(direct)
    direct_rows = _direct_rows(masked, direct, sents, spans)
    reported_rows = _reported_rows(masked, sents, spans, direct_rows)
    rows = sorted(direct_rows + reported_rows, key=lambda r: (r.start, -r.end))
    for row in rows:
        row.anchor_end = _anchor_end(row, sents)
    _resolve_speakers(masked, rows, _NameIndex(masked))
    return _rows(article, rows, sents)


# --------------------------------------------------------------------------- direct quotes


def _opening_context(masked: str, i: int, floor: int) -> bool:
    return i <= floor or masked[i - 1].isspace() or masked[i - 1] in _OPENING_CONTEXT


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


def _rstrip_to(masked: str, start: int, end: int) -> int:
    while end > start and masked[end - 1].isspace():
        end -= 1
    return end


def _find_direct_quotes(masked: str, paragraphs: list[_Paragraph]) -> list[_Quote]:
    found: list[_Quote] = []
    open_start: int | None = None
    open_family: str | None = None

    def emit(end: int, closed: bool) -> None:
        if end - open_start > (2 if closed else 1):
            found.append(_Quote(open_start, end, closed))

    for k, para in enumerate(paragraphs):
        reopened_at = para.start if open_start is not None else -1
        for m in _MARK.finditer(masked, para.start, para.end):
            i = m.start()
            if i == reopened_at:
                continue  # the repeated opening mark of a multi-paragraph quote
            action = _mark_action(masked, i, para.start, open_family)
            if action is None:
                continue
            what, family = action
            if what == "open":
                if open_start is not None:
                    emit(_rstrip_to(masked, open_start, i), False)
                open_start, open_family = i, family
            else:
                emit(i + 1, True)
                open_start = open_family = None
        if open_start is None:
            continue
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        opener = "‘" if open_family == "single" else _DOUBLE_OPENERS
        if nxt is not None and nxt.part == para.part and masked[nxt.start] in opener:
            continue  # the quote runs on into the next paragraph
        emit(para.end, False)
        open_start = open_family = None
    return found


def _direct_rows(masked: str, found: list[_Quote], sents: _Sentences, spans: _QuoteSpans) -> list[_Row]:
    rows: list[_Row] = []
    para_spans = sents.paragraph_spans()
    para_starts = [p.start for p in para_spans]
    according = [m for m in _ACCORDING.finditer(masked) if not spans.inside(m.start())]
    according_starts = [m.start() for m in according]
    for k, q in enumerate(found):
        content_start, content_end = q.start + 1, (q.end - 1 if q.closed else q.end)
        para = para_spans[max(bisect_right(para_starts, q.end - 1) - 1, 0)]
        limit = min(para.end, found[k + 1].start if k + 1 < len(found) else len(masked), q.end + _TAIL_CHARS)
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
        words = sum(1 for _ in TOKEN.finditer(masked, content_start, content_end))
        rows.append(_Row(
            kind="direct", start=q.start, end=q.end, chars=content_end - content_start,
            part=sents.parts[sents.index(q.start)], attribution=attribution, continues=continues,
            scare=words <= SCARE_MAX_WORDS and not continues and _embedded(masked, q, sents)
            and not _verb_near(masked, q, attribution),
        ))
    return rows


def _embedded(masked: str, q: _Quote, sents: _Sentences) -> bool:
    """Does the quote share its sentence(s) with other words?"""
    first, last = sents.index(q.start), sents.index(q.end - 1)
    return bool(_WORD.search(masked, sents.starts[first], q.start) or _WORD.search(masked, q.end, max(sents.ends[last], q.end)))


def _verb_near(masked: str, q: _Quote, attribution: _Attribution | None) -> bool:
    if attribution is not None and attribution.cue == "according_to":  # “…,” according to X
        return attribution.verb_start >= q.end and not _WORD.search(masked, q.end, attribution.verb_start)
    if attribution is None or attribution.cue not in ("after", "before"):
        return False
    if attribution.cue == "after" or attribution.verb_end is None or attribution.verb_end > q.start:
        return True
    return sum(1 for _ in TOKEN.finditer(masked, attribution.verb_end, q.start)) <= SCARE_VERB_WINDOW


def _after_cue(masked: str, q: _Quote, limit: int) -> _Attribution | None:
    """“…,” X said / “…,” said X, right after the closing mark."""
    if not q.closed:
        return None
    content = masked[q.start + 1:q.end - 1].rstrip()
    follower = masked[q.end:limit].lstrip(" \t,")
    if content.endswith(".") and not follower[:1].islower():
        return None  # “… signed.” The Kremlin also announced … is a new sentence
    for n, verb in enumerate(_VERB.finditer(masked, q.end, limit)):
        if n == _TAIL_VERBS:
            break
        subject_end = _strip_linking(masked, q.end, verb.start())
        if not masked[q.end:subject_end].strip(" \t,—–-"):
            mention = _speaker_after_verb(masked, verb.end(), limit)
        else:
            mention = _parse_np(masked, q.end, subject_end)
        if mention is not None:
            return _Attribution("after", mention, _VERB_FORMS[verb.group()], verb.start(), verb.end())
    return None


def _lead_in(masked: str, q: _Quote, prev_end: int, sents: _Sentences) -> tuple[int, int]:
    """The stretch before the quote where its attribution may stand."""
    si = sents.index(q.start)
    lo = max(sents.starts[si], prev_end)
    if masked[lo:q.start].strip() or si == 0:
        return lo, q.start
    ps, pe = sents.starts[si - 1], sents.ends[si - 1]
    if sents.parts[si - 1] == sents.parts[si] and masked[ps:pe].rstrip().endswith(":") and prev_end <= pe:
        return max(ps, prev_end), pe  # Smith said:⏎“…”
    return lo, q.start


def _before_cue(masked: str, lo: int, hi: int) -> _Attribution | None:
    """X said “…” / X said: “…” / X said the plan was “…” / headline style X: “…”."""
    if hi <= lo:
        return None
    for verb in reversed(list(_VERB.finditer(masked, lo, hi))):
        found = _parse_subject(masked, lo, verb.start())
        if found is not None:
            return _Attribution("before", found[0], _VERB_FORMS[verb.group()], verb.start(), verb.end())
    headline = _HEADLINE.fullmatch(masked, lo, hi)
    if headline:
        mention = _parse_np(masked, headline.start("np"), headline.end("np"))
        if mention is not None and mention.kind in ("person", "org"):
            return _Attribution("before", mention)
    return None


def _according_cue(masked: str, q: _Quote, sents: _Sentences, according: list[re.Match], starts: list[int]) -> _Attribution | None:
    """The first "according to X" (outside quotes, ``starts`` its offsets) in the quote's sentence(s)."""
    lo, hi = sents.starts[sents.index(q.start)], max(sents.ends[sents.index(q.end - 1)], q.end)
    i = bisect_right(starts, lo - 1)
    if i < len(according) and starts[i] < hi:
        return _according_attribution(masked, according[i], hi)[0]
    return None


def _according_attribution(masked: str, m: re.Match, limit: int) -> tuple[_Attribution, int]:
    """The attribution of an "according to X" and where X ends (at punctuation, or where a
    clause starts right after it: "According to the ministry the talks will resume")."""
    np_start = m.end()
    np_end = _np_boundary(masked, np_start, limit)
    mention = _parse_np(masked, np_start, np_end)
    if mention is None:
        mention = _parse_np(masked, np_start, np_end, prefix=True)
        if mention is not None and _looks_like_clause(masked, mention.end, np_end):
            np_end = mention.end
    return _Attribution("according_to", mention, "according to", m.start(), m.end()), np_end


# --------------------------------------------------------------------------- reported speech


def _reported_rows(masked: str, sents: _Sentences, spans: _QuoteSpans, direct_rows: list[_Row]) -> list[_Row]:
    rows: list[_Row] = []
    direct_starts = [r.start for r in direct_rows]
    for i in range(len(sents)):
        s, e = sents.starts[i], sents.ends[i]
        cues = sorted(list(_ACCORDING.finditer(masked, s, e)) + list(_VERB.finditer(masked, s, e)), key=lambda m: m.start())
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
    return sum(1 for _ in TOKEN.finditer(masked, pos, end)) <= max_words and not _VERB.search(masked, pos, end)


def _looks_like_clause(masked: str, pos: int, end: int) -> bool:
    """Does a finite clause start at ``pos`` (no preposition first, an auxiliary soon after)?"""
    words = [w.group().replace("’", "'") for w in TOKEN.finditer(masked, pos, min(end, pos + 120))][:8]
    if not words or words[0].lower() in _CLAUSE_BLOCKERS or masked[pos:end].lstrip()[:1] in ":“«\"‘":
        return False
    return any(w in _AUXILIARIES for w in words[1:])  # lower case only: "in May" is no "may"


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


# --------------------------------------------------------------------------- noun phrases


def _strip_linking(masked: str, lo: int, hi: int) -> int:
    """End of the subject: drop "also", "has", "on Friday", … and commas before the verb."""
    m = _LINKING_TAIL.search(masked[lo:hi])
    return lo + m.start() if m else hi


def _parse_subject(masked: str, lo: int, verb_start: int) -> tuple[_Mention, int] | None:
    """The speaker right before a verb: the whole clause, else after its last comma/"and"."""
    window = max(lo, verb_start - _SUBJECT_CHARS)
    end = _strip_linking(masked, window, verb_start)
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
        mention = _parse_np(masked, start, end)
        if mention is not None:
            return mention, start
    return None


def _speaker_after_verb(masked: str, pos: int, limit: int) -> _Mention | None:
    """The speaker in "said X": not followed by a verb ("state media reported": "state" is a noun)."""
    mention = _parse_np(masked, pos, limit, prefix=True)
    if mention is None:
        return None
    after = mention.end
    while after < limit and masked[after] in " \t":
        after += 1
    return None if _VERB.match(masked, after, limit) else mention


def _np_boundary(masked: str, pos: int, limit: int) -> int:
    """Where a noun phrase after "according to" ends: punctuation, not an abbreviation's stop."""
    for m in _NP_STOP.finditer(masked, pos, limit):
        if m.group() == ".":
            word = _WORD_BEFORE.search(masked, pos, m.start())
            w = word.group(1).lower().rstrip(".") if word else ""
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        return m.start()
    return limit


def _parse_np(masked: str, lo: int, hi: int, prefix: bool = False) -> _Mention | None:
    """A speaker noun phrase filling ``masked[lo:hi]`` (or starting at ``lo`` when ``prefix``)."""
    lo = _LEADING_JUNK.match(masked, lo, hi).end()
    hi = _rstrip_to(masked, lo, hi)
    while hi > lo and masked[hi - 1] == ",":
        hi = _rstrip_to(masked, lo, hi - 1)
    if hi <= lo or (not prefix and hi - lo > _SUBJECT_CHARS):
        return None
    pronoun, named, descriptor = _NP_PREFIX if prefix else _NP_FULL
    for pattern, build in ((pronoun, _pronoun_mention), (named, _named_mention), (descriptor, _descriptor_mention)):
        m = pattern.match(masked, lo, hi) if prefix else pattern.fullmatch(masked, lo, hi)
        if m:
            mention = build(masked, m)
            if mention is not None:
                return mention
    return None


def _pronoun_mention(masked: str, m: re.Match) -> _Mention:
    return _Mention("pronoun", m.start(), m.end(), m.group("pron").lower())


def _key_word(word: str) -> str:
    word = word.replace("’", "'").lower()
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip(".'")


def _title_split(keys: list[str]) -> int:
    """Index of the first name token after any leading titles (0 when there are none)."""
    split = 0
    for i, key in enumerate(keys[:-1]):
        if key in TITLES:
            split = i + 1
    return split


def _named_mention(masked: str, m: re.Match) -> _Mention | None:
    tokens = [(t.start(), t.end()) for t in re.finditer(r"\S+", masked[m.start("name"):m.end("name")])]
    offset = m.start("name")
    tokens = [(a + offset, b + offset) for a, b in tokens]
    words = [masked[a:b] for a, b in tokens]
    keys = [_key_word(w) for w in words]
    split = _title_split(keys)
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
        return _Mention("org", start, m.end("name"), name, role or appos)
    name_start = tokens[split][0]
    role = masked[m.start():name_start].strip(" \t,")
    if role and all(_key_word(w) in HONORIFICS for w in role.split()):
        role = ""
    return _Mention("person", name_start, m.end("name"), masked[name_start:m.end("name")], role or appos)


def _clean_appositive(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip(" \t,")
    return text if text and not text[0].isdigit() else None


def _descriptor_mention(masked: str, m: re.Match) -> _Mention:
    end = m.end("pp") if m.group("pp") else m.end("head")
    text = masked[m.start():end]
    det = (m.group("det") or "").strip().lower()
    return _Mention("descriptor", m.start(), end, text, text, definite=det == "the")


# --------------------------------------------------------------------------- speakers


def _speaker_key(name: str) -> str:
    key = " ".join(name.replace("’", "'").lower().split())
    return key[4:] if key.startswith("the ") else key


def _role_head(role: str) -> str:
    head = _key_word(role.split()[-1]) if role.split() else ""
    return "spokesperson" if head.startswith("spokes") else head


class _NameIndex:
    """Multi-word person names in the text, by token, for resolving "Ushakov" → "Yuri Ushakov".

    A surname (last token) match beats a match on another token ("Xi" → "Xi Jinping" only if no
    name ends in "Xi"); among equals the last one before the mention wins, else the first after.
    """

    def __init__(self, masked: str):
        self._masked = masked

    @cached_property
    def _by_token(self) -> dict[str, dict[int, tuple[list[int], list[str]]]]:
        """token key → rank (0: last token, 1: other token) → (positions, full names), in text
        order; built on first use, since many articles never need a name resolved."""
        by_token: dict[str, dict[int, tuple[list[int], list[str]]]] = {}
        for m in _NAME_SEQ.finditer(self._masked):
            words = m.group().split()
            keys = [_key_word(w) for w in words]
            split = _title_split(keys)
            words, keys = words[split:], keys[split:]
            if len(words) < 2 or any(k in ORG_WORDS for k in keys):
                continue
            words[-1] = re.sub(r"['’]s$", "", words[-1])
            full = " ".join(words)
            for rank, key in [(0, keys[-1])] + [(1, k) for k in keys[:-1]]:
                positions, fulls = by_token.setdefault(key, {}).setdefault(rank, ([], []))
                positions.append(m.start())
                fulls.append(full)
        return by_token

    def full(self, token: str, pos: int) -> str | None:
        ranks = self._by_token.get(_key_word(token))
        if not ranks:
            return None
        positions, fulls = ranks[min(ranks)]
        i = bisect_right(positions, pos - 1) - 1
        return fulls[i] if i >= 0 else fulls[0]


class _Speakers:
    """Canonical speakers seen so far, in order, with their kinds and first roles."""

    def __init__(self, names: _NameIndex):
        self.names = names
        self.canonical: dict[str, str] = {}  # key → canonical name
        self.kind: dict[str, str] = {}  # canonical → person | org | unknown
        self.roles: dict[str, str] = {}  # canonical → first role given
        self.recent: dict[str, None] = {}  # distinct speakers, most recent last

    def resolve(self, mention: _Mention) -> str | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention.name)
        if mention.kind == "descriptor":
            return self._descriptor(mention)
        if mention.kind == "org":
            return self._org(mention.name)
        return self._person(mention)

    def note(self, speaker: str, role: str | None) -> None:
        self.recent.pop(speaker, None)
        self.recent[speaker] = None
        if role:
            self.roles.setdefault(speaker, role)

    def _register(self, name: str, kind: str) -> str:
        key = _speaker_key(name)
        if key not in self.canonical:
            self.canonical[key] = name
            self.kind[name] = kind
        return self.canonical[key]

    def _person(self, mention: _Mention) -> str:
        name = " ".join(mention.name.split())
        if " " not in name:
            full = self.names.full(name, mention.start)
            if full is None:
                return self._register(name, "unknown")
            name = full
        return self._register(name, "person")

    def _org(self, name: str) -> str:
        key = _speaker_key(name)
        if key not in self.canonical:
            for known_key, known in self.canonical.items():
                if self.kind[known] == "org" and known_key.endswith(" " + key):
                    return known
        return self._register(name, "org")

    def _descriptor(self, mention: _Mention) -> str | None:
        head = _role_head(mention.name)
        if head in ORG_HEADS:
            for known in reversed(self.recent):
                if self.kind.get(known) == "org" and _speaker_key(known).split()[-1] == head:
                    return known
            if mention.definite:  # "the ministry" speaks for itself
                return self._register(mention.name[0].lower() + mention.name[1:], "org")
            return None
        for known in reversed(self.recent):
            role = self.roles.get(known)
            if role and _role_head(role) == head:
                return known
        return None

    def _pronoun(self, pronoun: str) -> str | None:
        wanted = _PRONOUNS[pronoun]
        if wanted == "any":
            return next(reversed(self.recent), None)
        for kinds in ((wanted,), (wanted, "unknown"), ("person", "org", "unknown")):
            for known in reversed(self.recent):
                if self.kind.get(known) in kinds:
                    return known
        return None


def _anchor_end(row: _Row, sents: _Sentences) -> int:
    last = row.end
    if row.attribution is not None:
        last = max(last, row.attribution.verb_end or 0, row.attribution.mention.end if row.attribution.mention else 0)
    return max(sents.ends[sents.index(last - 1)], last)


def _resolve_speakers(masked: str, rows: list[_Row], names: _NameIndex) -> None:
    """Speakers in text order: mentions, pronouns and continuations; then roles filled in."""
    speakers = _Speakers(names)
    done: list[_Row] = []
    for row in rows:
        attribution = row.attribution
        if attribution is not None:
            row.cue = attribution.cue
            if attribution.mention is not None:
                mention = attribution.mention
                row.speaker = speakers.resolve(mention)
                row.role = mention.role
                if mention.kind == "descriptor" and row.speaker and _speaker_key(row.speaker) == _speaker_key(mention.name):
                    row.role = None  # "the ministry" is the speaker, not its role
                if mention.kind == "pronoun":
                    row.cue = "pronoun"
        elif row.kind == "direct":
            previous = _previous(done, row.start)
            if row.continues or (previous is not None and previous.speaker and _follows(masked, previous, row)):
                row.speaker, row.cue = (previous.speaker if previous else None), "continuation"
        if row.speaker:
            speakers.note(row.speaker, row.role)
        done.append(row)
    for row in rows:
        if row.speaker and not row.role:
            row.role = speakers.roles.get(row.speaker)


def _previous(done: list[_Row], start: int) -> _Row | None:
    for row in reversed(done):
        if row.end <= start:
            return row
    return None


def _follows(masked: str, previous: _Row, row: _Row) -> bool:
    """Nothing but white space and punctuation between the previous row's sentence and this one."""
    return previous.part == row.part and previous.anchor_end <= row.start and not _WORD.search(masked, previous.anchor_end, row.start)


# --------------------------------------------------------------------------- table


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
    columns = list(zip(*rows)) if rows else [()] * len(QUOTE_COLUMNS)
    # Column by column with the final dtypes: much faster than DataFrame(records).astype(...).
    return pd.DataFrame({name: _column(list(values), _DTYPES[name]) for name, values in zip(QUOTE_COLUMNS, columns)},
                        copy=False)


def _column(values: list, dtype: str):
    if dtype == "Int64":
        mask = np.array([v is None for v in values], dtype=bool)
        data = np.array([0 if v is None else v for v in values], dtype="int64")
        return pd.arrays.IntegerArray(data, mask)
    if dtype in ("int64", "float64", "bool"):
        return np.array(values, dtype=dtype)
    return pd.array(values, dtype=dtype)


__all__ = ["quotes", "quote_rows", "quote_frame", "QUOTE_COLUMNS", "REPORTING_VERBS", "SCARE_MAX_WORDS", "SCARE_VERB_WINDOW"]
