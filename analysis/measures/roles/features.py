"""The features of an actor's mentions that the role model weighs: ``role_features``.

Scoring, the trainer (``analysis.measures.roles.train``) and validation
(``analysis.validate.roles``) all call ``role_features``, so the model is fitted on exactly what
it is later applied to. Per mention, inside its sentence only:

- cue hits of ``data/narrative_roles.csv`` within ``WINDOW`` word pieces either side (matched
  as the kit matches every lexicon: ``analysis.lexicon.match``, longest entry wins). A cue of
  category hero, villain or victim gives ``<category>_near`` (or ``<category>_self`` when it lies
  inside the mention: "the victims"); a verb cue (harm, help, blame, praise) gives
  ``<category>_agent`` or ``<category>_patient`` by the mention's grammatical position, by rule:
  a cue after the mention is the mention's own act (agent), unless a form of *be* or *get*
  stands just before the cue ("X was hit", passive: patient); a cue before the mention has the
  mention as its object (patient), unless "by" stands just before the mention ("hit by X":
  agent). Cues beyond the window but in the sentence give ``<category>_sentence``. A harmful
  act named by a noun (a villain noun of the cues, "invasion", or one of ``HARM_ACTS``, "war",
  "crackdown") casts the mention by ``harm_act_role``: its agent ("X started his deadly
  invasion", "X's war", "the invasion by X") adds to ``harm_agent``, its patient ("the invasion
  of X") to ``harm_patient``;
- the mention's own words: ``kind_people`` (its last word is a plural common noun of people or
  living things, ``PEOPLE``: "families", "farmers", "residents", "species", "children"),
  ``kind_place`` (the mention is a place of the actor gazetteers, or its last word a common noun
  of places or of the natural world, ``PLACES``), ``kind_hazard`` (a word of it names a thing or
  force that causes harm, ``HAZARDS``: "pollution", "fires", "war"), ``kind_person`` (its first
  word is a first name of the actor gazetteers), ``kind_lower`` (it opens lower case, no pronoun),
  ``kind_plural`` (lower-case and ending in -s), ``kind_org`` (its last word names an
  organisation, ``ORGANISATIONS``), ``kind_proper`` (capitalised, not at the sentence start),
  ``kind_pronoun``; and ``first_in_sentence`` (it opens its sentence: the usual subject);
- where it stands: ``after_preposition`` (the word before it, determiners aside, is one of
  ``PREPOSITIONS``), ``before_verb`` (a lower-case word that is not a function word follows it),
  ``possessive`` ("X's"), ``speaker`` (a reporting verb of the quote module within
  ``SPEAKER_WINDOW`` pieces after it or just before it, or "according" before it), ``in_quote``
  (an odd number of quotation marks before it in its sentence);
- the actor in the article: ``sentence_share`` (the share of the article's sentences that name
  it) and ``first_position`` (where its first sentence stands, 0 the first, as a share);
- the sentiment of the sentence towards the mention: the kit's target-sentiment model
  (``analysis.measures.targets``, trained on NewsMTSC) on the mention in its sentence, whose
  ``p_negative`` and ``p_positive`` give ``toward_negative`` and ``toward_positive``.

Per actor the cue and position features are ``log(1 + count)`` over its mentions and the kind
features the share of its mentions that have them; ``mentions`` is ``log(1 + number of
mentions)``. ``PLACES`` and ``HAZARDS`` are general English with no climate words ("climate", "warming",
"carbon" are not in them, though NFC is all climate change); general industrial hazards
("emissions", "fuels", "coal", "oil") are, and they weigh on NFC's energy stories.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from analysis.article import Article
from analysis.errors import ParameterError
from analysis.lexicon import Lexicon, load_lexicon
from analysis.lexicon.load import read_lexicon_file
from analysis.lexicon.match import cut
from analysis.measures.actors.gazetteers import actor_key, gazetteers
from analysis.measures.quotes import VERB_FORMS
from analysis.measures.quotes import inside_double_quotes
from analysis.measures.targets.features import target_features
from analysis.measures.targets.weights import load_model

CUES = "narrative_roles"
#: Word pieces either side of a mention in which a cue counts as the mention's (chosen by hand
#: to span a clause or two: "Volunteers rescued the stranded families" is six pieces).
WINDOW = 10
DESCRIPTIVE = ("hero", "villain", "victim")
VERBS = ("harm", "help", "blame", "praise")
CATEGORIES = DESCRIPTIVE + VERBS
#: Forms of *be* and *get* that make the next participle passive.
PASSIVE = frozenset("is are was were be been being am get gets got gotten getting".split())
#: Plural common nouns of people and living things (general English, no topic words).
PEOPLE = frozenset("""people families farmers residents children kids workers employees citizens communities
villagers civilians patients students parents women men girls boys elderly victims refugees migrants consumers
customers taxpayers voters homeowners tenants neighbours neighbors locals inhabitants populations species animals
wildlife birds fish creatures generations households minorities survivors fishermen miners teachers nurses
soldiers troops prisoners immigrants passengers users owners""".split())
#: Common nouns of places and of the natural world a harm can befall (general English).
PLACES = frozenset("""city cities town towns village villages country countries nation nations region regions state
states island islands coast coasts coastline coastlines community neighbourhood neighborhood home homes land lands
farm farms crops forest forests ocean oceans sea seas river rivers lake lakes reef reefs glacier glaciers ice
environment nature planet earth world ecosystem ecosystems habitat habitats water supply supplies economy""".split())
#: Common nouns of things and forces that cause harm (general English: substances, disasters, conflict).
HAZARDS = frozenset("""pollution pollutants emissions gases gas smoke fumes toxins chemicals pesticides plastic
plastics waste fuels fuel coal oil fire fires wildfires floods flooding storms storm hurricanes drought droughts
heat heatwaves disease diseases virus war wars violence weapons bombs crime corruption greed""".split())
#: Last words that name an organisation or an institution.
ORGANISATIONS = frozenset("""company companies corporation corporations firm firms industry industries government
governments administration regime party parties ministry department agency council committee group groups
corporation inc ltd bank banks giant giants lobby officials authorities senate congress parliament court""".split())
PRONOUNS = frozenset("he she they it we i you him her them us his their its".split())
#: Features averaged over the actor's mentions (the others are counts, taken as log(1 + count)).
SHARES = ("kind_", "first_", "toward_")
#: Word pieces after (or before) a mention in which a reporting verb makes it the speaker.
SPEAKER_WINDOW = 3
#: What may stand between "by" and the mention of a passive's agent ("by the floods").
DETERMINERS = frozenset("the a an its their his her this these those".split())
#: Prepositions whose object a mention can be ("the impact on farmers").
PREPOSITIONS = frozenset("of to for on in at from with against about into onto over under among between "
                         "towards toward upon across behind beyond".split())
#: Lower-case words after a mention that are not its verb.
NOT_VERBS = PREPOSITIONS | DETERMINERS | frozenset("and or but nor who which that whose as than".split())
#: Nouns of a harmful act beside the cue list's villain nouns ("invasion", "assault"): general
#: English of conflict, no topic words.
HARM_ACTS = frozenset("""war wars crackdown crackdowns offensive offensives aggression bombardment bombing bombings
shelling violence massacre massacres onslaught""".split())
#: Verbs whose subject carries out the harmful act they take as object ("X launched his attack").
LAUNCH = frozenset("""start starts started starting launch launches launched launching wage wages waged waging
begin begins began begun beginning order orders ordered ordering unleash unleashes unleashed unleashing lead
leads led leading escalate escalates escalated escalating intensify intensifies intensified conduct conducts
conducted continue continues continued""".split())
#: Prepositions that make a mention the patient of the harmful act just before them
#: ("the invasion of Ukraine", "attacks on Kyiv", "the war against Ukraine").
ACT_PATIENT = frozenset("of on against upon".split())
#: Words that may stand between the mention (or the launching verb) and the act's noun:
#: "Putin started his deadly invasion" has "his deadly" (a determiner and one modifier, or two).
ACT_GAP = 2
#: Marks that end a phrase: an act on the far side of one is not the mention's.
_PHRASE_END = re.compile(r"[,;:.!?()\u2014\u2013\"“”]|\s-\s")


def feature_names() -> list[str]:
    """Every feature ``role_features`` can give, in a fixed order."""
    names = [f"{c}_{where}" for c in DESCRIPTIVE for where in ("near", "self")]
    names += [f"{c}_{where}" for c in VERBS for where in ("agent", "patient")]
    names += [f"{c}_sentence" for c in CATEGORIES]
    names += [f"{c}_self" for c in VERBS]
    names += ["kind_people", "kind_plural", "kind_org", "kind_proper", "kind_pronoun", "kind_place", "kind_hazard", "kind_person",
              "kind_lower", "first_in_sentence", "after_preposition", "before_verb", "possessive", "speaker", "in_quote", "toward_negative", "toward_positive", "mentions", "sentence_share", "first_position"]
    return names


@lru_cache(maxsize=1)
def _target_lexicon() -> Lexicon:
    """The packaged lexicon the target model's features read, loaded once per process: parsing
    and validating it took about 0.5 s, paid on every article before (nearly all of
    ``validate_roles``' and the roles trainer's time on NFC)."""
    return load_lexicon()


@lru_cache(maxsize=1)
def load_cues() -> Lexicon:
    """The packaged role cues (``data/narrative_roles.csv`` with its ``.meta.yaml`` header)."""
    data = Path(str(resources.files("analysis.measures.roles") / "data"))
    cues = read_lexicon_file(data / f"{CUES}.csv")
    meta = yaml.safe_load((data / f"{CUES}.meta.yaml").read_text(encoding="utf-8")) or {}
    stray = sorted(set(cues.entries["category"]) - set(CATEGORIES))
    if stray:
        raise ParameterError(f"{stray[0]!r} is not a role-cue category", file=data / f"{CUES}.csv", field="category")
    return Lexicon(entries=cues.entries, meta=meta)


@dataclass
class ActorEvidence:
    """One actor's features and what stands behind them."""

    actor: str
    mentions: int = 0
    #: mentions whose sentence holds a role cue (near the mention or not), or that the target model
    #: reads as negative or positive towards the actor: the article says something of its part
    role_mentions: int = 0
    counts: Counter = field(default_factory=Counter)
    cues: list = field(default_factory=list)  # (feature, cue text as written), in text order
    sentence_ids: set = field(default_factory=set)  # the sentences that mention the actor, by position among those given
    sentences: int = 1  # the article's sentences

    def features(self) -> dict[str, float]:
        n = max(self.mentions, 1)
        out = {}
        for name, count in self.counts.items():
            out[name] = count / n if name.startswith(SHARES) else math.log1p(count)
        out["mentions"] = math.log1p(self.mentions)
        out["sentence_share"] = len(self.sentence_ids) / max(self.sentences, 1)
        out["first_position"] = min(self.sentence_ids, default=0) / max(self.sentences, 1)
        return out

    def evidence(self) -> str:
        """The distinct cue words behind the features, in text order: "blamed; polluters"."""
        seen = dict.fromkeys(text.lower() for _, text in self.cues)
        return "; ".join(seen)


