"""``actors``: the people, organisations and places an article names, how often, how much they
are quoted, and how the text speaks of them.

Rule-based and offline: the kit's own rules and the gazetteers in ``data/`` (each with a
``.meta.yaml`` giving its source, licence and version), no model to download.

Discovery
    In each sentence of ``article.masked`` (never across sentences), the capitalised runs the
    quote module finds names with (``analysis.measures.quotes.patterns.NAME_SEQ``: capitalised
    words joined by spaces or name particles, "Sen."-style abbreviations and "U.S."-style
    acronyms included, never a run opening with a function word such as "The" or "According").
    A run is cut at a possessive ("Beijing’s support"): the possessor is a mention, and when
    the rest is an organisation ("China’s Foreign Ministry") the whole is one too. From the
    front of a run, words of ``not_names.txt`` are dropped, and so are titles (the quote
    module's ``TITLES``: "President", "Mr.", "Sen.", "Foreign Minister") and demonyms
    ("Chinese President Xi Jinping" → "Xi Jinping") unless the run is an organisation. A word
    hyphenated to a lower-case word ends the name ("Kremlin-backed" → "Kremlin"). A mention
    leaves out titles, "the" and a possessive 's: ``text[start:end]`` is the name as written.
    Left out: single words of ``not_names.txt`` or ``demonyms.txt`` (a demonym is not a
    mention of its country: "the Chinese leader" is Xi, "Russian state media" an outlet), and
    runs made only of demonyms ("Russian-Chinese"), and descriptions: runs of plain English words
    ending in a plural common noun ("Thugs", "Angry Democrat Thugs"; ``discover.description``),
    unless a gazetteer, an organisation head word, a title or the actor map says otherwise.

Sentence-initial capitals
    A single word opening a sentence is taken only when the gazetteers know it, when it names
    an actor found elsewhere (a surname), when the same word is written capitalised inside a
    sentence too, or when it is a quote's speaker. Title-case sentences (the ``title`` part,
    and any sentence of at least ``TITLE_CASE_WORDS`` words ``TITLE_CASE_SHARE`` capitalised)
    yield only the longest runs of their words that name an actor found elsewhere or a
    gazetteer place.

Types, first rule that applies
    the actor map's; ``organisations.csv`` (organisation) or ``countries.csv``/``places.csv``
    (place), by the whole name; a word of ``org_heads.txt`` in the name (organisation:
    "Justice Department", "Tea Party"); a title before it or a first word in
    ``first_names.txt`` (person); an all-capitals word (organisation: an acronym); two to
    ``MAX_PERSON_WORDS`` words (person), more (organisation). A single unknown word is a
    surname when the article has a full name holding it (below), else a person when it is a
    first name or a quote's speaker, else an organisation.

Aliases within the article
    A single word resolves to the full name that holds it, as the quote module resolves
    speakers (``analysis.measures.quotes.speakers.NameIndex``: a name ending in it before one
    holding it elsewhere; the last such name before the mention, else the first after), when
    that name is an actor of the article: "Xi", "Xi’s" → "Xi Jinping". Gazetteer names resolve
    to the gazetteer's canonical name ("U.S." → "United States", "Kremlin" → "the Kremlin",
    "Republicans" → "Republican Party"). The quotes' speakers (``quotes.speaker``) are matched
    to actors by name, ignoring case, apostrophe style and a leading "the"; a speaker that
    names no actor found (a name written only in an attribution the runs miss) becomes an
    actor of its own, its mentions the places its quotes name it (not a pronoun). The
    canonical name is the gazetteer's, the map's, else the first full form written, so that the
    same person has the same name across a corpus.

The actor map (``actor_map=``: a CSV or YAML path, a dict ``{canonical: [aliases]}`` or an
``ActorMap``; ``analysis.measures.actors.actor_map``) comes first: a name it lists takes its
canonical name (and type), so found actors are merged or renamed, and its names are also
searched in the text as whole words, case-sensitively, where discovery found nothing.

Per actor: ``mentions``; ``direct_quotes``/``reported_quotes`` attributed to it and
``quoted_share``, the sum of its direct quotes' ``share`` (as ``quotes.share`` counts: quoted
characters over the body's); the target model (``analysis.measures.targets``) on each mention
in its sentence, its probabilities averaged and its labels counted.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.lexicon import Lexicon, load_lexicon
from analysis.measures.actors.actor_map import ActorMap, read_actor_map
from analysis.measures.actors.discover import (MAX_PERSON_WORDS, TITLE_CASE_SHARE, TITLE_CASE_WORDS, Mention, Typed,
                                               candidates, group, title_case)
from analysis.measures.actors.gazetteers import actor_key, gazetteers
from analysis.measures.quotes import given_quote_rows
from analysis.measures.sentences import given_sentence_rows
from analysis.measures.targets import score_target, target_model
from analysis.measures.voice import DirectQuotes
from analysis.schema import ACTORS, MENTIONS, ActorRow, MentionRow
from analysis.schema.rows import rows_frame
from analysis.measures.targets.weights import LABELS

ACTOR_COLUMNS = ACTORS.names
MENTION_COLUMNS = MENTIONS.names


def actors(article: Article, sentences=None, quotes=None, actor_map=None, *, lexicon: Lexicon | None = None,
           model=None) -> pd.DataFrame:
    """One row per actor the article names, in order of first mention: the ``actors`` table
    (columns ``ACTOR_COLUMNS``; meanings: ``analysis.schema.ACTORS``). ``sentences`` and
    ``quotes``: the article's tables or rows, when the caller has them (else computed);
    ``sentences`` may be some of the article's: then the actors are those of the sentences given
    (their mentions, the quotes that open in them, the roles over them); ``actor_map``: see the
    module docstring; ``model``: as ``analysis.measures.targets.target_model``."""
    rows, _ = _rows(article, sentences, quotes, actor_map, lexicon, model)
    return rows_frame(rows, ACTORS)


def actor_mentions(article: Article, sentences=None, quotes=None, actor_map=None, *, lexicon: Lexicon | None = None,
                   model=None) -> pd.DataFrame:
    """One row per named mention of an actor, in text order: the ``mentions`` table (columns
    ``MENTION_COLUMNS``; meanings: ``analysis.schema.MENTIONS``). Arguments as ``actors``."""
    _, rows = _rows(article, sentences, quotes, actor_map, lexicon, model)
    return rows_frame(rows, MENTIONS)


def _rows(article, sentences, quotes, actor_map, lexicon, model):
    split = given_sentence_rows(article, sentences)
    return actor_rows(article, split, given_quote_rows(article, split, quotes), actor_map=actor_map, lexicon=lexicon,
                      model=model)


def actor_rows(article: Article, split_rows, quote_rows, *, actor_map=None, lexicon: Lexicon | None = None, model=None,
               pieces=None) -> tuple[list[ActorRow], list[MentionRow]]:
    """``actors`` and ``mentions`` as rows, for one article: the actors ``find_actors`` finds
    (same arguments), each mention scored by the target model.

    ``split_rows``: its sentences (rows with ``sentence_id, start, end, part``, as
    ``analysis.measures.sentences.sentence_rows`` gives them); ``quote_rows``: its quotes
    (``analysis.measures.quotes.quote_rows``); ``pieces``: each sentence's ``cut`` of
    ``article.masked`` when the caller has them (used to tell title-case sentences)."""
    found = find_actors(article, split_rows, quote_rows, actor_map=actor_map, pieces=pieces)
    return _tables(article, split_rows, found, lexicon, model)


@dataclass(frozen=True)
class Found:
    """What discovery finds in an article, before any mention is scored: ``mentions`` in text
    order (offsets into ``article.text``; ``sentence``: the position among ``sents``),
    ``known`` (actor key → its canonical name and type), ``by_speaker`` (quote_id → the key of
    its speaker's actor), and the sentences and quotes it read (``sents``: ``(sentence_id,
    start, end, part)``; ``quotes``: those opening in them)."""

    sents: list
    quotes: list
    mentions: list[Mention]
    known: dict[str, Typed]
    by_speaker: dict[int, str]

    def actor_keys(self) -> list[str]:
        """The actors' keys in order of first appearance: a mention, else a quote attributed to it."""
        first: dict[str, int] = {}
        for m in self.mentions:
            first.setdefault(m.key, m.start)
        for q in self.quotes:
            key = self.by_speaker.get(int(q.quote_id))
            if key is not None:
                first.setdefault(key, int(q.start))
        return sorted(first, key=lambda k: first[k])


