"""``narrative_roles``: how an article casts each actor — hero, villain, victim or none.

The roles are those of Frermann et al. (ACL 2023), who annotated them in the Narrative Frames
Corpus (NFC): the *hero* acts to solve or prevent the problem, the *villain* causes it or is
responsible for it, the *victim* suffers its consequences. Given an actor's mentions in an
article (offsets into ``article.text``, as actor discovery finds them or as a researcher lists
them), the kit reads, in each mention's sentence:

1. **cue words** near the mention (``data/narrative_roles.csv``, the kit's lexicon format,
   written by hand from the paper's role definitions and general English, no topic words:
   words that describe a party as a hero, villain or victim, and verbs of harming, helping,
   blaming and praising);
2. **the mention's grammatical position** towards each verb cue, by simple rules (agent before
   an active verb or after "by" in a passive; patient after the verb or before a passive), so
   that in "Floods devastated the farmers" the farmers are the patient of a harm verb and in
   "Regulators blamed the company" the company is the patient of a blame verb;
3. **the mention's own words**: plural common nouns of people ("families", "residents",
   "species"), known places and common nouns of places and of the natural world ("coast",
   "forests") lean victim; organisations, and nouns of things and forces that cause harm
   ("pollution", "fires", "war"), lean villain; names of people and organisations lean hero or
   villain, as NFC's annotators saw them;
4. **where and how the actor speaks and stands**: a reporting verb next to the mention (the
   actor is quoted), the mention inside quotation marks, after a preposition, before its verb,
   possessive; the share of the article's sentences that name the actor and how early it
   first appears;
5. **the sentiment towards the mention**: the kit's target-sentiment model on its sentence.

Those features (``analysis.measures.roles.features.feature_names``) are combined by a
multinomial logistic regression fitted on the tuning part of NFC
(``analysis.measures.roles.train``; ``data/narrative_roles_model.csv``), which gives ``p_hero``,
``p_villain``, ``p_victim``.

Why this design: it is transparent (every decision shows its cue words, the ``evidence``), it
needs no parser or model download, it runs at the speed of the lexicon matcher, and its
weights are few enough (about 50 × 3) to fit on NFC's ~900 matched entities without learning the
corpus's topic (climate change): the features never name a topic word, so they should carry to
news on other subjects. A parser-based agent/patient analysis would be more accurate on
complex sentences; the rules here handle the short clause around the mention.

``role`` is the most probable of the three when the article says something of the actor's
part: at least one mention's sentence holds a role cue, or the target model reads at least one
mention as negative or positive (``role_mentions > 0``); ``none`` otherwise: an actor named only
in neutral sentences without a role cue is not cast, whatever its kind. NFC cannot validate that rule (it lists only the
entities its annotators saw cast, so it has no ``none``); validation reports the kit's ``role``
with ``none`` counted as a miss, and the probabilities' argmax (``kit_argmax``) beside it. The
probabilities are always given.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.article import Article
from analysis.measures.roles.features import ActorEvidence, load_cues, role_features
from analysis.measures.roles.model import ROLES, load_role_model

__all__ = ["ROLE_COLUMNS", "RoleRow", "cue_only_role", "literal_mentions", "narrative_roles", "role_features",
           "role_rows"]


class RoleRow(NamedTuple):
    """One actor of one article: how the article casts it."""

    article_id: str
    actor: str
    mentions: int        # mentions given
    role_mentions: int   # mentions whose sentence holds a role cue or that the target model reads as non-neutral
    role: str            # hero | villain | victim | none
    p_hero: float
    p_villain: float
    p_victim: float
    evidence: str        # the distinct cue words behind the decision, "; "-separated


ROLE_COLUMNS = list(RoleRow._fields)


def narrative_roles(article: Article, mentions, sentences=None) -> pd.DataFrame:
    """One row per actor (``ROLE_COLUMNS``), in order of first mention. ``mentions``: a table
    or rows with ``actor, start, end`` (offsets into ``article.text``) and optionally
    ``sentence_id`` (of ``analysis.measures.sentences``), one per mention."""
    return pd.DataFrame(role_rows(article, mentions, sentences), columns=ROLE_COLUMNS)


def role_rows(article: Article, mentions, sentences=None) -> list[RoleRow]:
    """The rows of ``narrative_roles`` (for scoring, which builds its tables from rows)."""
    return [decide(article.id, evidence) for evidence in role_features(article, mentions, sentences).values()]


def decide(article_id: str, evidence: ActorEvidence) -> RoleRow:
    """The model's probabilities and decision for one actor's evidence."""
    p = load_role_model().probabilities({**evidence.features(), "bias": 1.0})
    role = ROLES[int(np.argmax(p))] if evidence.role_mentions else "none"
    return RoleRow(article_id, evidence.actor, evidence.mentions, evidence.role_mentions, role,
                   float(p[0]), float(p[1]), float(p[2]), evidence.evidence())


#: The cue-only reading (no fitted weights): which features count for which role.
CUE_VOTES = {
    "hero": ("hero_near", "hero_self", "help_agent", "praise_patient"),
    "villain": ("villain_near", "villain_self", "harm_agent", "blame_patient"),
    "victim": ("victim_near", "victim_self", "harm_patient", "help_patient"),
}


def cue_only_role(evidence: ActorEvidence) -> str:
    """The role with the most cue votes (``CUE_VOTES``, by mention count), ties in ``ROLES``
    order; ``none`` without a vote. The lexicon's reading alone: validation's baseline."""
    votes = [sum(evidence.counts.get(name, 0) for name in CUE_VOTES[role]) for role in ROLES]
    return ROLES[int(np.argmax(votes))] if max(votes) > 0 else "none"


def literal_mentions(text: str, names) -> pd.DataFrame:
    """``actor, start, end`` of every case-insensitive whole-word occurrence of each name in
    ``text`` (the matching rule validation uses between an annotated entity and the text;
    also a quick way to list mentions by hand). Overlapping names each keep their own."""
    rows = []
    for name in dict.fromkeys(names):
        pattern = re.compile(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)
        rows += [{"actor": name, "start": m.start(), "end": m.end()} for m in pattern.finditer(text)] if name.strip() else []
    return pd.DataFrame(rows, columns=["actor", "start", "end"])


def cues_version() -> str:
    return load_cues().version
