"""Readers for the annotated datasets, annotations included, as one tidy table per dataset.

Every reader returns one row per scored item with at least ``item_id, group, split, text,
label``; spans are lists of ``(start, end)`` offsets into ``text``. ``split`` is ``tune`` or
``held`` from a hash of ``group`` (a BASIL event, a BABE sentence, a NewsMTSC sentence), so the
same item always falls in the same half (``TUNE_SHARE`` of groups go to ``tune``).

- BASIL (``articles/<year>/<event>_<n>.json`` + ``annotations/<year>/<event>_<n>_ann.json``):
  one row per sentence; ``label`` = the sentence holds a ``lex`` span; ``spans`` its lex spans,
  located by finding the annotation's ``txt`` in the sentences (the ``start``/``end`` within
  the sentence pick among repeats); ``phrases`` the annotated texts.
- BABE (``final_labels_SG2.csv``, ``;``-separated): one row per sentence labelled ``Biased`` or
  ``Non-biased`` (``No agreement`` rows are dropped and counted in ``attrs["dropped"]``);
  ``spans`` are the whole-word occurrences of each of its ``biased_words``.
- NewsMTSC (a ``.jsonl`` file or a folder of ``dev-*.jsonl``): one row per target, ``label``
  negative / neutral / positive, ``start``/``end`` the target mention.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from analysis.errors import InputError

TUNE_SHARE = 70  # percent of groups in the tuning half
FORMATS = ("basil", "babe", "newsmtsc")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def split_of(group: str) -> str:
    """``tune`` or ``held``: the first two bytes of sha256(group), mod 100, below TUNE_SHARE."""
    digest = hashlib.sha256(str(group).encode("utf-8")).digest()
    return "tune" if int.from_bytes(digest[:2], "big") % 100 < TUNE_SHARE else "held"


def read_dataset(path, format: str) -> pd.DataFrame:
    if format not in FORMATS:
        raise InputError(f"unknown dataset format {format!r}; formats are {', '.join(FORMATS)}", field="format")
    path = Path(path)
    if not path.exists():
        raise InputError("no such dataset file or folder", file=path)
    return {"basil": read_basil, "babe": read_babe, "newsmtsc": read_newsmtsc}[format](path)


def _json(path: Path, line: int | None = None, raw: str | None = None):
    try:
        return json.loads(path.read_text(encoding="utf-8") if raw is None else raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"is not valid JSON ({error})", file=path, line=line or getattr(error, "lineno", None)) from error


def read_basil(path) -> pd.DataFrame:
    """BASIL sentences with their lexical-bias spans (see the module docstring)."""
    root = Path(path)
    articles = sorted((root / "articles").glob("*/*.json"))
    if not articles:
        raise InputError("no articles/<year>/<event>_<n>.json files (is this a BASIL folder?)", file=root)
    rows = []
    for file in articles:
        doc = _json(file)
        paragraphs = doc.get("body-paragraphs")
        if not isinstance(paragraphs, list):
            raise InputError("missing or not a list", file=file, field="body-paragraphs")
        sentences = [s for p in paragraphs for s in p if isinstance(s, str)]
        event = str(doc.get("triplet-uuid") or file.stem.rsplit("_", 1)[0])
        ann_file = root / "annotations" / file.parent.name / f"{file.stem}_ann.json"
        spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
        phrases: list[list[str]] = [[] for _ in sentences]
        if ann_file.is_file():
            for ann in _json(ann_file).get("phrase-level-annotations") or []:
                if str(ann.get("bias", "")).lower() != "lex" or not str(ann.get("txt", "")).strip():
                    continue
                found = _locate(sentences, str(ann["txt"]), ann.get("start"))
                if found is not None:
                    i, start = found
                    spans[i].append((start, start + len(str(ann["txt"]))))
                    phrases[i].append(str(ann["txt"]))
        for i, text in enumerate(sentences):
            rows.append({
                "item_id": f"{file.stem}:{i}", "group": event, "split": split_of(event),
                "outlet": str(doc.get("source", "")).lower(), "text": text,
                "label": bool(spans[i]), "spans": spans[i], "phrases": phrases[i],
            })
    return pd.DataFrame(rows)


def _locate(sentences: list[str], txt: str, start) -> tuple[int, int] | None:
    """(sentence index, offset) of ``txt``: the sentence where it sits at ``start`` if any,
    else the first sentence that contains it."""
    try:
        start = int(start)
    except (TypeError, ValueError):
        start = None
    first = None
    for i, sentence in enumerate(sentences):
        if start is not None and sentence[start:start + len(txt)] == txt:
            return i, start
        if first is None and txt in sentence:
            first = (i, sentence.index(txt))
    return first


def read_babe(path) -> pd.DataFrame:
    """BABE sentences labelled Biased / Non-biased with their biased words located."""
    path = Path(path)
    if path.is_dir():
        path = path / "final_labels_SG2.csv"
    if not path.is_file():
        raise InputError("no such file (expected final_labels_SG2.csv)", file=path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in ("text", "label_bias", "biased_words") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"header lacks column {missing[0]!r}", file=path, line=1, field=missing[0])
        rows, dropped = [], 0
        for record in reader:
            label = (record["label_bias"] or "").strip()
            if label not in ("Biased", "Non-biased"):
                dropped += 1
                continue
            text = record["text"] or ""
            try:
                words = ast.literal_eval(record["biased_words"] or "[]")
            except (ValueError, SyntaxError) as error:
                raise InputError(f"is not a list ({error})", file=path, line=reader.line_num, field="biased_words") from error
            group = hashlib.sha256(text.encode("utf-8")).hexdigest()
            rows.append({
                "item_id": f"row{reader.line_num}", "group": group, "split": split_of(group),
                "outlet": record.get("outlet", ""), "text": text, "label": label == "Biased",
                "spans": _word_spans(text, [str(w) for w in words]), "phrases": [str(w) for w in words],
            })
    table = pd.DataFrame(rows)
    table.attrs["dropped"] = dropped
    return table


def _word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        if word.strip():
            spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text, re.I)]
    return sorted(set(spans))


def read_newsmtsc(path) -> pd.DataFrame:
    """NewsMTSC targets with their polarity, from one JSONL file or the dev-*.jsonl in a folder."""
    path = Path(path)
    files = sorted(path.glob("dev-*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise InputError("no dev-*.jsonl files", file=path)
    rows = []
    for file in files:
        for n, raw in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            record = _json(file, n, raw)
            text = record.get("sentence_normalized")
            if not isinstance(text, str):
                raise InputError("missing", file=file, line=n, field="sentence_normalized")
            group = hashlib.sha256(text.encode("utf-8")).hexdigest()
            for k, target in enumerate(record.get("targets") or []):
                try:
                    label = POLARITY[float(target["polarity"])]
                    start, end = int(target["from"]), int(target["to"])
                except (KeyError, TypeError, ValueError):
                    raise InputError("a target needs from, to and polarity 2, 4 or 6", file=file, line=n, field="targets") from None
                rows.append({
                    "item_id": f"{file.stem}:{n}:{k}", "group": group, "split": split_of(group), "subset": file.stem,
                    "text": text, "label": label, "start": start, "end": end, "mention": text[start:end],
                })
    return pd.DataFrame(rows)
