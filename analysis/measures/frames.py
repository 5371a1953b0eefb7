"""``frames``: how the article frames its story, in two schemes, with the words that carry it.

Frames in the sense of Entman (1993), *selecting and making salient some aspects of a
perceived reality*, coded as communication research codes them:

- ``generic``: the five generic news frames of Semetko & Valkenburg (2000): ``conflict``,
  ``human_interest``, ``economic``, ``morality``, ``responsibility`` (attribution of
  responsibility; the Narrative Frames Corpus calls it *resolution*);
- ``policy``: the issue frames of the Policy Frames Codebook (Boydstun et al. 2014), as the
  Media Frames Corpus and SemEval-2023 Task 3 use them (``SCHEMES``; the codebook's fifteenth,
  *other*, has no cues and is not scored).

The method is a cue lexicon per scheme (``analysis/lexicon/data/frames_<scheme>.csv``, the
kit's lexicon format with the frame as the category), hand-written from the codebooks'
definitions and indicator questions, and one number per frame fitted on annotated news: the
threshold. Per article and frame:

- every cue hit is evidence (the ``frame_evidence`` table), located in its sentence, with its
  offsets into the original text and its voice: inside a direct quote (``quoted``, with the
  speaker the quote module found) or not (``journalist``). Cues are matched as loaded language
  is (``analysis.lexicon.match``: longest entry wins, never across sentence punctuation) on the
  cleaned text; a negated cue still evokes its frame ("not an economic question" is about the
  economy) and counts;
- ``strength``: the frame's evidence sentences, each counted as the summed weight of the
  frame's cue hits in it raised to ``SENTENCE_POWER`` (one weight-1.0 cue counts 1; a weight-0.3
  cue 0.74; four cues stacked in one sentence count about 1.4, not 4), per 1,000 of the
  article's words (title, highlights and body), counting never fewer than ``MIN_WORDS`` words:
  an article of ordinary length is judged on how much of the frame it carries, and only a long
  one on its density (so a long feature does not collect every frame from passing mentions,
  and a two-line item cannot reach a frame on one cue);
- ``score = strength / (strength + threshold)``, in 0..1 and 0.5 exactly at the threshold, and
  ``present = strength >= threshold``. The thresholds live in the cue file's header with how
  and on which data they were chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.article import Article
from analysis.errors import ParameterError
from analysis.lexicon import Lexicon
from analysis.lexicon.load import packaged_lexicon
from analysis.lexicon.match import Pieces, cut
from analysis.schema import FRAME_EVIDENCE, FRAMES, FrameEvidenceRow, FrameRow
from analysis.measures.voice import DirectQuotes
from analysis.schema.rows import rows_frame

#: The schemes and their frames, in the order the tables list them.
SCHEMES: dict[str, tuple[str, ...]] = {
    "generic": ("conflict", "human_interest", "economic", "morality", "responsibility"),
    "policy": ("economic", "capacity_and_resources", "morality", "fairness_and_equality",
               "legality_constitutionality_jurisprudence", "policy_prescription_and_evaluation",
               "crime_and_punishment", "security_and_defense", "health_and_safety", "quality_of_life",
               "cultural_identity", "public_opinion", "political", "external_regulation_and_reputation"),
}
#: The fewest words a frame's strength is measured over (see the module docstring). Chosen with
#: the rule above on the tuning parts of both development corpora (``bench/frames_tuning.py``):
#: 300, 450, 600 and 900 words, each sentence's strongest cue or every hit, were compared, and
#: every hit over at least 900 words gave the best tuning figures on the two schemes together.
MIN_WORDS = 900
#: Each evidence sentence counts its frame's summed cue weight to this power (see the module
#: docstring): 1 would be every hit at its weight (generic cues up to 1.1.0, policy up to 1.0.0), 0 one
#: per sentence whatever its cues. Chosen out of fold on the tuning parts of both development
#: corpora (the out-of-fold rule of ``bench/frames_tuning.py --cv 5``, 10 shufflings): 1, 0.75, 0.5, 0.25 and 0 were
#: compared with MIN_WORDS 600, 900 and 1200; 0.25 over 900 words raised the generic scheme's
#: macro-F1 (0.605 -> 0.627; human interest and morality, whose cues come one to a sentence in
#: a personal story or a moral judgement, gain most) and left the policy scheme's unchanged
#: (0.525 -> 0.524). ``docs/methods/frames.md`` has the figures.
SENTENCE_POWER = 0.25


@dataclass(frozen=True)
class FrameScheme:
    """A scheme: its name, frames (in order), cue lexicon (category = frame) and each
    frame's threshold on ``strength``."""

    name: str
    frames: tuple[str, ...]
    cues: Lexicon
    thresholds: dict[str, float]

    @property
    def version(self) -> str:
        return self.cues.version

    def provenance(self) -> dict:
        return {f"frames_{self.name}_version": self.version, f"frames_{self.name}_sha256": self.cues.sha256}