def mention_table(mentions) -> list[tuple[str, int, int, int | None, tuple[float, float] | None]]:
    """``mentions`` (a DataFrame or rows with ``actor, start, end`` and optionally
    ``sentence_id``, ``p_negative`` and ``p_positive``) as ``(actor, start, end, sentence_id,
    toward)`` tuples, ``toward`` the given ``(p_negative, p_positive)`` of the sentiment towards
    the mention (as the ``mentions`` table carries it), else None; a row without actor, start
    and end raises ``ParameterError``."""
    if isinstance(mentions, pd.DataFrame):
        missing = [c for c in ("actor", "start", "end") if c not in mentions.columns]
        if missing:
            raise ParameterError(f"mentions lack column {missing[0]!r}", field=missing[0])
        records = mentions.to_dict("records")
    else:
        records = [m if isinstance(m, dict) else (m._asdict() if hasattr(m, "_asdict") else dict(m)) for m in mentions]
    out = []
    for i, m in enumerate(records):
        try:
            actor, start, end = str(m["actor"]), int(m["start"]), int(m["end"])
        except (KeyError, TypeError, ValueError) as error:
            raise ParameterError(f"mention {i} needs actor, start and end ({error})", field="mentions") from None
        sid = m.get("sentence_id")
        negative, positive = m.get("p_negative"), m.get("p_positive")
        toward = None if negative is None or positive is None or pd.isna(negative) or pd.isna(positive) \
            else (float(negative), float(positive))
        out.append((actor, start, end, None if sid is None or pd.isna(sid) else int(sid), toward))
    return out


