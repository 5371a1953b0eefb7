"""The annotated datasets as validation reads them: one tidy table of scored items per dataset.

Every dataset is read by its module in ``analysis.datasets`` (the one reading the corpus
adapters and the target model's training use too); this module turns the records into items.
Every table has one row per scored item with at least ``item_id, group, split, text, label``;
spans are lists of ``(start, end)`` offsets into ``text``. ``split`` is ``tune`` or ``held``
from a hash of ``group`` (a BASIL event, a BABE sentence, a NewsMTSC sentence), so the same
item always falls in the same half (``TUNE_SHARE`` of groups go to ``tune``).

- BASIL (``analysis.datasets.basil``): one row per sentence, as written in the article file;
  ``outlet`` the outlet's name ("Fox News", "HuffPost", "New York Times", as in the scored
  tables); ``label`` = the sentence holds a ``lex`` span; ``spans`` its lex spans;
  ``phrases`` the annotated texts.
- BABE (``analysis.datasets.babe``): one row per sentence labelled ``Biased`` or
  ``Non-biased`` (``No agreement`` rows are dropped and counted in ``attrs["dropped"]``);
  ``spans`` are the whole-word occurrences of each of its ``biased_words``.
- NewsMTSC (``analysis.datasets.newsmtsc``; a ``.jsonl`` file or a folder of ``dev-*.jsonl``):
  one row per target, ``label`` negative / neutral / positive, ``start``/``end`` the target
  mention.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from analysis.datasets import babe, basil, newsmtsc
from analysis.errors import InputError

TUNE_SHARE = 70  # percent of groups in the tuning half
FORMATS = ("basil", "babe", "newsmtsc")


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


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_basil(path) -> pd.DataFrame:
    """BASIL sentences with their lexical-bias spans (see the module docstring)."""
    rows = []
    for entry in basil.article_files(path):
        article = basil.read_entry(entry)
        sentences = article.sentences
        spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
        phrases: list[list[str]] = [[] for _ in sentences]
        for lex in basil.lex_spans(path, article):
            spans[lex.sentence].append((lex.start, lex.end))
            phrases[lex.sentence].append(lex.phrase)
        for i, text in enumerate(sentences):
            rows.append({
                "item_id": f"{article.id}:{i}", "group": article.event, "split": split_of(article.event),
                "outlet": article.outlet, "text": text, "label": bool(spans[i]), "spans": spans[i], "phrases": phrases[i],
            })
    return pd.DataFrame(rows)


def read_babe(path) -> pd.DataFrame:
    """BABE sentences labelled Biased / Non-biased with their biased words located."""
    read = babe.read_babe(path)
    rows = []
    for sentence in read.sentences:
        group = _sha256(sentence.text)
        rows.append({
            "item_id": f"row{sentence.line}", "group": group, "split": split_of(group), "outlet": sentence.outlet,
            "text": sentence.text, "label": sentence.biased, "spans": sentence.spans, "phrases": sentence.words,
        })
    table = pd.DataFrame(rows)
    table.attrs["dropped"] = read.dropped
    return table


def read_newsmtsc(path) -> pd.DataFrame:
    """NewsMTSC targets with their polarity, from one JSONL file or the dev-*.jsonl in a folder."""
    rows = []
    for target in newsmtsc.read_newsmtsc(path):
        group = _sha256(target.text)
        rows.append({
            "item_id": f"{target.file.stem}:{target.line}:{target.index}", "group": group, "split": split_of(group),
            "subset": target.file.stem, "text": target.text, "label": target.label,
            "start": target.start, "end": target.end, "mention": target.mention,
        })
    return pd.DataFrame(rows)


#: How a coded CSV may spell a yes/no label (case-insensitive) when the measure is a yes/no flag.
TRUE_LABELS = ("1", "true", "yes", "y", "biased", "present")
FALSE_LABELS = ("0", "false", "no", "n", "non-biased", "not biased", "absent")


def read_coded(path, *, text: str, label: str, coders=(), group: str | None = None) -> pd.DataFrame:
    """A coding sheet the researcher filled in (``analysis.codebook.sample`` writes one): a CSV
    with a header holding ``text``, ``label``, each of ``coders`` and ``group`` (when given).
    Every row must have a text and a ``label`` code; a coder column may be left empty (a
    missing code, NA). Codes are kept as the stripped strings; ``line`` is each row's line
    (the header is line 1). A missing column or an empty code raises ``InputError`` naming
    the file, the line and the field."""
    import csv

    path = Path(path)
    if not path.is_file():
        raise InputError("no such coded file", file=path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for column in [text, label, *coders, *([group] if group else [])]:
            if column not in header:
                raise InputError(f"header lacks column {column!r} (columns: {', '.join(header)})", file=path, line=1, field=column)
        rows = []
        for record in reader:
            for column in (text, label):
                if not (record.get(column) or "").strip():
                    raise InputError("is empty: every unit needs a text and a code", file=path, line=reader.line_num, field=column)
            row = {"line": reader.line_num, **record}
            for column in {label, *coders}:
                value = (record.get(column) or "").strip()
                row[column] = value if value else None
            rows.append(row)
    if not rows:
        raise InputError("has no coded rows", file=path, line=1)
    table = pd.DataFrame(rows)
    table.attrs["file"] = str(path)
    return table


def as_flag(table: pd.DataFrame, column: str) -> pd.Series:
    """A yes/no code column as booleans (``TRUE_LABELS`` / ``FALSE_LABELS``; NA stays NA); any
    other code raises ``InputError`` naming the file, the line and the field."""
    out = []
    for line, value in zip(table["line"], table[column]):
        if value is None or (isinstance(value, float) and pd.isna(value)):
            out.append(None)
        elif str(value).strip().lower() in TRUE_LABELS:
            out.append(True)
        elif str(value).strip().lower() in FALSE_LABELS:
            out.append(False)
        else:
            raise InputError(f"code {value!r} is not yes/no (yes: {', '.join(TRUE_LABELS)}; no: {', '.join(FALSE_LABELS)})",
                             file=table.attrs.get("file"), line=int(line), field=column)
    return pd.Series(out, index=table.index, dtype=object)
