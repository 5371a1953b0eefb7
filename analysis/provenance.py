"""What produced a result: kit, lexicon and library versions, input hashes, parameters."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

#: Libraries whose version changes a number the kit reports.
SCORING_LIBRARIES = ("pandas", "pyarrow", "textblob", "vaderSentiment", "trafilatura", "matplotlib", "papermill")


def kit_version() -> str:
    try:
        return metadata.version("mediakit")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def library_versions() -> dict[str, str]:
    versions = {}
    for name in SCORING_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance(*, inputs: dict[str, dict] | None = None, lexicon=None, parameters: dict | None = None) -> dict:
    """A flat record for manifests and report headers. ``inputs``: name → ``{"path", "sha256", …}``
    as hashed by whatever read it (``Article.sha256``, a run's ``manifest["inputs"]``): provenance
    reads nothing, so it certifies the bytes that were used, not the file as it is now."""
    record = {
        "kit": "mediakit",
        "kit_version": kit_version(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "libraries": library_versions(),
    }
    if inputs:
        record["inputs"] = {name: dict(item) for name, item in inputs.items()}
    if lexicon is not None:  # what scoring matched: the loaded-language lexicon and the frame cues
        from analysis.measures.frames import schemes

        record.update(lexicon.provenance())
        for scheme in schemes():
            record.update(scheme.provenance())
    if parameters is not None:
        record["parameters"] = parameters
    return record
