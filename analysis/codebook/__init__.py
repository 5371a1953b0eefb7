"""Your codebook: code a sample of the kit's units, measure agreement with your coding.

- ``sample``: a reproducible, optionally stratified sample of sentences or articles as a coding
  sheet, with its design and weights (``analysis.codebook.sample``).
- ``agreement``, ``intercoder``, ``validate_coded``: the kit (or a coder) against your labels,
  with cluster-bootstrap intervals (``analysis.codebook.agreement``).
"""

from analysis.codebook.agreement import agreement, confusion, intercoder, validate_coded
from analysis.codebook.sample import sample

__all__ = ["sample", "agreement", "confusion", "intercoder", "validate_coded"]
