"""The kit's thresholds as settings a researcher can fit on their own coding and score with.

Today one number is fitted to annotated data: ``BIAS_THRESHOLD``, the loaded weight at which
a sentence is ``biased`` (``analysis.measures.loaded_language``). ``Settings`` carries it (the
packaged value by default) into a scoring run (``ScoringOptions``: the run key and the
manifest record it) and into ``mediakit validate --format coded --measure biased``.

``fit_bias_threshold`` chooses it from coded units: among the loaded weights the units
have (``text_bias``, the call validation makes), the threshold whose decision
``weight >= threshold`` reaches the highest macro-F1 against the codes (ties go to the
higher threshold, the more conservative decision, as ``analysis.validate.frames.fit_thresholds``
decides). The threshold is stored rounded down to ``THRESHOLD_DECIMALS`` so the unit it was
fitted at stays flagged. The figure on the units it was fitted on is optimistic: check it on
other coded units (``mediakit validate OTHER --format coded --settings FILE``).

A settings file is JSON (``SETTINGS_FORMAT``): ``bias_threshold`` and, when fitted, ``fitted``
(the coded file and its sha256, the label column, units, the macro-F1 at the fitted and at
the packaged threshold). ``write_settings`` / ``read_settings`` round-trip it; a wrong value
raises ``InputError`` naming the file and field.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from analysis.errors import InputError, ParameterError
from analysis.measures.loaded_language import BIAS_THRESHOLD

SETTINGS_FORMAT = "mediakit-settings/1"
#: Decimals a fitted threshold keeps (rounded down).
THRESHOLD_DECIMALS = 4


@dataclass(frozen=True)
class Settings:
    """``bias_threshold``: the sentence flag's threshold; ``file``/``sha256``: the settings file
    it was read from (None: the packaged defaults); ``fitted``: how it was fitted, if it was."""

    bias_threshold: float = BIAS_THRESHOLD
    file: str | None = None
    sha256: str | None = None
    fitted: dict | None = field(default=None, compare=False)

    def key(self) -> dict:
        return {"bias_threshold": self.bias_threshold}

    def provenance(self) -> dict:
        record = {"bias_threshold": self.bias_threshold, "file": self.file, "sha256": self.sha256}
        if self.fitted:
            record["fitted"] = self.fitted
        return record

    def as_json(self) -> dict:
        out = {"format": SETTINGS_FORMAT, "bias_threshold": self.bias_threshold}
        if self.fitted:
            out["fitted"] = self.fitted
        return out


def read_settings(settings) -> Settings:
    """Settings as a caller gives them: None (the packaged defaults), a ``Settings``, a mapping
    (``{"bias_threshold": 0.4}``) or a settings file written by ``write_settings``."""
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    if isinstance(settings, dict):
        return _from_mapping(settings, file=None, sha256=None)
    path = Path(settings)
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", file=path) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise InputError(f"is not a JSON settings file ({error})", file=path) from None
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        raise InputError(f"is not a {SETTINGS_FORMAT} file", file=path, field="format")
    return _from_mapping(data, file=str(path), sha256=hashlib.sha256(raw).hexdigest())


def _from_mapping(data: dict, *, file, sha256) -> Settings:
    unknown = sorted(set(data) - {"format", "bias_threshold", "fitted"})
    if unknown:
        raise InputError(f"unknown setting {unknown[0]!r}; settings are bias_threshold", file=file, field=unknown[0])
    value = data.get("bias_threshold", BIAS_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise InputError(f"must be a number above 0, not {value!r}", file=file, field="bias_threshold")
    fitted = data.get("fitted")
    if fitted is not None and not isinstance(fitted, dict):
        raise InputError("must be a mapping", file=file, field="fitted")
    return Settings(bias_threshold=float(value), file=file, sha256=sha256, fitted=fitted)


def write_settings(settings: Settings, path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(settings.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fit_bias_threshold(weights: Sequence[float], truth: Sequence[bool]) -> tuple[float, float]:
    """The threshold (module docstring) and its macro-F1 on these units. ``weights``: each
    unit's loaded weight; ``truth``: its code read as a flag."""
    from analysis.validate.metrics import macro_f1

    weights, truth = np.asarray(weights, dtype=float), [bool(t) for t in truth]
    if len(weights) != len(truth):
        raise ParameterError(f"{len(weights)} weights for {len(truth)} codes", field="label")
    candidates = np.unique(weights[weights > 0])
    if len(candidates) == 0:
        raise ParameterError("no coded unit has a loaded hit: there is no threshold to choose", field="measure")
    if len(set(truth)) < 2:
        raise ParameterError("the codes hold one value only: a threshold needs both biased and not biased units",
                             field="label")
    best, best_t = -1.0, float(candidates[-1])
    for t in candidates:
        score = macro_f1(truth, (weights >= t - 1e-9).tolist())
        if score >= best:
            best, best_t = score, float(t)
    return math.floor(best_t * 10 ** THRESHOLD_DECIMALS + 1e-6) / 10 ** THRESHOLD_DECIMALS, float(best)


def fit_on_coded(coded, *, text: str, label: str, lexicon=None, file=None, current: Settings | None = None) -> Settings:
    """``mediakit validate --format coded --measure biased --fit``: the threshold fitted on the
    coded units' loaded weights (``text_bias``) against ``label`` (a flag column: the CLI reads
    it with ``analysis.validate.readers.as_flag``), as ``Settings`` recording how."""
    from analysis.lexicon import load_lexicon
    from analysis.measures.loaded_language import text_bias
    from analysis.validate.metrics import macro_f1

    lexicon = lexicon or load_lexicon()
    current = current or Settings()
    weights = [text_bias(t, lexicon).loaded_weight for t in coded[text]]
    truth = coded[label].astype(bool).tolist()
    threshold, score = fit_bias_threshold(weights, truth)
    at_current = macro_f1(truth, [w >= current.bias_threshold - 1e-9 for w in weights])
    fitted = {"coded_file": None if file is None else str(file),
              "coded_sha256": None if file is None else hashlib.sha256(Path(file).read_bytes()).hexdigest(),
              "label": label, "measure": "biased", "units": len(truth), "positives": int(sum(truth)),
              "macro_f1": score, "current_threshold": current.bias_threshold, "current_macro_f1": at_current,
              "lexicon_sha256": lexicon.sha256,
              "rule": "the observed loaded weight maximising macro-F1 (ties: the higher), rounded down to "
                      f"{THRESHOLD_DECIMALS} decimals"}
    return Settings(bias_threshold=threshold, fitted=fitted)
