"""The lexicon's measured precision, written beside it and kept with its version.

``loaded_language.precision.csv`` (columns ``PRECISION_COLUMNS``) holds, per dataset, the hit
precision of each category and of each entry with at least ``MIN_ENTRY_HITS`` hits; the
``precision:`` block at the end of ``loaded_language.meta.yaml`` summarises it. Both are
written by ``mediakit validate … --write-precision``, never by hand. Rows measured on another
lexicon version are dropped when a new measurement is written (and ignored by the loader).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from analysis.lexicon.load import PACKAGED, packaged_dir
from analysis.validate.run import MIN_ENTRY_HITS, PRECISION_COLUMNS

DEFINITION = ("a hit is true when it overlaps an annotated span: a lex span for BASIL, one of the "
              "sentence's biased_words for BABE")


def write_precision(table: pd.DataFrame, *, lexicon_version: str, headline: pd.DataFrame | None = None, data_dir=None) -> Path:
    """Merge ``table`` (one dataset's ``Validation.precision``) into the precision CSV and
    rewrite the meta's ``precision:`` block (with the kit's sentence-level ``headline`` figure,
    ``Validation.headline()``, when given). Returns the CSV path."""
    folder = Path(data_dir) if data_dir is not None else packaged_dir()
    path = folder / f"{PACKAGED}.precision.csv"
    old = pd.read_csv(path) if path.is_file() else pd.DataFrame(columns=PRECISION_COLUMNS)
    old = old[(old["lexicon_version"].astype(str) == lexicon_version) & ~old["dataset"].isin(table["dataset"].unique())]
    merged = pd.concat([old, table[PRECISION_COLUMNS]], ignore_index=True) if len(old) else table[PRECISION_COLUMNS].copy()
    merged = merged.sort_values(["dataset", "level", "key"], kind="stable").reset_index(drop=True)
    merged.to_csv(path, index=False, float_format="%.4f")
    dataset = str(table["dataset"].iat[0])
    _write_meta_block(folder / f"{PACKAGED}.meta.yaml", merged, lexicon_version, dataset, headline)
    return path


def _write_meta_block(meta_path: Path, table: pd.DataFrame, lexicon_version: str, dataset: str, headline) -> None:
    overall = {}
    for name, rows in table[table["level"] == "category"].groupby("dataset"):
        hits, true = int(rows["hits"].sum()), int(rows["true_hits"].sum())
        overall[str(name)] = {"hits": hits, "true_hits": true, "precision": round(true / hits, 4) if hits else None}
    block = {"precision": {
        "file": f"{PACKAGED}.precision.csv",
        "lexicon_version": lexicon_version,
        "definition": DEFINITION,
        "min_entry_hits": MIN_ENTRY_HITS,
        "command": "mediakit validate PATH --format {basil,babe} --write-precision",
        "overall": overall,
    }}
    text = meta_path.read_text(encoding="utf-8")
    previous = (yaml.safe_load(text) or {}).get("precision") or {}
    sentence = dict(previous.get("kit_sentence_level") or {}) if previous.get("lexicon_version") == lexicon_version else {}
    if headline is not None and "kit" in headline.index:
        sentence[dataset] = {split: round(float(v), 4) for split, v in headline.loc["kit"].items() if pd.notna(v)}
    sentence = {k: v for k, v in sentence.items() if k in overall}
    block["precision"]["kit_sentence_level"] = sentence
    block["precision"]["kit_sentence_metric"] = "BASIL: F1 of 'holds a lex span'; BABE: macro-F1 Biased vs Non-biased"
    marker = "\n# precision: written by"
    head = text.split(marker)[0].rstrip("\n")
    if "\nprecision:" in head:  # the unmeasured placeholder of earlier versions
        head = head[: head.index("\nprecision:")].rstrip("\n")
    meta_path.write_text(
        head + marker + " `mediakit validate --write-precision`; do not edit by hand.\n"
        + yaml.safe_dump(block, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
