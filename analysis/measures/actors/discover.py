"""Finding the names in an article, typing them, and grouping the mentions into actors
(the rules: the package docstring)."""

from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from analysis.measures.actors.actor_map import ActorMap
from analysis.measures.actors.gazetteers import Gazetteers, actor_key
from analysis.measures.quotes import NAME_SEQ, NON_SPACE, TITLES, WORD, NameIndex, key_word

#: A sentence whose words are at least this share capitalised (and at least ``TITLE_CASE_WORDS``
#: long) is title case, like every ``title`` part: only names known from elsewhere are taken there.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_WORDS = 4
#: A candidate of more words than this with no cue is an organisation, not a person.
MAX_PERSON_WORDS = 4
#: A single word opening a sentence is an ordinary word when TextBlob's spelling list
#: (``textblob/en/en-spelling.txt``: word counts from public-domain books, Wiktionary and the
#: BNC, installed with TextBlob) counts its lower-case form at least this often.
COMMON_COUNT = 10
#: Titles in the plural, and other words stripped like the quote module's ``TITLES``.
MORE_TITLES = frozenset("justices senators sens reps representatives governors presidents ministers".split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    text = (resources.files("textblob.en") / "en-spelling.txt").read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";") and parts[1].isdigit() and int(parts[1]) >= COMMON_COUNT:
            words.add(parts[0])
    return frozenset(words)


class Candidate(NamedTuple):
    """A name as written: ``masked[start:end]`` (titles, "the" and a possessive left out)."""

    start: int
    end: int
    name: str
    keys: tuple[str, ...]
    sentence: int  # index into the sentences
    titled: bool  # a title stood before it ("President", "Mr.", "Sen.")
    initial: bool  # it opens its sentence
    org: bool  # it holds an organisation head word


class Mention(NamedTuple):
    start: int
    end: int
    sentence: int
    key: str  # the actor it belongs to (``actor_key`` of its canonical name)


def title_case(masked: str, starts: list[int]) -> bool:
    """Whether the words starting at ``starts`` are mostly capitalised."""
    if len(starts) < TITLE_CASE_WORDS:
        return False
    return sum(masked[i].isupper() for i in starts) >= TITLE_CASE_SHARE * len(starts)


def candidates(masked: str, sentence: int, s_start: int, s_end: int, gaz: Gazetteers) -> list[Candidate]:
    """Every name in one sentence: capitalised runs, split at a possessive (the possessor and,
    when the rest is an organisation, "China’s Foreign Ministry" as a whole too)."""
    out: list[Candidate] = []
    for m in NAME_SEQ.finditer(masked, s_start, s_end):
        tokens = [t.span() for t in NON_SPACE.finditer(masked, m.start(), m.end())]
        initial = WORD.search(masked, s_start, m.start()) is None
        groups, current = [], []
        for a, b in tokens:
            current.append((a, b))
            if masked[b - 2:b].lower() in ("'s", "’s") and (a, b) != tokens[-1]:
                groups.append(current)
                current = []
        groups.append(current)
        skip = -1
        for g, group in enumerate(groups):
            if g == skip:
                continue
            first = _cleaned(masked, group, sentence, initial and g == 0, gaz)
            if first is not None:
                out.append(first)
            if g + 1 < len(groups):
                whole = _cleaned(masked, group + groups[g + 1], sentence, False, gaz)
                rest = _cleaned(masked, groups[g + 1], sentence, False, gaz)
                if whole is not None and rest is not None and rest.org and first is not None:
                    out.append(whole)  # "China’s Foreign Ministry": the possessor, and the whole
                    skip = g + 1
    return out


