"""Your codebook: code a sample of the kit's units, measure agreement with your coding.

- ``sample``: a reproducible, optionally stratified sample of sentences or articles as a coding
  sheet, with its design and weights (``analysis.codebook.sample``).
- ``agreement``, ``intercoder``, ``validate_coded``: the kit (or a coder) against your labels,
  with cluster-bootstrap intervals (``analysis.codebook.agreement``).
- ``train``, ``apply_model``: learn the codes (a JSON model with its card) and label scored
  results with it (``analysis.codebook.learn``).
"""

from analysis.codebook.agreement import agreement, confusion, intercoder, validate_coded
from analysis.codebook.learn import apply_model, load_model, save_model, train
from analysis.codebook.sample import sample

__all__ = ["sample", "agreement", "confusion", "intercoder", "validate_coded", "train", "save_model", "load_model", "apply_model"]