def find_actors(article: Article, split_rows, quote_rows, *, actor_map=None, pieces=None) -> Found:
    """The actors and mentions of the article, found (the module docstring's discovery, types
    and aliases) but not scored: what ``actor_rows`` scores, and all that a recall of names
    needs (``analysis.validate.actors``). Arguments as ``actor_rows``."""
    gaz = gazetteers()
    amap = read_actor_map(actor_map)
    masked, text = article.masked, article.text
    sents = [(int(r.sentence_id), int(r.start), int(r.end), r.part) for r in split_rows]
    quote_rows = _in_sentences(quote_rows, sents)
    found, titles = [], []
    for i, (_, s_start, s_end, part) in enumerate(sents):
        cands = candidates(masked, i, s_start, s_end, gaz)
        if not cands:
            continue
        starts = pieces[i].starts if pieces is not None else [t.start() for t in _WORDS.finditer(masked, s_start, s_end)]
        (titles if part == "title" or title_case(masked, starts) else found).extend(cands)
    speakers = {actor_key(q.speaker) for q in quote_rows if isinstance(q.speaker, str)}
    mentions, known = group(masked, found, titles, gaz, amap, speakers)
    if amap is not None:
        mentions += _map_mentions(masked, sents, mentions, amap, known)
    aliases = {actor_key(text[m.start:m.end]): m.key for m in mentions}
    aliases.update({k: k for k in known})
    sent_starts = [s[1] for s in sents]
    by_speaker = _speaker_actors(quote_rows, aliases, known, mentions, sents, sent_starts, gaz, amap, masked)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Found(sents, quote_rows, mentions, known, by_speaker)


