"""What the target-sentiment model sees of one target: named, mostly binary features.

Every feature is computed from the sentence and the target's offsets with the kit's own pieces
(``analysis.lexicon.match.pieces``, no NLTK), so training and scoring read text the same way:

- ``bias``: always 1.
- ``l:<word>`` / ``r:<word>``: the ``SIDE_WORDS`` word pieces left / right of the target
  (lower case; a word after a negator carries ``not_``: ``r:not_support``).
- ``c:<word>``: the other words of the clause around the target (``target_window``), negation
  marked the same way.
- ``s:<word>``: the words of the whole sentence outside that clause.
- ``g:<word> <word>``: the word bigrams of the ``GRAM_WORDS`` words on each side of the target
  inside its clause, the target itself read as one ``<target>`` token, negation marked
  (``g:<target> started``, ``g:started his``, ``g:by <target>``): the words next to the target
  in their order, which the bag of clause words cannot tell apart from words further away.
- ``vader+`` / ``vader-`` and ``tb+`` / ``tb-``: the positive and negative parts of VADER's
  compound and TextBlob's polarity of the clause; ``svader+`` / ``svader-``: VADER on the sentence.
- ``lex:<category>``: loaded-language lexicon hits (``analysis.load_lexicon``) in the clause,
  ``lex_neg`` when such a hit is negated.
- ``cue:<feature>``: the narrative-role cues around the target and its position, by the role
  module's rules (``analysis.measures.roles.features.mention_cues``: ``cue:harm_agent`` when the
  target does a harm verb's act, ``cue:harm_patient`` when it suffers it, ``cue:villain_near``
  for a villain cue such as "invasion" within a few words, ``cue:possessive``, ``cue:speaker``, …).
- ``vw<side><sign>``: VADER's word valences (``vwl+``, ``vwl-`` left of the target, ``vwr+``,
  ``vwr-`` right of it) anywhere in the sentence, each |valence|/4 weighted by 1/(1 + the number
  of word pieces between it and the target): near words weigh most.
- ``role:subject`` / ``role:object`` / ``role:agent`` / ``role:possessor``: where the target
  sits in its clause (cheap heuristics: first noun phrase of the clause, after a verb-like
  word, after "by", followed by 's); ``quoted``: the target stands inside quotation marks;
  ``sentence_quote``: the sentence holds a quotation mark.
"""

from __future__ import annotations

import re

from analysis.measures.loaded_language import negated, negated_at
from analysis.lexicon import Lexicon
from analysis.lexicon.match import cut, pieces
from analysis.measures.quotes import DOUBLE_QUOTES, inside_double_quotes
from analysis.measures.sentiment import score_sentence
from analysis.measures.vader import vader as _vader

#: Word pieces taken on each side of the target (``l:`` / ``r:`` features).
SIDE_WORDS = 4
#: Words taken on each side of the target, inside its clause, for the ``g:`` bigrams.
GRAM_WORDS = 2

_CLAUSE = re.compile(r"[,;:()\u2014\u2013\"“”]|\s-\s|\s(?:since|because|although|though|whereas|unless)\s")
#: Words that may open a clause before its subject noun phrase.
_OPENERS = frozenset("the a an and but or so while when as if because although though then "
                     "yet after before since mr mrs ms dr president sen rep gov".split())
_PREPOSITIONS = frozenset("of to for with from against about on in at into over under than like "
                          "toward towards between among".split())


def target_window(text: str, start: int, end: int) -> str:
    """The clause around a target: from the last clause mark before it to the first after it
    (punctuation, a spaced dash, or a subordinating conjunction: "since", "because", ...)."""
    left, right = window_bounds(text, start, end)
    return text[left:right]


