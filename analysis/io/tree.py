"""The files of a corpus folder, in a fixed order, and one hash over all of them.

Hidden files and folders (names starting with ``.``, e.g. ``.DS_Store``,
``.ipynb_checkpoints``) are not part of a corpus; everything else is, at any depth.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator


def list_files(root) -> Iterator[Path]:
    """Every non-hidden regular file under ``root``, streamed folder by folder: a folder's own
    files sorted by name, then its subfolders in name order (depth first)."""
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.startswith(".") and path.is_file():
                yield path


def tree_sha256(root) -> str:
    """SHA-256 over the sorted list of relative paths and each file's own SHA-256."""
    root = Path(root)
    digest = hashlib.sha256()
    for path in sorted(list_files(root), key=lambda p: p.relative_to(root).as_posix()):
        content = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                content.update(block)
        digest.update(f"{path.relative_to(root).as_posix()}\0{content.hexdigest()}\n".encode("utf-8"))
    return digest.hexdigest()