def _in_sentences(quote_rows, sents) -> list:
    """The quotes that open in one of the sentences ``sents`` (all of them when these are the whole
    article's): a quote of a sentence the caller left out counts for nobody. The quote module,
    given some sentences of a paragraph, reads the paragraph from the first to the last."""
    spans = sorted((s[1], s[2]) for s in sents)
    starts = [start for start, _ in spans]
    out = []
    for q in quote_rows:
        i = bisect.bisect_right(starts, int(q.start)) - 1
        if i >= 0 and int(q.start) < spans[i][1]:
            out.append(q)
    return out


import re as _re

_WORDS = _re.compile(r"[^\W_][\w'’\-]*")


def _map_mentions(masked, sents, mentions: list[Mention], amap: ActorMap, known: dict[str, Typed]) -> list[Mention]:
    """The map's names written where discovery found nothing."""
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for i, (_, s_start, s_end, _) in enumerate(sents):
        for m in amap.pattern.finditer(masked, s_start, s_end):
            k = bisect.bisect_right(taken, (m.end(), m.end())) - 1
            if k >= 0 and taken[k][1] > m.start():
                continue  # overlaps a mention found
            canonical = amap.names[next(n for n in amap.names if " ".join(n.split()) == " ".join(m.group().split()))]
            key = _map_actor(amap, canonical, known)
            out.append(Mention(m.start(), m.end(), i, key))
    return out


def _map_actor(amap: ActorMap, canonical: str, known: dict[str, Typed]) -> str:
    """The key of the map's actor ``canonical``, made an actor (the map's type, else a person)
    when no mention of it was found."""
    key = actor_key(canonical)
    known.setdefault(key, Typed(key, canonical, amap.types.get(canonical, "person")))
    return key


