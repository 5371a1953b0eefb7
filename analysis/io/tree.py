"""The entries of a corpus folder, in a fixed order, each read or named with its problem.

Hidden files and folders (names starting with ``.``, e.g. ``.DS_Store``,
``.ipynb_checkpoints``) are not part of a corpus; every other entry is, at any depth, and
``walk`` hands each one on: a regular file to read, or an entry with the ``problem`` that
stops it being read, so that a reader can reject it by name instead of losing it:

- a symbolic link to something outside the corpus folder is followed, to a file or a folder;
  a link to something inside it is a problem (it is read at its own path, not twice); so is a
  link whose target does not exist (``broken link``) and a link loop: a link to a folder that
  holds it, a folder reached again inside itself, a link that resolves to itself;
- a file or folder reached a second time from outside (two links to one place, a hard link)
  is read once, at the first path in reading order; the later path is a problem naming the first;
- a folder that cannot be listed, an entry that cannot be examined, a FIFO, socket or device,
  and a name that is not valid UTF-8 are problems, each with the reason.

Order: a folder's own entries that are not read as folders (files, and links and other
entries with a problem) by name, then its subfolders by name, depth first.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from analysis.errors import InputError

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass(frozen=True)
class Entry:
    """One entry of the folder: ``path`` as reached from the root, ``rel`` its ``/``-separated
    path relative to the root, ``problem`` why it cannot be read (``None``: a regular file)."""

    path: Path
    rel: str
    problem: str | None = None


def walk(root) -> Iterator[Entry]:
    """Every non-hidden entry under ``root``, streamed folder by folder (see the module).

    ``InputError`` if ``root`` itself cannot be listed; anything below it that cannot be read
    is an ``Entry`` with a ``problem``, never an exception."""
    root = Path(root)
    try:
        identity = _identity(os.stat(root))
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror})", file=root) from error
    real_root = os.path.realpath(root)
    seen_files: dict[tuple[int, int], str] = {}
    seen_folders: dict[tuple[int, int], str] = {}
    # (folder, rel, identity, ancestors): an explicit stack, so depth is not bounded by recursion
    stack: list[tuple[Path, str, tuple[int, int], dict]] = [(root, "", identity, {})]
    while stack:
        folder, rel, identity, ancestors = stack.pop()
        if identity in ancestors:
            where = ancestors[identity] or "the corpus folder itself"
            yield Entry(folder, rel, f"link loop: leads back to {where}, which holds it")
            continue
        if identity in seen_folders:
            yield Entry(folder, rel, f"same folder as {seen_folders[identity]}, already read")
            continue
        try:
            with os.scandir(folder) as listing:
                names = sorted(e.name for e in listing if not e.name.startswith("."))
        except OSError as error:
            if not rel:
                raise InputError(f"cannot be listed ({error.strerror})", file=root) from error
            yield Entry(folder, rel, f"folder cannot be listed ({error.strerror})")
            continue
        seen_folders[identity] = rel or "."
        inner = {**ancestors, identity: rel}
        folders = []
        for name in names:
            path, child = folder / name, f"{rel}/{name}" if rel else name
            problem, status = _examine(path, name, real_root, child)
            if status is not None and stat.S_ISDIR(status.st_mode):
                folders.append((path, child, _identity(status), inner))
                continue
            if problem is None:
                first = seen_files.setdefault(_identity(status), child)
                if first != child:
                    problem = f"same file as {first}, already read"
            yield Entry(path, child, problem)
        stack.extend(reversed(folders))


def _examine(path: Path, name: str, real_root: str, rel: str) -> tuple[str | None, os.stat_result | None]:
    """``(problem, status)``: ``status`` (links followed) for a regular file or a folder, else
    ``None`` and the problem. A folder with a bad name is a problem as a whole, not descended."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8; rename it to read it", None
    try:
        status = os.stat(path)
        inside = _inside(path, real_root) if path.is_symlink() else None
    except OSError as error:
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            if isinstance(error, FileNotFoundError):
                return f"broken link: its target {target} does not exist", None
            if error.errno == errno.ELOOP:
                return f"link loop: {target} leads back to itself", None
        return f"cannot be examined ({error.strerror})", None
    if inside is not None:
        if inside == "." or f"{rel}/".startswith(f"{inside}/"):
            return f"link loop: leads back to {'the corpus folder itself' if inside == '.' else inside}, which holds it", None
        return f"link to {inside}, which is read at its own path", None
    if stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode):
        return None, status
    kind = next((label for test, label in _KINDS if test(status.st_mode)), "not a regular file")
    return f"is {kind}, not a file; not read", None


def _inside(link: Path, real_root: str) -> str | None:
    """Where the link ``link`` leads inside the corpus (``/``-separated, ``.`` for the folder
    itself), or ``None`` if it leads outside it or into a hidden part of it (not read there)."""
    target = os.path.realpath(link)
    if target != real_root and not target.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    rel = Path(os.path.relpath(target, real_root)).as_posix()
    return None if any(part.startswith(".") for part in rel.split("/") if part != ".") else rel


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def list_files(root) -> Iterator[Path]:
    """Every non-hidden regular file under ``root`` that ``walk`` finds readable, in its order."""
    return (entry.path for entry in walk(root) if entry.problem is None)