def window_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(left, right)`` offsets of ``target_window`` in ``text``."""
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return left, right


def _negated_words(norms: list[str]) -> list[str]:
    """Each piece's word, prefixed ``not_`` when it is negated (the lexicon's negation rule,
    ``analysis.measures.loaded_language.negated_at``)."""
    return [("not_" if negated_at(norms, i) else "") + w for i, w in enumerate(norms)]


def target_features(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[dict[str, float], tuple[int, int]]:
    """The features of the target ``text[start:end]`` and the bounds of its clause."""
    left, right = window_bounds(text, start, end)
    ps = pieces(text)
    words = _negated_words([p.norm for p in ps])
    feats: dict[str, float] = {"bias": 1.0}
    before = [i for i, p in enumerate(ps) if p.end <= start]
    after = [i for i, p in enumerate(ps) if p.start >= end]
    for i in before[-SIDE_WORDS:]:
        feats["l:" + words[i]] = 1.0
    for i in after[:SIDE_WORDS]:
        feats["r:" + words[i]] = 1.0
    gram = ([words[i] for i in before if ps[i].start >= left][-GRAM_WORDS:] + ["<target>"]
            + [words[i] for i in after if ps[i].end <= right][:GRAM_WORDS])
    for a, b in zip(gram, gram[1:]):
        feats["g:" + a + " " + b] = 1.0
    for i, p in enumerate(ps):
        if start <= p.start < end or end > p.end > start:
            continue  # the target's own words say who, not how
        prefix = "c:" if left <= p.start and p.end <= right else "s:"
        feats[prefix + words[i]] = 1.0

    window = text[left:right]
    polarity, _, compound, _ = score_sentence(window)
    sentence_compound = float(_vader().polarity_scores(text)["compound"])
    for name, value in (("vader", compound), ("tb", polarity), ("svader", sentence_compound)):
        if value > 0:
            feats[name + "+"] = value
        elif value < 0:
            feats[name + "-"] = -value

    entries = lexicon.entries
    # the clause's pieces: no piece crosses its bounds, which are clause marks
    hits = [m for m in lexicon.matcher.find_in_pieces(text, cut(text, left, right)) if entries["loaded"].iat[m.entry]]
    for m, neg in zip(hits, negated(text, hits, left, right)):  # the loaded-language hits' own negation
        if neg:
            feats["lex_neg"] = 1.0
        else:
            key = "lex:" + entries["category"].iat[m.entry]
            feats[key] = feats.get(key, 0.0) + float(entries["weight"].iat[m.entry])

    feats.update({"cue:" + name: value for name, value in _mention_cues(text, start, end).items()})
    valences = _vader().lexicon
    first, last = (before[-1] + 1 if before else 0), (after[0] - 1 if after else len(ps) - 1)
    for i, p in enumerate(ps):
        valence = valences.get(p.norm) if i < first or i > last else None
        if valence:
            key = ("vwl" if i < first else "vwr") + ("+" if valence > 0 else "-")
            feats[key] = feats.get(key, 0.0) + abs(valence) / 4 / (1 + (first - 1 - i if i < first else i - last - 1))

    feats.update({f"role:{r}": 1.0 for r in _roles(text, ps, before, end, left)})
    if inside_double_quotes(text, start):
        feats["quoted"] = 1.0
    if DOUBLE_QUOTES.search(text):
        feats["sentence_quote"] = 1.0
    return feats, (left, right)


def _mention_cues(text: str, start: int, end: int) -> dict[str, float]:
    # imported here: the role module reads this one's features (its toward_* features)
    from analysis.measures.roles.features import mention_cues

    return mention_cues(text, start, end)


def _roles(text: str, ps, before: list[int], end: int, left: int) -> list[str]:
    roles = []
    in_clause = [i for i in before if ps[i].start >= left]
    if all(ps[i].norm in _OPENERS or text[ps[i].start].isupper() for i in in_clause):
        roles.append("subject")  # nothing but openers and names before it in its clause
    if in_clause:
        prev = ps[in_clause[-1]].norm
        if prev == "by":
            roles.append("agent")
        elif prev in _PREPOSITIONS:
            roles.append("prep_object")
        elif not text[ps[in_clause[-1]].start].isupper() and (prev.endswith("ed") or prev.endswith("s")):
            roles.append("object")  # after a verb-looking word ("attacked", "blames")
    if text[end:end + 2] in ("'s", "\u2019s") or text[end:end + 1] in ("'", "\u2019"):
        roles.append("possessor")
    return roles
