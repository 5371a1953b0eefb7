"""What produced a result: kit, lexicon and library versions, input hashes, parameters."""

from __future__ import annotations

import hashlib
import platform
import sys
from importlib import metadata
from pathlib import Path

#: Libraries whose version changes a number the kit reports.
SCORING_LIBRARIES = ("pandas", "pyarrow", "textblob", "vaderSentiment", "trafilatura", "matplotlib", "papermill")


#: The lock file pinning every package the kit installs (``uv pip compile``; see docs/cite.md),
#: in a checkout or an editable install: the top of the checkout.
LOCK_FILE = Path(__file__).resolve().parents[1] / "requirements.lock"
#: Its copy inside the package, which a wheel carries (``setup.py``'s build step writes it; a
#: checkout has none).
PACKAGED_LOCK_FILE = Path(__file__).resolve().parent / "requirements.lock"

#: Each measure a report shows → its methods page (what it measures, how, how well, what to cite).
METHODS_PAGES = {
    "loaded language": "docs/methods/loaded-language.md",
    "sentence flag (biased)": "docs/methods/sentence-flag.md",
    "sentiment (TextBlob, VADER)": "docs/methods/sentiment.md",
    "quotes and speakers": "docs/methods/quotes.md",
    "highlights against body": "docs/methods/highlights.md",
    "frames (generic, policy)": "docs/methods/frames.md",
    "actors and roles": "docs/methods/actors-roles.md",
    "sentiment towards actors": "docs/methods/actor-sentiment.md",
    "outlet comparison": "docs/methods/outlet-comparison.md",
    "distinctive terms": "docs/methods/distinctive-terms.md",
}


def lock_file_sha256(path: Path | None = None) -> str:
    """SHA-256 of the lock file the kit was installed with: ``path`` if given, else the copy a
    wheel carries inside the package, else the checkout's (an editable install); ``"not found"``
    where there is none (a package copied without its build step)."""
    candidates = [path] if path is not None else [PACKAGED_LOCK_FILE, LOCK_FILE]
    for candidate in candidates:
        try:
            return hashlib.sha256(candidate.read_bytes()).hexdigest()
        except OSError:
            continue
    return "not found"


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
        "lock_file_sha256": lock_file_sha256(),
        "methods": dict(METHODS_PAGES),
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
