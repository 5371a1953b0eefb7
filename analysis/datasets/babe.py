"""BABE (Spinde et al., EMNLP 2021): the one reading of its ``final_labels_SG2.csv``.

The file is ``;``-separated with a header holding at least ``text``, ``label_bias`` and
``biased_words`` (``outlet`` is kept when present). ``read_babe`` returns one ``BabeSentence``
per row labelled ``Biased`` or ``Non-biased``; rows with any other label (``No agreement``) are
dropped and counted. ``biased_words`` is a Python list literal (``['bizarre', 'left-wing']``);
``spans`` are the case-insensitive, whole-word occurrences in ``text`` of each listed word,
sorted, each once. A header without a required column, or a word list that is not a list,
raises ``InputError`` naming the file, the line and the field.
"""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path
from typing import NamedTuple

from analysis.errors import InputError

FILE_NAME = "final_labels_SG2.csv"
REQUIRED = ("text", "label_bias", "biased_words")
LABELS = {"Biased": True, "Non-biased": False}


class BabeSentence(NamedTuple):
    """One labelled BABE row: ``line`` is its line in the file (the header is line 1)."""

    line: int
    text: str
    outlet: str
    biased: bool
    words: list[str]
    spans: list[tuple[int, int]]


class BabeFile(NamedTuple):
    """The labelled sentences of one file, and how many rows were dropped for their label."""

    sentences: list[BabeSentence]
    dropped: int


def read_babe(path) -> BabeFile:
    """The labelled sentences of ``path`` (the CSV, or a folder holding ``final_labels_SG2.csv``)."""
    path = Path(path)
    if path.is_dir():
        path = path / FILE_NAME
    if not path.is_file():
        raise InputError(f"no such file (expected {FILE_NAME})", file=path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"header lacks column {missing[0]!r}", file=path, line=1, field=missing[0])
        sentences, dropped = [], 0
        for record in reader:
            label = (record["label_bias"] or "").strip()
            if label not in LABELS:
                dropped += 1
                continue
            text = record["text"] or ""
            try:
                words = ast.literal_eval(record["biased_words"] or "[]")
            except (ValueError, SyntaxError) as error:
                raise InputError(f"is not a list ({error})", file=path, line=reader.line_num, field="biased_words") from error
            if not isinstance(words, (list, tuple)):
                raise InputError("is not a list", file=path, line=reader.line_num, field="biased_words")
            words = [str(w) for w in words]
            sentences.append(BabeSentence(reader.line_num, text, record.get("outlet", ""), LABELS[label], words,
                                          word_spans(text, words)))
    return BabeFile(sentences, dropped)


def word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The whole-word, case-insensitive occurrences of each word in ``text``, sorted, each once."""
    spans = []
    for word in words:
        if word.strip():
            spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text, re.I)]
    return sorted(set(spans))