def _cleaned(masked: str, tokens: list[tuple[int, int]], sentence: int, initial: bool, gaz: Gazetteers) -> Candidate | None:
    cut = len(tokens)
    for i, (a, b) in enumerate(tokens):  # "Obama-era", "Kremlin-backed": the name ends at the hyphen
        parts = masked[a:b].split("-")
        if len(parts) > 1 and any(p[:1].islower() for p in parts[1:]):
            tokens = tokens[:i] + [(a, a + len(parts[0]))]
            cut = i + 1
            break
    tokens = tokens[:cut]
    keys = [key_word(masked[a:b]) for a, b in tokens]
    org = any(k in gaz.org_heads for k in keys)
    lead, titled = 0, False
    while lead < len(keys) - (0 if not org else 1):
        k = keys[lead]
        # "I’m", "We'll", "They're": a contraction of a word that is no name is none either
        if k in gaz.not_names or k.split("'")[0] in gaz.not_names or (not org and (k in gaz.demonyms or k in TITLES or k in MORE_TITLES)):
            titled = titled or k in TITLES or k in MORE_TITLES
            lead += 1
        else:
            break
    tokens, keys = tokens[lead:], keys[lead:]
    if not tokens:
        return None
    if not org and "of" in keys[1:]:  # "Darrell Issa of California": the person, not the place
        i = keys.index("of", 1)
        if " ".join(keys[i + 1:]) in gaz.places:
            tokens, keys = tokens[:i], keys[:i]
    if len(keys) == 1 and (keys[0] in gaz.not_names or keys[0] in gaz.demonyms or len(keys[0]) < 2):
        return None
    if all(all(p.lower() in gaz.demonyms for p in masked[a:b].split("-")) for a, b in tokens):
        return None  # "Russian-Chinese"
    start, end = tokens[0][0], tokens[-1][1]
    last = masked[tokens[-1][0]:end]
    if last.lower().endswith(("'s", "’s")):  # "CHINA’S" too
        end -= 2
    elif last.endswith(("'", "’")):
        end -= 1
    name = " ".join(masked[start:end].split())
    return Candidate(start, end, name, tuple(keys), sentence, titled, initial and lead == 0, org)