def role_features(article: Article, mentions, sentences=None, cues: Lexicon | None = None) -> dict[str, ActorEvidence]:
    """Per actor (in order of first mention), its ``ActorEvidence`` from the mentions given.

    ``sentences``: the article's sentence rows (``analysis.measures.sentences.sentence_rows``;
    computed when not given), or some of them: a mention's ``sentence_id`` is looked up among
    them by id, and the position features (``sentence_share``, ``first_position``) count the
    sentences given. A mention outside the text, or in a sentence not given, raises
    ``ParameterError``."""
    from analysis.measures.sentences import given_sentence_rows

    cues = cues or load_cues()
    model = load_model()
    split = given_sentence_rows(article, sentences)
    starts = [int(s.start) for s in split]
    position = {int(s.sentence_id): i for i, s in enumerate(split)}  # sentence_id -> its row among those given
    masked, text = article.masked, article.text
    categories, find = cues.entries["category"].tolist(), cues.matcher.find_in_pieces
    acts = act_entries(cues)
    cut_cache: dict[int, tuple] = {}
    out: dict[str, ActorEvidence] = {}
    for actor, start, end, sid, toward in sorted(mention_table(mentions), key=lambda m: (m[1], m[2])):
        if not 0 <= start < end <= len(text):
            raise ParameterError(f"mention of {actor!r} at {start}..{end} lies outside the text "
                                 f"({len(text)} characters)", field="mentions")
        row = max(bisect.bisect_right(starts, start) - 1, 0) if sid is None else position.get(sid)
        if not split or row is None:
            raise ParameterError(f"sentence_id {sid} is not a sentence of the article", field="sentence_id")
        if row not in cut_cache:
            ps = cut(masked, split[row].start, split[row].end)
            cut_cache[row] = (ps, find(masked, ps))
        ps, matches = cut_cache[row]
        evidence = out.setdefault(actor, ActorEvidence(actor))
        evidence.mentions += 1
        evidence.sentence_ids.add(row)
        evidence.sentences = len(split)
        _mention_features(ps, matches, categories, start, end, text, evidence, int(split[row].start), acts)
        if toward is None:  # the mentions table carries it; bare mentions are scored here
            s_start = int(split[row].start)
            p = model.probabilities(target_features(masked[s_start:int(split[row].end)], start - s_start,
                                                    end - s_start, _target_lexicon())[0])
            toward = float(p[0]), float(p[2])
        evidence.role_mentions += bool(matches) or max(toward) > 1.0 - toward[0] - toward[1]
        evidence.counts["toward_negative"] += toward[0]
        evidence.counts["toward_positive"] += toward[1]
    return out


