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