def _speaker_actors(quote_rows, aliases, known, mentions, sents, sent_starts, gaz, amap, masked) -> dict[int, str]:
    """quote_id → the key of the actor its speaker is. A speaker naming no actor found becomes
    one, and each place its quotes name it (the speaker mention, not a pronoun) is one of its
    mentions: two quotes attributed to it at two places are two mentions, at one place one."""
    out = {}
    made: dict[str, set] = {}  # the actors made of speakers → their mentions' spans
    for q in quote_rows:
        if not isinstance(q.speaker, str):
            continue
        key = aliases.get(actor_key(q.speaker))
        if key is None and amap is not None and amap.canonical(q.speaker):
            key = _map_actor(amap, amap.canonical(q.speaker), known)
        if key is None:
            if not q.speaker[:1].isupper():
                continue  # "the ministry", "a senior official": a descriptor, not a name
            key = actor_key(q.speaker)
            kind = "organisation" if any(w in gaz.org_heads for w in key.split()) else "person"
            known.setdefault(key, Typed(key, q.speaker, kind))
            aliases[key] = key
            made[key] = set()
        if key in made and not pd.isna(q.speaker_start) and q.cue != "pronoun":
            span = (int(q.speaker_start), int(q.speaker_end))
            i = bisect.bisect_right(sent_starts, span[0]) - 1
            if span not in made[key] and i >= 0 and span[0] < sents[i][2]:  # not in a sentence left out
                made[key].add(span)
                mentions.append(Mention(span[0], span[1], i, key))
        out[int(q.quote_id)] = key
    return out


def _tables(article, split_rows, found: Found, lexicon, model):
    lexicon, model = lexicon or load_lexicon(), target_model(model)
    masked, text = article.masked, article.text
    sents, known, quote_rows, by_speaker = found.sents, found.known, found.quotes, found.by_speaker
    direct = DirectQuotes(quote_rows)
    mention_rows: list[MentionRow] = []
    scored: dict[str, list] = {}
    for m in found.mentions:
        sid, s_start, s_end, part = sents[m.sentence]
        label, p, _ = score_target(masked[s_start:s_end], m.start - s_start, m.end - s_start, lexicon, model)
        quote_id = direct.containing(m.start, m.end) if direct else None
        actor = known[m.key].name
        mention_rows.append(MentionRow(
            article_id=article.id, actor=actor, mention_id=len(mention_rows), sentence_id=sid, part=part,
            start=m.start, end=m.end, text=text[m.start:m.end], voice="journalist" if quote_id is None else "quoted",
            quote_id=quote_id, label=label, p_negative=p[0], p_neutral=p[1], p_positive=p[2]))
        scored.setdefault(m.key, []).append((label, p))
    quotes_of: dict[str, list] = {}
    for q in quote_rows:
        key = by_speaker.get(int(q.quote_id))
        if key is not None:
            quotes_of.setdefault(key, []).append(q)
    # imported here: the role features read the actors' gazetteers, so roles imports this package
    from analysis.measures.roles import role_rows

    roles = {r.actor: r for r in role_rows(article, mention_rows, split_rows)} if mention_rows else {}
    actor_rows = []
    for key in found.actor_keys():
        got = scored.get(key, [])
        quoted = quotes_of.get(key, [])
        direct_shares = [q.share for q in quoted if q.kind == "direct"]
        mean = np.mean([p for _, p in got], axis=0) if got else [float("nan")] * len(LABELS)
        counts = {label: sum(1 for lab, _ in got if lab == label) for label in LABELS}
        actor_rows.append(ActorRow(
            article_id=article.id, actor=known[key].name, type=known[key].type, mentions=len(got),
            quoted_share=float(np.asarray(direct_shares, dtype="float64").sum()) if direct_shares else 0.0,
            direct_quotes=len(direct_shares), reported_quotes=sum(1 for q in quoted if q.kind == "reported"),
            p_negative=float(mean[0]), p_neutral=float(mean[1]), p_positive=float(mean[2]),
            negative=counts["negative"], neutral=counts["neutral"], positive=counts["positive"],
            **_role(roles.get(known[key].name))))
    return actor_rows, mention_rows


def _role(row) -> dict:
    """The role columns of ``actors`` from the actor's ``analysis.measures.roles`` row (None: no mention)."""
    if row is None:
        return {"role": "none", "p_hero": float("nan"), "p_villain": float("nan"), "p_victim": float("nan"),
                "role_evidence": ""}
    return {"role": row.role, "p_hero": row.p_hero, "p_villain": row.p_villain, "p_victim": row.p_victim,
            "role_evidence": row.evidence}


__all__ = ["actors", "actor_mentions", "actor_rows", "read_actor_map", "ActorMap", "ACTOR_COLUMNS", "MENTION_COLUMNS",
           "MAX_PERSON_WORDS", "TITLE_CASE_SHARE", "TITLE_CASE_WORDS"]
