"""NewsMTSC (Hamborg & Donnay, EACL 2021): the one reading of its JSONL files.

Each line is a JSON object with ``sentence_normalized`` (the sentence) and ``targets``, a list
of ``{"from", "to", "polarity", …}``: the target's character offsets in the sentence and its
sentiment, 2.0 / 4.0 / 6.0 for negative / neutral / positive (``POLARITY``). ``read_newsmtsc``
returns one ``Target`` per target, in file and line order; blank lines are skipped. A line that
cannot be used (invalid JSON, no sentence, ``targets`` not a list, a polarity other than 2, 4
or 6, offsets that are not integers or do not fit the sentence) raises ``InputError`` naming
the file, the line and the field, and so does a file (or folder) holding no target.

Validation reads the dev files (``dev-mt.jsonl``, ``dev-rw.jsonl``); the target model is
trained on ``train.jsonl`` (``analysis.measures.targets.train``), read by the same function.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from analysis.errors import InputError
from analysis.datasets import json_objects

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
#: The files ``read_newsmtsc`` reads from a folder: the dev sets (never ``train.jsonl``).
DEV_FILES = "dev-*.jsonl"


class Target(NamedTuple):
    """One annotated target: ``text[start:end]`` is its mention, ``label`` its sentiment;
    ``line`` its line in ``file`` and ``index`` its place among the line's targets."""

    file: Path
    line: int
    index: int
    text: str
    start: int
    end: int
    label: str

    @property
    def mention(self) -> str:
        return self.text[self.start:self.end]


def read_newsmtsc(path) -> list[Target]:
    """Every target of a NewsMTSC ``.jsonl`` file, or of the ``DEV_FILES`` in a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob(DEV_FILES))
        if not files:
            raise InputError(f"no {DEV_FILES} files", file=path)
    elif path.is_file():
        files = [path]
    else:
        raise InputError("no such file or folder", file=path)
    targets = [t for file in files for t in _read_file(file)]
    if not targets:
        raise InputError("holds no targets", file=path)
    return targets


def _read_file(path: Path) -> list[Target]:
    out = []
    for n, record in json_objects(path):
        text = record.get("sentence_normalized")
        if not isinstance(text, str):
            raise InputError("missing or not a string", file=path, line=n, field="sentence_normalized")
        targets = record.get("targets")
        if not isinstance(targets, list):
            raise InputError("missing or not a list", file=path, line=n, field="targets")
        for k, target in enumerate(targets):
            try:
                label = POLARITY[float(target["polarity"])]
            except (KeyError, TypeError, ValueError):
                raise InputError("polarity must be 2, 4 or 6", file=path, line=n, field="targets.polarity") from None
            try:
                start, end = int(target["from"]), int(target["to"])
            except (KeyError, TypeError, ValueError):
                raise InputError("from and to must be integers", file=path, line=n, field="targets.from") from None
            if not 0 <= start < end <= len(text):
                raise InputError(f"offsets {start}..{end} do not fit the sentence", file=path, line=n, field="targets.from")
            out.append(Target(path, n, k, text, start, end, label))
    return out
