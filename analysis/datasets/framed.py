"""Articles annotated with frames: the one reading of the Narrative Frames Corpus and of
SemEval-2023 Task 3's frame labels.

- ``nfc`` (Frermann et al., ACL 2023; MIT): ``articles.jsonl``, one article a line, with
  ``id, outlet, bias, published, text`` and ``frames``, the five generic frames each true or
  false (``resolution`` is the kit's ``responsibility``, ``moral`` its ``morality``:
  ``NFC_FRAMES``); ``roles.jsonl`` beside it holds the entities it casts as hero, villain or
  victim.
- ``semeval-frames`` (Piskorski et al., SemEval 2023; no licence: never shipped): ``train.jsonl``
  (or any ``.jsonl``), one article a line, ``id, title, text`` and ``frames``, a list of
  Policy Frames Codebook names as the task spells them (``SEMEVAL_FRAMES`` maps them to the
  kit's ``policy`` scheme).

``read_framed(path, format)`` returns one ``FramedArticle`` per line, in file order; blank lines
are skipped. A line that cannot be used (invalid JSON, no id or text, frames of the wrong
shape, a frame name the scheme does not know, an id given twice) raises ``InputError`` naming
the file, the line and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from analysis.errors import InputError
from analysis.datasets import json_objects

#: NFC's frame names → the kit's ``generic`` frames.
NFC_FRAMES = {"conflict": "conflict", "human_interest": "human_interest", "economic": "economic",
              "moral": "morality", "resolution": "responsibility"}
#: SemEval-2023's frame names → the kit's ``policy`` frames.
SEMEVAL_FRAMES = {
    "Economic": "economic", "Capacity_and_resources": "capacity_and_resources", "Morality": "morality",
    "Fairness_and_equality": "fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence": "legality_constitutionality_jurisprudence",
    "Policy_prescription_and_evaluation": "policy_prescription_and_evaluation",
    "Crime_and_punishment": "crime_and_punishment", "Security_and_defense": "security_and_defense",
    "Health_and_safety": "health_and_safety", "Quality_of_life": "quality_of_life",
    "Cultural_identity": "cultural_identity", "Public_opinion": "public_opinion", "Political": "political",
    "External_regulation_and_reputation": "external_regulation_and_reputation",
}
#: Each format: its scheme, and the file read from a folder.
FORMATS = {"nfc": ("generic", "articles.jsonl"), "semeval-frames": ("policy", "train.jsonl")}


class FramedArticle(NamedTuple):
    """One annotated article: ``frames`` is the set of the scheme's frames the annotators found."""

    file: Path
    line: int
    id: str
    text: str
    title: str | None
    outlet: str | None
    bias: str | None
    published: str | None
    frames: frozenset[str]


def read_framed(path, format: str) -> list[FramedArticle]:
    """Every article of a ``format`` file (``nfc`` or ``semeval-frames``), or of its folder's file."""
    if format not in FORMATS:
        raise InputError(f"unknown frames format {format!r}; formats are {', '.join(FORMATS)}", field="format")
    path = Path(path)
    if path.is_dir():
        path = path / FORMATS[format][1]
    if not path.is_file():
        raise InputError(f"no such file (expected {FORMATS[format][1]})", file=path)
    out, seen = [], {}
    for n, record in json_objects(path):
        article_id, text = record.get("id"), record.get("text")
        if not isinstance(article_id, (str, int)) or isinstance(article_id, bool) or str(article_id) == "":
            raise InputError("missing, empty or not a string", file=path, line=n, field="id")
        if not isinstance(text, str) or not text.strip():
            raise InputError("missing, empty or not a string", file=path, line=n, field="text")
        article_id = str(article_id)
        if article_id in seen:
            raise InputError(f"id {article_id!r} is given twice (first on line {seen[article_id]})", file=path, line=n,
                             field="id")
        seen[article_id] = n
        frames = _nfc_frames(record, path, n) if format == "nfc" else _semeval_frames(record, path, n)
        out.append(FramedArticle(path, n, article_id, text, _text(record, "title"), _text(record, "outlet"),
                                 _text(record, "bias"), _text(record, "published"), frames))
    if not out:
        raise InputError("holds no articles", file=path)
    return out


def _text(record: dict, key: str) -> str | None:
    value = record.get(key)
    return None if value is None else str(value)


def _nfc_frames(record: dict, path: Path, line: int) -> frozenset[str]:
    frames = record.get("frames")
    if not isinstance(frames, dict):
        raise InputError("missing or not an object", file=path, line=line, field="frames")
    unknown = sorted(set(frames) - set(NFC_FRAMES))
    if unknown:
        raise InputError(f"unknown frame {unknown[0]!r}; frames are {', '.join(NFC_FRAMES)}", file=path, line=line,
                         field=f"frames.{unknown[0]}")
    for name, value in frames.items():
        if not isinstance(value, bool):
            raise InputError("must be true or false", file=path, line=line, field=f"frames.{name}")
    return frozenset(NFC_FRAMES[name] for name, value in frames.items() if value)


def _semeval_frames(record: dict, path: Path, line: int) -> frozenset[str]:
    frames = record.get("frames")
    if not isinstance(frames, list) or not all(isinstance(f, str) for f in frames):
        raise InputError("missing or not a list of names", file=path, line=line, field="frames")
    unknown = sorted(set(frames) - set(SEMEVAL_FRAMES))
    if unknown:
        raise InputError(f"unknown frame {unknown[0]!r}", file=path, line=line, field="frames")
    return frozenset(SEMEVAL_FRAMES[f] for f in frames)
