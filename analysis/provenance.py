"""What produced a result: kit, lexicon and library versions, input hashes, parameters."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path

from analysis.io.hashing import file_sha256

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


def input_sha256(path) -> str:
    """A file's SHA-256, or for a folder one hash over its sorted file list and contents."""
    from analysis.io.tree import tree_sha256

    return tree_sha256(path) if Path(path).is_dir() else file_sha256(path)


def provenance(*, inputs: dict[str, str] | None = None, lexicon=None, parameters: dict | None = None) -> dict:
    """A flat record for manifests and report headers. ``inputs``: name → path (file or folder)."""
    record = {
        "kit": "mediakit",
        "kit_version": kit_version(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "libraries": library_versions(),
    }
    if inputs:
        record["inputs"] = {name: {"path": str(path), "sha256": input_sha256(path)} for name, path in inputs.items()}
    if lexicon is not None:
        record.update(lexicon.provenance())
    if parameters is not None:
        record["parameters"] = parameters
    return record