@lru_cache(maxsize=None)
def load_scheme(name: str) -> FrameScheme:
    """The packaged scheme ``name`` (one of ``SCHEMES``), checked: every cue's category is a
    frame of the scheme and every frame has a cue and a positive threshold."""
    if name not in SCHEMES:
        raise ParameterError(f"unknown frame scheme {name!r}; schemes are {', '.join(SCHEMES)}", field="scheme")
    cues = packaged_lexicon(f"frames_{name}")
    frames = SCHEMES[name]
    thresholds = {str(k): float(v) for k, v in (cues.meta.get("thresholds") or {}).items()}
    file = f"analysis/lexicon/data/frames_{name}"
    stray = sorted(set(cues.entries["category"]) - set(frames))
    if stray:
        raise ParameterError(f"{stray[0]!r} is not a frame of the {name} scheme", file=f"{file}.csv", field="category")
    for frame in frames:
        if not (cues.entries["category"] == frame).any():
            raise ParameterError(f"frame {frame!r} has no cue", file=f"{file}.csv", field="category")
        if not thresholds.get(frame, 0) > 0:
            raise ParameterError(f"frame {frame!r} has no positive threshold", file=f"{file}.meta.yaml", field="thresholds")
    return FrameScheme(name=name, frames=frames, cues=cues, thresholds=thresholds)


def schemes(names=None) -> list[FrameScheme]:
    """The packaged schemes by name (default: all of ``SCHEMES``)."""
    if isinstance(names, str):
        names = [names]
    return [load_scheme(n) for n in (names or SCHEMES)]


def frames(article: Article, sentences: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
           scheme: str | None = None) -> pd.DataFrame:
    """The article's frames: the ``frames`` table (``analysis.schema.FRAMES``), one row per
    scheme and frame, every frame listed (absent ones with score 0). ``scheme``: one of
    ``SCHEMES`` (default: both). ``sentences``/``quotes`` as ``analysis.measures.sentences`` and
    ``analysis.measures.quotes`` give them (computed when not given)."""
    return rows_frame(frame_rows(article, *_inputs(article, sentences, quotes), schemes(scheme))[0], FRAMES)


def frame_evidence(article: Article, sentences: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                   scheme: str | None = None) -> pd.DataFrame:
    """The cue hits behind ``frames``: the ``frame_evidence`` table (``analysis.schema.FRAME_EVIDENCE``)."""
    return rows_frame(frame_rows(article, *_inputs(article, sentences, quotes), schemes(scheme))[1], FRAME_EVIDENCE)


def _inputs(article: Article, sentences, quotes):
    from analysis.measures.quotes import given_quote_rows
    from analysis.measures.sentences import given_sentence_rows

    split = given_sentence_rows(article, sentences)
    return split, given_quote_rows(article, split, quotes)


def frame_rows(article: Article, sentences, quotes, scheme_list: list[FrameScheme],
               pieces: list[Pieces] | None = None) -> tuple[list[FrameRow], list[FrameEvidenceRow]]:
    """``frames`` and ``frame_evidence`` as rows, for the given schemes.

    ``sentences``: rows with ``sentence_id, part, start, end, words``; ``quotes``: quote rows
    (``kind, start, end, quote_id, speaker``); ``pieces``: each sentence's ``cut`` of
    ``article.masked``, when the caller has them already (scoring shares them with the
    loaded-language matcher)."""
    masked, text, article_id = article.masked, article.text, article.id
    if pieces is None:
        pieces = [cut(masked, s.start, s.end) for s in sentences]
    direct = DirectQuotes(quotes)
    words = sum(int(s.words) for s in sentences)
    frame_out: list[FrameRow] = []
    evidence: list[FrameEvidenceRow] = []
    for scheme in scheme_list:
        terms, categories, weights = _cue_values(scheme.cues)
        find = scheme.cues.matcher.find_in_pieces
        # per frame: each evidence sentence's summed cue weight, hits by voice
        evidence_sentences: dict[str, dict[int, float]] = {f: {} for f in scheme.frames}
        voices: dict[str, list[int]] = {f: [0, 0] for f in scheme.frames}
        for s, ps in zip(sentences, pieces):
            for m in find(masked, ps):
                frame, weight = categories[m.entry], weights[m.entry]
                quote = direct.containing(m.start, m.end) if direct else None
                sid = int(s.sentence_id)
                by_sentence = evidence_sentences[frame]
                by_sentence[sid] = by_sentence.get(sid, 0.0) + weight
                voices[frame][quote is not None] += 1
                evidence.append(FrameEvidenceRow(
                    article_id=article_id, scheme=scheme.name, frame=frame, evidence_id=len(evidence), sentence_id=sid,
                    part=s.part, start=m.start, end=m.end, text=text[m.start:m.end], cue=terms[m.entry], weight=weight,
                    voice="journalist" if quote is None else "quoted",
                    quote_id=quote, speaker=None if quote is None else direct.speaker(quote),
                ))
        for frame in scheme.frames:
            weight = sum(w ** SENTENCE_POWER for w in evidence_sentences[frame].values())
            strength = 1000.0 * weight / max(words, MIN_WORDS)
            threshold = scheme.thresholds[frame]
            journalist, quoted = voices[frame]
            frame_out.append(FrameRow(
                article_id=article_id, scheme=scheme.name, frame=frame, score=strength / (strength + threshold),
                present=strength >= threshold, strength=strength, threshold=threshold, sentences=len(evidence_sentences[frame]),
                hits=journalist + quoted, journalist_hits=journalist, quoted_hits=quoted,
            ))
    return frame_out, evidence


def _cue_values(cues: Lexicon) -> tuple[list, list, list]:
    """Per cue: term, frame, weight, as lists (kept on the lexicon, which does not change)."""
    cached = cues.__dict__.get("_frame_cue_values")
    if cached is None:
        entries = cues.entries
        cached = (entries["term"].tolist(), entries["category"].tolist(), entries["weight"].astype(float).tolist())
        cues.__dict__["_frame_cue_values"] = cached
    return cached
