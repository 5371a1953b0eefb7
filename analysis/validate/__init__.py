"""Validation: the kit's loaded-language and bias figures measured against expert annotations.

``validate(path, format)`` reads one annotated dataset (BASIL, BABE or NewsMTSC), scores every
sentence with the kit and with baselines, and returns the figures, the error analysis and the
lexicon's measured precision as tables. The datasets are read here, annotations included; none
of their text is shipped with the kit.
"""

from analysis.validate.metrics import binary_prf, bootstrap_intervals, confusion_by_group, macro_f1, prf, scores_from_confusion, span_prf
from analysis.validate.readers import read_babe, read_basil, read_dataset, read_newsmtsc
from analysis.validate.run import Validation, comparison, validate

__all__ = [
    "Validation", "validate", "comparison", "read_dataset", "read_basil", "read_babe", "read_newsmtsc",
    "prf", "binary_prf", "macro_f1", "span_prf", "confusion_by_group", "scores_from_confusion", "bootstrap_intervals",
]
