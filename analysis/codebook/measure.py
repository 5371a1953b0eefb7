"""The kit's decision on each coded text, for ``mediakit validate --format coded --measure``.

- ``biased``: the sentence flag, ``analysis.measures.loaded_language.text_bias`` (the call the
  kit's own BABE and BASIL validation makes), True / False, at the packaged threshold or the
  one of a settings file (``analysis.codebook.settings``);
- ``frame:SCHEME:FRAME`` (e.g. ``frame:generic:conflict``): whether the frame is ``present``
  when the text is scored as an article (``analysis.measures.frames.frames``), True / False.
  Frames are measured per 1,000 words of at least ``MIN_WORDS``: on a single sentence few
  reach their threshold, so code articles for frames.

- a model file written by ``mediakit train`` (a path ending ``.json``): its label for each
  text (``analysis.codebook.learn.predict``); the coded labels are compared as written.

The first two are yes/no measures: the coded labels are read with
``analysis.validate.readers.as_flag``.
"""

from __future__ import annotations

from typing import Sequence

from analysis.errors import ParameterError

FLAG_MEASURES = ("biased",)


def is_flag(measure: str) -> bool:
    """Whether ``measure`` decides yes/no (else it is a model with labels of its own)."""
    return not measure.endswith(".json")


def measure_labels(texts: Sequence[str], measure: str, lexicon=None, *, settings=None) -> list:
    """The kit's label of each text under ``measure`` (module docstring); ``settings``
    (``analysis.codebook.settings``) sets the sentence flag's threshold."""
    if not is_flag(measure):
        from analysis.codebook.learn import load_model, predict

        return predict(load_model(measure), texts)["label"].tolist()
    if measure == "biased":
        from analysis.codebook.settings import read_settings
        from analysis.measures.loaded_language import text_bias

        threshold = read_settings(settings).bias_threshold
        return [text_bias(t, lexicon, threshold=threshold).biased for t in texts]
    if measure.startswith("frame:"):
        parts = measure.split(":")
        if len(parts) != 3:
            raise ParameterError(f"{measure!r}: a frame measure reads frame:SCHEME:FRAME, e.g. frame:generic:conflict",
                                 field="measure")
        from analysis.io.article_file import make_article
        from analysis.measures.frames import frames, schemes

        _, scheme, frame = parts
        known = {(s.name, f) for s in schemes() for f in s.frames}
        if (scheme, frame) not in known:
            raise ParameterError(f"no frame {frame!r} in scheme {scheme!r}; frames are "
                                 f"{', '.join(sorted(f'{s}:{f}' for s, f in known))}", field="measure")
        out = []
        for text in texts:
            table = frames(make_article(text))
            row = table[(table["scheme"] == scheme) & (table["frame"] == frame)]
            out.append(bool(row["present"].iat[0]))
        return out
    raise ParameterError(f"unknown measure {measure!r}: biased, or frame:SCHEME:FRAME", field="measure")