#: The ``mention_cues`` features: what the cues and the mention's position say, not what it names.
MENTION_CUE_PREFIXES = tuple(f"{c}_" for c in CATEGORIES) + ("after_preposition", "before_verb", "possessive", "speaker")


def act_entries(cues: Lexicon) -> frozenset[int]:
    """The cue entries that can head a harmful act's noun phrase: the villain category's nouns
    ("invasion", "assault"). Harm verbs used as nouns ("his attack", "the attack on X") are not
    among them: the verb rule already reads their agent and patient by position."""
    e = cues.entries
    return frozenset(i for i, (c, inflect) in enumerate(zip(e["category"], e["inflect"])) if c == "villain" and inflect == "noun")


def mention_cues(text: str, start: int, end: int) -> dict[str, float]:
    """The role-cue and position counts of the one mention ``text[start:end]`` in the sentence
    ``text``, by the rules of ``role_features`` (``harm_agent``, ``villain_near``, ``possessive``,
    ``speaker``, …; only the non-zero ones, and none of the ``kind_`` features). The
    target-sentiment model reads them: the agent of a harm is spoken of negatively."""
    cues = load_cues()
    ps = cut(text, 0, len(text))
    evidence = ActorEvidence("")
    _mention_features(ps, cues.matcher.find_in_pieces(text, ps), cues.entries["category"].tolist(), start, end, text, evidence, 0,
                      _packaged_acts())
    return {name: float(count) for name, count in evidence.counts.items() if count and name.startswith(MENTION_CUE_PREFIXES)}