class Typed(NamedTuple):
    key: str
    name: str  # the canonical name
    type: str


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Each word's part-of-speech tag in the Brill lexicon TextBlob ships (Pattern's
    ``en-lexicon.txt``, BSD): "thugs" → NNS, "angry" → JJ, "chicago" → NNP."""
    text = (resources.files("textblob.en") / "en-lexicon.txt").read_text(encoding="utf-8")
    return {parts[0].lower(): parts[1] for line in text.splitlines()
            if len(parts := line.split()) == 2 and not line.startswith(";")}


def description(c: Candidate, gaz: Gazetteers, actor_map: ActorMap | None) -> bool:
    """A capitalised run that describes rather than names: every word an English word that is
    no proper noun and no first name (``word_tags``), the last a plural common noun (NNS):
    "Thugs", "Angry Democrat Thugs"; unless it has an organisation head word or a title, or the
    gazetteers or the actor map know it. A name's last word is rarely a plural common noun; an
    organisation's usually comes with a head word ("Veterans Affairs Department") or is in the
    gazetteers ("United Nations")."""
    key = actor_key(c.name)
    if c.org or c.titled or key in gaz.organisations or key in gaz.places:
        return False
    if actor_map is not None and actor_map.canonical(c.name):
        return False
    tags = word_tags()
    return tags.get(c.keys[-1]) == "NNS" and all(
        k in tags and not tags[k].startswith("NNP") and k not in gaz.first_names for k in c.keys)


def type_of(c: Candidate, gaz: Gazetteers, actor_map: ActorMap | None) -> Typed | None:
    """The actor a multi-word or known candidate names; None for a single unknown word (a
    surname or an unknown name, resolved once the article's full names are known)."""
    key = actor_key(c.name)
    if actor_map is not None and actor_map.canonical(c.name):
        canonical = actor_map.canonical(c.name)
        return Typed(actor_key(canonical), canonical, actor_map.types.get(canonical, _guess(c, gaz)))
    if key in gaz.organisations:
        name = gaz.organisations[key]
        return Typed(actor_key(name), name, "organisation")
    if key in gaz.places:
        name = gaz.places[key]
        return Typed(actor_key(name), name, "place")
    if len(c.keys) == 1 and not c.org and not (c.name.isupper() and len(c.name) > 1):
        return None
    return Typed(key, c.name, _guess(c, gaz))


def _guess(c: Candidate, gaz: Gazetteers) -> str:
    if c.org:
        return "organisation"
    if c.titled or c.keys[0] in gaz.first_names:
        return "person"
    if len(c.keys) == 1:
        return "organisation" if c.name.isupper() else "person"
    return "person" if len(c.keys) <= MAX_PERSON_WORDS else "organisation"


def group(masked: str, found: list[Candidate], titles: list[Candidate], gaz: Gazetteers, actor_map: ActorMap | None,
          speakers: set[str]) -> tuple[list[Mention], dict[str, Typed]]:
    """The mentions, each with its actor, and the actors by key, in order of first mention.

    ``found``: the candidates of ordinary sentences; ``titles``: of title-case ones (kept
    only where they name an actor found elsewhere or a gazetteer entry); ``speakers``: the
    keys of the quotes' speakers."""
    actors: dict[str, Typed] = {}
    aliases: dict[str, str] = {}  # a name's key → its actor's key
    found = [c for c in found if not description(c, gaz, actor_map)]
    typed = [(c, type_of(c, gaz, actor_map)) for c in found]
    for c, t in typed:
        if t is not None:
            aliases.setdefault(actor_key(c.name), t.key)
    seen_inside = {k for c in found if not c.initial for k in c.keys}
    index = NameIndex(masked)
    mentions: list[Mention] = []
    for c, t in typed:
        if t is None:
            t = _single(c, index, actors, aliases, gaz, actor_map, speakers, seen_inside)
            if t is None:
                continue
        actors.setdefault(t.key, t)
        aliases.setdefault(actor_key(c.name), t.key)
        mentions.append(Mention(c.start, c.end, c.sentence, t.key))
    placed = {(m.start, m.end) for m in mentions}
    for c in titles:  # overlapping title candidates can name the same words: each mention once
        for m in _known(masked, c, aliases, actors, gaz):
            if (m.start, m.end) not in placed:
                placed.add((m.start, m.end))
                mentions.append(m)
    return mentions, actors


def _single(c: Candidate, index: NameIndex, actors, aliases, gaz, actor_map, speakers, seen_inside) -> Typed | None:
    """One capitalised word: a surname or first name of a full name in the article (the quote
    module's ``NameIndex``: the last before, else the first after), a name met before, or a
    name of its own (kept at a sentence's start only when it is also written inside one, or
    is a speaker)."""
    key = c.keys[0]
    full = index.full(c.name, c.start)
    if full is not None:
        target = aliases.get(actor_key(full))
        if target is not None:
            return actors.get(target) or Typed(target, full, "person")
    if actor_key(c.name) in aliases and aliases[actor_key(c.name)] in actors:
        return actors[aliases[actor_key(c.name)]]
    if c.initial and key in common_words() and key not in seen_inside and actor_key(c.name) not in speakers:
        return None
    guess = "person" if c.titled or key in gaz.first_names or actor_key(c.name) in speakers else "organisation"
    return Typed(actor_key(c.name), c.name, guess)


def _known(masked: str, c: Candidate, aliases, actors, gaz: Gazetteers) -> list[Mention]:
    """In a title-case sentence: the longest runs of its words that name a known actor."""
    out = []
    words = [t.span() for t in NON_SPACE.finditer(masked, c.start, c.end)]
    i, n = 0, len(c.keys)
    while i < n:
        for j in range(n, i, -1):
            phrase = " ".join(c.keys[i:j])
            key = aliases.get(phrase)
            if key is None and phrase in gaz.places:
                key = actor_key(gaz.places[phrase])
                actors.setdefault(key, Typed(key, gaz.places[phrase], "place"))
            if key is not None and key in actors:
                end = words[j - 1][1]
                if masked[end - 2:end].lower() in ("'s", "’s"):  # "CHINA’S" too
                    end -= 2
                out.append(Mention(words[i][0], end, c.sentence, key))
                i = j
                break
        else:
            i += 1
    return out


def sentence_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1
