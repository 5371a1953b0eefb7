"""Your codebook: code a sample of the kit's units, measure agreement with your coding.

- ``sample``: a reproducible, optionally stratified sample of sentences or articles as a coding
  sheet, with its design and weights (``analysis.codebook.sample``).
- ``agreement``, ``intercoder``, ``validate_coded``: the kit (or a coder) against your labels,
  with cluster-bootstrap intervals (``analysis.codebook.agreement``).
- ``train``, ``apply_model``: learn the codes (a JSON model with its card) and label scored
  results with it (``analysis.codebook.learn``).
- ``fit_bias_threshold``, ``read_settings``, ``write_settings``: the sentence flag's threshold
  fitted on your codes, as a settings file scoring runs take (``analysis.codebook.settings``).

The names are imported on first use: a scoring run reads its settings and models from here
without loading scikit-learn and krippendorff when it needs neither.
"""

from importlib import import_module

# imported now: ``sample`` is also the submodule's name, which importing it would bind here
from analysis.codebook.sample import sample

_WHERE = {
    "agreement": "agreement", "confusion": "agreement", "intercoder": "agreement", "validate_coded": "agreement",
    "train": "learn", "save_model": "learn", "load_model": "learn", "apply_model": "learn",
    "Settings": "settings", "fit_bias_threshold": "settings", "read_settings": "settings", "write_settings": "settings",
}

__all__ = ["sample", *_WHERE]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'analysis.codebook' has no attribute {name!r}")
    value = getattr(import_module(f"analysis.codebook.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