@lru_cache(maxsize=1)
def _packaged_acts() -> frozenset[int]:
    """``act_entries`` of the packaged cues (``mention_cues`` reads those only), found once."""
    return act_entries(load_cues())


def harm_act_role(text: str, ps, heads: set[int], first: int, last: int, end: int) -> str | None:
    """``"agent"`` when the mention (pieces ``first``..``last``, ending at offset ``end``) carries
    out a harmful act named by a noun (a piece of ``heads``) in the same phrase, ``"patient"`` when
    it suffers it, else None. Agent: "X's (deadly) invasion", "X started/launched/waged his
    (deadly) invasion" (at most ``ACT_GAP`` words between the verb, or the possessive, and the
    act; at most two words between X and the verb: "X has launched"), "the invasion by X".
    Patient: "the invasion of X", "attacks on X" (``ACT_PATIENT``, a determiner allowed)."""
    starts, ends, norms = ps
    n = len(norms)
    if first >= n:  # the mention has no word piece of its own (past the sentence's last)
        return None

    def plain(a: int, b: int) -> bool:  # no mark ending a phrase between two offsets
        return _PHRASE_END.search(text, a, b) is None

    def head_after(j: int) -> bool:  # an act within ACT_GAP + 1 pieces from piece j on
        for i in range(j, min(j + ACT_GAP + 1, n)):
            if i in heads:
                return plain(end, starts[i])
            if norms[i] in PREPOSITIONS:
                return False
        return False

    if text[end:end + 2] in ("'s", "\u2019s") or text[end:end + 1] in ("'", "\u2019"):
        if head_after(last + 1):
            return "agent"
    for j in range(last + 1, min(last + 4, n)):
        if norms[j] in LAUNCH:
            if plain(end, starts[j]) and head_after(j + 1):
                return "agent"
            break
    previous = first - 1
    if previous > 0 and norms[previous] in DETERMINERS:
        previous -= 1
    before = [i for i in range(max(previous - ACT_GAP, 0), previous) if i in heads] if previous > 0 else []
    if before and plain(ends[before[-1]], starts[first]):
        if norms[previous] == "by":
            return "agent"
        if norms[previous] in ACT_PATIENT and before[-1] == previous - 1:
            return "patient"
    return None


def _after_by(norms: list[str], first: int) -> bool:
    """Whether "by" (and at most one determiner) stands just before the piece ``first``."""
    before = norms[max(first - 2, 0):first]
    return bool(before) and (before[-1] == "by" or (len(before) == 2 and before[0] == "by" and before[1] in DETERMINERS))


