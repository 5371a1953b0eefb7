"""Display shapes for the frames sections of the reports: the kit's ``frames`` and
``frame_evidence`` tables, ``frame_voice`` and the frames validation, selected, joined or
pivoted for reading. Nothing here computes a measure; every cell still goes through
``render.table``, which escapes it."""

from __future__ import annotations

import pandas as pd

FRAME_COLUMNS = ["scheme", "frame", "score", "present", "strength", "threshold", "sentences", "hits", "journalist_hits",
                 "quoted_hits"]
EVIDENCE_COLUMNS = ["scheme", "frame", "cue", "text", "voice", "speaker", "sentence"]


def frames_display(frames: pd.DataFrame) -> pd.DataFrame:
    """One article's frames, both schemes, in the table's order."""
    return frames[FRAME_COLUMNS].reset_index(drop=True)


def evidence_display(evidence: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per cue hit: its frame, the cue and the words matched, voice and speaker, and the
    sentence it is in (``sentences.text``)."""
    text = sentences.drop_duplicates("sentence_id").set_index("sentence_id")["text"]
    shown = evidence.assign(sentence=evidence["sentence_id"].map(text).to_numpy())
    return shown[EVIDENCE_COLUMNS].reset_index(drop=True)


#: The ``analysis.validate.comparison`` columns the frames headline table shows.
HEADLINE_COLUMNS = ["dataset", "method", "metric", "tune", "tune_low", "tune_high", "held", "held_low", "held_high", "all",
                    "note"]
DIFFERENCE_COLUMNS = ["frame", "group_a", "group_b", "annotators_diff", "annotators_low", "annotators_high", "kit_diff",
                      "kit_low", "kit_high", "same_sign"]


def frames_validation_headline(table: pd.DataFrame) -> pd.DataFrame:
    """Micro- and macro-F1 of every method on the frames datasets (article-level rows)."""
    rows = table[(table["level"] == "article") & table["metric"].isin(["micro_f1", "macro_f1"])]
    return rows[HEADLINE_COLUMNS].reset_index(drop=True)


def per_frame_f1(table: pd.DataFrame, dataset: str, split: str = "held") -> pd.DataFrame:
    """One row per frame of ``dataset`` (in its scheme's order): the kit's precision and recall,
    then each method's F1 as ``value [low, high]``, on ``split``."""
    rows = table[(table["dataset"] == dataset) & (table["level"] == "article")]
    rows = rows[rows["metric"].str.endswith(("_f1", "_precision", "_recall")) & ~rows["metric"].isin(["micro_f1", "macro_f1"])]
    if rows.empty:
        return pd.DataFrame(columns=["frame"])
    cell = [f"{v:.3f} [{lo:.3f}, {hi:.3f}]" if pd.notna(lo) else (f"{v:.3f}" if pd.notna(v) else "")
            for v, lo, hi in zip(rows[split], rows[f"{split}_low"], rows[f"{split}_high"])]
    rows = rows.assign(cell=cell, frame=rows["metric"].str.rsplit("_", n=1).str[0], what=rows["metric"].str.rsplit("_", n=1).str[1])
    kit = rows[(rows["method"] == "kit") & rows["what"].isin(["precision", "recall"])]
    wide = kit.pivot(index="frame", columns="what", values="cell").add_prefix("kit_")
    f1 = rows[rows["what"] == "f1"].pivot(index="frame", columns="method", values="cell")
    methods = list(dict.fromkeys(rows.loc[rows["what"] == "f1", "method"]))
    f1 = f1[methods].add_suffix("_f1")
    from analysis.datasets.framed import FORMATS
    from analysis.measures.frames import SCHEMES

    scheme = SCHEMES.get(FORMATS[dataset][0], ()) if dataset in FORMATS else ()
    found = set(rows["frame"])
    frames = [f for f in scheme if f in found] + sorted(found - set(scheme))
    return wide.join(f1).reindex(frames).rename_axis("frame").reset_index()


def frame_validity_table(outlets: pd.DataFrame) -> pd.DataFrame:
    """Per bias group and frame: the annotators' and the kit's prevalence as ``value [low, high]``
    and the articles (NFC ``Validation.outlets``)."""
    cell = [f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, lo, hi in zip(outlets["value"], outlets["ci_low"], outlets["ci_high"])]
    wide = outlets.assign(cell=cell).pivot_table(index=["outlet", "metric"], columns="method", values="cell", aggfunc="first",
                                                 sort=False)
    items = outlets.groupby(["outlet", "metric"], sort=False)["items"].first()
    wide = wide.join(items.rename("articles")).reset_index().rename(columns={"outlet": "group", "metric": "frame"})
    return wide[["group", "frame", *[m for m in ("annotators", "kit") if m in wide.columns], "articles"]]


def annotated_differences(differences: pd.DataFrame) -> pd.DataFrame:
    """The pairs of groups and frames whose annotated difference has an interval excluding zero,
    with the kit's difference beside it and whether it has the same sign."""
    if differences.empty:
        return pd.DataFrame(columns=DIFFERENCE_COLUMNS)
    return differences[differences["annotators_excludes_zero"].astype(bool)][DIFFERENCE_COLUMNS].reset_index(drop=True)