def _mention_features(ps, matches, categories, start: int, end: int, text: str, evidence: ActorEvidence,
                      ps_start: int, acts: frozenset[int] = frozenset()) -> None:
    """Adds one mention's features (and its window's cues) to ``evidence``; ``acts``: the cue
    entries that can head a harmful act (``act_entries``)."""
    starts, ends, norms = ps
    first = bisect.bisect_left(ends, start + 1)  # the mention's first piece
    last = max(bisect.bisect_left(starts, end) - 1, first)  # its last piece
    counts = evidence.counts
    for m in matches:
        category = categories[m.entry]
        at = bisect.bisect_left(starts, m.start)
        upto = bisect.bisect_left(starts, m.end) - 1
        if m.start < end and start < m.end:  # inside the mention
            counts[f"{category}_self"] += 1
            evidence.cues.append((f"{category}_self", text[m.start:m.end]))
            continue
        distance = first - upto if m.end <= start else at - last
        if distance > WINDOW:
            counts[f"{category}_sentence"] += 1
            continue
        if category in DESCRIPTIVE:
            name = f"{category}_near"
        elif m.start >= end:  # after the mention: its act, unless passive
            name = f"{category}_patient" if at > 0 and norms[at - 1] in PASSIVE and at - 1 > last else f"{category}_agent"
        else:  # before the mention: its object, unless "by X"
            name = f"{category}_agent" if _after_by(norms, first) else f"{category}_patient"
        counts[name] += 1
        evidence.cues.append((name, text[m.start:m.end]))
    heads = {bisect.bisect_left(starts, m.start) for m in matches if m.entry in acts}
    heads.update(i for i in range(max(first - 2 * ACT_GAP - 2, 0), min(last + 2 * ACT_GAP + 5, len(norms))) if norms[i] in HARM_ACTS)
    act = harm_act_role(text, ps, heads, first, last, end)
    if act:
        counts[f"harm_{act}"] += 1
    words = text[start:end].split()
    last_word = norms[last] if last < len(norms) else ""
    lower = bool(words) and words[0][:1].islower()
    counts["kind_people"] += last_word in PEOPLE
    counts["kind_plural"] += lower and last_word.endswith("s") and not last_word.endswith("ss")
    counts["kind_org"] += last_word in ORGANISATIONS
    counts["kind_proper"] += bool(words) and words[0][:1].isupper() and first > 0
    counts["kind_pronoun"] += len(words) == 1 and last_word in PRONOUNS
    counts["first_in_sentence"] += first == 0 or (first == 1 and norms[0] in ("the", "a", "an"))
    previous = next((norms[i] for i in range(first - 1, -1, -1) if norms[i] not in DETERMINERS), "")
    following = norms[last + 1] if last + 1 < len(norms) else ""
    counts["after_preposition"] += previous in PREPOSITIONS
    counts["possessive"] += following in ("'s", "s", "’s") or text[end:end + 2] in ("'s", "’s")
    counts["before_verb"] += following.isalpha() and following not in NOT_VERBS and last + 1 < len(starts) \
        and text[starts[last + 1]:starts[last + 1] + 1].islower()
    names = gazetteers()
    key = actor_key(text[start:end])
    counts["kind_place"] += key in names.places or key.removesuffix("'s") in names.places or last_word in PLACES
    counts["kind_hazard"] += any(norms[i] in HAZARDS for i in range(first, min(last + 1, len(norms))))
    counts["kind_person"] += bool(words) and words[0].lower() in names.first_names
    counts["kind_lower"] += lower and last_word not in PRONOUNS
    after = norms[last + 1:last + 1 + SPEAKER_WINDOW]
    before = norms[max(first - SPEAKER_WINDOW, 0):first]
    counts["speaker"] += any(w in VERB_FORMS for w in after) or "according" in before or \
        (bool(before) and before[-1] in VERB_FORMS)
    counts["in_quote"] += inside_double_quotes(text, start, ps_start)
